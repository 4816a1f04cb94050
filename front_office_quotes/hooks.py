# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    """Companies whose chart of accounts was loaded before the addon get the
    desk's cash and card journals (later charts bring them through the chart
    template, see ``account_chart_template.py``)."""
    companies = env["res.company"].search([("chart_template", "!=", False)])
    env["account.chart.template"]._fo_setup_desk_journals(companies)
