# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# One concern per file (how full the resources were), as core splits
# account.move.line (account_move_line_tax_details.py).
# pylint: disable=consider-merging-classes-inherited
from collections import defaultdict
from datetime import date, datetime, time, timedelta

import pytz

from odoo import models
from odoo.tools import SQL

# The states that hold an operator's or a room's time: a no-show or a
# cancellation frees its slot.
BUSY_STATES = ("booked", "done")


class ResourceResource(models.Model):
    _inherit = "resource.resource"

    def _fo_utilisation(self, date_from, date_to):
        """How full these resources were between two days (both included, cut on
        the user's clock): the hours they were held by sessions (as operator or
        as room, clean-up time included, cancelled sessions and no-shows left
        out) over their working hours (their working calendar minus their leaves
        and the calendar's closures, as core computes working time).

        A resource without a working calendar can always be booked; it is
        measured against its company's working calendar instead
        (``company_calendar`` True). Sessions of companies the user is not in
        are never counted.

        :param date_from, date_to: ``date`` (or tz-aware ``datetime``) bounds.
        :return: {resource id: {"working_hours", "busy_hours", "ratio",
            "company_calendar"}}; ``ratio`` is None when there are no working
            hours to measure against. Hours are rounded to the minute's hundredth.
        """
        start, stop = self._fo_period_bounds(date_from, date_to)
        busy = self._fo_busy_hours(start, stop)
        working, company_calendar = self._fo_working_hours(start, stop)
        result = {}
        for resource in self:
            working_hours = round(working.get(resource.id, 0.0), 4)
            busy_hours = round(busy.get(resource.id, 0.0), 4)
            result[resource.id] = {
                "working_hours": working_hours,
                "busy_hours": busy_hours,
                "ratio": busy_hours / working_hours if working_hours else None,
                "company_calendar": resource.id in company_calendar,
            }
        return result

    def _fo_period_bounds(self, date_from, date_to):
        """Tz-aware UTC bounds of a period of whole days on the user's clock."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")

        def bound(value, days):
            if isinstance(value, datetime):
                return value.astimezone(pytz.utc)
            assert isinstance(value, date)
            moment = datetime.combine(value + timedelta(days=days), time.min)
            return tz.localize(moment).astimezone(pytz.utc)

        return bound(date_from, 0), bound(date_to, 1)

    def _fo_busy_hours(self, start, stop):
        """{resource id: hours held by sessions within [start, stop)}, one query."""
        if not self.ids:
            return {}
        self.env["front.office.booking"].flush_model(
            ["resource_id", "room_id", "start", "busy_stop", "state", "company_id"]
        )
        naive_start = start.astimezone(pytz.utc).replace(tzinfo=None)
        naive_stop = stop.astimezone(pytz.utc).replace(tzinfo=None)
        held = [
            SQL(
                """
                SELECT %(role)s AS resource_id, start, busy_stop
                  FROM front_office_booking
                 WHERE %(role)s = ANY(%(ids)s)
                   AND state IN %(states)s
                   AND company_id = ANY(%(companies)s)
                   AND start < %(stop)s AND busy_stop > %(start)s
                """,
                role=SQL.identifier(role),
                ids=list(self.ids),
                states=BUSY_STATES,
                companies=list(self.env.companies.ids),
                start=naive_start,
                stop=naive_stop,
            )
            for role in ("resource_id", "room_id")
        ]
        rows = self.env.execute_query(
            SQL(
                """
                SELECT resource_id,
                       SUM(EXTRACT(EPOCH FROM LEAST(busy_stop, %(stop)s)
                                            - GREATEST(start, %(start)s))) / 3600.0
                  FROM (%(operators)s UNION ALL %(rooms)s) AS held
                 GROUP BY resource_id
                """,
                operators=held[0],
                rooms=held[1],
                start=naive_start,
                stop=naive_stop,
            )
        )
        return {resource_id: float(hours or 0.0) for resource_id, hours in rows}

    def _fo_working_hours(self, start, stop):
        """({resource id: working hours in [start, stop)}, ids measured against
        their company's calendar). One batch per working calendar."""
        hours = defaultdict(float)
        with_calendar = self.filtered("calendar_id")
        work, _calendars = with_calendar._get_valid_work_intervals(start, stop)
        for resource in with_calendar:
            hours[resource.id] = _interval_hours(work.get(resource.id, []))
        # Always bookable: measured against the company's opening hours, their
        # own leaves and the company's closures included.
        without = self - with_calendar
        by_calendar = defaultdict(lambda: self.env["resource.resource"])
        for resource in without:
            company = resource.company_id or self.env.company
            by_calendar[company.sudo().resource_calendar_id] |= resource
        for calendar, resources in by_calendar.items():
            if not calendar:
                continue
            # Core counts a resource without calendar as working around the
            # clock: take the calendar's own hours, less the resource's leaves.
            opening = calendar._attendance_intervals_batch(start, stop)[False]
            leaves = calendar._leave_intervals_batch(start, stop, resources=resources)
            for resource in resources:
                hours[resource.id] = _interval_hours(opening - leaves[resource.id])
        return hours, set(without.ids)


def _interval_hours(intervals):
    return sum((end - begin).total_seconds() for begin, end, _meta in intervals) / 3600
