# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The printed quote as the web client gets it from a served database.

wkhtmltopdf fetches the report's styles and fonts back from the server: the web
fonts the styles name are then really loaded, and Debian's wkhtmltopdf draws them as
outlines, with no text to search or copy and hundreds of kilobytes a page. The
rendering in ``test_report.py`` never reaches a server, so it cannot see this."""

import json

from odoo.tests import HttpCase, tagged

from .common import FrontOfficeCommon
from .test_report import pdf_text

# One page with a text layer weighs tens of kilobytes; drawn as outlines, hundreds.
MAX_PAGE_SIZE = 120_000


@tagged("post_install", "-at_install")
class TestQuoteReportServed(FrontOfficeCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.name = "Centro Benessere Aurora"
        cls.order = cls._confirmed_quote(
            lines=[(cls.service_massage, 10), (cls.service_physio, 4)]
        )

    def setUp(self):
        super().setUp()
        # wkhtmltopdf comes back for the styles to the server of this test.
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        # The report request is read-only: its styles must exist before it asks for
        # them (a served database builds them on first use).
        for bundle in ("web.report_assets_common", "web.report_assets_pdf"):
            self.env["ir.qweb"]._get_asset_bundle(bundle, autoprefix=True).css()

    def test_served_quote_has_a_text_layer(self):
        self.authenticate(self.front_desk_user.login, self.front_desk_user.login)
        # Under test, Odoo renders reports as HTML unless told to really print.
        context = json.dumps({"force_report_rendering": True})
        response = self.url_open(
            f"/report/pdf/front_office_quotes.report_fo_quote/{self.order.id}"
            f"?context={context}",
            timeout=120,
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        pdf = response.content
        self.assertLess(len(pdf), MAX_PAGE_SIZE, "one page drawn without text")
        text = pdf_text(pdf)
        massage, physio = self.order.order_line
        for expected in [
            "Centro Benessere Aurora",
            "Mario Rossi",
            f"Quote {self.order.name}",
            massage.name,
            physio.name,
            "Untaxed Amount",
            "Total",
        ]:
            with self.subTest(expected=expected):
                self.assertIn(expected, text)
        for amount in (self.order.amount_untaxed, self.order.amount_total):
            with self.subTest(amount=amount):
                self.assertIn(f"{amount:,.2f}", text)
