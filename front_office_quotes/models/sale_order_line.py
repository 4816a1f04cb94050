# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    fo_booking_ids = fields.One2many(
        comodel_name="front.office.booking",
        inverse_name="sale_line_id",
        string="Bookings",
        # Salespeople and accountants read quotes and clients as before.
        groups="front_office_quotes.group_front_office_user",
    )
    fo_sessions_booked = fields.Integer(
        string="Booked",
        compute="_compute_fo_sessions",
        store=True,
        help="Sessions booked and not cancelled (attended sessions, no-shows and "
        "late cancellations included).",
    )
    fo_sessions_done = fields.Integer(
        string="Attended",
        compute="_compute_fo_sessions",
        store=True,
    )
    fo_sessions_remaining = fields.Integer(
        string="Left",
        compute="_compute_fo_sessions",
        store=True,
        help="Sessions sold and not booked yet.",
    )
    fo_sessions_paid = fields.Integer(
        string="Paid",
        compute="_compute_fo_sessions_paid",
        store=True,
        help="Sessions on posted customer invoices that are paid, less the sessions "
        "on posted credit notes: accounting decides, nothing is stored by hand.",
    )
    qty_delivered_method = fields.Selection(
        selection_add=[("fo_booking", "Front Office Sessions")]
    )
    fo_bookable_on = fields.Date(
        string="Bookable On",
        compute="_compute_fo_bookable_on",
        search="_search_fo_bookable_on",
        help="Technical: finds the service lines with sessions left on confirmed "
        "quotes valid on a date.",
    )

    @api.depends(
        "product_uom_qty",
        "product_id.fo_is_bookable",
        "fo_booking_ids.state",
    )
    def _compute_fo_sessions(self):
        counts = {
            (line.id, state): count
            for line, state, count in self.env["front.office.booking"]._read_group(
                [("sale_line_id", "in", self.ids)],
                ["sale_line_id", "state"],
                ["__count"],
            )
        }
        for line in self:
            if not line.product_id.fo_is_bookable:
                line.fo_sessions_booked = line.fo_sessions_done = 0
                line.fo_sessions_remaining = 0
                continue
            lid = line._origin.id
            done = counts.get((lid, "done"), 0)
            booked = (
                done
                + counts.get((lid, "booked"), 0)
                + counts.get((lid, "no_show"), 0)
                + counts.get((lid, "late_cancel"), 0)
            )
            line.fo_sessions_done = done
            line.fo_sessions_booked = booked
            line.fo_sessions_remaining = max(int(line.product_uom_qty) - booked, 0)

    @api.depends(
        "product_id.fo_is_bookable",
        "invoice_lines.quantity",
        "invoice_lines.product_uom_id",
        "invoice_lines.move_id.state",
        "invoice_lines.move_id.move_type",
        "invoice_lines.move_id.payment_state",
    )
    def _compute_fo_sessions_paid(self):
        for line in self:
            paid = 0.0
            if line.product_id.fo_is_bookable:
                for invoice_line in line._get_invoice_lines():
                    move = invoice_line.move_id
                    if move.state != "posted":
                        continue
                    quantity = invoice_line.product_uom_id._compute_quantity(
                        invoice_line.quantity, line.product_uom_id
                    )
                    if move.move_type == "out_refund":
                        # A refunded session is no longer paid, refund paid out or not.
                        paid -= quantity
                    elif move.move_type == "out_invoice" and move.payment_state in (
                        "paid",
                        "in_payment",
                    ):
                        paid += quantity
            line.fo_sessions_paid = max(round(paid), 0)

    def _compute_fo_bookable_on(self):
        self.fo_bookable_on = False

    def _search_fo_bookable_on(self, operator, value):
        if operator != "=":
            raise ValidationError(self.env._("Unsupported search on bookable date."))
        domain = Domain(
            [
                ("order_id.state", "=", "sale"),
                ("product_id.fo_is_bookable", "=", True),
                ("fo_sessions_remaining", ">", 0),
            ]
        )
        day = fields.Date.to_date(value[:10] if isinstance(value, str) else value)
        if day:
            domain &= Domain("order_id.validity_start_date", "in", [False]) | Domain(
                "order_id.validity_start_date", "<=", day
            )
            domain &= Domain("order_id.validity_date", "in", [False]) | Domain(
                "order_id.validity_date", ">=", day
            )
        return domain

    @api.depends("fo_sessions_remaining")
    @api.depends_context("fo_show_remaining")
    def _compute_display_name(self):
        result = super()._compute_display_name()
        if self.env.context.get("fo_show_remaining"):
            for line in self.filtered("product_id.fo_is_bookable"):
                line.display_name = self.env._(
                    "%(quote)s – %(service)s (%(left)s left)",
                    quote=line.order_id.name,
                    service=line.product_id.name,
                    left=line.fo_sessions_remaining,
                )
        return result

    # -- delivered quantity follows attended sessions ------------------------

    @api.depends("product_id.fo_is_bookable")
    def _compute_qty_delivered_method(self):
        result = super()._compute_qty_delivered_method()
        for line in self:
            if not line.is_expense and line.product_id.fo_is_bookable:
                line.qty_delivered_method = "fo_booking"
        return result

    @api.depends("fo_booking_ids.state")
    def _compute_qty_delivered(self):
        return super()._compute_qty_delivered()

    def _prepare_qty_delivered(self):
        delivered = super()._prepare_qty_delivered()
        for line in self.filtered(lambda sol: sol.qty_delivered_method == "fo_booking"):
            delivered[line] = line.fo_sessions_done
        return delivered

    # -- rules ---------------------------------------------------------------

    @api.constrains("product_uom_qty")
    def _check_fo_quantity_covers_bookings(self):
        # sudo: a salesperson without front office rights may edit the quantity.
        self.sudo().filtered("fo_booking_ids")._fo_check_sessions_available()

    def _fo_lock(self):
        """Lock these lines until the end of the transaction, so that operators
        booking or paying their sessions at the same moment are serialised
        (NO KEY UPDATE: inserts that merely reference the lines are not blocked)."""
        if self:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM sale_order_line WHERE id IN %s FOR NO KEY UPDATE",
                    tuple(self.ids),
                )
            )

    def _fo_check_sessions_available(self):
        """Never more active bookings than sessions sold. The lines are locked
        first, so that two operators booking the last session at once are
        serialised: the second one counts the first one's booking."""
        if not self:
            return
        self._fo_lock()
        active = dict(
            self.env["front.office.booking"]._read_group(
                [("sale_line_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["sale_line_id"],
                ["__count"],
            )
        )
        for line in self:
            count = active.get(line, 0)
            if count > line.product_uom_qty:
                raise ValidationError(
                    self.env._(
                        "%(service)s on quote %(quote)s: %(count)s sessions booked, "
                        "but only %(sold)s sold.",
                        service=line.product_id.name,
                        quote=line.order_id.name,
                        count=count,
                        sold=int(line.product_uom_qty),
                    )
                )
