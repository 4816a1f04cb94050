# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The attendance policy: a cancellation later than the company's notice is a late
cancellation (the session is used, its slot freed) unless a manager waives it; clients
carry their no-shows and late cancellations of the last 12 months."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import FrontOfficeCommon

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 8, 0)
# 09:00 UTC = 10:00 in Rome.
TOMORROW_9 = datetime(2026, 3, 3, 9, 0)
NEXT_WEEK_9 = datetime(2026, 3, 9, 9, 0)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestAttendancePolicy(FrontOfficeCommon, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.fo_cancel_notice_hours = 48
        cls.quote = cls._confirmed_quote(
            validity_start_date=TODAY - timedelta(days=400),
            validity_date=TODAY + timedelta(days=60),
        )
        cls.line = cls.quote.order_line

    # The tests cancel sessions whose confirmation has left (_send_held_confirmations):
    # a session cancelled before it was ever announced is not announced cancelled.
    def _cancel(self, booking, user=None):
        return booking.with_user(user or self.front_desk_user).action_cancel()

    def _waive(self, booking, user=None):
        return booking.with_user(user or self.front_desk_user).action_waive()

    def test_cancelling_in_good_time_frees_the_session(self):
        booking = self._book(self.line, NEXT_WEEK_9)
        self._send_held_confirmations()
        with self.mock_mail_gateway():
            self._cancel(booking)
        self.assertEqual(booking.state, "cancelled")
        self.assertEqual(self.line.fo_sessions_remaining, 10)
        mail = self._new_mails.filtered(lambda m: "cancelled" in m.subject)
        self.assertEqual(mail.recipient_ids, self.client_mario)
        self.assertIn("cancelled in good time are still yours", mail.body_html)

    def test_sessions_cancelled_together_make_one_notice_per_client(self):
        laura_line = self._confirmed_quote(
            partner=self.client_laura,
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=60),
        ).order_line
        self.client_laura.email = "laura.bianchi@example.com"
        mario = (
            self._book(self.line, TOMORROW_9)
            | self._book(self.line, NEXT_WEEK_9)
            | self._book(self.line, NEXT_WEEK_9 + timedelta(days=7))
        )
        laura = self._book(laura_line, NEXT_WEEK_9 + timedelta(hours=2))
        self._send_held_confirmations()
        with self.mock_mail_gateway():
            self._cancel(mario | laura)
        self.assertEqual(
            mario.mapped("state"), ["late_cancel", "cancelled", "cancelled"]
        )
        mails = self._new_mails.filtered(lambda m: "cancelled" in m.subject)
        self.assertEqual(
            sorted(mails.recipient_ids.mapped("name")), ["Laura Bianchi", "Mario Rossi"]
        )
        to_mario = mails.filtered(lambda m: m.recipient_ids == self.client_mario)
        self.assertEqual(len(to_mario), 1)
        for day in (
            "3 March 2026, 10:00",
            "9 March 2026, 10:00",
            "16 March 2026, 10:00",
        ):
            self.assertIn(day, to_mario.body_html)
        # Only the late one counts as used (the list, not the inbox preview).
        listed = to_mario.body_html.split("<ul", 1)[1].split("</ul>", 1)[0]
        self.assertEqual(listed.count("<li"), 3)
        self.assertEqual(listed.count("the session counts as used"), 1)
        self.assertIn("cancelled in good time are still yours", to_mario.body_html)
        to_laura = mails - to_mario
        self.assertNotIn("counts as used", to_laura.body_html)
        self.assertNotIn("3 March", to_laura.body_html)

    def test_a_late_cancellation_uses_the_session_and_frees_the_slot(self):
        booking = self._book(self.line, TOMORROW_9)
        self._send_held_confirmations()
        with self.mock_mail_gateway():
            self._cancel(booking)
        self.assertEqual(booking.state, "late_cancel")
        self.assertEqual(
            (self.line.fo_sessions_booked, self.line.fo_sessions_remaining), (1, 9)
        )
        self.assertEqual(booking.payment_state, "not_paid")
        mario = self.client_mario.with_user(self.front_desk_user)
        self.assertIn(booking, mario.fo_booking_ids)
        self.assertAlmostEqual(
            mario.fo_amount_to_pay,
            booking.price_per_session,
        )
        mail = self._new_mails.filtered(lambda m: "cancelled" in m.subject)
        self.assertIn("the session counts as used", mail.body_html)
        # The slot is free for somebody else (and for the client).
        self.assertTrue(self._book(self.line, TOMORROW_9))

    def test_no_notice_means_no_late_cancellation(self):
        self.company.fo_cancel_notice_hours = 0
        booking = self._book(self.line, NOW + timedelta(minutes=30))
        self._cancel(booking)
        self.assertEqual(booking.state, "cancelled")

    def test_a_manager_waives_a_late_cancellation(self):
        booking = self._book(self.line, TOMORROW_9)
        self._cancel(booking)
        self._waive(booking, user=self.front_office_manager)
        self.assertEqual(booking.state, "cancelled")
        self.assertEqual(self.line.fo_sessions_remaining, 10)
        self.assertIn(
            "Late cancellation waived by Paola Manager: the session is free again.",
            booking.message_ids.mapped("preview"),
        )

    def test_a_manager_cancels_late_without_charge_in_one_step(self):
        late, in_time = (
            self._book(self.line, TOMORROW_9),
            self._book(self.line, NEXT_WEEK_9),
        )
        self._waive(late | in_time, user=self.front_office_manager)
        self.assertEqual((late.state, in_time.state), ("cancelled", "cancelled"))
        waiver = "Late cancellation waived by Paola Manager"
        self.assertTrue(any(waiver in p for p in late.message_ids.mapped("preview")))
        self.assertFalse(
            any(waiver in p for p in in_time.message_ids.mapped("preview")),
            "nothing to waive for a cancellation in good time",
        )

    def test_the_front_desk_cannot_waive_a_late_cancellation(self):
        booking = self._book(self.line, TOMORROW_9)
        self._cancel(booking)
        with self.assertRaisesRegex(UserError, "Only a front office manager"):
            self._waive(booking)
        self.assertEqual(booking.state, "late_cancel")

    def test_a_manager_reopens_a_late_cancellation(self):
        booking = self._book(self.line, TOMORROW_9)
        self._cancel(booking)
        booking.with_user(self.front_office_manager).action_reset()
        self.assertEqual(booking.state, "booked")

    def test_a_late_cancellation_is_on_the_printed_quote(self):
        self._cancel(self._book(self.line, TOMORROW_9))
        html = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_html(
                "front_office_quotes.action_report_fo_quote", self.quote.ids
            )[0]
            .decode()
        )
        self.assertIn("Late cancellation", html)

    def test_the_client_counts_no_shows_and_late_cancellations_of_12_months(self):
        # No-shows are the operator's call on the session's day.
        for days_ago in (370, 99):
            with freeze_time(NOW - timedelta(days=days_ago)):
                self._book(
                    self.line, NOW - timedelta(days=days_ago, hours=-1)
                ).action_no_show()
        self._cancel(self._book(self.line, TOMORROW_9))
        self._cancel(self._book(self.line, NEXT_WEEK_9))
        with freeze_time(NOW + timedelta(hours=3)):
            self._book(self.line, NOW + timedelta(hours=4)).action_check_in()
        mario = self.client_mario.with_user(self.front_desk_user)
        self.assertEqual(mario.fo_no_show_count, 2)
        self.assertEqual(
            self.client_laura.with_user(self.front_desk_user).fo_no_show_count, 0
        )
        action = mario.action_fo_view_no_shows()
        self.assertEqual(
            self.env["front.office.booking"].sudo().search_count(action["domain"]), 2
        )

    def test_the_booking_wizard_warns_of_the_client_no_shows(self):
        with freeze_time(NOW + timedelta(hours=1)):
            self._book(self.line, NOW + timedelta(hours=2)).action_no_show()
        wizard = Form(
            self.env["front.office.booking.wizard"]
            .with_user(self.front_desk_user)
            .with_context(default_sale_order_id=self.quote.id)
        )
        self.assertEqual(wizard.fo_no_show_count, 1)
