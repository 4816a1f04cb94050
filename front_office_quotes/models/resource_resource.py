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
    fo_attendance_ids = fields.One2many(
        related="calendar_id.attendance_ids",
        string="Working Hours",
        help="The opening hours of the resource's working calendar, in its time zone.",
    )
    fo_leave_ids = fields.Many2many(
        comodel_name="resource.calendar.leaves",
        compute="_compute_fo_leave_ids",
        string="Upcoming Time Off",
        help="Leaves of the resource and closures of its working calendar (public "
        "holidays, closing days) from today on: nobody books it then.",
    )
    fo_leave_count = fields.Integer(
        compute="_compute_fo_leave_ids", string="Time Off Count"
    )

    def _compute_fo_leave_ids(self):
        """Upcoming time off, the way availability reads it (one query for all)."""
        Leave = self.env["resource.calendar.leaves"]
        domains = [resource._fo_leaves_domain() for resource in self if resource.id]
        leaves = (
            Leave.search(
                Domain("date_to", ">=", fields.Datetime.now()) & Domain.OR(domains)
            )
            if domains
            else Leave
        )
        for resource in self:
            resource.fo_leave_ids = leaves.filtered_domain(resource._fo_leaves_domain())
            resource.fo_leave_count = len(resource.fo_leave_ids)

    def _fo_leaves_domain(self):
        """The leaves that make this resource unavailable, as core's
        ``_leave_intervals_batch`` reads them: its own, and for a resource with a
        working calendar the global leaves (public holidays, closures) of that
        calendar or of every calendar, of its company. ``time_type`` 'other' is
        not time off."""
        self.ensure_one()
        own = Domain("resource_id", "=", self.id)
        if self.calendar_id:
            own |= Domain(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", [False, self.calendar_id.id]),
                    ("company_id", "=", self.company_id.id),
                ]
            )
        return Domain("time_type", "=", "leave") & own

    def action_fo_view_leaves(self):
        """Time off of the resource: its own and its calendar's closures; a new one
        is for this resource."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Time Off: %(resource)s", resource=self.name),
            "res_model": "resource.calendar.leaves",
            "view_mode": "list,calendar,form",
            "domain": list(self._fo_leaves_domain()),
            "context": {
                "default_resource_id": self.id,
                "default_calendar_id": self.calendar_id.id,
                "default_time_type": "leave",
            },
        }

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
            resource without working calendar).

        Read as superuser, like core's ``_get_valid_work_intervals`` reads the
        calendars: core's record rules hide from an employee the leaves of a
        resource that is another user, and a hidden leave must still refuse the
        booking. Only times leave this method."""
        result = {resource.id: Intervals() for resource in self}
        for calendar in self.calendar_id.sudo():
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
