# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The addon's pure helpers (no database): interval arithmetic, local days,
planned sessions and the planning's hours."""

import unittest
from datetime import date, datetime, time

import pytz

from odoo.addons.front_office_quotes.tools import (
    FreeTime,
    PlannedSession,
    local_day,
    local_midnight_utc,
    overlaps,
    overlaps_among,
    planning_hours,
    session_times,
    to_utc_naive,
)


def at(hour, minute=0, day=7):
    return datetime(2026, 12, day, hour, minute)


class TestOverlaps(unittest.TestCase):
    def test_back_to_back_periods_do_not_overlap(self):
        self.assertFalse(overlaps(at(9), at(10), at(10), at(11)))
        self.assertFalse(overlaps(at(10), at(11), at(9), at(10)))

    def test_periods_sharing_a_moment_overlap(self):
        self.assertTrue(overlaps(at(9), at(10, 30), at(10), at(11)))
        self.assertTrue(overlaps(at(9), at(12), at(10), at(11)))

    def test_overlaps_among_names_an_earlier_period(self):
        periods = [(at(9), at(12)), (at(10), at(10, 30)), (at(11), at(11, 30))]
        # The third one overlaps the first, not the second it follows.
        self.assertEqual(overlaps_among(periods), {1: 0, 2: 0})

    def test_overlaps_among_free_periods_is_empty(self):
        periods = [(at(11), at(12)), (at(9), at(10)), (at(10), at(11))]
        self.assertEqual(overlaps_among(periods), {})


class TestFreeTime(unittest.TestCase):
    def test_touching_working_periods_cover_across_their_border(self):
        work = FreeTime([(at(14), at(18)), (at(9), at(13)), (at(13), at(14))])
        self.assertEqual(list(work), [(at(9), at(18))])
        self.assertTrue(work.covers(at(12), at(15)))

    def test_covers_needs_one_period_for_the_whole_interval(self):
        work = FreeTime([(at(9), at(13)), (at(14), at(18))])
        self.assertTrue(work.covers(at(9), at(13)))
        self.assertFalse(work.covers(at(12), at(15)))
        self.assertFalse(work.covers(at(8), at(10)))

    def test_is_free_around_busy_periods(self):
        busy = FreeTime([(at(10), at(11))])
        self.assertTrue(busy.is_free(at(9), at(10)))
        self.assertTrue(busy.is_free(at(11), at(12)))
        self.assertFalse(busy.is_free(at(10, 30), at(11, 30)))
        self.assertTrue(FreeTime().is_free(at(0), at(23)))

    def test_working_time_without_busy_time_is_the_time_available(self):
        work = FreeTime([(at(9), at(13)), (at(14), at(18))])
        available = work.without(
            [(at(10), at(11)), (at(12, 30), at(14, 30)), (at(17), at(19))]
        )
        self.assertEqual(
            list(available),
            [(at(9), at(10)), (at(11), at(12, 30)), (at(14, 30), at(17))],
        )
        # Back to back with a busy period: available from its end.
        self.assertTrue(available.covers(at(11), at(12)))
        self.assertFalse(available.covers(at(9, 30), at(11)))
        self.assertEqual(list(work.without([])), list(work))
        self.assertEqual(list(work.without([(at(8), at(19))])), [])

    def test_add_merges_what_it_overlaps_or_touches(self):
        busy = FreeTime([(at(9), at(10)), (at(11), at(12)), (at(15), at(16))])
        busy.add(at(10), at(11))
        self.assertEqual(
            list(busy), [(at(9), at(12)), (at(15), at(16))], "touching: merged"
        )
        busy.add(at(13), at(14))
        self.assertEqual(len(list(busy)), 3)
        busy.add(at(8), at(17))
        self.assertEqual(list(busy), [(at(8), at(17))])


class TestLocalTime(unittest.TestCase):
    rome = pytz.timezone("Europe/Rome")

    def test_local_midnight_in_winter_and_summer(self):
        self.assertEqual(
            local_midnight_utc(self.rome, date(2026, 12, 7)), datetime(2026, 12, 6, 23)
        )
        self.assertEqual(
            local_midnight_utc(self.rome, date(2026, 7, 7)), datetime(2026, 7, 6, 22)
        )

    def test_a_local_hour_of_the_day(self):
        self.assertEqual(
            local_midnight_utc(self.rome, date(2026, 3, 30), at=time(9)),
            datetime(2026, 3, 30, 7),
        )

    def test_local_day_of_a_utc_moment(self):
        self.assertEqual(
            local_day(self.rome, datetime(2026, 12, 6, 23)), date(2026, 12, 7)
        )
        self.assertEqual(
            local_day(pytz.utc, datetime(2026, 12, 6, 23)), date(2026, 12, 6)
        )

    def test_to_utc_naive(self):
        moment = self.rome.localize(datetime(2026, 12, 7, 9))
        self.assertEqual(to_utc_naive(moment), datetime(2026, 12, 7, 8))


class TestPlannedSession(unittest.TestCase):
    def test_session_times_add_the_clean_up_time(self):
        self.assertEqual(session_times(at(9), 1.5, 0.25), (at(10, 30), at(10, 45)))
        self.assertEqual(session_times(at(9), 1, None), (at(10), at(10)))

    def test_a_fifty_minute_session_ends_on_the_minute(self):
        # 50/60 of an hour as a float ends a hair before 09:50.
        self.assertEqual(session_times(at(9), 50 / 60, 10 / 60), (at(9, 50), at(10)))
        self.assertEqual(session_times(at(9), 50 / 60, 0)[0].second, 0)

    def test_unusable_durations_have_no_end(self):
        for duration in (0, -1, 1e-9, 25, float("nan"), float("inf"), "1"):
            self.assertEqual(session_times(at(9), duration, 0), (False, False))
        self.assertEqual(session_times(datetime.max, 1, 0), (False, False))
        self.assertEqual(session_times(False, 1, 0), (False, False))

    def test_held_resources_are_the_operator_and_the_room_once(self):
        session = PlannedSession(
            line=None, resource_id=3, partner_id=7, start=at(9), duration=1
        )
        self.assertEqual(session.held_resource_ids, [3])
        session.room_id = 5
        self.assertEqual(session.held_resource_ids, [3, 5])
        session.room_id = 3
        self.assertEqual(session.held_resource_ids, [3])


class TestPlanningHours(unittest.TestCase):
    def test_working_spans_are_cut_at_midnight_and_rounded_to_the_hour(self):
        hours = planning_hours(
            [
                (datetime(2026, 3, 2, 9, 15), datetime(2026, 3, 2, 12, 40)),
                (datetime(2026, 3, 6, 20, 0), datetime(2026, 3, 7, 1, 0)),
            ]
        )
        self.assertEqual((hours.slot_min, hours.slot_max), ("00:00", "24:00"))
        self.assertEqual(
            hours.business_hours,
            [
                {"daysOfWeek": [1], "startTime": "09:15", "endTime": "12:40"},
                {"daysOfWeek": [5], "startTime": "20:00", "endTime": "24:00"},
                {"daysOfWeek": [6], "startTime": "00:00", "endTime": "01:00"},
            ],
        )
        hours = planning_hours(
            [(datetime(2026, 3, 2, 9, 15), datetime(2026, 3, 2, 12, 40))]
        )
        self.assertEqual((hours.slot_min, hours.slot_max), ("09:00", "13:00"))

    def test_no_working_spans_show_eight_to_eight_unshaded(self):
        hours = planning_hours([])
        self.assertEqual(
            hours.to_dict(),
            {"slot_min": "08:00", "slot_max": "20:00", "business_hours": False},
        )
