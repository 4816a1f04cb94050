# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class FrontOfficeBookingOccupancy(models.Model):
    """The time a resource is busy with a session, whatever role it plays in it
    (operator or room), clean-up time included: one row per resource a session
    holds, written by the session itself (``_fo_sync_occupancy``) in the same
    transaction. PostgreSQL refuses two overlapping rows of one resource, even when
    two operators book at the same moment."""

    _name = "front.office.booking.occupancy"
    _description = "Time a Resource Is Busy with a Session"
    _order = "start, id"

    booking_id = fields.Many2one(
        comodel_name="front.office.booking",
        string="Session",
        required=True,
        index=True,
        ondelete="cascade",
    )
    resource_id = fields.Many2one(
        comodel_name="resource.resource",
        required=True,
        index=True,
        ondelete="restrict",
    )
    start = fields.Datetime(required=True)
    stop = fields.Datetime(required=True)

    _no_double_use = models.Constraint(
        """EXCLUDE USING GIST (
            int4range(resource_id, resource_id, '[]') WITH =,
            tsrange(start, stop, '[)') WITH &&
        )""",
        "This resource is already busy at that time.",
    )
