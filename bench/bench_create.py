# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# A command-line benchmark prints its table.
# pylint: disable=print-used
"""Benchmark: creating 300 sessions in one batch against Odoo's ``calendar.event``.

As the front-desk user, one ``create`` of 300 sessions (30 clients with a quote of
10 sessions each, 10 operators on the company's working calendar, 8 hours a day
over 4 working days) against one ``create`` of 300 ``calendar.event`` with the same
times, organiser and client. Twice: as each model works by default (the sessions
email one confirmation per client, the events one invitation per attendee, both
queued, not sent: ``mail_notify_force_send`` off), and with their messages off
(``fo_no_client_messages`` for the sessions, events whose only attendee is the
organiser). Queries and best milliseconds of
RUNS runs, taken in turns so that the machine's other work weighs on both alike;
each run is rolled back to a savepoint.

    python3 bench/bench_create.py -c ODOO_CONFIG -d DATABASE

(scripts/bench installs the addon and ``calendar`` on a throw-away database.)
"""

import argparse
from datetime import date, datetime, time, timedelta

import pytz
from bench_booking import confirmed_quote, measure  # same folder: run as a script

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tools import config

SESSIONS = 300
CLIENTS = 30
OPERATORS = 10
HOURS = (8, 9, 10, 11, 13, 14, 15, 16)  # inside the standard 40-hour calendar
RUNS = 5


def working_days(first, count):
    day = first
    while count:
        if day.weekday() < 5:
            yield day
            count -= 1
        day += timedelta(days=1)


def setup(env):
    """The desk user, the operators, the clients with their quotes, and the
    300 (start, operator, client) the two creates share."""
    company = env.company
    desk = env["res.users"].create(
        {
            "name": "Bench desk",
            "login": "bench_desk_create",
            "email": "desk@example.com",
            "tz": "Europe/Rome",
            "group_ids": [
                Command.link(env.ref("front_office_quotes.group_front_office_user").id)
            ],
        }
    )
    calendar = company.resource_calendar_id
    calendar.tz = "Europe/Rome"
    operators = env["resource.resource"].create(
        [
            {
                "name": f"Bench operator {i}",
                "tz": "Europe/Rome",
                "calendar_id": calendar.id,
            }
            for i in range(OPERATORS)
        ]
    )
    product = env["product.product"].create(
        {
            "name": "Bench massage",
            "type": "service",
            "fo_is_bookable": True,
            "fo_session_duration": 1.0,
        }
    )
    clients = env["res.partner"].create(
        [
            {"name": f"Bench client {i}", "email": f"client{i}@example.com"}
            for i in range(CLIENTS)
        ]
    )
    first = date.today() + timedelta(days=7)
    lines = {
        client.id: confirmed_quote(
            env, product, client, SESSIONS // CLIENTS, first, 60
        ).order_line
        for client in clients
    }
    rome = pytz.timezone("Europe/Rome")
    plan = []
    slot = 0
    for day in working_days(first, 10):
        for hour in HOURS:
            start = (
                rome.localize(datetime.combine(day, time(hour)))
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
            )
            for rank, operator in enumerate(operators):
                # The clients of one hour are all different.
                client = clients[(slot * OPERATORS + rank) % CLIENTS]
                plan.append((start, operator, client))
            slot += 1
            if len(plan) >= SESSIONS:
                return desk, plan[:SESSIONS], lines
    raise AssertionError("not enough days")


def best_of_runs(env, *funcs):
    """(queries, best ms) of each function, each run rolled back."""
    runs = []
    for _run in range(RUNS):
        row = []
        for func in funcs:
            with env.cr.savepoint(flush=False) as savepoint:
                row.append(measure(env, func))
                savepoint.rollback()
            env.invalidate_all()
        runs.append(row)
    return [
        (min(run[i][1] for run in runs), min(run[i][2] for run in runs))
        for i in range(len(funcs))
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database])
    config["log_level"] = "warn"
    registry = Registry(args.database)
    if "calendar.event" not in registry:
        print("Odoo's calendar is not installed on this database: no comparison.")
        return
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        desk, plan, lines = setup(env)
        env.flush_all()
        desk_env = env(user=desk, context={"tz": "Europe/Rome"})
        Booking = desk_env["front.office.booking"]
        Event = desk_env["calendar.event"]

        def sessions(**context):
            return lambda: Booking.with_context(**context).create(
                [
                    {
                        "sale_line_id": lines[client.id].id,
                        "start": start,
                        "resource_id": operator.id,
                    }
                    for start, operator, client in plan
                ]
            )

        def events(with_client=True, **context):
            return lambda: Event.with_context(**context).create(
                [
                    {
                        "name": f"Bench massage – {client.name}",
                        "start": start,
                        "stop": start + timedelta(hours=1),
                        "user_id": desk.id,
                        "partner_ids": [
                            Command.set(
                                [desk.partner_id.id, client.id]
                                if with_client
                                else [desk.partner_id.id]
                            )
                        ],
                    }
                    for start, _operator, client in plan
                ]
            )

        rows = []
        for label, ours, core in (
            (
                "with their messages",
                sessions(mail_notify_force_send=False),
                events(mail_notify_force_send=False),
            ),
            (
                "messages off",
                sessions(fo_no_client_messages=True),
                events(with_client=False),
            ),
        ):
            (queries, ms), (core_queries, core_ms) = best_of_runs(env, ours, core)
            rows.append((label, queries, ms, core_queries, core_ms))
        cr.rollback()
    print()
    print(
        f"Creating {SESSIONS} sessions in one batch as the desk user against "
        f"{SESSIONS} calendar.event; best of {RUNS} runs"
    )
    print(
        f"{'':<20} | {'queries':>7} | {'ms':>7} | {'core queries':>12} | "
        f"{'core ms':>7} | {'ours/core':>9}"
    )
    print("-" * 78)
    for label, queries, ms, core_queries, core_ms in rows:
        print(
            f"{label:<20} | {queries:>7} | {ms:>7.0f} | {core_queries:>12} | "
            f"{core_ms:>7.0f} | {ms / core_ms:>8.2f}x"
        )


if __name__ == "__main__":
    main()
