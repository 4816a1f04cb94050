# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Booking and attendance: sessions of a confirmed quote on the planning."""

from datetime import date, datetime, timedelta

import psycopg2
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import FrontOfficeCommon

TODAY = date(2026, 3, 2)
# 09:00 UTC = 10:00 in Rome, the resources' time zone.
MONDAY_9 = datetime(2026, 3, 2, 9, 0)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestBooking(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_booking_quote(TODAY)

    def test_front_desk_books_a_session_of_the_quote(self):
        booking = self._book(self.massage_line, MONDAY_9)
        self.assertEqual(booking.sale_order_id, self.quote)
        self.assertEqual(booking.partner_id, self.client_mario)
        self.assertEqual(booking.product_id, self.service_massage)
        self.assertEqual(booking.company_id, self.company)
        self.assertEqual(booking.state, "booked")
        self.assertEqual(booking.stop, MONDAY_9 + timedelta(minutes=50))
        self.assertEqual(booking.display_name, "Massage 50' – Mario Rossi (1/10)")
        self.assertEqual(
            (
                self.massage_line.fo_sessions_booked,
                self.massage_line.fo_sessions_done,
                self.massage_line.fo_sessions_remaining,
            ),
            (1, 0, 9),
        )

    def test_booking_an_unconfirmed_quote_is_refused(self):
        draft = self._create_quote()
        with self.assertRaisesRegex(ValidationError, "not confirmed"):
            self._book(draft.order_line, MONDAY_9)

    def test_booking_outside_validity_window_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "outside the validity"):
            self._book(self.massage_line, MONDAY_9 - timedelta(days=1))
        with self.assertRaisesRegex(ValidationError, "outside the validity"):
            self._book(self.massage_line, MONDAY_9 + timedelta(days=31))
        # The last valid day, late evening in Rome, is still inside.
        last_evening = datetime(2026, 4, 1, 19, 0)  # 21:00 in Rome
        self.assertTrue(self._book(self.massage_line, last_evening))

    def test_more_bookings_than_sessions_sold_is_refused(self):
        self._book(self.physio_line, MONDAY_9, self.room_physio)
        self._book(self.physio_line, MONDAY_9 + timedelta(days=1), self.room_physio)
        self.assertEqual(self.physio_line.fo_sessions_remaining, 0)
        with self.assertRaisesRegex(ValidationError, "only 2 sessions sold"):
            self._book(self.physio_line, MONDAY_9 + timedelta(days=2), self.room_physio)

    def test_booking_a_service_not_sold_in_sessions_is_refused(self):
        quote = self._confirmed_quote(lines=[(self.gift_card, 3)])
        with self.assertRaisesRegex(ValidationError, "not sold in sessions"):
            self._book(quote.order_line, MONDAY_9)

    def test_resource_not_allowed_for_the_service_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot deliver"):
            self._book(self.massage_line, MONDAY_9, self.room_physio)
        # Physiotherapy allows any resource.
        self.assertTrue(self._book(self.physio_line, MONDAY_9, self.therapist))

    def test_same_resource_cannot_be_booked_twice_at_once(self):
        self._book(self.massage_line, MONDAY_9)
        laura_quote = self._confirmed_quote(partner=self.client_laura)
        with self.assertRaisesRegex(ValidationError, "Massage Room is already booked"):
            self._book(laura_quote.order_line, MONDAY_9 + timedelta(minutes=30))
        # Back to back is fine.
        self._book(laura_quote.order_line, MONDAY_9 + timedelta(minutes=50))

    def test_same_client_cannot_be_in_two_sessions_at_once(self):
        self._book(self.massage_line, MONDAY_9)
        with self.assertRaisesRegex(
            ValidationError, "Mario Rossi already has a session"
        ):
            self._book(
                self.physio_line, MONDAY_9 + timedelta(minutes=10), self.room_physio
            )

    def test_no_show_uses_the_session_but_frees_the_slot(self):
        booking = self._book(self.massage_line, MONDAY_9)
        booking.with_user(self.front_desk_user).action_no_show()
        self.assertEqual(self.massage_line.fo_sessions_remaining, 9)
        self.assertTrue(self._book(self.massage_line, MONDAY_9))

    def test_cancelling_frees_the_session_and_the_slot(self):
        # In good time: more than the company's cancellation notice (24 hours).
        tuesday_9 = MONDAY_9 + timedelta(days=1)
        booking = self._book(self.massage_line, tuesday_9)
        booking.with_user(self.front_desk_user).action_cancel()
        self.assertEqual(booking.state, "cancelled")
        self.assertEqual(self.massage_line.fo_sessions_remaining, 10)
        self.assertTrue(self._book(self.massage_line, tuesday_9))

    def test_quantity_cannot_drop_below_the_sessions_booked(self):
        self._book(self.physio_line, MONDAY_9, self.room_physio)
        self._book(self.physio_line, MONDAY_9 + timedelta(days=1), self.room_physio)
        with self.assertRaisesRegex(ValidationError, "only 1 sold"):
            self.physio_line.with_user(self.front_desk_user).product_uom_qty = 1

    def test_check_in_marks_the_visit_and_delivers_the_session(self):
        booking = self._book(self.massage_line, MONDAY_9)
        booking.with_user(self.front_desk_user).action_check_in()
        self.assertEqual(booking.state, "done")
        self.assertTrue(booking.checkin_datetime)
        self.assertEqual(self.massage_line.fo_sessions_done, 1)
        self.assertEqual(self.massage_line.qty_delivered, 1)
        with self.assertRaisesRegex(UserError, "not possible"):
            booking.with_user(self.front_desk_user).action_check_in()

    def test_check_in_and_no_show_wait_for_the_day_of_the_session(self):
        # 23:30 UTC on Tuesday is 00:30 on Wednesday in Rome, the resource's clock.
        late = self._book(self.massage_line, datetime(2026, 3, 3, 23, 30))
        late = late.with_user(self.front_desk_user)
        with self.assertRaisesRegex(UserError, "from the day of the session on"):
            late.action_check_in()
        with self.assertRaisesRegex(UserError, "from the day of the session on"):
            late.action_no_show()
        with freeze_time(datetime(2026, 3, 3, 22, 59)):  # 23:59 in Rome
            with self.assertRaisesRegex(UserError, "from the day of the session on"):
                late.action_check_in()
        with freeze_time(datetime(2026, 3, 3, 23, 1)):  # Wednesday 00:01 in Rome
            late.action_check_in()
        self.assertEqual(late.state, "done")

    def test_attended_session_cannot_be_deleted_not_even_by_a_manager(self):
        booking = self._book(self.massage_line, MONDAY_9)
        booking.action_check_in()
        with self.assertRaisesRegex(
            UserError, "Attended or paid sessions cannot be deleted"
        ):
            booking.with_user(self.front_office_manager).unlink()

    def test_only_managers_delete_and_reopen_sessions(self):
        booking = self._book(self.massage_line, MONDAY_9)
        with self.assertRaises(AccessError):
            booking.with_user(self.front_desk_user).unlink()
        booking.with_user(self.front_desk_user).action_no_show()
        with self.assertRaisesRegex(UserError, "manager"):
            booking.with_user(self.front_desk_user).action_reset()
        booking.with_user(self.front_office_manager).action_reset()
        self.assertEqual(booking.state, "booked")
        booking.with_user(self.front_office_manager).unlink()
        self.assertFalse(booking.exists())

    def test_check_in_and_cancel_work_after_the_quote_validity_ended(self):
        first = self._book(self.massage_line, MONDAY_9 + timedelta(days=20))
        second = self._book(self.massage_line, MONDAY_9 + timedelta(days=21))
        with freeze_time(TODAY + timedelta(days=40)):
            first.with_user(self.front_desk_user).action_check_in()
            second.with_user(self.front_desk_user).action_cancel()
        # Cancelled after its start: a late cancellation, the session is used.
        self.assertEqual((first.state, second.state), ("done", "late_cancel"))

    def test_reopening_checks_the_sessions_sold_again(self):
        first = self._book(
            self.physio_line, MONDAY_9 + timedelta(days=5), self.room_physio
        )
        self._book(self.physio_line, MONDAY_9 + timedelta(days=1), self.room_physio)
        first.with_user(self.front_desk_user).action_cancel()
        self._book(self.physio_line, MONDAY_9 + timedelta(days=2), self.room_physio)
        with self.assertRaisesRegex(ValidationError, "only 2 sessions sold"):
            first.with_user(self.front_office_manager).action_reset()
        self.assertEqual(first.state, "cancelled")

    def test_reopening_a_cancelled_session_checks_the_slot_again(self):
        booking = self._book(self.massage_line, MONDAY_9)
        booking.action_cancel()
        self._book(self.massage_line, MONDAY_9)
        with self.assertRaisesRegex(ValidationError, "already"):
            booking.with_user(self.front_office_manager).action_reset()

    def test_moving_a_session_checks_every_rule_again(self):
        first = self._book(self.massage_line, MONDAY_9)
        second = self._book(self.massage_line, MONDAY_9 + timedelta(hours=2))
        second = second.with_user(self.front_desk_user)
        with self.assertRaisesRegex(ValidationError, "already"):
            second.start = first.start + timedelta(minutes=20)
        with self.assertRaisesRegex(ValidationError, "outside the validity"):
            second.start = MONDAY_9 + timedelta(days=40)
        second.write({"start": MONDAY_9 + timedelta(days=1), "duration": 1.5})
        self.assertEqual(second.stop, MONDAY_9 + timedelta(days=1, hours=1.5))

    def test_cancelling_the_quote_cancels_its_booked_sessions(self):
        booking = self._book(self.massage_line, MONDAY_9)
        self.quote.with_user(self.front_desk_user)._action_cancel()
        self.assertEqual(self.quote.state, "cancel")
        self.assertEqual(booking.state, "cancelled")

    def test_a_quote_with_attended_sessions_cannot_be_cancelled(self):
        self._book(self.massage_line, MONDAY_9).action_check_in()
        with self.assertRaisesRegex(UserError, "attended"):
            self.quote.with_user(self.front_desk_user)._action_cancel()
        self.assertEqual(self.quote.state, "sale")

    @mute_logger("odoo.sql_db")
    def test_the_database_refuses_overlaps_even_without_the_orm(self):
        first = self._book(self.massage_line, MONDAY_9)
        second = self._book(self.massage_line, MONDAY_9 + timedelta(hours=3))
        self.env.flush_all()
        with (
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE front_office_booking SET start = %s, stop = %s WHERE id = %s",
                (first.start, first.stop, second.id),
            )

    def test_client_record_counts_appointments_and_sessions_left(self):
        self._book(self.massage_line, MONDAY_9)
        self._book(self.massage_line, MONDAY_9 + timedelta(days=1)).action_cancel()
        self._book(self.physio_line, MONDAY_9 + timedelta(days=2), self.room_physio)
        client = self.client_mario.with_user(self.front_desk_user)
        client.invalidate_recordset()
        self.assertEqual(client.fo_booking_count, 2)
        self.assertEqual(client.fo_sessions_remaining, 9 + 1)
        self.assertEqual(
            len(client.fo_booking_ids), 3, "the tab shows cancelled ones too"
        )
        self.assertEqual(self.quote.with_user(self.front_desk_user).fo_booking_count, 2)

    def test_planning_offers_only_the_client_lines_with_sessions_left_on_that_day(self):
        other = self._confirmed_quote(partner=self.client_laura)
        expired = self._confirmed_quote(
            validity_start_date=TODAY, validity_date=TODAY + timedelta(days=5)
        )
        Line = self.env["sale.order.line"].with_user(self.front_desk_user)

        def offered(day):
            return Line.search(
                [
                    ("order_partner_id", "=", self.client_mario.id),
                    ("fo_bookable_on", "=", day),
                ]
            )

        self.assertEqual(
            offered("2026-03-03 10:00:00"), self.quote.order_line | expired.order_line
        )
        self.assertEqual(offered("2026-03-20 10:00:00"), self.quote.order_line)
        self._book(self.physio_line, MONDAY_9, self.room_physio)
        self._book(self.physio_line, MONDAY_9 + timedelta(days=1), self.room_physio)
        self.assertEqual(offered("2026-03-20 10:00:00"), self.massage_line)
        self.assertNotIn(other.order_line, offered("2026-03-03 10:00:00"))

    def test_front_desk_books_from_a_free_slot_of_the_planning(self):
        Booking = self.env["front.office.booking"].with_user(self.front_desk_user)
        ctx = {"default_start": "2026-03-05 14:00:00", "default_duration": 0.25}
        with Form(Booking.with_context(**ctx)) as booking:
            booking.partner_id = self.client_mario
            booking.sale_line_id = self.massage_line
            self.assertAlmostEqual(booking.duration, 50 / 60, places=4)
            booking.resource_id = self.therapist
        self.assertEqual(booking.record.stop, datetime(2026, 3, 5, 14, 50))
        self.assertEqual(booking.record.state, "booked")
