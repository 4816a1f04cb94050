# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# A command-line benchmark prints its table.
# pylint: disable=print-used
"""Benchmark: the session analysis and the dashboard on a year of history, against
Odoo's own sales analysis grouped the same way on the same orders.

Sells 5,000 one-line quotes of 20 sessions (100,000 sessions, 20 operators, a
year before today and a month after it, every state), then reads

- the session analysis grouped by operator and month (hours, busy hours, value),
  and the same with the rebooking flag as a group;
- ``sale.report`` grouped by salesperson and month on the same orders (the
  throw-away database holds no other);
- the dashboard of the last 12 months and of this week.

Prints rows, queries and the median milliseconds of 3 warm reads. The sessions
are written with one INSERT (their rule book is measured by bench_booking.py);
everything is rolled back.

    python3 bench/bench_reports.py -c ODOO_CONFIG -d DATABASE [--orders 5000]
"""

import argparse
import statistics
import time
from datetime import date, datetime, timedelta

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tools import SQL, config

SESSIONS_PER_ORDER = 20  # one operator per session rank: no overlap by design
DAYS = 395  # a year of history and a month ahead
# The outcome of a past session, by its number modulo 100.
OUTCOMES = [("no_show", 8), ("late_cancel", 5), ("cancelled", 7)]


def measure(env, func, runs=3):
    timings, queries, result = [], 0, None
    for _run in range(runs):
        env.invalidate_all()
        before = env.cr.sql_log_count
        started = time.perf_counter()
        result = func()
        timings.append((time.perf_counter() - started) * 1000)
        queries = env.cr.sql_log_count - before
    return result, queries, statistics.median(timings)


def outcome(number):
    rank = number % 100
    for state, share in OUTCOMES:
        if rank < share:
            return state
        rank -= share
    return "done"


def history(env, orders_count):
    """``orders_count`` confirmed quotes of 20 sessions each, and their sessions.

    Session ``k`` of quote ``o`` is operator ``k``'s, on day ``(o + 18k) % DAYS``
    at ``6 + o // DAYS`` o'clock UTC: a client never has two sessions on a day and
    an operator never two at an hour. A third of the sessions were booked by the
    client right after the previous one (rebookings)."""
    product = env["product.product"].create(
        {
            "name": "Bench report massage",
            "type": "service",
            "list_price": 50.0,
            "fo_is_bookable": True,
            "fo_session_duration": 1.0,
            "fo_buffer_after": 0.25,
        }
    )
    operators = env["resource.resource"].create(
        [
            {"name": f"Bench report operator {i}", "calendar_id": False, "tz": "UTC"}
            for i in range(SESSIONS_PER_ORDER)
        ]
    )
    env["resource.resource"].search(
        [("id", "not in", operators.ids)]
    ).fo_show_in_diary = False
    partners = env["res.partner"].create(
        [{"name": f"Bench report client {i}"} for i in range(orders_count)]
    )
    first_day = date.today() - timedelta(days=365)
    orders = env["sale.order"]
    for chunk in range(0, orders_count, 500):
        batch = env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "validity_start_date": first_day,
                    "validity_date": first_day + timedelta(days=DAYS),
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": SESSIONS_PER_ORDER,
                            }
                        )
                    ],
                }
                for partner in partners[chunk : chunk + 500]
            ]
        )
        batch.action_confirm()
        orders |= batch
        env.flush_all()
        env.invalidate_all()
    now = datetime.now()
    origin = datetime.combine(first_day, datetime.min.time())
    rows = []
    for o, order in enumerate(orders):
        line = order.order_line
        for k, operator in enumerate(operators):
            number = o * SESSIONS_PER_ORDER + k
            start = origin + timedelta(days=(o + 18 * k) % DAYS, hours=6 + o // DAYS)
            state = outcome(number) if start < now else "booked"
            created = start - timedelta(days=14)
            if k and number % 3 == 0:
                before = (o + 18 * (k - 1)) % DAYS
                created = origin + timedelta(days=before, hours=7 + o // DAYS)
            rows.append(
                (
                    line.id,
                    order.id,
                    order.partner_id.id,
                    product.id,
                    order.company_id.id,
                    operator.id,
                    state,
                    start,
                    start + timedelta(hours=1),
                    start + timedelta(hours=1.25),
                    created,
                )
            )
    for chunk in range(0, len(rows), 10000):
        env.cr.execute(
            SQL(
                """
                INSERT INTO front_office_booking
                    (sale_line_id, sale_order_id, partner_id, product_id, company_id,
                     resource_id, state, start, stop, busy_stop, create_date,
                     duration, payment_state, create_uid, write_uid, write_date)
                SELECT v.*, 1.0, 'not_paid', %s, %s, now() AT TIME ZONE 'UTC'
                  FROM (VALUES %s) AS v
                """,
                SUPERUSER_ID,
                SUPERUSER_ID,
                SQL(", ").join(SQL("%s", row) for row in rows[chunk : chunk + 10000]),
            )
        )
    lines = orders.order_line
    lines.invalidate_recordset()
    env.add_to_compute(lines._fields["fo_sessions_unused"], lines)
    env.add_to_compute(lines._fields["fo_sessions_remaining"], lines)
    env.flush_all()
    # A database with a year of history has its statistics: so does this one.
    env.cr.execute("ANALYZE")
    return orders, len(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--orders", type=int, default=5000)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database])
    config["log_level"] = "warn"
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        started = time.perf_counter()
        orders, sessions = history(env, args.orders)
        built = time.perf_counter() - started
        Report = env["front.office.report"]
        SaleReport = env["sale.report"]
        today = date.today()
        results = {
            "sessions by operator, month": measure(
                env,
                lambda: Report._read_group(
                    [],
                    ["resource_id", "date:month"],
                    ["__count", "hours:sum", "busy_hours:sum", "value:sum"],
                ),
            ),
            "... and rebooked": measure(
                env,
                lambda: Report._read_group(
                    [], ["resource_id", "date:month", "rebooked"], ["__count"]
                ),
            ),
            "sale.report (Odoo), same": measure(
                env,
                lambda: SaleReport._read_group(
                    [],
                    ["user_id", "date:month"],
                    ["__count", "product_uom_qty:sum", "price_subtotal:sum"],
                ),
            ),
            "dashboard, 12 months": measure(
                env,
                lambda: [
                    Report.fo_dashboard_data(
                        str(today - timedelta(days=365)), str(today)
                    )
                ],
            ),
            "dashboard, this week": measure(
                env,
                lambda: [
                    Report.fo_dashboard_data(
                        str(today - timedelta(days=today.weekday())),
                        str(today + timedelta(days=6 - today.weekday())),
                    )
                ],
            ),
        }
        cr.rollback()
    print(f"\n{sessions} sessions on {len(orders)} quotes (built in {built:.0f} s)\n")
    print(f"{'read':>28} | {'groups':>6} | {'queries':>7} | {'ms (median)':>11}")
    print("-" * 62)
    for name, (result, queries, ms) in results.items():
        print(f"{name:>28} | {len(result):>6} | {queries:>7} | {ms:>11.0f}")
    ours = results["sessions by operator, month"][2]
    core = results["sale.report (Odoo), same"][2]
    print(f"\nanalysis / sale.report: {ours / core:.2f}x")


if __name__ == "__main__":
    main()
