# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# One concern per file (the hours the services planning draws), as core splits
# account.move.line (account_move_line_tax_details.py).
# pylint: disable=consider-merging-classes-inherited
from datetime import timedelta

import pytz

from odoo import models
from odoo.tools.intervals import Intervals

from ..tools import local_midnight_utc, planning_hours


class ResourceResource(models.Model):
    _inherit = "resource.resource"

    def _fo_planning_hours(self, day_from, day_to, tz):
        """The hours the services planning draws for these resources from
        ``day_from`` to ``day_to`` (dates on the clock of ``tz``, both included):
        from the earliest opening to the latest closing of the resources that
        have a working calendar, and their working time (leaves and closures
        left out) to shade the rest. Resources without a calendar are always
        available and say nothing of the opening hours.

        One batch of working time per calendar: the queries do not grow with the
        number of resources.

        :return: a ``PlanningHours`` (see ``tools/planning_hours.py``).
        """
        start = pytz.utc.localize(local_midnight_utc(tz, day_from))
        stop = pytz.utc.localize(local_midnight_utc(tz, day_to + timedelta(days=1)))
        scheduled = self.filtered("calendar_id")
        work = scheduled._fo_work_intervals(start, stop)
        worked = Intervals()
        for resource in scheduled:
            worked |= work[resource.id]
        return planning_hours(
            (
                begin.astimezone(tz).replace(tzinfo=None),
                end.astimezone(tz).replace(tzinfo=None),
            )
            for begin, end, _record in worked
        )
