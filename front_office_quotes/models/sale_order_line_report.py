# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# One concern per file (the sale line as the analysis reads it), as core
# splits account.move.line (account_move_line_tax_details.py).
# pylint: disable=consider-merging-classes-inherited
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

# A package expires "soon" when its quote's Valid Until falls within these days.
EXPIRING_DAYS = 30
# Sessions that used their session: attended, or charged without the visit.
USED_STATES = ("done", "no_show", "late_cancel")


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    fo_sessions_unused = fields.Integer(
        string="Not Used",
        compute="_compute_fo_sessions_unused",
        store=True,
        help="Sessions sold and not used yet: not booked, or booked and not "
        "attended yet (no-shows and late cancellations used theirs).",
    )
    fo_unused_value = fields.Monetary(
        string="Value Not Used",
        compute="_compute_fo_sessions_unused",
        store=True,
        currency_field="currency_id",
        help="Untaxed price of the sessions not used yet.",
    )
    fo_expiring = fields.Boolean(
        string="Expiring Soon",
        compute="_compute_fo_expiring",
        search="_search_fo_expiring",
        help="Sessions left to book on a confirmed quote whose Valid Until falls "
        "within the next 30 days.",
    )
    fo_partner_phone = fields.Char(
        related="order_partner_id.phone", string="Client Phone"
    )
    fo_validity_date = fields.Date(
        related="order_id.validity_date", string="Valid Until"
    )

    @api.depends(
        "product_uom_qty",
        "price_subtotal",
        "product_id.fo_is_bookable",
        "fo_booking_ids.state",
    )
    def _compute_fo_sessions_unused(self):
        used = dict(
            self.env["front.office.booking"]
            .sudo()
            ._read_group(
                [("sale_line_id", "in", self.ids), ("state", "in", USED_STATES)],
                ["sale_line_id"],
                ["__count"],
            )
        )
        for line in self:
            unused = 0
            if line.product_id.fo_is_bookable:
                unused = max(int(line.product_uom_qty) - used.get(line._origin, 0), 0)
            line.fo_sessions_unused = unused
            line.fo_unused_value = (
                line.price_subtotal * unused / line.product_uom_qty
                if unused and line.product_uom_qty
                else 0.0
            )

    def _compute_fo_expiring(self):
        expiring = self.filtered_domain(self._fo_expiring_domain())
        for line in self:
            line.fo_expiring = line in expiring

    def _search_fo_expiring(self, operator, value):
        # Odoo 19 turns "=" into "in" with one value.
        if operator != "in" or list(value) != [True]:
            return NotImplemented
        return self._fo_expiring_domain()

    @api.model
    def _fo_expiring_domain(self):
        today = fields.Date.context_today(self)
        return Domain(
            [
                ("order_id.state", "=", "sale"),
                ("product_id.fo_is_bookable", "=", True),
                ("fo_sessions_remaining", ">", 0),
                ("order_id.validity_date", ">=", today),
                ("order_id.validity_date", "<=", today + timedelta(days=EXPIRING_DAYS)),
            ]
        )

    @api.model
    def _fo_unused_domain(self):
        """Lines of confirmed quotes still valid today with sessions not used."""
        today = fields.Date.context_today(self)
        return Domain(
            [
                ("order_id.state", "=", "sale"),
                ("fo_sessions_unused", ">", 0),
            ]
        ) & (
            Domain("order_id.validity_date", "=", False)
            | Domain("order_id.validity_date", ">=", today)
        )

    def action_fo_find_slot(self):
        """Find a Slot for this line's client, from the call list of expiring
        packages."""
        self.ensure_one()
        finder = self.env["front.office.slot.finder"].create(
            {"partner_id": self.order_partner_id.id, "sale_line_id": self.id}
        )
        finder._fo_search()
        return finder._fo_action()
