# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from odoo.addons.account.models.chart_template import template

# The desk's payment methods: keys of core's chart data (``account.<company>_<key>``).
# ``cash`` is core's own key (the charts that make a cash journal use it): a chart
# that has one keeps it, and the desk uses that one.
FO_CASH_JOURNAL = "cash"
FO_CARD_JOURNAL = "fo_card"


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    @template(model="account.journal")
    def _get_fo_account_journal(self, template_code):
        """The desk takes cash and cards (a POS terminal, paid into the bank)
        besides bank transfers: every chart of accounts brings the two journals.
        Their sequences come after core's bank journal, which stays the default
        of accounting's own screens. The cash journal is "Cash Desk", not "Cash":
        core's accounting tests make a journal named "Cash" in their companies
        and look it up by that name."""
        return {
            FO_CASH_JOURNAL: {
                "name": self.env._("Cash Desk"),
                "type": "cash",
                "show_on_dashboard": True,
                "sequence": 20,
            },
            FO_CARD_JOURNAL: {
                "name": self.env._("Card (POS)"),
                "type": "bank",
                "code": "CARD",
                "show_on_dashboard": True,
                "sequence": 21,
            },
        }

    def _fo_setup_desk_journals(self, companies):
        """Give the desk's journals to companies whose chart was loaded before the
        addon (install and upgrade): a journal the company already has is reused
        (its own cash journal, one of the same code or name), never doubled."""
        Journal = self.env["account.journal"].sudo().with_context(active_test=False)
        for company in companies.filtered("chart_template"):
            ChartTemplate = (
                self.sudo()
                .with_company(company)
                .with_context(
                    default_company_id=company.id,
                    allowed_company_ids=[company.id],
                    lang="en_US",
                    chart_template_load=True,
                )
            )
            journals = ChartTemplate._get_fo_account_journal(company.chart_template)
            in_company = Journal._check_company_domain(company)
            for key in list(journals):
                values = journals[key]
                if ChartTemplate.ref(key, raise_if_not_found=False):
                    del journals[key]
                    continue
                if key == FO_CASH_JOURNAL:
                    domain = [*in_company, ("type", "=", "cash")]
                elif "code" in values:
                    domain = [*in_company, ("code", "=", values["code"])]
                else:
                    domain = [*in_company, ("name", "=", values["name"])]
                existing = Journal.search(domain, limit=1)
                if existing:
                    del journals[key]
                    self.env["ir.model.data"]._update_xmlids(
                        [
                            {
                                "xml_id": ChartTemplate.company_xmlid(key, company),
                                "record": existing,
                                "noupdate": True,
                            }
                        ]
                    )
            if not journals:
                continue
            data = {"account.journal": journals}
            ChartTemplate._load_data(data)
            ChartTemplate._load_translations(
                companies=company,
                template_data={
                    "account.journal": {
                        key: dict(
                            values,
                            __translation_module__={"name": "front_office_quotes"},
                        )
                        for key, values in journals.items()
                    }
                },
            )
