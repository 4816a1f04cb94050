# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import Command, api, models
from odoo.tools import file_open

# The demo centre's fiscal identity: a valid partita IVA (also the company's codice
# fiscale, as for every Italian company) and the private clients' codici fiscali.
DEMO_CENTRE_VAT = "IT02845530340"
DEMO_CLIENT_FISCAL_CODES = {
    "partner_mario_rossi_demo": "RSSMRA80A01F205X",
    "partner_laura_bianchi_demo": "BNCLRA85M41L219R",
}
EXEMPT_HEALTH_NOTE = "Operazione esente IVA art. 10, n. 18, DPR 633/1972"


# A second file inheriting res.company for one topic, the demo centre, as core's
# account_move_line_tax_details.py does for journal items.
class ResCompany(models.Model):
    """The demo data's Italian centre. The addon does not depend on Italian
    localisation: what only ``l10n_it``/``l10n_it_edi`` define (their taxes, fiscal
    regime and codice fiscale) is filled in when they are installed."""

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _fo_demo_italian_centre(self):
        """Turn the current company, when it is an Italian one (a database created
        for Italy), into the demo wellness centre, ready for e-invoicing."""
        company = self.env.company
        if company.country_id.code != "IT":
            return
        ChartTemplate = self.env["account.chart.template"]
        italy = ChartTemplate._get_chart_template_mapping().get("it", {})
        if company.chart_template == "generic_coa" and italy.get("installed"):
            # Odoo's accounting demo data gives the main company the generic chart
            # whatever its country: the centre takes Italy's (with its demo entries),
            # as choosing it in the accounting settings of a demo database does.
            ChartTemplate.try_loading("it", company, install_demo=True)
        with file_open("front_office_quotes/demo/centre_logo.png", "rb") as logo:
            company.logo = base64.b64encode(logo.read())
        company.write(
            {
                "name": "Centro Benessere Aurora",
                "street": "Borgo XX Marzo 15",
                "zip": "43121",
                "city": "Parma",
                "state_id": self.env.ref("base.state_it_pr").id,
                "phone": "+39 0521 123456",
                "email": "info@centroaurora.example.com",
                "website": "https://centroaurora.example.com",
                "vat": DEMO_CENTRE_VAT,
            }
        )
        euro = self.env.ref("base.EUR")
        if company.currency_id != euro and not self.env["account.move.line"].search(
            [("company_id", "=", company.id)], limit=1
        ):
            company.currency_id = euro
        if "l10n_it_tax_system" in company._fields:
            company.write(
                {
                    "l10n_it_codice_fiscale": DEMO_CENTRE_VAT[2:],
                    # Regime ordinario: VAT charged and declared as usual.
                    "l10n_it_tax_system": "RF01",
                }
            )
        if "l10n_it_codice_fiscale" in self.env["res.partner"]._fields:
            for xmlid, fiscal_code in DEMO_CLIENT_FISCAL_CODES.items():
                self.env.ref(
                    f"front_office_quotes.{xmlid}"
                ).l10n_it_codice_fiscale = fiscal_code

    @api.model
    def _fo_demo_italian_taxes(self):
        """Wellness services carry 22% VAT; physiotherapy, a health service, is
        exempt (art. 10 DPR 633/1972), when the company has Italy's chart."""
        company = self.env.company
        if company.chart_template != "it":
            return
        ChartTemplate = self.env["account.chart.template"].with_company(company)
        vat_22 = ChartTemplate.ref("22vs", raise_if_not_found=False)
        exempt = self._fo_italian_exempt_health_tax()
        if not vat_22 or not exempt:
            return
        for xmlid, tax in (
            ("product_massage_demo", vat_22),
            ("product_personal_training_demo", vat_22),
            ("product_pressotherapy_demo", vat_22),
            ("product_physio_demo", exempt),
        ):
            self.env.ref(f"front_office_quotes.{xmlid}").taxes_id = tax

    @api.model
    def _fo_italian_exempt_health_tax(self):
        """The 0% sale tax of health services (exoneration N4, art. 10 DPR 633/1972),
        made from core's 0% service tax when Italy's chart has none."""
        company = self.env.company
        exempt = self.env["account.tax"].search(
            [
                *self.env["account.tax"]._check_company_domain(company),
                ("type_tax_use", "=", "sale"),
                ("l10n_it_exempt_reason", "=", "N4"),
                ("amount", "=", 0),
            ],
            limit=1,
        )
        if exempt:
            return exempt
        zero_services = (
            self.env["account.chart.template"]
            .with_company(company)
            .ref("00vs", raise_if_not_found=False)
        )
        return zero_services and zero_services.copy(
            {
                "name": "0% Esente art. 10",
                "invoice_label": "Esente art. 10",
                "l10n_it_exempt_reason": "N4",
                "invoice_legal_notes": EXEMPT_HEALTH_NOTE,
                # Not the one fiscal positions swap for 0% N1: it stays exempt.
                "replacing_tax_ids": [Command.clear()],
            }
        )
