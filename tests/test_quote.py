# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The front desk enters a quote from a template, confirms it."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import FrontOfficeCommon

TODAY = date(2026, 3, 2)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestQuote(FrontOfficeCommon):
    def _quote_form(self, user=None):
        SaleOrder = self.env["sale.order"].with_user(user or self.front_desk_user)
        return Form(
            SaleOrder.with_context(front_office=True),
            view="front_office_quotes.sale_order_view_form",
        )

    def test_front_desk_fills_a_quote_from_a_template(self):
        with self._quote_form() as quote:
            quote.partner_id = self.client_mario
            quote.sale_order_template_id = self.template_relax
            self.assertEqual(quote.fo_description, "Ten relaxing massages")
            self.assertEqual(quote.validity_start_date, TODAY)
            self.assertEqual(quote.validity_date, TODAY + timedelta(days=90))
            self.assertEqual(quote.user_id, self.front_desk_user)
            quote.fo_description = "Winter relax package"
            with quote.order_line.new() as line:
                line.product_id = self.service_physio
                line.product_uom_qty = 4
        order = quote.record
        self.assertNotEqual(order.name, "New", "the number comes from the sequence")
        self.assertEqual(order.fo_description, "Winter relax package")
        self.assertEqual(
            [(line.product_id, line.product_uom_qty) for line in order.order_line],
            [(self.service_massage, 10), (self.service_physio, 4)],
        )

    def test_number_and_operator_are_read_only_for_the_front_desk(self):
        with self._quote_form() as quote:
            quote.partner_id = self.client_mario
            for fname in ("name", "user_id"):
                with self.subTest(field=fname), self.assertRaises(AssertionError):
                    setattr(quote, fname, "X" if fname == "name" else self.salesman)

    def test_operator_is_who_creates_the_quote_not_the_client_salesperson(self):
        self.client_mario.user_id = self.salesman
        order = self._create_quote()
        self.assertEqual(order.user_id, self.front_desk_user)

        plain_order = (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create({"partner_id": self.client_mario.id})
        )
        self.assertEqual(plain_order.user_id, self.salesman, "core behaviour elsewhere")

    def test_valid_until_before_valid_from_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot end"):
            self._create_quote(
                validity_start_date=TODAY, validity_date=TODAY - timedelta(days=1)
            )
        order = self._create_quote(validity_start_date=TODAY)
        with self.assertRaises(ValidationError):
            order.validity_date = order.validity_start_date - timedelta(days=1)

    def test_a_window_starting_later_keeps_the_template_length(self):
        start = TODAY + timedelta(days=10)
        with self._quote_form() as quote:
            quote.partner_id = self.client_mario
            quote.sale_order_template_id = self.template_relax
            quote.validity_start_date = start
            self.assertEqual(quote.validity_date, start + timedelta(days=90))

    def test_front_desk_confirms_the_quote(self):
        order = self._create_quote()
        order.with_user(self.front_desk_user).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_expired_quote_cannot_be_confirmed(self):
        with freeze_time(TODAY - timedelta(days=40)):
            order = self._create_quote(validity_date=TODAY - timedelta(days=1))
        with self.assertRaisesRegex(UserError, "expired"):
            order.with_user(self.front_desk_user).action_confirm()
        self.assertEqual(order.state, "draft")

        order.validity_date = TODAY
        order.with_user(self.front_desk_user).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_other_sale_orders_behave_as_before(self):
        """No validity start, no new refusal for orders that never touch the desk."""
        with freeze_time(TODAY - timedelta(days=40)):
            order = (
                self.env["sale.order"]
                .with_user(self.salesman)
                .create(
                    {
                        "partner_id": self.client_laura.id,
                        "validity_date": TODAY - timedelta(days=1),
                        "order_line": [
                            Command.create({"product_id": self.gift_card.id})
                        ],
                    }
                )
            )
        self.assertFalse(order.validity_start_date)
        self.assertFalse(order.fo_description)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_template_description_follows_the_client_language(self):
        self.env["res.lang"]._activate_lang("it_IT")
        self.template_relax.with_context(
            lang="it_IT"
        ).fo_description = "Dieci massaggi rilassanti"
        self.client_laura.lang = "it_IT"
        with self._quote_form() as quote:
            quote.partner_id = self.client_laura
            quote.sale_order_template_id = self.template_relax
            self.assertEqual(quote.fo_description, "Dieci massaggi rilassanti")


@tagged("post_install", "-at_install")
class TestServices(FrontOfficeCommon):
    def test_a_service_in_sessions_needs_a_duration(self):
        service = self.service_physio.product_tmpl_id.with_user(
            self.front_office_manager
        )
        with self.assertRaisesRegex(ValidationError, "duration"):
            service.fo_session_duration = 0
        with self.assertRaisesRegex(ValidationError, "only a service"):
            self.env["product.template"].with_user(self.front_office_manager).create(
                {"name": "Massage oil", "type": "consu", "fo_is_bookable": True}
            )

    def test_quantity_of_a_service_is_its_number_of_sessions(self):
        order = self._create_quote(lines=[(self.service_physio, 8)])
        self.assertEqual(order.order_line.product_uom_qty, 8)
        self.assertTrue(order.order_line.product_id.fo_is_bookable)
        self.assertAlmostEqual(order.order_line.price_subtotal, 8 * 55.0)
