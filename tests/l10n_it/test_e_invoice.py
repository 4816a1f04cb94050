# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An Italian centre invoices its private clients as FatturaPA (core's l10n_it_edi).

Runs on a database with Italian e-invoicing installed (scripts/test makes one); the
addon itself does not depend on it. Nothing is sent to the SdI: the invoice made by
the front desk's payment passes core's export checks and renders its XML."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time
from lxml import etree

from odoo.tests import Form, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from ..common import FrontOfficeAccountingCommon

TODAY = date(2026, 3, 2)
MONDAY_9 = datetime(2026, 3, 2, 9, 0)
FISCAL_CODE = "RSSMRA80A01F205X"


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestItalianEInvoice(FrontOfficeAccountingCommon):
    @classmethod
    @AccountTestInvoicingCommon.setup_country("it")
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "vat": "IT02845530340",
                "l10n_it_codice_fiscale": "02845530340",
                "l10n_it_tax_system": "RF01",
                "street": "Borgo XX Marzo 15",
                "zip": "43121",
                "city": "Parma",
                "phone": "+39 0521 123456",
            }
        )
        # A private client: a codice fiscale, no VAT number.
        cls.client_mario.write(
            {
                "street": "Via Verdi 7",
                "zip": "20121",
                "city": "Milano",
                "country_id": cls.env.ref("base.it").id,
                "l10n_it_codice_fiscale": FISCAL_CODE,
            }
        )
        cls.service_physio.taxes_id = cls.env[
            "res.company"
        ]._fo_italian_exempt_health_tax()
        cls.quote = cls._confirmed_quote(
            lines=[(cls.service_massage, 10), (cls.service_physio, 4)],
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=90),
        )
        massage, physio = cls.quote.order_line
        cls.bookings = cls._book(massage, MONDAY_9) | cls._book(
            physio, MONDAY_9 + timedelta(days=1), cls.room_physio
        )

    def _invoice_of_the_desk(self):
        action = self.bookings.with_user(
            self.front_desk_user
        ).action_fo_register_payment()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.front_desk_user)
            .with_context(**action["context"])
        ).save()
        payment = self.env["account.payment"].browse(wizard.action_confirm()["res_id"])
        invoice = payment.invoice_ids | payment.reconciled_invoice_ids
        self.assertEqual(len(invoice), 1)
        return invoice

    def test_invoice_of_a_private_client_is_a_valid_fattura_pa(self):
        invoice = self._invoice_of_the_desk()
        self.assertEqual(invoice.state, "posted")
        self.assertFalse(invoice.partner_id.vat)
        self.assertEqual(invoice._l10n_it_edi_export_data_check(), {})

        xml = etree.fromstring(invoice._l10n_it_edi_render_xml())
        buyer = xml.find(".//CessionarioCommittente/DatiAnagrafici")
        self.assertEqual(buyer.findtext("CodiceFiscale"), FISCAL_CODE)
        self.assertIsNone(buyer.find("IdFiscaleIVA"))
        # A person, by name and surname.
        self.assertEqual(
            (buyer.findtext("Anagrafica/Nome"), buyer.findtext("Anagrafica/Cognome")),
            ("Mario", "Rossi"),
        )
        seller = xml.find(".//CedentePrestatore/DatiAnagrafici")
        self.assertEqual(seller.findtext("IdFiscaleIVA/IdCodice"), "02845530340")
        self.assertEqual(seller.findtext("RegimeFiscale"), "RF01")
        # The wellness session with 22% VAT, physiotherapy exempt under art. 10.
        summary = {
            (row.findtext("AliquotaIVA"), row.findtext("Natura"))
            for row in xml.iterfind(".//DatiRiepilogo")
        }
        self.assertEqual(summary, {("22.00", None), ("0.00", "N4")})
        self.assertEqual(
            xml.findtext(".//DatiGeneraliDocumento/ImportoTotaleDocumento"),
            f"{invoice.amount_total:.2f}",
        )

    def test_client_form_asks_for_the_codice_fiscale_and_search_finds_it(self):
        client = self.client_laura.with_user(self.front_desk_user)
        arch = client.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="l10n_it_codice_fiscale"', arch)
        with Form(client) as form:
            form.l10n_it_codice_fiscale = "BNCLRA90D45L219Q"
        found = client.search([("fo_client_search", "ilike", "bnclra90d45")])
        self.assertEqual(found, self.client_laura)
