# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Availability costs the same queries whatever the desk asks for: the first free
slots of 12 operators as of 2, booking 30 sessions as 5 (preview and confirmation),
with working calendars, leaves, sessions already booked and a room for each.

tests/test_availability.py checks the free slots of operators of one calendar
without leaves nor bookings, tests/test_booking_wizard.py the confirmation of
resources without calendar within 2 queries a session; these check the whole
story, exactly."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import FrontOfficeCommon

MONDAY = date(2026, 3, 2)


def rome(day, hour, minute=0):
    """A time of the centre's clock (Rome, UTC+1 in March) as naive UTC."""
    return datetime(day.year, day.month, day.day, hour, minute) - timedelta(hours=1)


@tagged("post_install", "-at_install")
@freeze_time(MONDAY)
class TestAvailabilityQueries(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Calendar = cls.env["resource.calendar"]
        cls.full_time, cls.afternoons = Calendar.create(
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
                    ("Centre hours", range(6), [(9, 13), (14, 19)]),
                    ("Afternoons", range(5), [(14, 20)]),
                )
            ]
        )
        env = cls.env(user=cls.front_office_manager)
        Resource = env["resource.resource"]
        cls.operators = Resource.create(
            [
                {
                    "name": f"Therapist {i}",
                    "tz": "Europe/Rome",
                    "calendar_id": (cls.full_time, cls.afternoons)[i % 2].id,
                }
                for i in range(12)
            ]
        )
        cls.rooms = Resource.create(
            [
                {
                    "name": f"Room {i}",
                    "resource_type": "material",
                    "tz": "Europe/Rome",
                    "calendar_id": cls.full_time.id,
                }
                for i in range(2)
            ]
        )
        env["resource.calendar.leaves"].create(
            [
                {
                    "name": "Day off",
                    "resource_id": operator.id,
                    "date_from": rome(MONDAY + timedelta(days=i), 0),
                    "date_to": rome(MONDAY + timedelta(days=i), 23),
                }
                for i, operator in enumerate(cls.operators)
            ]
            + [
                {
                    "name": "Closed",
                    "calendar_id": cls.full_time.id,
                    "date_from": rome(MONDAY + timedelta(days=9), 0),
                    "date_to": rome(MONDAY + timedelta(days=9), 23),
                }
            ]
        )
        cls.treatment = env["product.product"].create(
            {
                "name": "Treatment",
                "type": "service",
                "list_price": 50.0,
                "fo_is_bookable": True,
                "fo_session_duration": 1.0,
                "fo_buffer_after": 0.25,
                "fo_resource_ids": [Command.set(cls.operators.ids)],
                "fo_room_ids": [Command.set(cls.rooms.ids)],
            }
        )
        validity = {
            "validity_start_date": MONDAY,
            "validity_date": MONDAY + timedelta(days=7 * 40),
        }
        cls.line = cls._confirmed_quote(
            lines=[(cls.treatment, 40)], **validity
        ).order_line
        # Laura's sessions keep operators and rooms busy here and there.
        laura = cls._confirmed_quote(
            partner=cls.client_laura, lines=[(cls.treatment, 10)], **validity
        ).order_line
        # Weekdays, around the closure; each operator off on another day.
        for day in (1, 2, 3, 4, 7, 8, 10, 11, 14, 15):
            cls._book(
                laura,
                rome(MONDAY + timedelta(days=day), 15),
                cls.operators[(day + 1) % 12],
            )

    def _queries(self, func, *args, **kwargs):
        """(result, SQL queries) of ``func`` run on cold caches."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = func(*args, **kwargs)
        self.env.flush_all()
        return result, self.env.cr.sql_log_count - before

    def test_free_slots_of_12_operators_cost_the_queries_of_2(self):
        Booking = self.env["front.office.booking"].with_user(self.front_desk_user)
        period = (rome(MONDAY, 0), rome(MONDAY + timedelta(days=14), 0))
        for limit in (10000, 10):
            runs = [
                self._queries(
                    Booking._fo_find_free_slots, self.line, *period, ops, limit=limit
                )
                for ops in (
                    self.operators[:2],
                    self.operators[:2],  # the first run warms the caches
                    self.operators,
                )
            ]
            with self.subTest(limit=limit):
                self.assertEqual(runs[1][1], runs[2][1], [q for _s, q in runs])
                if limit == 10:
                    self.assertEqual([len(s) for s, _q in runs], [10, 10, 10])
                else:
                    self.assertGreater(len(runs[2][0]), 5 * len(runs[1][0]))

    def _preview(self, quote, sessions, operator, room, hour):
        wizard = (
            self.env["front.office.booking.wizard"]
            .with_user(self.front_desk_user)
            .with_context(default_sale_order_id=quote.id)
            .create({})
        )
        wizard.line_ids.write(
            {
                "session_count": sessions,
                # Thursdays, every week: working, no leave.
                "first_start": rome(MONDAY + timedelta(days=17), hour),
                "interval_days": 7,
                "resource_id": operator.id,
                "room_id": room.id,
            }
        )
        self.assertEqual(len(wizard.slot_ids), sessions)
        return wizard

    def test_booking_30_sessions_costs_the_queries_of_5(self):
        counts = []
        for sessions, operator, room, hour in (
            (3, self.operators[0], self.rooms[0], 9),  # warms the caches
            (5, self.operators[2], self.rooms[0], 11),
            (30, self.operators[4], self.rooms[1], 10),
        ):
            quote = self._confirmed_quote(
                partner=self.env["res.partner"].create({"name": f"Client {sessions}"}),
                lines=[(self.treatment, sessions)],
                validity_start_date=MONDAY,
                validity_date=MONDAY + timedelta(days=7 * 40),
            )
            wizard, preview_queries = self._queries(
                self._preview, quote, sessions, operator, room, hour
            )
            self.assertFalse(wizard.conflict_count, wizard.slot_ids.mapped("problem"))
            _action, confirm_queries = self._queries(wizard.action_confirm)
            self.assertEqual(len(quote.order_line.fo_booking_ids), sessions)
            counts.append((preview_queries, confirm_queries))
        self.assertEqual(counts[1], counts[2], counts)
