# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# A command-line benchmark prints its table.
# pylint: disable=print-used
"""Benchmark: one batch of the reminder cron for N due sessions.

Prints, for 10, 100 and 1,000 due reminders (email, and email + SMS), the SQL
queries and milliseconds of one batch of ``_fo_send_due_reminders`` (what the cron
runs between two commits). The emails and SMS are queued, nothing is sent.
Everything is rolled back: the database is left as it was.

    python3 bench/bench_reminders.py -c ODOO_CONFIG -d DATABASE

(scripts/bench prepares a throw-away database and runs it.)
"""

import argparse
import time
from datetime import date, datetime, timedelta

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tools import config

SIZES = (10, 100, 1000)


def measure(env, func):
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    result = func()
    env.flush_all()
    return (
        result,
        env.cr.sql_log_count - queries,
        (time.perf_counter() - started) * 1000,
    )


def bench(env, size, sms):
    today = date.today()
    env.company.write({"fo_reminder_hours": 24 * 90, "fo_reminder_sms": sms})
    # Always available (no working calendar): the sessions run hour after hour,
    # weekends included.
    resource = env["resource.resource"].create(
        {"name": f"Bench room {size}", "tz": "Europe/Rome", "calendar_id": False}
    )
    product = env["product.product"].create(
        {
            "name": f"Bench massage {size}",
            "type": "service",
            "fo_is_bookable": True,
            "fo_session_duration": 1.0,
        }
    )
    partner = env["res.partner"].create(
        {
            "name": f"Bench client {size}",
            "email": f"bench{size}@example.com",
            "phone": "+39 333 123 4567",
        }
    )
    order = (
        env["sale.order"]
        .with_context(front_office=True)
        .create(
            {
                "partner_id": partner.id,
                "validity_start_date": today,
                "validity_date": today + timedelta(days=size // 24 + 30),
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": size})
                ],
            }
        )
    )
    order.action_confirm()
    first = datetime.combine(today + timedelta(days=1), datetime.min.time())
    env["front.office.booking"].with_context(fo_no_client_messages=True).create(
        [
            {
                "sale_line_id": order.order_line.id,
                "start": first + timedelta(hours=i),
                "resource_id": resource.id,
            }
            for i in range(size)
        ]
    )
    Booking = env["front.office.booking"]
    (sent, _remaining), queries, ms = measure(
        env, lambda: Booking._fo_send_due_reminders(batch_size=size)
    )
    assert sent == size, (sent, size)
    # Leave nothing due for the next size.
    order.fo_booking_ids.sudo().write({"state": "cancelled"})
    return queries, ms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database])
    odoo.tools.config["log_level"] = "warn"
    registry = Registry(args.database)
    rows = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        # Warm the caches once, so that the first size is not charged for them.
        bench(env, 2, True)
        for size in SIZES:
            rows.append((size, *bench(env, size, False), *bench(env, size, True)))
        cr.rollback()
    print()
    print(
        f"{'reminders':>9} | {'email: queries':>14} | {'email: ms':>9} | "
        f"{'+SMS: queries':>13} | {'+SMS: ms':>8}"
    )
    print("-" * 66)
    for size, eq, ems, sq, sms in rows:
        print(f"{size:>9} | {eq:>14} | {ems:>9.0f} | {sq:>13} | {sms:>8.0f}")


if __name__ == "__main__":
    main()
