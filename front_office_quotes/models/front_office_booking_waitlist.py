# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A session cancelled, missed or moved away frees its time: the waitlist is
told (``front.office.freed.time``) in the same transaction, and offers the time
once it has committed."""

from odoo import models

# Fields whose change moves a session away from its time.
MOVE_FIELDS = {"start", "duration", "resource_id"}


# The session model is split by concern, one file each.
# pylint: disable=consider-merging-classes-inherited
class FrontOfficeBooking(models.Model):
    _inherit = "front.office.booking"

    def _fo_free_for_waitlist(self, operation):
        """Run ``operation``, then queue the times these sessions held before
        it and no longer hold (cancelled, missed, moved)."""
        FreedTime = self.env["front.office.freed.time"]
        held = FreedTime._fo_held_vals(self)
        result = operation()
        freed = [
            vals
            for booking in self.browse(list(held))
            if (vals := held[booking.id])
            and (
                booking.state != "booked"
                or (vals["start"], vals["stop"], vals["resource_id"])
                != (booking.start, booking.stop, booking.resource_id.id)
            )
        ]
        if freed:
            FreedTime._fo_queue(freed)
        return result

    def action_cancel(self, reason=None):
        parent = super()
        return self._fo_free_for_waitlist(lambda: parent.action_cancel(reason=reason))

    def action_no_show(self, reason=None):
        parent = super()
        return self._fo_free_for_waitlist(lambda: parent.action_no_show(reason=reason))

    def action_waive(self):
        parent = super()
        return self._fo_free_for_waitlist(parent.action_waive)

    def write(self, vals):
        if not MOVE_FIELDS & vals.keys():
            return super().write(vals)
        parent = super()
        return self._fo_free_for_waitlist(lambda: parent.write(vals))
