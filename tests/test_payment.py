# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Taking payment: the front desk takes payment for the booked sessions,
through ordinary customer invoices and payments."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import FrontOfficeAccountingCommon

TODAY = date(2026, 3, 2)
MONDAY_9 = datetime(2026, 3, 2, 9, 0)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestPayment(FrontOfficeAccountingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quote = cls._confirmed_quote(
            validity_start_date=TODAY, validity_date=TODAY + timedelta(days=90)
        )
        cls.line = cls.quote.order_line
        cls.bookings = cls.env["front.office.booking"]
        for week in range(3):
            cls.bookings |= cls._book(cls.line, MONDAY_9 + timedelta(weeks=week))
        # 60.00 + 15% tax
        cls.session_price = cls.line.price_total / 10

    def _wizard(self, bookings=None, partner=None):
        if bookings is not None:
            action = bookings.with_user(
                self.front_desk_user
            ).action_fo_register_payment()
        else:
            partner = (partner or self.client_mario).with_user(self.front_desk_user)
            action = partner.action_fo_register_payment()
        Wizard = self.env[action["res_model"]].with_user(self.front_desk_user)
        return Form(Wizard.with_context(**action["context"]))

    def _pay(self, bookings=None, partner=None):
        wizard = self._wizard(bookings, partner).save()
        action = wizard.action_confirm()
        return self.env["account.payment"].browse(action["res_id"])

    def _client_to_pay(self):
        client = self.client_mario.with_user(self.front_desk_user)
        client.invalidate_recordset()
        return client.fo_amount_to_pay

    def test_register_payment_preselects_the_unpaid_booked_sessions(self):
        self.assertFalse(self.front_desk_user.has_group("account.group_account_user"))
        self.assertAlmostEqual(self._client_to_pay(), 3 * self.session_price)
        wizard = self._wizard()
        self.assertEqual(wizard.booking_ids[:], self.bookings)
        self.assertAlmostEqual(wizard.amount, 3 * self.session_price)
        self.assertEqual(wizard.journal_id.type, "cash")
        self.assertEqual(wizard.invoice_count, 3)

    def test_partial_payment_invoices_and_pays_the_sessions_just_booked(self):
        payment = self._pay(self.bookings[:2])
        invoice = self.line.invoice_lines.move_id
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.invoice_line_ids.quantity, 2)
        self.assertEqual(invoice.invoice_line_ids.sale_line_ids, self.line)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertAlmostEqual(invoice.amount_residual, 0)
        self.assertEqual(
            payment.state, "paid" if payment.state == "paid" else "in_process"
        )
        self.assertEqual(payment.partner_id, self.client_mario)
        self.assertAlmostEqual(payment.amount, invoice.amount_total)
        self.assertTrue(payment.reconciled_invoice_ids == invoice)
        self.assertEqual(self.line.fo_sessions_paid, 2)
        self.assertEqual(self.line.qty_invoiced, 2)
        self.assertEqual(
            self.bookings.mapped("payment_state"), ["paid", "paid", "not_paid"]
        )
        self.assertAlmostEqual(self._client_to_pay(), self.session_price)

    def test_paying_the_rest(self):
        self._pay(self.bookings[:1])
        self._pay()
        self.assertEqual(set(self.bookings.mapped("payment_state")), {"paid"})
        self.assertEqual(len(self.line.invoice_lines.move_id), 2)
        self.assertEqual(self.line.qty_invoiced, 3)
        self.assertAlmostEqual(self._client_to_pay(), 0)

    def test_paying_twice_is_refused(self):
        self._pay(self.bookings)
        with self.assertRaisesRegex(UserError, "Already paid"):
            self._pay(self.bookings)
        self.assertEqual(len(self.line.invoice_lines.move_id), 1, "no second invoice")

    def _standard_invoice(self):
        """The whole package invoiced with the standard Create Invoice."""
        invoice = self.quote.with_user(self.billing_user)._create_invoices()
        invoice.action_post()
        return invoice

    def _standard_payment(self, invoice):
        self.env["account.payment.register"].with_user(self.billing_user).with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()

    def test_prepaid_package_marks_its_sessions_paid(self):
        invoice = self._standard_invoice()
        self.assertEqual(set(self.bookings.mapped("payment_state")), {"invoiced"})
        self._standard_payment(invoice)
        self.assertEqual(self.line.fo_sessions_paid, 10)
        self.assertEqual(set(self.bookings.mapped("payment_state")), {"paid"})
        later = self._book(self.line, MONDAY_9 + timedelta(weeks=5))
        self.assertEqual(later.payment_state, "paid", "sessions booked later too")
        self.assertAlmostEqual(self._client_to_pay(), 0)
        self.assertFalse(self._wizard().booking_ids)

    def test_credit_note_takes_the_paid_sessions_back(self):
        invoice = self._standard_invoice()
        self._standard_payment(invoice)
        reversal = (
            self.env["account.move.reversal"]
            .with_user(self.billing_user)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Package refunded"})
        )
        refund = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        refund.action_post()
        self.assertEqual(self.line.fo_sessions_paid, 0)
        self.assertEqual(set(self.bookings.mapped("payment_state")), {"not_paid"})
        self.assertAlmostEqual(self._client_to_pay(), 3 * self.session_price)

    def test_invoiced_sessions_are_paid_on_their_existing_invoice(self):
        invoice = self._standard_invoice()
        wizard = self._wizard()
        self.assertEqual(wizard.invoice_count, 0)
        self.assertAlmostEqual(wizard.amount, invoice.amount_residual)
        self._pay()
        self.assertEqual(self.line.invoice_lines.move_id, invoice, "not invoiced again")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(set(self.bookings.mapped("payment_state")), {"paid"})

    def test_draft_invoice_must_be_posted_first(self):
        self.quote.with_user(self.front_desk_user)._create_invoices()
        with self.assertRaisesRegex(UserError, "still a draft"):
            self._pay()

    def test_tax_included_prices_are_charged_as_sold(self):
        tax_included = self.tax_sale_a.copy(
            {"name": "15% incl.", "price_include_override": "tax_included"}
        )
        quote = self._confirmed_quote(
            partner=self.client_laura,
            lines=[(self.service_physio, 4)],
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=90),
        )
        quote.order_line.tax_ids = tax_included
        booking = self._book(quote.order_line, MONDAY_9, self.room_physio)
        self.assertAlmostEqual(booking.price_per_session, 55.0)
        payment = self._pay(partner=self.client_laura)
        self.assertAlmostEqual(payment.amount, 55.0)
        self.assertEqual(booking.payment_state, "paid")

    def test_sessions_sold_in_two_currencies_are_refused_in_one_payment(self):
        other_currency = self.setup_other_currency("EUR")
        pricelist = self.env["product.pricelist"].create(
            {"name": "Euro", "currency_id": other_currency.id}
        )
        quote = self._create_quote(
            lines=[(self.service_physio, 2)],
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=90),
            pricelist_id=pricelist.id,
        )
        quote.action_confirm()
        self._book(quote.order_line, MONDAY_9 + timedelta(days=1), self.room_physio)
        with self.assertRaisesRegex(UserError, "different currencies"):
            self._pay()

    def test_paid_sessions_are_kept(self):
        self._pay(self.bookings[:1])
        with self.assertRaisesRegex(UserError, "paid sessions cannot be deleted"):
            self.bookings[0].with_user(self.front_office_manager).unlink()
        with self.assertRaisesRegex(UserError, "attended or paid"):
            self.quote.with_user(self.front_desk_user)._action_cancel()

    def test_payment_from_the_bookings_list_and_from_the_quote(self):
        action = (
            self.bookings[:2]
            .with_user(self.front_desk_user)
            .action_fo_register_payment()
        )
        self.assertEqual(
            action["context"]["default_booking_ids"],
            [Command.set(self.bookings[:2].ids)],
        )
        action = self.quote.with_user(self.front_desk_user).action_fo_register_payment()
        self.assertEqual(
            action["context"]["default_booking_ids"], [Command.set(self.bookings.ids)]
        )
        with self.assertRaisesRegex(UserError, "one client"):
            other = self._book(
                self._confirmed_quote(partner=self.client_laura).order_line,
                MONDAY_9 + timedelta(hours=3),
            )
            (self.bookings | other).with_user(
                self.front_desk_user
            ).action_fo_register_payment()

    def test_payment_queries_do_not_grow_with_the_sessions(self):
        quote = self._confirmed_quote(
            partner=self.client_laura,
            lines=[(self.service_physio, 30)],
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=90),
        )
        bookings = (
            self.env["front.office.booking"]
            .with_user(self.front_desk_user)
            .create(
                [
                    {
                        "sale_line_id": quote.order_line.id,
                        "start": MONDAY_9 + timedelta(days=day, hours=6),
                        "resource_id": self.room_physio.id,
                    }
                    for day in range(30)
                ]
            )
        )
        counts = []
        for batch in (bookings[:5], bookings[5:]):
            wizard = self._wizard(batch, self.client_laura).save()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            wizard.action_confirm()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(set(bookings.mapped("payment_state")), {"paid"})
        self.assertLessEqual(counts[1] - counts[0], 25, f"queries: {counts}")


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestSessionsPaidAreTheSessionsPicked(FrontOfficeAccountingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quote = cls._confirmed_quote(
            validity_start_date=TODAY, validity_date=TODAY + timedelta(days=90)
        )
        cls.line = cls.quote.order_line
        cls.bookings = cls.env["front.office.booking"]
        for week in range(5):
            cls.bookings |= cls._book(cls.line, MONDAY_9 + timedelta(weeks=week))

    def _pay(self, bookings):
        action = bookings.with_user(self.front_desk_user).action_fo_register_payment()
        Wizard = self.env[action["res_model"]].with_user(self.front_desk_user)
        wizard = Form(Wizard.with_context(**action["context"])).save()
        return wizard.action_confirm()

    def test_paying_the_fifth_session_marks_the_fifth_paid(self):
        fifth = self.bookings[4]
        self._pay(fifth)
        self.assertEqual(
            self.bookings.mapped("payment_state"), ["not_paid"] * 4 + ["paid"]
        )
        self.assertEqual(self.line.invoice_lines.fo_booking_ids, fifth)
        with self.assertRaisesRegex(UserError, "Already paid: Massage 50'"):
            self._pay(fifth)
        # The first session is still to pay, and is what the client pays next.
        self._pay(self.bookings[0])
        self.assertEqual(
            self.bookings.mapped("payment_state"),
            ["paid", "not_paid", "not_paid", "not_paid", "paid"],
        )

    def test_a_credit_note_of_a_paid_session_makes_it_payable_again(self):
        self._pay(self.bookings[1:3])
        invoice = self.line.invoice_lines.move_id
        # Billing refunds the invoice (the front desk cannot).
        reversal = (
            self.env["account.move.reversal"]
            .with_user(self.billing_user)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Refunded"})
        )
        refund = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        self.assertEqual(refund.invoice_line_ids.fo_booking_ids, self.bookings[1:3])
        self.assertEqual(self.bookings[1].payment_state, "paid", "refund in draft")
        refund.with_user(self.billing_user).action_post()
        self.assertEqual(set(self.bookings.mapped("payment_state")), {"not_paid"})
        self._pay(self.bookings[2])
        self.assertEqual(
            self.bookings.mapped("payment_state"),
            ["not_paid", "not_paid", "paid", "not_paid", "not_paid"],
        )

    def test_a_package_invoiced_up_front_still_pays_the_sessions_in_order(self):
        # Two sessions paid with the wizard, then the rest of the package with the
        # standard invoice: the rest goes to the other sessions in start order.
        self._pay(self.bookings[3:5])
        invoice = self.quote.with_user(self.billing_user)._create_invoices()
        self.assertEqual(invoice.invoice_line_ids.quantity, 8)
        invoice.action_post()
        self.assertEqual(
            self.bookings.mapped("payment_state"), ["invoiced"] * 3 + ["paid"] * 2
        )

    def test_a_paid_session_cancelled_in_good_time_pays_the_next_one(self):
        # Its money is the client's: the first active session not paid takes it,
        # in start order, like money paid up front.
        self._pay(self.bookings[1:3])
        self.bookings[1].with_user(self.front_desk_user).action_cancel()
        self.assertEqual(self.bookings[1].state, "cancelled")
        self.assertEqual(
            self.bookings.mapped("payment_state"),
            ["paid", "not_paid", "paid", "not_paid", "not_paid"],
        )
        self.assertEqual(self.line.fo_sessions_paid, 2)
        with self.assertRaisesRegex(UserError, "Already paid"):
            self._pay(self.bookings[0])
        # The sessions left are paid once each.
        new = self._book(self.line, MONDAY_9 + timedelta(weeks=5))
        self._pay(self.bookings[3:] | new)
        active = self.bookings - self.bookings[1] | new
        self.assertEqual(set(active.mapped("payment_state")), {"paid"})
        self.assertEqual(self.line.qty_invoiced, 5)

    def test_a_package_of_two_keeps_the_money_of_a_session_cancelled_in_time(self):
        quote = self._confirmed_quote(
            lines=[(self.service_massage, 2)],
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=90),
        )
        line = quote.order_line
        first, second = (
            self._book(line, MONDAY_9 + timedelta(weeks=week, hours=2))
            for week in (1, 2)
        )
        self._pay(first | second)
        first.with_user(self.front_desk_user).action_cancel()
        third = self._book(line, MONDAY_9 + timedelta(weeks=3, hours=2))
        self.assertEqual((second | third).mapped("payment_state"), ["paid", "paid"])
        self.assertEqual(line.fo_sessions_paid, 2)
        with self.assertRaisesRegex(UserError, "Already paid"):
            self._pay(third)
        self.assertEqual(line.qty_invoiced, 2)

    def test_a_late_cancellation_keeps_its_payment(self):
        # A late cancellation is a used session: its money stays with it.
        self._pay(self.bookings[:1])
        self.bookings[0].with_user(self.front_desk_user).action_cancel()
        self.assertEqual(self.bookings[0].state, "late_cancel")
        self.assertEqual(self.bookings[0].payment_state, "paid")
        self.assertEqual(self.bookings[1:].mapped("payment_state"), ["not_paid"] * 4)
