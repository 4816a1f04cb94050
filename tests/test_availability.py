# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The desk knows when people work: working hours, leaves and public holidays, an
operator and a room together, clean-up time, and the first free slot."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import FrontOfficeCommon

MONDAY = date(2026, 3, 2)


def rome(day, hour, minute=0):
    """A time of the centre's clock (Rome, UTC+1 in March) as naive UTC."""
    return datetime(day.year, day.month, day.day, hour, minute) - timedelta(hours=1)


@freeze_time(MONDAY)
class AvailabilityCommon(FrontOfficeCommon):
    """A centre open Monday-Saturday 9-13, 14-18 (Rome), two operators, two
    rooms and a hot-stone massage needing one of them, with 15 minutes of
    clean-up; Mario's and Laura's confirmed quotes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(user=cls.front_office_manager)
        cls.calendar = (
            cls.env["resource.calendar"]
            .sudo()
            .create(
                {
                    "name": "Centre hours",
                    "tz": "Europe/Rome",
                    "company_id": cls.company.id,
                    "attendance_ids": [
                        Command.create(
                            {
                                "name": f"{day} {period}",
                                "dayofweek": str(day),
                                "hour_from": start,
                                "hour_to": stop,
                            }
                        )
                        for day in range(6)
                        for period, start, stop in (("am", 9, 13), ("pm", 14, 18))
                    ],
                }
            )
        )
        Resource = env["resource.resource"]
        cls.giulia, cls.marco, cls.room_a, cls.room_b = Resource.create(
            [
                {
                    "name": name,
                    "resource_type": kind,
                    "tz": "Europe/Rome",
                    "calendar_id": cls.calendar.id,
                }
                for name, kind in (
                    ("Giulia Conti", "user"),
                    ("Marco Ferri", "user"),
                    ("Room A", "material"),
                    ("Room B", "material"),
                )
            ]
        )
        cls.hot_stone = env["product.product"].create(
            {
                "name": "Hot Stone",
                "type": "service",
                "list_price": 80.0,
                "fo_is_bookable": True,
                "fo_session_duration": 1.0,
                "fo_buffer_after": 0.25,
                "fo_resource_ids": [Command.set((cls.giulia | cls.marco).ids)],
                "fo_room_ids": [Command.set((cls.room_a | cls.room_b).ids)],
            }
        )
        cls.quote = cls._confirmed_quote(
            lines=[(cls.hot_stone, 10), (cls.service_physio, 5)],
            validity_start_date=MONDAY,
            validity_date=MONDAY + timedelta(days=60),
        )
        cls.line, cls.physio_line = cls.quote.order_line
        cls.laura_line = cls._confirmed_quote(
            partner=cls.client_laura,
            lines=[(cls.hot_stone, 10)],
            validity_start_date=MONDAY,
            validity_date=MONDAY + timedelta(days=60),
        ).order_line


@tagged("post_install", "-at_install")
@freeze_time(MONDAY)
class TestAvailability(AvailabilityCommon):
    # -- working hours, leaves, holidays --------------------------------

    def test_a_session_outside_working_hours_is_refused_naming_the_hours(self):
        with self.assertRaisesRegex(
            ValidationError,
            "Giulia Conti works 09:00–13:00, 14:00–18:00 on Monday 02/03",
        ):
            self._book(self.line, rome(MONDAY, 8), self.giulia)
        with self.assertRaisesRegex(ValidationError, "works 09:00–13:00, 14:00"):
            # Over the lunch break (clean-up time included).
            self._book(self.line, rome(MONDAY, 12), self.giulia)
        with self.assertRaisesRegex(ValidationError, "does not work on Sunday 08/03"):
            self._book(self.line, rome(MONDAY + timedelta(days=6), 10), self.giulia)
        booking = self._book(self.line, rome(MONDAY, 9), self.giulia)
        self.assertEqual(booking.room_id, self.room_a)

    def test_managers_may_book_outside_hours_the_desk_may_not(self):
        with self.assertRaisesRegex(UserError, "Only a front office manager"):
            self._book(self.line, rome(MONDAY, 19), self.giulia, outside_hours=True)
        booking = self._book(
            self.line,
            rome(MONDAY, 19),
            self.giulia,
            user=self.front_office_manager,
            outside_hours=True,
        )
        self.assertTrue(booking.outside_hours)
        with self.assertRaisesRegex(UserError, "Only a front office manager"):
            booking.with_user(self.front_desk_user).write({"outside_hours": False})

    def test_nobody_books_during_a_leave_or_a_public_holiday(self):
        tuesday, wednesday = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)
        self.env["resource.calendar.leaves"].sudo().create(
            [
                {
                    "name": "Giulia on holiday",
                    "calendar_id": self.calendar.id,
                    "resource_id": self.giulia.id,
                    "date_from": rome(tuesday, 0),
                    "date_to": rome(tuesday, 23, 59),
                },
                {
                    "name": "Public holiday",
                    "calendar_id": self.calendar.id,
                    "date_from": rome(wednesday, 0),
                    "date_to": rome(wednesday, 23, 59),
                },
            ]
        )
        for start, resource in (
            (rome(tuesday, 10), self.giulia),
            (rome(wednesday, 10), self.marco),
        ):
            with (
                self.subTest(start=start),
                self.assertRaisesRegex(ValidationError, "leave or closure"),
            ):
                self._book(
                    self.line,
                    start,
                    resource,
                    user=self.front_office_manager,
                    outside_hours=True,
                )
        # Marco works on Tuesday.
        self.assertTrue(self._book(self.line, rome(tuesday, 10), self.marco))

    def test_a_resource_without_working_calendar_is_always_available(self):
        self.assertFalse(self.room_physio.calendar_id)
        booking = self._book(
            self.physio_line, rome(MONDAY + timedelta(days=6), 22), self.room_physio
        )
        self.assertEqual(booking.state, "booked")

    # -- operator and room together --------------------------------------

    def test_the_first_free_room_is_proposed_and_both_are_held(self):
        first = self._book(self.line, rome(MONDAY, 10), self.giulia)
        second = self._book(self.laura_line, rome(MONDAY, 10), self.marco)
        self.assertEqual((first.room_id, second.room_id), (self.room_a, self.room_b))
        occupancy = (
            self.env["front.office.booking.occupancy"]
            .sudo()
            .search([("booking_id", "in", (first | second).ids)])
        )
        self.assertEqual(
            sorted(occupancy.resource_id.mapped("name")),
            ["Giulia Conti", "Marco Ferri", "Room A", "Room B"],
        )

    def test_a_room_is_never_busy_twice_whatever_its_role(self):
        # Room A used as the resource of a physiotherapy session...
        self._book(self.physio_line, rome(MONDAY, 10), self.room_a)
        # ...is not proposed as the room of a hot stone session at the same time.
        laura = self._book(self.laura_line, rome(MONDAY, 10), self.giulia)
        self.assertEqual(laura.room_id, self.room_b)
        other = self._confirmed_quote(
            partner=self.client_giorgio,
            lines=[(self.hot_stone, 2)],
            validity_start_date=MONDAY,
            validity_date=MONDAY + timedelta(days=60),
        ).order_line
        with self.assertRaisesRegex(ValidationError, "Room A is already booked"):
            self._book(other, rome(MONDAY, 10, 30), self.marco, room_id=self.room_a.id)

    def test_a_room_must_be_one_of_the_service(self):
        with self.assertRaisesRegex(ValidationError, "is not a room for Hot Stone"):
            self._book(
                self.line, rome(MONDAY, 10), self.giulia, room_id=self.room_massage.id
            )

    # -- clean-up time ---------------------------------------------------

    def test_clean_up_time_keeps_operator_and_room_busy_not_the_client(self):
        first = self._book(self.line, rome(MONDAY, 10), self.giulia)
        self.assertEqual(first.busy_stop, rome(MONDAY, 11, 15))
        with self.assertRaisesRegex(ValidationError, "Giulia Conti is already booked"):
            self._book(self.laura_line, rome(MONDAY, 11), self.giulia)
        self._book(self.laura_line, rome(MONDAY, 11, 15), self.giulia)
        # The client himself may start another session as soon as his ends.
        with_marco = self._book(self.line, rome(MONDAY, 11), self.marco)
        self.assertEqual(with_marco.room_id, self.room_b)

    # -- daylight saving ---------------------------------------------------

    def test_a_weekly_series_keeps_its_local_hour_across_the_october_change(self):
        with freeze_time(date(2026, 10, 19)):
            quote = self._confirmed_quote(
                lines=[(self.service_physio, 2)],
                validity_start_date=date(2026, 10, 19),
                validity_date=date(2026, 12, 31),
            )
            action = quote.with_user(self.front_desk_user).action_fo_book_sessions()
            form = Form(
                self.env[action["res_model"]]
                .with_user(self.front_desk_user)
                .browse(action["res_id"])
            )
            with form.line_ids.edit(0) as line:
                line.session_count = 2
                line.first_start = datetime(2026, 10, 20, 8, 0)  # 10:00 in Rome
                line.interval_days = 7
                line.resource_id = self.room_massage
            form.save().action_confirm()
        self.assertEqual(
            quote.fo_booking_ids.mapped("start"),
            # 27 October is after the change: 10:00 in Rome is 09:00 UTC.
            [datetime(2026, 10, 20, 8, 0), datetime(2026, 10, 27, 9, 0)],
        )

    # -- the first free slot ------------------------------------------------

    def test_first_free_slots_respect_hours_buffers_rooms_and_the_client(self):
        Booking = self.env["front.office.booking"].with_user(self.front_desk_user)
        self._book(self.laura_line, rome(MONDAY, 9), self.giulia)
        slots = Booking._fo_find_free_slots(
            self.line, rome(MONDAY, 7), rome(MONDAY, 20), self.giulia, limit=3
        )
        self.assertEqual(
            [(s["start"], s["resource_id"], s["room_id"]) for s in slots],
            [
                (rome(MONDAY, 10, 15), self.giulia.id, self.room_a.id),
                (rome(MONDAY, 10, 30), self.giulia.id, self.room_a.id),
                (rome(MONDAY, 10, 45), self.giulia.id, self.room_a.id),
            ],
        )
        afternoon = Booking._fo_find_free_slots(
            self.line, rome(MONDAY, 13), rome(MONDAY, 20), limit=2
        )
        self.assertEqual(
            [(s["start"], s["resource_id"]) for s in afternoon],
            [(rome(MONDAY, 14), self.giulia.id), (rome(MONDAY, 14), self.marco.id)],
        )
        # Every slot found books.
        booking = self._book(
            self.line,
            slots[0]["start"],
            self.env["resource.resource"].browse(slots[0]["resource_id"]),
            room_id=slots[0]["room_id"],
        )
        self.assertEqual(booking.stop, slots[0]["stop"])

    def test_free_slot_queries_do_not_grow_with_operators_or_days(self):
        extra = (
            self.env["resource.resource"]
            .sudo()
            .create(
                [
                    {
                        "name": f"Therapist {i}",
                        "tz": "Europe/Rome",
                        "calendar_id": self.calendar.id,
                    }
                    for i in range(10)
                ]
            )
        )
        Booking = self.env["front.office.booking"].with_user(self.front_desk_user)
        counts = []
        for operators in (
            self.giulia | self.marco,
            self.giulia | self.marco,  # the first run warms the caches
            self.giulia | self.marco | extra,
        ):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            # Fourteen days searched, every slot of them listed.
            Booking._fo_find_free_slots(
                self.line,
                rome(MONDAY, 19),
                rome(MONDAY + timedelta(days=14), 8),
                operators,
                limit=1000,
            )
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[1], counts[2], counts)
