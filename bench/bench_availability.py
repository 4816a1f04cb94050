# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# A command-line benchmark prints its table.
# pylint: disable=print-used
"""Benchmark: the first free slots against Odoo's working time; the wizard's batch.

(1) ``front.office.booking._fo_find_free_slots`` over 14 days for 2 and 12
operators (each with a realistic calendar of its own or sharing the two first
ones, a day off each, the centre's closure, sessions already booked, a service that
also needs one of two rooms), with ``limit=10000`` (the whole period scanned) and
``limit=10`` (the desk's question): SQL queries and milliseconds, against core's
``resource.resource._get_valid_work_intervals`` for the same resources and period.
(2) The booking wizard planning and booking 5 and 30 sessions of a service with a
room, on working calendars: queries of the preview and of the confirmation.
Everything is rolled back: the database is left as it was.

    python3 bench/bench_availability.py -c ODOO_CONFIG -d DATABASE

(scripts/bench prepares a throw-away database and runs it.)
"""

import argparse
from datetime import date, datetime, timedelta

import pytz
from bench_booking import confirmed_quote, measure  # same folder: run as a script

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tools import config

DAYS = 14
RUNS = 11
# (weekdays, [(from, to), ...]) in Rome: a centre's usual schedules.
SCHEDULES = [
    (range(6), [(9, 13), (14, 19)]),  # the centre's hours, Monday-Saturday
    (range(5), [(14, 20)]),  # afternoons
    (range(5), [(8, 14)]),  # mornings
    (range(1, 6), [(10, 13), (14, 19)]),  # Tuesday-Saturday
    (range(3), [(9, 18)]),  # part time, no lunch break
    ((0, 2, 4), [(9, 13), (15, 19)]),  # Monday, Wednesday, Friday
    ((1, 3, 5), [(9, 13), (14, 18)]),  # Tuesday, Thursday, Saturday
    (range(6), [(7, 11)]),  # early mornings
    (range(4), [(12, 20)]),  # Monday-Thursday, long afternoons
    (range(2, 6), [(9, 13), (14, 17)]),  # Wednesday-Saturday
    (range(5), [(9, 12), (13, 16), (17, 19)]),  # split shifts
    ((5,), [(9, 19)]),  # Saturdays only
]


def best_of_runs(env, *funcs):
    """(queries, best ms) of each function over RUNS cold runs, taken in turns so
    that the machine's other work weighs on them alike; queries must not vary."""
    runs = [[measure(env, func) for func in funcs] for _ in range(RUNS)]
    results = []
    for i in range(len(funcs)):
        queries = {run[i][1] for run in runs}
        assert len(queries) == 1, queries
        results.append((queries.pop(), min(run[i][2] for run in runs)))
    return results


def rome(day, hour):
    """Naive UTC of ``hour`` o'clock in Rome on ``day``."""
    tz = pytz.timezone("Europe/Rome")
    local = tz.localize(
        datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)
    )
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def make_calendars(env, company):
    return env["resource.calendar"].create(
        [
            {
                "name": f"Bench schedule {i}",
                "tz": "Europe/Rome",
                "company_id": company.id,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"{day} {start}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": stop,
                        }
                    )
                    for day in days
                    for start, stop in hours
                ],
            }
            for i, (days, hours) in enumerate(SCHEDULES)
        ]
    )


def quote(env, product, partner, sessions, first_day, days):
    return confirmed_quote(env, product, partner, sessions, first_day, days).order_line


class Centre:
    """Twelve operators, two rooms, leaves, a closure and booked sessions."""

    def __init__(self, env):
        self.env = env
        company = env.company
        self.first_day = date.today() + timedelta(days=7 - date.today().weekday())
        self.calendars = make_calendars(env, company)
        Resource = env["resource.resource"]
        self.rooms = Resource.create(
            [
                {
                    "name": f"Bench room {i}",
                    "resource_type": "material",
                    "tz": "Europe/Rome",
                    "calendar_id": self.calendars[0].id,
                }
                for i in range(2)
            ]
        )
        # Each operator a schedule of its own; a second dozen shares the two
        # first schedules (the 2-operator case's), to tell the cost of the
        # operators from the cost of the calendars.
        self.operators = Resource.create(
            [
                {
                    "name": f"Bench operator {i}",
                    "tz": "Europe/Rome",
                    "calendar_id": calendar.id,
                }
                for i, calendar in enumerate(self.calendars)
            ]
        )
        self.shared = self.operators[:2] | Resource.create(
            [
                {
                    "name": f"Bench colleague {i}",
                    "tz": "Europe/Rome",
                    "calendar_id": self.calendars[i % 2].id,
                }
                for i in range(2, 12)
            ]
        )
        Leave = env["resource.calendar.leaves"]
        # A day off for each operator, and the centre closed one day.
        Leave.create(
            [
                {
                    "name": "Day off",
                    "resource_id": resource.id,
                    "date_from": rome(self.first_day + timedelta(days=i % DAYS), 0),
                    "date_to": rome(self.first_day + timedelta(days=i % DAYS), 23),
                }
                for i, resource in enumerate(self.operators | self.shared)
            ]
            + [
                {
                    "name": "Closed",
                    "calendar_id": self.calendars[0].id,
                    "date_from": rome(self.first_day + timedelta(days=9), 0),
                    "date_to": rome(self.first_day + timedelta(days=9), 23),
                }
            ]
        )
        self.product = env["product.product"].create(
            {
                "name": "Bench treatment",
                "type": "service",
                "fo_is_bookable": True,
                "fo_session_duration": 1.0,
                "fo_buffer_after": 0.25,
                "fo_resource_ids": [Command.set((self.operators | self.shared).ids)],
                "fo_room_ids": [Command.set(self.rooms.ids)],
            }
        )
        self.client_line = quote(
            env,
            self.product,
            env["res.partner"].create({"name": "Bench client"}),
            10,
            self.first_day,
            60,
        )
        self._book_others()
        self.start = rome(self.first_day, 0)
        self.stop = rome(self.first_day + timedelta(days=DAYS), 0)

    def _book_others(self):
        """Other clients' sessions: about one an hour of the centre's free time,
        each client at most one session a day."""
        Booking = self.env["front.office.booking"]
        slots = Booking._fo_find_free_slots(
            self.client_line,
            rome(self.first_day, 0),
            rome(self.first_day + timedelta(days=DAYS), 0),
            self.operators | self.shared,
            limit=100000,
        )
        chosen, last_stop = [], datetime.min
        for slot in slots:
            if slot["start"] >= last_stop:
                chosen.append(slot)
                last_stop = slot["stop"] + timedelta(hours=1)
        partners = self.env["res.partner"].create(
            [{"name": f"Bench other client {i}"} for i in range(len(chosen))]
        )
        vals_list = []
        for slot, partner in zip(chosen, partners, strict=True):
            line = quote(self.env, self.product, partner, 1, self.first_day, 60)
            vals_list.append(
                {
                    "sale_line_id": line.id,
                    "resource_id": slot["resource_id"],
                    "room_id": slot["room_id"],
                    "start": slot["start"],
                }
            )
        self.booked = Booking.create(vals_list)


def bench_free_slots(env, centre, operators, limit):
    Booking = env["front.office.booking"]

    def ours():
        return Booking._fo_find_free_slots(
            centre.client_line, centre.start, centre.stop, operators, limit=limit
        )

    def core():
        # The period _fo_find_free_slots asks core for (clean-up time included).
        return (operators | centre.rooms)._get_valid_work_intervals(
            pytz.utc.localize(centre.start),
            pytz.utc.localize(centre.stop + timedelta(hours=0.25)),
        )

    found, _q, _ms = measure(env, ours)  # warm
    measure(env, core)
    (queries, ms), (core_queries, core_ms) = best_of_runs(env, ours, core)
    return len(found), queries, ms, core_queries, core_ms


def bench_wizard(env, centre, sessions):
    """Plan ``sessions`` weekly sessions with the wizard, then book them."""
    partner = env["res.partner"].create({"name": f"Bench wizard client {sessions}"})
    line = quote(env, centre.product, partner, sessions, centre.first_day, 7 * 31)
    operator = env["resource.resource"].create(
        {
            "name": f"Bench wizard operator {sessions}",
            "tz": "Europe/Rome",
            "calendar_id": centre.calendars[0].id,
        }
    )
    centre.product.fo_resource_ids = [Command.link(operator.id)]
    room = env["resource.resource"].create(
        {
            "name": f"Bench wizard room {sessions}",
            "resource_type": "material",
            "tz": "Europe/Rome",
            "calendar_id": centre.calendars[0].id,
        }
    )
    centre.product.fo_room_ids = [Command.link(room.id)]
    # Tuesdays at 10:00 (the closure and the days off are elsewhere).
    first = rome(centre.first_day + timedelta(days=1), 10)

    def preview():
        wizard = (
            env["front.office.booking.wizard"]
            .with_context(default_sale_order_id=line.order_id.id)
            .create({})
        )
        wizard.line_ids.write(
            {
                "session_count": sessions,
                "first_start": first,
                "interval_days": 7,
                "resource_id": operator.id,
                "room_id": room.id,
            }
        )
        assert len(wizard.slot_ids) == sessions
        assert not wizard.conflict_count, wizard.slot_ids.mapped("problem")
        return wizard

    wizard, preview_queries, preview_ms = measure(env, preview)
    _r, confirm_queries, confirm_ms = measure(env, wizard.action_confirm)
    assert len(line.fo_booking_ids) == sessions
    return preview_queries, preview_ms, confirm_queries, confirm_ms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database])
    odoo.tools.config["log_level"] = "warn"
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        centre = Centre(env)
        cases = [
            ("2 operators, 2 calendars", centre.operators[:2]),
            ("12 operators, same 2 calendars", centre.shared),
            ("12 operators, 12 calendars", centre.operators),
        ]
        rows = [
            (label, limit, *bench_free_slots(env, centre, operators, limit))
            for limit in (10000, 10)
            for label, operators in cases
        ]
        bench_wizard(env, centre, 3)  # warm
        wizard_rows = [(n, *bench_wizard(env, centre, n)) for n in (5, 30)]
        booked = len(centre.booked)
        cr.rollback()
    print()
    print(
        f"Free slots over {DAYS} days ({booked} sessions already booked, two rooms, "
        f"a day off each, one closure); best of {RUNS} cold runs"
    )
    print(
        f"{'operators':<31} | {'limit':>6} | {'slots':>5} | {'queries':>7} | "
        f"{'ms':>6} | {'core queries':>12} | {'core ms':>7} | {'ours/core':>9}"
    )
    print("-" * 104)
    for label, limit, found, queries, ms, core_queries, core_ms in rows:
        print(
            f"{label:<31} | {limit:>6} | {found:>5} | {queries:>7} | {ms:>6.1f} | "
            f"{core_queries:>12} | {core_ms:>7.1f} | {ms / core_ms:>8.2f}x"
        )
    print()
    print("Booking wizard, weekly sessions with operator and room on working calendars")
    print(
        f"{'sessions':>8} | {'preview queries':>15} | {'preview ms':>10} | "
        f"{'confirm queries':>15} | {'confirm ms':>10}"
    )
    print("-" * 71)
    for sessions, pq, pms, cq, cms in wizard_rows:
        print(f"{sessions:>8} | {pq:>15} | {pms:>10.0f} | {cq:>15} | {cms:>10.0f}")


if __name__ == "__main__":
    main()
