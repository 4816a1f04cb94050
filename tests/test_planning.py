# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The services planning's hours: the week drawn from the earliest opening to the
latest closing of the centre's resources, the closed time shaded, in one call."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import FrontOfficeCommon

MONDAY = date(2026, 3, 2)
SUNDAY = MONDAY + timedelta(days=6)


def hours_of(calendar):
    """(weekday, startTime, endTime) of business hours, sorted."""
    return sorted(
        (entry["daysOfWeek"][0], entry["startTime"], entry["endTime"])
        for entry in calendar["business_hours"]
    )


@tagged("post_install", "-at_install")
@freeze_time(MONDAY)
class TestPlanningHours(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.front_desk_user.tz = "Europe/Rome"
        Calendar = cls.env["resource.calendar"]
        # Giulia works 09:00-13:00 and 14:00-18:00 Monday to Friday; the
        # massage room opens on Saturday 08:30-12:30; the physio room has no
        # calendar (always available: it says nothing of the opening hours).
        cls.weekdays, cls.saturdays = Calendar.create(
            [
                {
                    "name": name,
                    "tz": "Europe/Rome",
                    "company_id": cls.company.id,
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
                for name, days, hours in (
                    ("Weekdays", range(5), [(9, 13), (14, 18)]),
                    ("Saturday mornings", [5], [(8.5, 12.5)]),
                )
            ]
        )
        cls.therapist.calendar_id = cls.weekdays
        cls.room_massage.calendar_id = cls.saturdays
        cls.room_physio.calendar_id = False
        cls.Booking = cls.env["front.office.booking"].with_user(cls.front_desk_user)

    def _hours(self, **kwargs):
        return self.Booking.fo_planning_hours(
            MONDAY.isoformat(), SUNDAY.isoformat(), **kwargs
        )

    def test_planning_week_spans_the_earliest_opening_to_the_latest_closing(self):
        hours = self._hours(tz="Europe/Rome")
        self.assertEqual((hours["slot_min"], hours["slot_max"]), ("08:00", "18:00"))
        # FullCalendar's weekdays: Sunday is 0, Monday 1.
        self.assertEqual(
            hours_of(hours),
            sorted(
                [(day, "09:00", "13:00") for day in range(1, 6)]
                + [(day, "14:00", "18:00") for day in range(1, 6)]
                + [(6, "08:30", "12:30")]
            ),
        )

    def test_planning_hours_are_drawn_on_the_clock_of_the_browser(self):
        hours = self._hours(tz="UTC")
        self.assertEqual((hours["slot_min"], hours["slot_max"]), ("07:00", "17:00"))
        self.assertIn((1, "08:00", "12:00"), hours_of(hours))

    def test_planning_of_one_operator_shows_their_hours(self):
        hours = self._hours(tz="Europe/Rome", resource_ids=[self.therapist.id])
        self.assertEqual((hours["slot_min"], hours["slot_max"]), ("09:00", "18:00"))
        self.assertNotIn(6, {entry[0] for entry in hours_of(hours)})

    def test_planning_shades_a_closure(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Closed for maintenance",
                "calendar_id": self.weekdays.id,
                "company_id": self.company.id,
                "date_from": datetime(2026, 3, 3, 0, 0),
                "date_to": datetime(2026, 3, 3, 22, 0),
            }
        )
        weekdays = {entry[0] for entry in hours_of(self._hours(tz="Europe/Rome"))}
        self.assertNotIn(2, weekdays, "Tuesday is closed")
        self.assertIn(3, weekdays)

    def test_planning_without_working_calendars_shows_eight_to_eight(self):
        (self.therapist | self.room_massage).calendar_id = False
        hours = self._hours(tz="Europe/Rome")
        self.assertEqual(
            hours, {"slot_min": "08:00", "slot_max": "20:00", "business_hours": False}
        )

    def test_planning_hours_cost_the_same_queries_for_more_resources(self):
        self._hours(tz="Europe/Rome")  # warm the caches
        queries = self._count_queries()
        self.env["resource.resource"].with_user(self.front_office_manager).create(
            [
                {
                    "name": f"Therapist {i}",
                    "tz": "Europe/Rome",
                    "calendar_id": (self.weekdays, self.saturdays)[i % 2].id,
                }
                for i in range(8)
            ]
        )
        self.assertEqual(self._count_queries(), queries)

    def _count_queries(self):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self._hours(tz="Europe/Rome")
        return self.env.cr.sql_log_count - before

    def test_planning_refuses_bad_arguments_clearly(self):
        for kwargs in (
            {"tz": "Mars/Olympus"},
            {"resource_ids": ["x"]},
            {"resource_ids": [999999]},
        ):
            with self.subTest(kwargs=kwargs), self.assertRaises(UserError):
                self._hours(**kwargs)
        with self.assertRaises(UserError):
            self.Booking.fo_planning_hours("2026-03-02", "2026-06-30")
        with self.assertRaises(UserError):
            self.Booking.fo_planning_hours("2026-03-09", "2026-03-02")
        with self.assertRaises(UserError):
            self.Booking.fo_planning_hours("monday", "2026-03-02")


@tagged("post_install", "-at_install")
@freeze_time(MONDAY)
class TestPlanningNewSession(FrontOfficeCommon):
    """A free slot of the planning opens the session's form with the clicked time,
    the operator filtered and, once the line is chosen, the service's duration."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_booking_quote(MONDAY)

    def test_free_slot_defaults_the_operator_and_takes_the_service_duration(self):
        Booking = self.env["front.office.booking"].with_user(self.front_desk_user)
        # What the planning sends for a click on Thursday 15:00 (Rome) with
        # Giulia alone in the side panel: core's one hour until a line is chosen.
        context = {
            "default_start": "2026-03-05 14:00:00",
            "default_duration": 1.0,
            "default_resource_id": self.therapist.id,
        }
        with Form(Booking.with_context(**context)) as booking:
            self.assertEqual(booking.resource_id, self.therapist)
            self.assertEqual(booking.duration, 1.0)
            booking.partner_id = self.client_mario
            booking.sale_line_id = self.massage_line
            self.assertAlmostEqual(booking.duration, 50 / 60, places=4)
            self.assertEqual(booking.resource_id, self.therapist)
        self.assertEqual(booking.record.stop, datetime(2026, 3, 5, 14, 50))

    def test_resizing_on_the_planning_changes_the_duration_not_the_stop(self):
        booking = self._book(self.massage_line, datetime(2026, 3, 5, 9, 0))
        booking = booking.with_user(self.front_desk_user)
        # What core's calendar writes for a resize with date_delay="duration".
        booking.write({"start": "2026-03-05 09:00:00", "duration": 1.5})
        self.assertEqual(booking.stop, datetime(2026, 3, 5, 10, 30))
        with self.assertRaises(UserError):
            booking.write({"stop": "2026-03-05 11:00:00"})
