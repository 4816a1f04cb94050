# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# A benchmark prints its table.
# pylint: disable=print-used
"""Benchmark: the client's reschedule page against the free-slot search alone.

The page a client opens to move a session (``GET /my/sessions/<id>/reschedule``,
two weeks of free times, any operator) for a service with 2 and 12 operators (each
with a calendar of its own, a day off each, the centre's closure, about one
session an hour already booked, a room to share: ``bench_availability.Centre``),
and for an online window of one week and of two: SQL queries and milliseconds of
the whole request (routing, access check, free times, the page's HTML) against
``front.office.booking._fo_find_free_slots`` for the same service and period.
Its queries must not grow with the operators or the days: the run fails if they do.

It runs as an Odoo HTTP test (the page is served by Odoo, in the test's
transaction, rolled back at the end):

    python3 -m pytest -s bench/bench_portal.py \
        --odoo-config=CONF --odoo-database=DB --odoo-http

(scripts/bench prepares a throw-away database and runs it.)
"""

import time
from datetime import timedelta

from bench_availability import Centre, rome  # same folder, on pytest's path

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

RUNS = 7


@tagged("-at_install", "post_install")
class BenchPortal(HttpCase):
    def setUp(self):
        super().setUp()
        self.env = self.env(context=dict(self.env.context, tracking_disable=True))
        self.centre = Centre(self.env)
        centre = self.centre
        # The client's session to move: the first free time of the first operator.
        slot = self.env["front.office.booking"]._fo_find_free_slots(
            centre.client_line, centre.start, centre.stop, centre.operators[:1], limit=1
        )[0]
        self.booking = self.env["front.office.booking"].create(
            {
                "sale_line_id": centre.client_line.id,
                "resource_id": slot["resource_id"],
                "room_id": slot["room_id"],
                "start": slot["start"],
            }
        )
        self.url = (
            f"/my/sessions/{self.booking.id}/reschedule?"
            f"access_token={self.booking._portal_ensure_token()}"
            f"&day={centre.first_day.isoformat()}"
        )

    def _setup_case(self, operators, days):
        """The service delivered by ``operators``; clients may book online up to
        ``days`` days after the centre's first day."""
        centre = self.centre
        centre.product.fo_resource_ids = [
            Command.set((operators | self.booking.resource_id).ids)
        ]
        self.env.company.fo_online_booking_days = (
            centre.first_day - fields.Date.today()
        ).days + days
        self.env.flush_all()

    def _page(self):
        response = self.url_open(self.url, timeout=120)
        assert response.status_code == 200, response.status_code
        assert "o_fo_portal_time" in response.text, "free times offered"
        return response.text.count("o_fo_portal_time")

    def _search(self):
        """The page's own search: ``_fo_find_free_slots`` over the same two weeks,
        clamped to the online window as the page does."""
        centre = self.centre
        return len(
            centre.client_line._fo_portal_free_slots(
                rome(centre.first_day, 0),
                rome(centre.first_day + timedelta(days=14), 0),
            )
        )

    def _measure(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        queries = self.env.cr.sql_log_count
        started = time.perf_counter()
        result = func()
        return (
            result,
            self.env.cr.sql_log_count - queries,
            (time.perf_counter() - started) * 1000,
        )

    def _best(self, func):
        func()  # warm: the registry's caches, the page's assets
        runs = [self._measure(func) for _ in range(RUNS)]
        queries = {run[1] for run in runs}
        return runs[0][0], max(queries), min(run[2] for run in runs)

    def test_reschedule_page(self):
        centre = self.centre
        cases = [
            ("2 operators, 2 calendars, 7 days", centre.operators[:2], 7),
            ("2 operators, 2 calendars, 14 days", centre.operators[:2], 14),
            ("12 operators, 2 calendars, 7 days", centre.shared, 7),
            ("12 operators, 2 calendars, 14 days", centre.shared, 14),
            ("12 operators, 12 calendars, 7 days", centre.operators, 7),
            ("12 operators, 12 calendars, 14 days", centre.operators, 14),
        ]
        rows = []
        for label, operators, days in cases:
            self._setup_case(operators, days)
            times, page_queries, page_ms = self._best(self._page)
            slots, search_queries, search_ms = self._best(self._search)
            rows.append(
                (label, times, page_queries, page_ms, slots, search_queries, search_ms)
            )
        print()
        print(
            f"Reschedule page, two weeks from {centre.first_day} "
            f"({len(centre.booked)} sessions already booked); best of {RUNS} runs"
        )
        print(
            f"{'case':<36} | {'times':>5} | {'page queries':>12} | {'page ms':>7} | "
            f"{'slots':>5} | {'search queries':>14} | {'search ms':>9} | "
            f"{'page/search':>11}"
        )
        print("-" * 122)
        for label, times, pq, pms, slots, sq, sms in rows:
            print(
                f"{label:<36} | {times:>5} | {pq:>12} | {pms:>7.1f} | {slots:>5} | "
                f"{sq:>14} | {sms:>9.1f} | {pms / sms:>10.2f}x"
            )
        # The page adds the same queries to its search whatever the operators and
        # the days; the search's own do not grow with the operators or the days
        # (only with the distinct working calendars, as core's working time does).
        overheads = {row[2] - row[5] for row in rows}
        self.assertEqual(len(overheads), 1, f"the page's own queries vary: {overheads}")
        shared_calendars = {row[2] for row in rows[:4]}
        self.assertEqual(
            len(shared_calendars), 1, f"queries grow with operators or days: {rows[:4]}"
        )
