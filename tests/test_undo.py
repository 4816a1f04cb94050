# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The desk takes back its own cancellation or no-show of a few minutes ago; later,
or someone else's, is the manager's Reopen."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import FrontOfficeCommon

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 8, 0)
# 09:00 UTC = 10:00 in Rome.
TODAY_9 = datetime(2026, 3, 2, 9, 0)
TOMORROW_9 = datetime(2026, 3, 3, 9, 0)
NEXT_WEEK_9 = datetime(2026, 3, 9, 9, 0)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestUndo(FrontOfficeCommon, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.fo_cancel_notice_hours = 48
        cls.quote = cls._confirmed_quote(
            validity_start_date=TODAY, validity_date=TODAY + timedelta(days=60)
        )
        cls.line = cls.quote.order_line
        cls.other_desk_user = new_test_user(
            cls.env,
            login="fo_front_desk_2",
            name="Bruno Reception",
            groups="base.group_user,front_office_quotes.group_front_office_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    def _as_desk(self, booking, user=None):
        return booking.with_user(user or self.front_desk_user)

    def test_the_desk_undoes_its_cancellation_within_the_window(self):
        booking = self._book(self.line, NEXT_WEEK_9)
        self._as_desk(booking).action_cancel(reason="Client has the flu")
        self.assertEqual(
            (booking.state, booking.cancel_reason), ("cancelled", "Client has the flu")
        )
        self.assertEqual(booking.fo_state_changed_by, self.front_desk_user)
        self.assertEqual(booking.fo_state_changed_at, NOW)
        with freeze_time(NOW + timedelta(minutes=9)), self.mock_mail_gateway():
            self._as_desk(booking).action_undo()
            self._send_held_confirmations()
        self.assertEqual(booking.state, "booked")
        self.assertFalse(booking.cancel_reason)
        self.assertEqual(self.line.fo_sessions_remaining, 9)
        # The client, told of the cancellation, is told the session stands.
        self.assertEqual(
            self._new_mails.filtered(lambda m: m.model == booking._name).recipient_ids,
            self.client_mario,
        )
        self.assertTrue(
            any(
                "Cancelled undone by Anna Reception" in body
                for body in booking.message_ids.mapped("body")
            )
        )

    def test_the_desk_undoes_a_late_cancellation(self):
        booking = self._book(self.line, TOMORROW_9)
        self._as_desk(booking).action_cancel()
        self.assertEqual(booking.state, "late_cancel")
        with freeze_time(NOW + timedelta(minutes=5)):
            self._as_desk(booking).action_undo()
        self.assertEqual(booking.state, "booked")

    def test_the_desk_undoes_a_no_show_of_a_session_that_has_begun(self):
        booking = self._book(self.line, TODAY_9)
        with freeze_time(TODAY_9 + timedelta(minutes=30)):
            self._as_desk(booking).action_no_show(reason="Did not answer the phone")
        self.assertEqual(booking.state, "no_show")
        with freeze_time(TODAY_9 + timedelta(minutes=35)):
            self._as_desk(booking).action_undo()
        self.assertEqual(booking.state, "booked")

    def test_after_the_window_only_the_manager_reopens(self):
        booking = self._book(self.line, NEXT_WEEK_9)
        self._as_desk(booking).action_cancel()
        with freeze_time(NOW + timedelta(minutes=11)):
            with self.assertRaisesRegex(UserError, "within 10 minutes"):
                self._as_desk(booking).action_undo()
            self.assertEqual(booking.state, "cancelled")
            self._as_desk(booking, self.front_office_manager).action_reset()
        self.assertEqual(booking.state, "booked")

    def test_the_desk_cannot_undo_another_operators_cancellation(self):
        booking = self._book(self.line, NEXT_WEEK_9)
        self._as_desk(booking, self.other_desk_user).action_cancel()
        with self.assertRaisesRegex(UserError, "only who cancelled it"):
            self._as_desk(booking).action_undo()
        self.assertEqual(booking.state, "cancelled")

    def test_a_booked_session_has_nothing_to_undo(self):
        booking = self._book(self.line, NEXT_WEEK_9)
        with self.assertRaises(UserError):
            self._as_desk(booking).action_undo()

    def test_undo_is_refused_when_the_time_was_taken_meanwhile(self):
        booking = self._book(self.line, NEXT_WEEK_9)
        self._as_desk(booking).action_cancel()
        laura_line = self._confirmed_quote(
            partner=self.client_laura,
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=60),
        ).order_line
        self._book(laura_line, NEXT_WEEK_9)
        with self.assertRaises(ValidationError):
            self._as_desk(booking).action_undo()
        self.assertEqual(booking.state, "cancelled")
