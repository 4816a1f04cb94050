# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Times freed by a cancellation, a no-show or a move, queued in the same
transaction: the waitlist's cron offers them once that transaction has
committed, so that a cancellation rolled back offers nothing."""

from odoo import api, fields, models


class FrontOfficeFreedTime(models.Model):
    _name = "front.office.freed.time"
    _description = "Front Office Freed Time"
    _order = "id"

    start = fields.Datetime(required=True)
    stop = fields.Datetime(required=True)
    resource_id = fields.Many2one(
        comodel_name="resource.resource", required=True, ondelete="cascade"
    )
    product_id = fields.Many2one(
        comodel_name="product.product", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Client",
        ondelete="set null",
        help="Whose session freed it: they are not offered their own time.",
    )

    @api.model
    def _fo_held_vals(self, bookings):
        """What these booked sessions hold now (read before they change): the
        values a queued freed time is made of."""
        return {
            booking.id: {
                "start": booking.start,
                "stop": booking.stop,
                "resource_id": booking.resource_id.id,
                "product_id": booking.product_id.id,
                "company_id": booking.company_id.id,
                "partner_id": booking.partner_id.id,
            }
            for booking in bookings
            if booking.state == "booked"
        }

    @api.model
    def _fo_queue(self, vals_list):
        """Queue these freed times (``_fo_held_vals``) when they are still to
        come and someone waits for their service, and wake the waitlist's cron.
        A centre that does not use the waitlist writes nothing."""
        now = fields.Datetime.now()
        vals_list = [vals for vals in vals_list if vals["start"] > now]
        if not vals_list or self.env.context.get("install_mode"):
            return self.browse()
        Waitlist = self.env["front.office.waitlist"].sudo()
        if not Waitlist.search_count(
            [
                ("state", "in", ("waiting", "offered")),
                ("product_id", "in", [vals["product_id"] for vals in vals_list]),
            ],
            limit=1,
        ):
            return self.browse()
        freed = self.sudo().create(vals_list)
        Waitlist._fo_trigger_cron()
        return freed
