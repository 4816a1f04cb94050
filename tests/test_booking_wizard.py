# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Book the sessions of a confirmed quote in one go."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import FrontOfficeCommon

TODAY = date(2026, 3, 2)
MONDAY_9 = datetime(2026, 3, 2, 9, 0)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestBookingWizard(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_booking_quote(TODAY, days=365)

    def _wizard_form(self, quote=None):
        action = (
            (quote or self.quote)
            .with_user(self.front_desk_user)
            .action_fo_book_sessions()
        )
        self.assertEqual(action["res_model"], "front.office.booking.wizard")
        Wizard = self.env[action["res_model"]].with_user(self.front_desk_user)
        return Form(Wizard.browse(action["res_id"]))

    def test_wizard_proposes_every_service_with_sessions_left(self):
        self._book(self.physio_line, MONDAY_9, self.room_physio)
        wizard = self._wizard_form()
        self.assertEqual(len(wizard.line_ids), 2)
        with wizard.line_ids.edit(0) as line:
            self.assertEqual(line.sale_line_id, self.massage_line)
            self.assertEqual(line.session_count, 10)
            self.assertIn(line.resource_id, self.room_massage | self.therapist)
            self.assertEqual(line.interval_days, 7)
        with wizard.line_ids.edit(1) as line:
            self.assertEqual(line.sale_line_id, self.physio_line)
            self.assertEqual(line.session_count, 1)

    def test_only_confirmed_quotes_with_sessions_left_are_booked(self):
        draft = self._create_quote()
        with self.assertRaisesRegex(UserError, "Confirm quote"):
            draft.with_user(self.front_desk_user).action_fo_book_sessions()
        quote = self._confirmed_quote(lines=[(self.service_physio, 1)])
        self._book(quote.order_line, MONDAY_9 + timedelta(days=3), self.room_physio)
        with self.assertRaisesRegex(UserError, "already booked"):
            quote.with_user(self.front_desk_user).action_fo_book_sessions()

    def _plan(self, wizard, count, start, interval=7, resource=None, row=0):
        with wizard.line_ids.edit(row) as line:
            line.session_count = count
            line.first_start = start
            line.interval_days = interval
            if resource:
                line.resource_id = resource

    def test_front_desk_books_a_weekly_series(self):
        wizard = self._wizard_form()
        self._plan(wizard, 10, MONDAY_9)
        self._plan(wizard, 2, MONDAY_9 + timedelta(hours=2), 3, self.room_physio, row=1)
        self.assertEqual(wizard.conflict_count, 0)
        wizard = wizard.save()
        self.assertEqual(len(wizard.slot_ids), 12)
        self.assertTrue(all(wizard.slot_ids.mapped("is_free")))
        wizard.action_confirm()
        bookings = self.quote.fo_booking_ids
        self.assertEqual(len(bookings), 12)
        massages = bookings.filtered(lambda b: b.sale_line_id == self.massage_line)
        self.assertEqual(
            massages.mapped("start"),
            # Every Monday at 10:00 in Rome: 09:00 UTC, 08:00 UTC once summer time
            # starts (29 March).
            [MONDAY_9 + timedelta(weeks=i) for i in range(4)]
            + [MONDAY_9 + timedelta(weeks=i, hours=-1) for i in range(4, 10)],
        )
        self.assertEqual(massages[-1].display_name, "Massage 50' – Mario Rossi (10/10)")
        self.assertEqual(self.massage_line.fo_sessions_remaining, 0)
        self.assertEqual(self.physio_line.fo_sessions_remaining, 0)

    def test_preview_marks_the_conflicts_before_booking(self):
        laura_quote = self._confirmed_quote(partner=self.client_laura)
        self._book(laura_quote.order_line, MONDAY_9 + timedelta(weeks=2))
        wizard = self._wizard_form()
        self._plan(wizard, 4, MONDAY_9, resource=self.room_massage)
        self._plan(
            wizard,
            2,
            MONDAY_9 + timedelta(weeks=1, minutes=10),
            1,
            self.room_physio,
            row=1,
        )
        self.assertEqual(wizard.conflict_count, 2)
        problems = wizard.save().slot_ids.filtered("problem").mapped("problem")
        self.assertRegex(problems[0], "Mario Rossi already has a session")
        self.assertRegex(problems[1], "Massage Room is already booked")

    def test_booking_is_all_or_nothing(self):
        laura_quote = self._confirmed_quote(partner=self.client_laura)
        self._book(laura_quote.order_line, MONDAY_9 + timedelta(weeks=2))
        wizard = self._wizard_form()
        self._plan(wizard, 4, MONDAY_9, resource=self.room_massage)
        self._plan(wizard, 2, MONDAY_9 + timedelta(days=1), 1, self.room_physio, row=1)
        with self.assertRaisesRegex(ValidationError, "already booked"):
            wizard.save().action_confirm()
        self.assertFalse(self.quote.fo_booking_ids)

    def test_sessions_outside_the_validity_are_flagged(self):
        quote = self._confirmed_quote(
            lines=[(self.service_physio, 3)],
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=10),
        )
        wizard = self._wizard_form(quote)
        self._plan(wizard, 3, MONDAY_9, 7, self.room_physio)
        self.assertEqual(wizard.conflict_count, 1)
        slots = wizard.save().slot_ids
        self.assertEqual(slots.mapped("is_free"), [True, True, False])
        self.assertRegex(slots[2].problem, "outside the validity of quote")

    def test_booking_queries_do_not_grow_with_the_sessions(self):
        """At most 2 more queries for each extra session (5 vs 30 sessions)."""
        counts = []
        for sessions, partner, resource in (
            (5, self.client_laura, self.therapist),
            (30, self.client_mario, self.room_massage),
        ):
            quote = self._confirmed_quote(
                partner=partner,
                lines=[(self.service_massage, sessions)],
                validity_start_date=TODAY,
                validity_date=TODAY + timedelta(days=365),
            )
            wizard = self._wizard_form(quote)
            self._plan(wizard, sessions, MONDAY_9 + timedelta(hours=4), 1, resource)
            record = wizard.save()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            record.action_confirm()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(len(quote.fo_booking_ids), sessions)
        self.assertLessEqual(counts[1] - counts[0], 2 * 25, f"queries: {counts}")
