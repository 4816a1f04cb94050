# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# A command-line benchmark prints its table.
# pylint: disable=print-used
"""Benchmark: one week of the services planning against Odoo's own calendar.

Books 2,000 sessions in one week (20 resources, 20 clients), then reads the week as
the planning calendar does (its fields, the session's display name "n/N" included)
and compares it with reading 2,000 ``calendar.event`` of one week with the fields of
Odoo's own calendar view. Prints queries and the median milliseconds of 5 warm
reads. Everything is rolled back.

    python3 bench/bench_planning.py -c ODOO_CONFIG -d DATABASE

(scripts/bench installs the addon and ``calendar`` on a throw-away database.)
"""

import argparse
import statistics
import time
from datetime import date, datetime, timedelta

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tools import config

SESSIONS = 2000
RESOURCES = 20
PLANNING_FIELDS = [
    "display_name",
    "start",
    "stop",
    "duration",
    "partner_id",
    "product_id",
    "resource_id",
    "room_id",
    "state",
    "payment_state",
]
CALENDAR_FIELDS = [
    "display_name",
    "start",
    "stop",
    "duration",
    "allday",
    "partner_ids",
    "location",
    "user_id",
    "privacy",
    "attendees_count",
]


def measure(env, func, runs=5):
    timings, queries = [], 0
    for _run in range(runs):
        env.invalidate_all()
        before = env.cr.sql_log_count
        started = time.perf_counter()
        rows = func()
        timings.append((time.perf_counter() - started) * 1000)
        queries = env.cr.sql_log_count - before
    return len(rows), queries, statistics.median(timings)


def week_of_sessions(env, monday):
    per_resource = SESSIONS // RESOURCES
    product = env["product.product"].create(
        {
            "name": "Bench planning massage",
            "type": "service",
            "fo_is_bookable": True,
            "fo_session_duration": 0.75,
        }
    )
    resources = env["resource.resource"].create(
        [
            {"name": f"Bench planning room {i}", "calendar_id": False, "tz": "UTC"}
            for i in range(RESOURCES)
        ]
    )
    partners = env["res.partner"].create(
        [{"name": f"Bench planning client {i}"} for i in range(RESOURCES)]
    )
    orders = env["sale.order"].create(
        [
            {
                "partner_id": partner.id,
                "validity_start_date": monday,
                "validity_date": monday + timedelta(days=6),
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": per_resource}
                    )
                ],
            }
            for partner in partners
        ]
    )
    orders.action_confirm()
    start = datetime.combine(monday, datetime.min.time())
    env["front.office.booking"].create(
        [
            {
                "sale_line_id": order.order_line.id,
                "resource_id": resource.id,
                "start": start + timedelta(minutes=90 * slot),
            }
            for order, resource in zip(orders, resources, strict=True)
            for slot in range(per_resource)
        ]
    )


def week_of_events(env, monday):
    partners = env["res.partner"].create(
        [{"name": f"Bench calendar guest {i}"} for i in range(RESOURCES)]
    )
    start = datetime.combine(monday, datetime.min.time())
    env["calendar.event"].with_context(no_mail_to_attendees=True).create(
        [
            {
                "name": f"Bench event {i}",
                "start": start + timedelta(minutes=90 * (i // RESOURCES)),
                "stop": start + timedelta(minutes=90 * (i // RESOURCES) + 45),
                "partner_ids": [Command.set([partners[i % RESOURCES].id])],
            }
            for i in range(SESSIONS)
        ]
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database])
    config["log_level"] = "warn"
    registry = Registry(args.database)
    today = date.today()
    monday = today + timedelta(days=7 - today.weekday())
    domain = [
        (
            "start",
            "<",
            datetime.combine(monday + timedelta(days=7), datetime.min.time()),
        ),
        ("stop", ">", datetime.combine(monday, datetime.min.time())),
    ]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        week_of_sessions(env, monday)
        Booking = env["front.office.booking"]
        planning = measure(
            env,
            lambda: Booking.search_read(
                [*domain, ("state", "!=", "cancelled")], PLANNING_FIELDS
            ),
        )
        calendar = None
        if "calendar.event" in env:
            week_of_events(env, monday)
            Event = env["calendar.event"]
            calendar = measure(env, lambda: Event.search_read(domain, CALENDAR_FIELDS))
        cr.rollback()
    print()
    print(f"{'one week read':>28} | {'rows':>5} | {'queries':>7} | {'ms (median)':>11}")
    print("-" * 62)
    print(
        f"{'services planning':>28} | {planning[0]:>5} | {planning[1]:>7} | "
        f"{planning[2]:>11.0f}"
    )
    if calendar:
        print(
            f"{'calendar.event (Odoo)':>28} | {calendar[0]:>5} | {calendar[1]:>7} | "
            f"{calendar[2]:>11.0f}"
        )
        print(f"\nplanning / calendar.event: {planning[2] / calendar[2]:.2f}x")


if __name__ == "__main__":
    main()
