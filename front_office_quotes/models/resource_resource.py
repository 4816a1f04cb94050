# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz

from odoo import fields, models
from odoo.fields import Domain
from odoo.tools.intervals import Intervals


class ResourceResource(models.Model):
    _inherit = "resource.resource"

    fo_diary_sequence = fields.Integer(
        string="Diary Order",
        default=10,
        help="Order of the resource's column in the Diary: operators come first, "
        "then rooms, each by this number.",
    )
    fo_show_in_diary = fields.Boolean(
        string="Show in Diary",
        default=True,
        help="The resource has its own column in the Diary of the front desk.",
    )

    def _fo_work_intervals(self, start, stop):
        """Working time of these resources between ``start`` and ``stop``, in one
        batch (one query per working calendar, whatever the number of resources).

        Working time = the attendances of the resource's calendar in the resource's
        time zone, minus the resource's own leaves and the calendar's global leaves
        (public holidays, closures). A resource without a working calendar is always
        available.

        :param start, stop: naive UTC datetimes (as stored by the ORM), or tz-aware
            ones.
        :return: {resource id: Intervals} of tz-aware UTC datetimes; every resource of
            ``self`` has an entry (empty when it does not work at all).
        """
        start, stop = (
            dt if dt.tzinfo else pytz.utc.localize(dt) for dt in (start, stop)
        )
        start, stop = start.astimezone(pytz.utc), stop.astimezone(pytz.utc)
        work, _calendars = self._get_valid_work_intervals(start, stop)
        result = {}
        for resource in self:
            result[resource.id] = Intervals(
                (
                    begin.astimezone(pytz.utc),
                    end.astimezone(pytz.utc),
                    self.env["resource.resource"],
                )
                for begin, end, _record in work.get(resource.id, Intervals())
                if begin < end
            )
        return result

    def _fo_leave_intervals(self, start, stop):
        """Leaves of these resources between ``start`` and ``stop`` (tz-aware): their
        own and their calendar's global ones (public holidays, closures), one batch
        per working calendar. Nobody is booked during them, not even outside
        working hours.

        :return: {resource id: Intervals} of tz-aware datetimes (empty for a
            resource without working calendar)."""
        result = {resource.id: Intervals() for resource in self}
        for calendar in self.calendar_id:
            resources = self.filtered(lambda r, c=calendar: r.calendar_id == c)
            leaves = calendar._leave_intervals_batch(start, stop, resources=resources)
            for resource in resources:
                result[resource.id] = leaves[resource.id]
        return result

    def _fo_diary_resources(self, domain=None):
        """The columns of the Diary: operators first, then rooms and equipment,
        each in the order the centre sets (``fo_diary_sequence``).

        :param domain: which resources (default: those shown in the Diary); only
            resources of the user's companies (or of none) ever are."""
        resources = self.search(
            Domain(domain or [("fo_show_in_diary", "=", True)])
            & Domain("company_id", "in", [False, *self.env.companies.ids])
        )
        return resources.sorted(
            lambda r: (
                r.resource_type != "user",
                r.fo_diary_sequence,
                r.name or "",
                r.id,
            )
        )
