# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import FrontOfficeAccountingCommon, FrontOfficeCommon


@tagged("post_install", "-at_install")
class TestFrontOfficeAccess(FrontOfficeCommon):
    def _visible_menus(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_front_desk_user_reaches_the_front_office_menu(self):
        visible = self._visible_menus(self.front_desk_user)
        for xmlid in (
            "menu_front_office_root",
            "menu_diary",
            "menu_front_desk",
            "menu_quotes",
            "menu_services_planning",
            "menu_appointments",
            "menu_payments",
        ):
            with self.subTest(menu=xmlid):
                self.assertIn(self.env.ref(f"front_office_quotes.{xmlid}").id, visible)
        self.assertNotIn(
            self.env.ref("front_office_quotes.menu_configuration").id,
            visible,
            "configuration is for front office managers",
        )

    def test_users_without_front_office_rights_do_not_see_the_app(self):
        root = self.env.ref("front_office_quotes.menu_front_office_root")
        for user in (self.internal_user, self.salesman):
            with self.subTest(user=user.login):
                self.assertNotIn(root.id, self._visible_menus(user))

    def test_manager_reaches_the_configuration(self):
        visible = self._visible_menus(self.front_office_manager)
        for xmlid in ("menu_quote_templates", "menu_services", "menu_resources"):
            with self.subTest(menu=xmlid):
                self.assertIn(self.env.ref(f"front_office_quotes.{xmlid}").id, visible)

    def test_front_desk_user_adds_a_person(self):
        client = (
            self.env["res.partner"]
            .with_user(self.front_desk_user)
            .create({"name": "Giovanni Neri", "phone": "+39 333 000 1111"})
        )
        self.assertEqual(client.create_uid, self.front_desk_user)

    def test_only_managers_configure_resources_and_services(self):
        Resource = self.env["resource.resource"]
        with self.assertRaises(AccessError):
            Resource.with_user(self.front_desk_user).create({"name": "Sauna"})
        sauna = Resource.with_user(self.front_office_manager).create({"name": "Sauna"})
        self.assertEqual(sauna.name, "Sauna")

        service = self.service_massage.product_tmpl_id
        with self.assertRaises(AccessError):
            service.with_user(self.front_desk_user).write({"fo_session_duration": 2.0})
        service.with_user(self.front_office_manager).write(
            {"fo_resource_ids": [(4, sauna.id)], "fo_session_duration": 1.5}
        )
        self.assertIn(sauna, service.fo_resource_ids)
        self.assertEqual(service.fo_session_duration, 1.5)


@tagged("post_install", "-at_install")
class TestBookingAccess(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.quote = cls._confirmed_quote(
            validity_start_date=today, validity_date=today + timedelta(days=60)
        )
        cls.start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        cls.booking = cls._book(cls.quote.order_line, cls.start)

    def test_front_desk_user_books_and_reads_but_does_not_delete(self):
        Booking = self.env["front.office.booking"].with_user(self.front_desk_user)
        self.assertEqual(Booking.search([("id", "=", self.booking.id)]), self.booking)
        with self.assertRaises(AccessError):
            self.booking.with_user(self.front_desk_user).unlink()

    def test_bookings_of_another_company_are_invisible(self):
        other = self._other_company()
        self.front_desk_user.company_ids = [(4, other.id)]
        Booking = (
            self.env["front.office.booking"]
            .with_user(self.front_desk_user)
            .with_context(allowed_company_ids=[other.id])
        )
        self.assertFalse(Booking.search([("id", "=", self.booking.id)]))

    def test_salespeople_and_accountants_keep_working_as_before(self):
        accountant = new_test_user(
            self.env,
            login="fo_accountant",
            groups="base.group_user,account.group_account_user",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        for user in (self.salesman, accountant):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["front.office.booking"].with_user(user).search([])
        # A salesperson editing the quantity of a quote with bookings, or cancelling it,
        # is not stopped by access rights on bookings they cannot see.
        self.quote.user_id = self.salesman
        self.assertTrue(self.quote.with_user(self.salesman).read())
        partner_fields = self.env["res.partner"].with_user(self.salesman).fields_get()
        for fname in ("fo_booking_ids", "fo_quote_count", "fo_amount_to_pay"):
            with self.subTest(field=fname):
                self.assertNotIn(fname, partner_fields, "front office only")
        self.quote.order_line.with_user(self.salesman).product_uom_qty = 8
        with self.assertRaises(ValidationError):
            self.quote.order_line.with_user(self.salesman).product_uom_qty = 0
        self.quote.with_user(self.salesman)._action_cancel()
        self.assertEqual(self.booking.state, "cancelled")
        # The accountant reads the quote and its invoices as before.
        self.assertEqual(self.quote.with_user(accountant).state, "cancel")


@tagged("post_install", "-at_install")
@freeze_time(date(2026, 3, 2))
class TestSegregationOfDuties(FrontOfficeAccountingCommon):
    """The desk takes payments and reads invoices and payments; resetting, editing,
    cancelling and deleting them stays with billing and accounting."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        quote = cls._confirmed_quote(
            validity_start_date=date(2026, 3, 2), validity_date=date(2026, 6, 1)
        )
        booking = cls._book(quote.order_line, datetime(2026, 3, 3, 9, 0))
        action = booking.with_user(cls.front_desk_user).action_fo_register_payment()
        wizard = Form(
            cls.env[action["res_model"]]
            .with_user(cls.front_desk_user)
            .with_context(**action["context"])
        ).save()
        cls.payment = cls.env["account.payment"].browse(
            wizard.action_confirm()["res_id"]
        )
        cls.invoice = quote.invoice_ids

    def test_front_desk_reads_but_cannot_change_posted_invoices(self):
        invoice = self.invoice.with_user(self.front_desk_user)
        self.assertEqual(invoice.state, "posted")
        self.assertTrue(invoice.invoice_line_ids.read(["price_unit"]))
        for operation in (
            invoice.button_draft,
            invoice.button_cancel,
            invoice.unlink,
            lambda: invoice.write({"ref": "changed"}),
            lambda: invoice.invoice_line_ids.write({"price_unit": 1.0}),
        ):
            with self.subTest(operation=operation), self.assertRaises(AccessError):
                operation()
        self.assertEqual(self.invoice.state, "posted")

    def test_front_desk_reads_but_cannot_change_payments(self):
        payment = self.payment.with_user(self.front_desk_user)
        self.assertTrue(payment.read(["amount", "state"]))
        for operation in (
            payment.action_draft,
            payment.action_cancel,
            payment.unlink,
            lambda: payment.write({"amount": 1.0}),
        ):
            with self.subTest(operation=operation), self.assertRaises(AccessError):
                operation()

    def test_billing_users_keep_what_core_gives_them(self):
        invoice = self.invoice.with_user(self.billing_user)
        invoice.button_draft()
        self.assertEqual(invoice.state, "draft")
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
