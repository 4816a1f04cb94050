# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.3.1.0: the desk takes cash and cards. Companies with a chart of accounts get
the cash journal (their own, when the chart made one) and the card (POS) journal."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    companies = env["res.company"].search([("chart_template", "!=", False)])
    env["account.chart.template"]._fo_setup_desk_journals(companies)
