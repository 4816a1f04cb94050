# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time off and closures belong to the centre's managers.

Core lets every employee record, change and delete the leaves of resources that
have no user (an operator who does not log in, a room) and the closures of a
calendar. At a centre those leaves are the rule book's: a deleted leave lets the
desk book an operator who is away. The front desk reads them (see the record
rules) and records only its own time off; managers and users without front
office rights work as core made them.
"""

from odoo import api, models
from odoo.exceptions import AccessError


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        if self._fo_desk_only():
            resources = self.env["resource.resource"].browse(
                {vals.get("resource_id") for vals in vals_list} - {None, False}
            )
            if any(not vals.get("resource_id") for vals in vals_list) or any(
                resource.user_id != self.env.user for resource in resources
            ):
                raise AccessError(self._fo_managers_only_message())
        return super().create(vals_list)

    def write(self, vals):
        self._fo_check_desk_may_change(vals.get("resource_id"))
        return super().write(vals)

    def unlink(self):
        self._fo_check_desk_may_change()
        return super().unlink()

    def _fo_desk_only(self):
        """The user is front desk and nothing more (a manager, the superuser and
        users outside the front office keep core's rights)."""
        user = self.env.user
        return (
            not self.env.su
            and user.has_group("front_office_quotes.group_front_office_user")
            and not user.has_group("front_office_quotes.group_front_office_manager")
        )

    def _fo_check_desk_may_change(self, new_resource_id=None):
        if not self._fo_desk_only():
            return
        resources = self.sudo().resource_id
        if new_resource_id:
            resources |= self.env["resource.resource"].sudo().browse(new_resource_id)
        if (
            any(not leave.resource_id for leave in self.sudo())
            or (new_resource_id is False)
            or any(resource.user_id != self.env.user for resource in resources)
        ):
            raise AccessError(self._fo_managers_only_message())

    def _fo_managers_only_message(self):
        return self.env._(
            "Only a front office manager records, changes or deletes the time off "
            "of the centre's operators and rooms and its closing days; the front "
            "desk records its own time off only."
        )
