# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# A command-line benchmark prints its table.
# pylint: disable=print-used
"""Benchmark: book N sessions through the wizard, read one planning week.

Prints, for 10, 100 and 1,000 bookings, the SQL queries and milliseconds of
(1) booking them with front.office.booking.wizard and (2) reading one week of the
services planning (the calendar's search_read) once they exist; then (3) the wizard
refusing 100,000 sessions of a quote with 20 left, and (4) moving 5 and 50 bookings
of one client in one write (queries, how many overlap queries the rule book ran, and
how many move notices were emailed: queued, not sent). Everything is rolled back:
the database is left as it was.

    python3 bench/bench_booking.py -c ODOO_CONFIG -d DATABASE

(scripts/bench prepares a throw-away database and runs it.)
"""

import argparse
import time
from datetime import date, datetime, timedelta
from unittest.mock import patch

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tools import config

SIZES = (10, 100, 1000)
PLANNING_FIELDS = [
    "display_name",
    "start",
    "duration",
    "stop",
    "partner_id",
    "product_id",
    "resource_id",
    "state",
]


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


def bench(env, size):
    today = date.today()
    resource = env["resource.resource"].create(
        {"name": f"Bench room {size}", "tz": "UTC", "calendar_id": False}
    )
    order = _quote(env, f"massage {size}", size, size + 30)
    first = datetime.combine(
        today + timedelta(days=1), datetime.min.time()
    ) + timedelta(hours=9)

    def book():
        wizard = (
            env["front.office.booking.wizard"]
            .with_context(default_sale_order_id=order.id)
            .create({})
        )
        wizard.line_ids.write(
            {
                "session_count": size,
                "first_start": first,
                "interval_days": 1,
                "resource_id": resource.id,
            }
        )
        wizard.action_confirm()

    _, book_queries, book_ms = measure(env, book)
    assert len(order.fo_booking_ids) == size

    week_start = first - timedelta(days=first.weekday())

    def read_week():
        return env["front.office.booking"].search_read(
            [
                ("start", "<", week_start + timedelta(days=7)),
                ("stop", ">", week_start),
                ("state", "!=", "cancelled"),
            ],
            PLANNING_FIELDS,
        )

    records, week_queries, week_ms = measure(env, read_week)
    return book_queries, book_ms, week_queries, week_ms, len(records)


def _quote(env, name, sessions, days):
    today = date.today()
    product = env["product.product"].create(
        {
            "name": f"Bench {name}",
            "type": "service",
            "fo_is_bookable": True,
            "fo_session_duration": 1.0,
        }
    )
    partner = env["res.partner"].create({"name": f"Bench client {name}"})
    return confirmed_quote(env, product, partner, sessions, today, days)


def confirmed_quote(env, product, partner, sessions, first_day, days):
    """A confirmed quote of ``sessions`` sessions of ``product``, valid ``days``
    days from ``first_day``."""
    order = (
        env["sale.order"]
        .with_context(front_office=True)
        .create(
            {
                "partner_id": partner.id,
                "validity_start_date": first_day,
                "validity_date": first_day + timedelta(days=days),
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": sessions}
                    )
                ],
            }
        )
    )
    order.action_confirm()
    return order


def bench_refusal(env):
    """The wizard asked for 100,000 sessions of a quote with 20 left."""
    order = _quote(env, "refusal", 20, 60)
    resource = env["resource.resource"].create(
        {"name": "Bench refusal room", "calendar_id": False}
    )

    def refuse():
        wizard = (
            env["front.office.booking.wizard"]
            .with_context(default_sale_order_id=order.id)
            .create({})
        )
        wizard.line_ids.write({"session_count": 100_000, "resource_id": resource.id})
        planned = len(wizard.slot_ids)
        try:
            wizard.action_confirm()
        except UserError as error:
            return planned, str(error)
        return planned, "accepted!"

    (planned, message), queries, ms = measure(env, refuse)
    return planned, message, queries, ms


def bench_batch_write(env, size):
    """Move ``size`` bookings of one client to another resource in one write."""
    order = _quote(env, f"move {size}", size, size + 30)
    rooms = env["resource.resource"].create(
        [
            {"name": f"Bench move room {size} {i}", "calendar_id": False}
            for i in range(2)
        ]
    )
    first = datetime.combine(date.today() + timedelta(days=1), datetime.min.time())
    bookings = env["front.office.booking"].create(
        [
            {
                "sale_line_id": order.order_line.id,
                "resource_id": rooms[0].id,
                "start": first + timedelta(days=day, hours=9),
            }
            for day in range(size)
        ]
    )
    # The client can be emailed: the move notice is rendered and queued.
    client = order.partner_id
    client.email = f"bench.move{size}@example.com"
    Mail = env["mail.mail"]
    mails_before = Mail.search_count([("recipient_ids", "in", client.ids)])
    Booking = type(env["front.office.booking"])
    with patch.object(
        Booking,
        "_fo_find_conflicts",
        autospec=True,
        side_effect=Booking._fo_find_conflicts,
    ) as find_conflicts:
        _, queries, ms = measure(
            env,
            lambda: bookings.with_context(mail_notify_force_send=False).write(
                {"resource_id": rooms[1].id}
            ),
        )
    notices = Mail.search_count([("recipient_ids", "in", client.ids)]) - mails_before
    return queries, ms, find_conflicts.call_count, notices


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
        bench(env, 2)
        for size in SIZES:
            rows.append((size, *bench(env, size)))
        bench_refusal(env)
        planned, message, refusal_queries, refusal_ms = bench_refusal(env)
        bench_batch_write(env, 2)  # warm-up, as for the bookings
        moves = [(size, *bench_batch_write(env, size)) for size in (5, 50)]
        cr.rollback()
    print()
    print(
        f"{'bookings':>9} | {'book: queries':>13} | {'book: ms':>9} | "
        f"{'week: queries':>13} | {'week: ms':>8} | {'week rows':>9}"
    )
    print("-" * 76)
    for size, bq, bms, wq, wms, wrows in rows:
        print(
            f"{size:>9} | {bq:>13} | {bms:>9.0f} | {wq:>13} | {wms:>8.1f} | {wrows:>9}"
        )
    print()
    print(
        f"Wizard asked for 100,000 sessions (20 left): {refusal_queries} queries, "
        f"{refusal_ms:.0f} ms, {planned} sessions planned, refused with: {message}"
    )
    print()
    print(
        f"{'moved':>9} | {'queries':>8} | {'ms':>6} | {'overlap queries':>15} | "
        f"{'notices':>7}"
    )
    print("-" * 58)
    for size, queries, ms, overlap, notices in moves:
        print(f"{size:>9} | {queries:>8} | {ms:>6.0f} | {overlap:>15} | {notices:>7}")


if __name__ == "__main__":
    main()
