# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import FrontOfficeCommon


@tagged("post_install", "-at_install")
class TestFrontOfficeTours(FrontOfficeCommon, HttpCase):
    def test_front_desk_user_opens_the_front_office_app(self):
        self.start_tour(
            "/odoo", "front_office_open_app", login=self.front_desk_user.login
        )

    def test_front_desk_finds_a_client_and_sells_a_quote(self):
        """Seed steps 1-2 in the browser: search, add person, quote, confirm, print."""
        self.start_tour(
            "/odoo", "front_office_quote_tour", login=self.front_desk_user.login
        )
        client = self.env["res.partner"].search([("name", "=", "Giovanni Neri")])
        self.assertEqual(len(client), 1)
        quote = self.env["sale.order"].search([("partner_id", "=", client.id)])
        self.assertEqual(quote.state, "sale")
        self.assertEqual(quote.fo_description, "Winter relax package")
        self.assertEqual(quote.validity_start_date, fields.Date.context_today(quote))
        self.assertEqual(str(quote.validity_date), "2030-12-31")
        self.assertEqual(quote.user_id, self.front_desk_user)
        self.assertEqual(quote.sale_order_template_id, self.template_relax)
        self.assertEqual(
            quote.order_line.product_id, self.service_massage | self.service_physio
        )
