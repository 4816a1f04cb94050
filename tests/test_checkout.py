# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checkout at the desk: cash and card journals, a payment for the sessions picked,
the whole package or a deposit, the receipt, and one balance everywhere."""

import json
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, tagged

from .common import FrontOfficeAccountingCommon
from .test_report import pdf_text

TODAY = date(2026, 3, 2)
MONDAY_9 = datetime(2026, 3, 2, 9, 0)


class CheckoutCommon(FrontOfficeAccountingCommon):
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
        cls.session_price = cls.line.price_total / 10
        cls.desk_cash = cls.env.ref(f"account.{cls.company.id}_cash")
        cls.desk_card = cls.env.ref(f"account.{cls.company.id}_fo_card")

    def _wizard(self, scope="sessions", bookings=None, order=None):
        if bookings is not None:
            action = bookings.with_user(
                self.front_desk_user
            ).action_fo_register_payment()
        else:
            order = (order or self.quote).with_user(self.front_desk_user)
            action = order.action_fo_register_payment()
        Wizard = self.env[action["res_model"]].with_user(self.front_desk_user)
        wizard = Form(Wizard.with_context(**action["context"]))
        wizard.fo_scope = scope
        return wizard

    def _confirm(self, wizard):
        action = wizard.save().action_confirm()
        return self.env["account.payment"].browse(action["res_id"])

    def _balance(self, order=None):
        order = (order or self.quote).with_user(self.front_desk_user)
        order.invalidate_recordset()
        return order.fo_amount_paid, order.fo_amount_due, order.fo_sessions_due


@tagged("post_install", "-at_install")
class TestDeskJournals(FrontOfficeAccountingCommon):
    def test_chart_brings_cash_and_card_journals(self):
        for company in (self.company, self._other_company("Centre Two")):
            with self.subTest(company=company.name):
                cash = self.env.ref(f"account.{company.id}_cash")
                card = self.env.ref(f"account.{company.id}_fo_card")
                self.assertEqual((cash.type, cash.company_id), ("cash", company))
                self.assertEqual((card.type, card.company_id), ("bank", company))
                self.assertEqual(card.name, "Card (POS)")

    def test_install_hook_reuses_the_cash_journal_and_adds_the_card(self):
        """A company whose chart predates the addon: its own cash journal is kept
        (no second one), the card journal is made, once."""
        company = self._other_company("Old Centre")
        Journal = self.env["account.journal"]
        card = self.env.ref(f"account.{company.id}_fo_card")
        card.unlink()
        self.env["ir.model.data"].search(
            [("module", "=", "account"), ("name", "=", f"{company.id}_cash")]
        ).unlink()
        cash_domain = [("company_id", "=", company.id), ("type", "=", "cash")]
        cash_before = Journal.search(cash_domain)
        self.assertTrue(cash_before)
        for _run in range(2):
            self.env["account.chart.template"]._fo_setup_desk_journals(company)
        self.assertEqual(Journal.search(cash_domain), cash_before)
        self.assertIn(self.env.ref(f"account.{company.id}_cash"), cash_before)
        cards = Journal.search([("company_id", "=", company.id), ("code", "=", "CARD")])
        self.assertEqual(len(cards), 1)
        self.assertEqual(cards, self.env.ref(f"account.{company.id}_fo_card"))

    def test_desk_can_search_more_journals(self):
        Journal = self.env["account.journal"].with_user(self.front_desk_user)
        records = Journal.search_read(
            [("type", "in", ("cash", "bank")), ("company_id", "=", self.company.id)],
            ["name", "type", "journal_group_ids"],
        )
        self.assertTrue({"Cash Desk", "Card (POS)"} <= {r["name"] for r in records})


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestCheckoutScopes(CheckoutCommon):
    def test_wizard_offers_cash_card_and_bank(self):
        wizard = self._wizard()
        journals = self.env["account.journal"].search(
            [("type", "in", ("cash", "bank")), ("company_id", "=", self.company.id)]
        )
        self.assertIn(self.desk_cash, journals)
        self.assertIn(self.desk_card, journals)
        self.assertEqual(wizard.journal_id.type, "cash")
        wizard.journal_id = self.desk_card
        payment = self._confirm(wizard)
        self.assertEqual(payment.journal_id, self.desk_card)

    def test_sessions_scope_pays_the_sessions_picked(self):
        wizard = self._wizard(bookings=self.bookings[:2])
        self.assertEqual(wizard.sale_order_id, self.quote)
        self.assertAlmostEqual(wizard.amount, 2 * self.session_price)
        payment = self._confirm(wizard)
        self.assertAlmostEqual(payment.amount, 2 * self.session_price)
        self.assertEqual(
            self.bookings.sudo().mapped("payment_state"), ["paid", "paid", "not_paid"]
        )

    def test_package_paid_up_front_in_cash_marks_sessions_paid_in_start_order(self):
        wizard = self._wizard("package", order=self.quote)
        self.assertEqual(wizard.sale_order_id, self.quote)
        self.assertAlmostEqual(wizard.amount, self.quote.amount_total)
        wizard.journal_id = self.desk_cash
        payment = self._confirm(wizard)
        self.assertAlmostEqual(payment.amount, self.quote.amount_total)
        self.assertEqual(payment.journal_id, self.desk_cash)
        self.assertEqual(set(self.bookings.sudo().mapped("payment_state")), {"paid"})
        paid, due, sessions_due = self._balance()
        self.assertAlmostEqual(paid, self.quote.amount_total)
        self.assertAlmostEqual(due, 0.0)
        self.assertAlmostEqual(sessions_due, 0.0)
        # A session booked later is paid already: the package was.
        later = self._book(self.line, MONDAY_9 + timedelta(weeks=5))
        self.assertEqual(later.sudo().payment_state, "paid")
        self.assertEqual(self.line.fo_sessions_paid, 10)
        # Paying twice is refused.
        with self.assertRaises(UserError):
            self._confirm(self._wizard("package", order=self.quote))
        with self.assertRaises(UserError):
            self._confirm(self._wizard(bookings=later))

    def test_deposit_then_package_deducts_the_deposit(self):
        total = self.quote.amount_total
        wizard = self._wizard("deposit", order=self.quote)
        wizard.amount = 100.0
        payment = self._confirm(wizard)
        self.assertAlmostEqual(payment.amount, 100.0)
        # A down payment is not a session: no session is paid by it.
        self.assertEqual(
            set(self.bookings.sudo().mapped("payment_state")), {"not_paid"}
        )
        self.assertEqual(self.line.fo_sessions_paid, 0)
        paid, due, sessions_due = self._balance()
        self.assertAlmostEqual(paid, 100.0)
        self.assertAlmostEqual(due, total - 100.0)
        self.assertAlmostEqual(sessions_due, 3 * self.session_price)
        # A session paid meanwhile is invoiced in full: the deposit waits for
        # the package's last invoice.
        payment = self._confirm(self._wizard(bookings=self.bookings[:1]))
        self.assertAlmostEqual(payment.amount, self.session_price)
        self.assertEqual(self.bookings[:1].sudo().payment_state, "paid")
        paid, due, sessions_due = self._balance()
        self.assertAlmostEqual(paid, 100.0 + self.session_price)
        self.assertAlmostEqual(sessions_due, 2 * self.session_price)
        wizard = self._wizard("package", order=self.quote)
        rest = total - 100.0 - self.session_price
        self.assertAlmostEqual(wizard.amount, rest)
        payment = self._confirm(wizard)
        self.assertAlmostEqual(payment.amount, rest)
        self.assertEqual(set(self.bookings.sudo().mapped("payment_state")), {"paid"})
        paid, due, _sessions_due = self._balance()
        self.assertAlmostEqual(paid, total)
        self.assertAlmostEqual(due, 0.0)
        final = payment.reconciled_invoice_ids
        self.assertTrue(final.invoice_line_ids.filtered("is_downpayment"))

    def test_sessions_may_not_leave_less_than_the_deposit_to_invoice(self):
        total = self.quote.amount_total
        deposit = total - 2 * self.session_price
        wizard = self._wizard("deposit", order=self.quote)
        wizard.amount = deposit
        self._confirm(wizard)
        # Three sessions would leave less than the deposit for the last invoice.
        with self.assertRaisesRegex(UserError, "Whole package"):
            self._confirm(self._wizard(bookings=self.bookings))
        self.assertEqual(
            set(self.bookings.sudo().mapped("payment_state")), {"not_paid"}
        )
        self.assertFalse(self.bookings.sudo().fo_invoice_line_ids)
        # Two leave exactly the deposit: then nothing is left to pay.
        self._confirm(self._wizard(bookings=self.bookings[:2]))
        self.assertAlmostEqual(self._balance()[1], 0.0)
        with self.assertRaisesRegex(UserError, "Whole package"):
            self._confirm(self._wizard(bookings=self.bookings[2:]))
        self.assertEqual(self.bookings[2:].sudo().payment_state, "not_paid")
        # The deposit covers the rest: the package's last invoice, of zero,
        # settles it without a payment, and the session booked is paid.
        payments = self.env["account.payment"].search_count([])
        action = self._wizard("package", order=self.quote).save().action_confirm()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("nothing is charged", action["params"]["message"])
        self.assertEqual(self.env["account.payment"].search_count([]), payments)
        self.assertEqual(self.bookings[2:].sudo().payment_state, "paid")
        self.assertEqual(self.line.fo_sessions_paid, 10)
        self.assertAlmostEqual(self._balance()[1], 0.0)
        # And then there is truly nothing left.
        with self.assertRaisesRegex(UserError, "is paid"):
            self._confirm(self._wizard("package", order=self.quote))

    def test_deposit_bounds(self):
        due = self.quote.amount_total
        for amount in (0.0, -10.0, due + 0.01):
            with self.subTest(amount=amount):
                wizard = self._wizard("deposit", order=self.quote)
                wizard.amount = amount
                with self.assertRaisesRegex(UserError, "at most"):
                    self._confirm(wizard)
        wizard = self._wizard("deposit", order=self.quote)
        wizard.amount = due
        self._confirm(wizard)
        self.assertAlmostEqual(self._balance()[1], 0.0)
        with self.assertRaises(UserError):
            wizard = self._wizard("deposit", order=self.quote)
            wizard.amount = 1.0
            self._confirm(wizard)
        # A deposit of the whole balance: the package's last invoice pays the
        # sessions without charging again.
        self._wizard("package", order=self.quote).save().action_confirm()
        self.assertEqual(set(self.bookings.sudo().mapped("payment_state")), {"paid"})
        self.assertAlmostEqual(self._balance()[1], 0.0)

    def test_amount_is_the_operators_only_for_a_deposit(self):
        wizard = self._wizard("package", order=self.quote)
        wizard.save()
        with self.assertRaises(AssertionError):
            wizard.amount = 5.0
        record = self._wizard("package", order=self.quote).save()
        # Over RPC: a typed amount does not change what a package costs.
        record.amount = 5.0
        payment = self.env["account.payment"].browse(record.action_confirm()["res_id"])
        self.assertAlmostEqual(payment.amount, self.quote.amount_total)

    def test_package_of_another_clients_quote_is_refused(self):
        other = self._confirmed_quote(partner=self.client_laura)
        wizard = self._wizard("package", order=self.quote).save()
        wizard.sale_order_id = other
        with self.assertRaises(UserError):
            wizard.action_confirm()


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestOneBalance(CheckoutCommon):
    def test_partner_quote_and_report_say_the_same(self):
        self._confirm(self._wizard(bookings=self.bookings[:1]))
        paid, due, sessions_due = self._balance()
        self.assertAlmostEqual(paid, self.session_price, places=2)
        self.assertAlmostEqual(due, self.quote.amount_total - paid, places=2)
        self.assertAlmostEqual(sessions_due, 2 * self.session_price, places=2)
        client = self.client_mario.with_user(self.front_desk_user)
        client.invalidate_recordset()
        self.assertAlmostEqual(client.fo_amount_due, due, places=2)
        self.assertAlmostEqual(client.fo_amount_to_pay, sessions_due, places=2)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.front_desk_user)
            ._render_qweb_html("front_office_quotes.report_fo_quote", self.quote.ids)[0]
            .decode()
        )
        for label in (
            "Package total",
            "Amount paid",
            "Balance due",
            "Sessions booked to pay",
        ):
            self.assertIn(label, html)
        for amount in (paid, due, sessions_due):
            self.assertIn(f"{amount:,.2f}", html)

    def test_balance_queries_do_not_grow_with_the_orders(self):
        orders = self.quote | self.env["sale.order"].browse(
            [self._confirmed_quote().id for _i in range(9)]
        )
        SaleOrder = self.env["sale.order"].with_user(self.front_desk_user)

        def compute(ids):
            records = SaleOrder.browse(ids)
            records.invalidate_recordset()
            records.mapped("fo_amount_due")

        compute(orders.ids)  # warm the caches of the ORM
        counts = []
        for ids in (orders[:1].ids, orders.ids):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            compute(ids)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertLessEqual(counts[1], counts[0], counts)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestReceipt(CheckoutCommon, HttpCase):
    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        for bundle in ("web.report_assets_common", "web.report_assets_pdf"):
            self.env["ir.qweb"]._get_asset_bundle(bundle, autoprefix=True).css()

    def _receipt_url(self, payment):
        context = json.dumps({"force_report_rendering": True})
        return (
            f"/report/pdf/front_office_quotes.report_fo_receipt/{payment.id}"
            f"?context={context}"
        )

    def test_desk_prints_the_receipt_of_the_sessions_paid(self):
        payment = self._confirm(self._wizard(bookings=self.bookings[:2]))
        action = payment.with_user(self.front_desk_user).action_fo_print_receipt()
        self.assertEqual(action["report_name"], "front_office_quotes.report_fo_receipt")
        self.authenticate(self.front_desk_user.login, self.front_desk_user.login)
        response = self.url_open(self._receipt_url(payment), timeout=120)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        text = pdf_text(response.content)
        self.assertEqual(response.content.count(b"/Type /Page\n") or 1, 1)
        for expected in (
            f"Receipt {payment.name}",
            "Mario Rossi",
            payment.journal_id.name,
            "Massage 50'",
            "1/10",
            "2/10",
            "Package total",
            "Balance due",
            f"{payment.amount:,.2f}",
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, text)

    def test_receipt_is_not_for_anonymous_visitors(self):
        other = self._confirmed_quote(partner=self.client_laura)
        payment = self._confirm(self._wizard("package", order=other))
        self.authenticate(None, None)
        response = self.url_open(self._receipt_url(payment), timeout=120)
        self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf")
        self.assertNotIn(b"%PDF", response.content[:10])

    def test_desk_emails_the_receipt(self):
        payment = self._confirm(self._wizard("package", order=self.quote))
        payment.with_user(self.front_desk_user).action_fo_send_receipt()
        message = payment.message_ids.filtered(lambda m: m.message_type == "comment")[
            :1
        ]
        self.assertTrue(message)
        self.assertEqual(message.author_id, self.front_desk_user.partner_id)
        self.assertIn(self.client_mario, message.partner_ids)
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertTrue(message.attachment_ids.name.startswith("Receipt"))
