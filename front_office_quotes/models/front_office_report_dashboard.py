# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from .sale_order_line_report import USED_STATES

DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
# Longer periods are typing errors, and would make the working time slow to
# compute for nothing.
MAX_PERIOD_YEARS = 20
# Sessions whose outcome is known: the client came, did not, or cancelled late.
DUE_STATES = ("done", "no_show", "late_cancel")


class FrontOfficeReport(models.Model):
    _inherit = "front.office.report"

    @api.model
    def fo_dashboard_data(self, date_from, date_to):
        """Every figure of the manager's dashboard for a period, in a number of
        queries that does not grow with the sessions, resources or quotes.

        :param date_from, date_to: "YYYY-MM-DD", both days included (the
            sessions' own day, on their operator's clock).
        :return: {"date_from", "date_to", "currency_id", "figures": {key:
            {"value", "count", "total", "action"}}, "resources": [{"id", "name",
            "kind", "working_hours", "busy_hours", "ratio", "company_calendar"}]};
            a rate or a ratio is None when there is nothing to measure ("no
            data"); each ``action`` opens the list behind the figure.
        """
        self.check_access("read")
        start, stop = self._fo_check_period(date_from, date_to)
        # The day is the operator's; ``start`` (indexed) narrows the scan to the
        # period give or take a day of time zones.
        period = (
            Domain("date", ">=", start)
            & Domain("date", "<=", stop)
            & Domain(
                "start", ">=", datetime.combine(start - timedelta(days=1), time.min)
            )
            & Domain("start", "<", datetime.combine(stop + timedelta(days=2), time.min))
        )
        counts, values = defaultdict(int), defaultdict(float)
        rebooked = 0
        for state, is_rebooked, count, value in self._read_group(
            period, ["state", "rebooked"], ["__count", "value:sum"]
        ):
            counts[state] += count
            values[state] += value
            if state == "done" and is_rebooked:
                rebooked += count
        due = sum(counts[state] for state in DUE_STATES)
        attended = counts["done"]

        resources = self.env["resource.resource"]._fo_diary_resources()
        utilisation = resources._fo_utilisation(start, stop)
        working = sum(row["working_hours"] for row in utilisation.values())
        busy = sum(
            row["busy_hours"] for row in utilisation.values() if row["working_hours"]
        )
        Line = self.env["sale.order.line"]
        company = Domain("company_id", "in", self.env.companies.ids)
        [[unused_sessions, unused_value]] = Line._read_group(
            Line._fo_unused_domain() & company,
            [],
            ["fo_sessions_unused:sum", "fo_unused_value:sum"],
        )
        [[expiring_lines, expiring_sessions]] = Line._read_group(
            Line._fo_expiring_domain() & company,
            [],
            ["__count", "fo_sessions_remaining:sum"],
        )
        actions = self._fo_dashboard_actions(period)
        figures = {
            "utilisation": {
                "value": busy / working if working else None,
                "count": busy,
                "total": working,
            },
            "no_show": {
                "value": counts["no_show"] / due if due else None,
                "count": counts["no_show"],
                "total": due,
            },
            "late_cancel": {
                "value": counts["late_cancel"] / due if due else None,
                "count": counts["late_cancel"],
                "total": due,
            },
            "rebooking": {
                "value": rebooked / attended if attended else None,
                "count": rebooked,
                "total": attended,
            },
            "revenue": {
                "value": sum(values[state] for state in USED_STATES),
                "count": sum(counts[state] for state in USED_STATES),
                "total": None,
            },
            "unused": {
                "value": unused_value or 0.0,
                "count": unused_sessions or 0,
                "total": None,
            },
            "expiring": {
                "value": expiring_sessions or 0,
                "count": expiring_lines,
                "total": None,
            },
        }
        for key, figure in figures.items():
            figure["action"] = actions[key]
        return {
            "date_from": fields.Date.to_string(start),
            "date_to": fields.Date.to_string(stop),
            "currency_id": self.env.company.currency_id.id,
            "figures": figures,
            "resources": [
                {
                    "id": resource.id,
                    "name": resource.name,
                    "kind": resource.resource_type,
                    **utilisation[resource.id],
                }
                for resource in resources
            ],
        }

    @api.model
    def _fo_check_period(self, date_from, date_to):
        """The period's days, or a UserError naming what is wrong with it."""
        days = []
        for value in (date_from, date_to):
            day = None
            if isinstance(value, str) and DATE_PATTERN.fullmatch(value):
                try:
                    day = date.fromisoformat(value)
                except ValueError:
                    day = None
            if day is None:
                raise UserError(
                    self.env._(
                        "%(value)s is not a day: write it as YYYY-MM-DD.",
                        value=repr(value),
                    )
                )
            days.append(day)
        start, stop = days
        if start > stop:
            raise UserError(
                self.env._(
                    "The period starts on %(start)s, after its end on %(stop)s.",
                    start=date_from,
                    stop=date_to,
                )
            )
        if stop - start > timedelta(days=366 * MAX_PERIOD_YEARS):
            raise UserError(
                self.env._(
                    "The period is longer than %(years)s years: choose a shorter one.",
                    years=MAX_PERIOD_YEARS,
                )
            )
        return start, stop

    @api.model
    def _fo_dashboard_actions(self, period):
        """The list behind each figure of the dashboard."""

        def analysis(name, domain, view="list", **context):
            views = [(False, "list"), (False, "pivot"), (False, "graph")]
            views.sort(key=lambda item: item[1] != view)
            return {
                "type": "ir.actions.act_window",
                "name": name,
                "res_model": "front.office.report",
                "views": views,
                "domain": list(period & Domain(domain)),
                "context": context,
            }

        def lines(name, domain, view_xmlid):
            return {
                "type": "ir.actions.act_window",
                "name": name,
                "res_model": "sale.order.line",
                "views": [(self.env.ref(view_xmlid).id, "list")],
                "domain": list(domain),
                "context": {"create": False},
            }

        # Named first: the translation extractor reads one string per call.
        busy_name = self.env._("Busy Hours")
        no_show_name = self.env._("No-shows")
        late_name = self.env._("Late Cancellations")
        attended_name = self.env._("Attended Sessions")
        revenue_name = self.env._("Revenue")
        unused_name = self.env._("Sessions Sold, Not Used")
        expiring_name = self.env._("Expiring Packages")
        return {
            "utilisation": analysis(
                busy_name,
                [("state", "in", ["booked", "done"])],
                view="pivot",
                pivot_measures=["busy_hours"],
                pivot_row_groupby=["resource_id"],
            ),
            "no_show": analysis(no_show_name, [("state", "=", "no_show")]),
            "late_cancel": analysis(late_name, [("state", "=", "late_cancel")]),
            "rebooking": analysis(
                attended_name, [("state", "=", "done")], group_by=["rebooked"]
            ),
            "revenue": analysis(
                revenue_name,
                [("state", "in", list(USED_STATES))],
                view="pivot",
                pivot_measures=["value"],
                pivot_row_groupby=["resource_id"],
            ),
            "unused": lines(
                unused_name,
                self.env["sale.order.line"]._fo_unused_domain(),
                "front_office_quotes.sale_order_line_view_list_fo_unused",
            ),
            "expiring": lines(
                expiring_name,
                [("fo_expiring", "=", True)],
                "front_office_quotes.sale_order_line_view_list_fo_expiring",
            ),
        }
