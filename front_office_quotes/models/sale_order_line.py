# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "front.office.derived.mixin"]

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
                for _invoice_line, move, quantity in line._fo_posted_invoice_lines():
                    if move.move_type == "out_refund":
                        # A refunded session is no longer paid, refund paid out or not.
                        paid -= quantity
                    elif move.payment_state in ("paid", "in_payment"):
                        paid += quantity
            line.fo_sessions_paid = max(round(paid), 0)

    def _fo_posted_invoice_lines(self):
        """(invoice line, move, quantity in the line's unit) of the posted customer
        invoices and credit notes of this line, oldest first."""
        self.ensure_one()
        for invoice_line in self.sudo().invoice_lines.sorted("id"):
            move = invoice_line.move_id
            if move.state != "posted" or move.move_type not in (
                "out_invoice",
                "out_refund",
            ):
                continue
            quantity = invoice_line.product_uom_id._compute_quantity(
                invoice_line.quantity, self.product_uom_id
            )
            yield invoice_line, move, quantity

    def _fo_session_payment_states(self):
        """{booking id: "paid" | "invoiced"} for the active sessions of these lines.

        The sessions the operator pays are the sessions marked paid: an invoice line
        made by the payment wizard carries its sessions, which follow it (paid with
        its invoice, invoiced while it is open, back to not paid once a credit note
        carries them too). Quantities invoiced without sessions (a package invoiced
        up front with the standard invoice) go to the other sessions in start order:
        paid ones first, then invoiced ones."""
        states = {}
        if not self:
            return states
        bookings = (
            self.env["front.office.booking"]
            .sudo()
            .search(
                [("sale_line_id", "in", self.ids), ("state", "!=", "cancelled")],
                order="start, id",
            )
        )
        by_line = defaultdict(list)
        for booking in bookings:
            by_line[booking.sale_line_id.id].append(booking)
        for line in self:
            carried, free_paid, free_open = line._fo_invoiced_sessions()
            for booking in by_line[line._origin.id or line.id]:
                if booking.id in carried:
                    states[booking.id] = carried[booking.id]
                elif free_paid > 0:
                    states[booking.id] = "paid"
                    free_paid -= 1
                elif free_open > 0:
                    states[booking.id] = "invoiced"
                    free_open -= 1
        return states

    def _fo_invoiced_sessions(self):
        """What the posted invoices of this line say of its sessions: the state of
        each session an invoice line carries ({booking id: "paid" | "invoiced"},
        a credit note carrying it takes it back), and the paid and the open
        quantities that carry no session."""
        self.ensure_one()
        net = defaultdict(int)
        last_state = {}
        free_paid = free_open = 0.0
        for invoice_line, move, quantity in self._fo_posted_invoice_lines():
            sessions = invoice_line.fo_booking_ids
            free = quantity - len(sessions)
            if move.move_type == "out_refund":
                for session in sessions:
                    net[session.id] -= 1
                free_paid -= free
                continue
            paid = move.payment_state in ("paid", "in_payment")
            for session in sessions:
                net[session.id] += 1
                last_state[session.id] = "paid" if paid else "invoiced"
            if paid:
                free_paid += free
            else:
                free_open += free
        carried, back_paid, back_open = self._fo_sessions_kept(net, last_state)
        free_paid += back_paid
        free_open += back_open
        if free_paid < 0:
            free_open += free_paid
            free_paid = 0
        return carried, round(free_paid), max(round(free_open), 0)

    def _fo_sessions_kept(self, net, last_state):
        """Split the sessions the invoices carry into those that keep their state
        ({booking id: state}) and the paid and open quantities given back: a
        session cancelled without penalty gives what paid or invoiced it back to
        the package, and the next active session takes it like money paid up
        front (late cancellations and no-shows are used sessions, and keep it)."""
        held = [bid for bid, count in net.items() if count > 0]
        cancelled = set(
            self.env["front.office.booking"]
            .sudo()
            .browse(held)
            .filtered(lambda b: b.state == "cancelled")
            .ids
        )
        kept = {bid: last_state[bid] for bid in held if bid not in cancelled}
        given_back = [last_state[bid] for bid in cancelled]
        return kept, given_back.count("paid"), given_back.count("invoiced")

    def _fo_session_ranks(self):
        """{booking id: rank} of the active sessions of these lines, in start
        order, in one query (the display name of every session shows it)."""
        if not self.ids:
            return {}
        self.env["front.office.booking"].flush_model(["sale_line_id", "start", "state"])
        return dict(
            self.env.execute_query(
                SQL(
                    """
                    SELECT id, row_number() OVER (
                               PARTITION BY sale_line_id ORDER BY start, id)
                      FROM front_office_booking
                     WHERE sale_line_id IN %s AND state != 'cancelled'
                    """,
                    tuple(self.ids),
                )
            )
        )

    def _compute_fo_bookable_on(self):
        self.fo_bookable_on = False

    def _search_fo_bookable_on(self, operator, value):
        # Odoo 19 turns "=" into "in" with one value.
        if operator == "in" and len(value) == 1:
            value = next(iter(value))
        elif operator != "=":
            return NotImplemented
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

    @api.model
    def _search(self, domain, *args, **kwargs):
        # Core casts the value of a date condition before the field's search
        # method sees it: a day that does not exist would come back as a
        # traceback, so the day is read here first, with a clear message.
        Arguments = self.env["front.office.arguments"]
        for condition in Domain(domain).iter_conditions():
            if condition.field_expr != "fo_bookable_on":
                continue
            values = condition.value
            if not isinstance(values, (list, tuple, set, frozenset)):
                values = [values]
            for value in values:
                if value:
                    Arguments._fo_day(value[:10] if isinstance(value, str) else value)
        return super()._search(domain, *args, **kwargs)

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

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            bookable = (
                self.env["product.product"]
                .browse(
                    {vals["product_id"] for vals in vals_list if vals.get("product_id")}
                )
                .filtered("fo_is_bookable")
            )
            for vals in vals_list:
                self._fo_check_line_derived_fields(
                    vals, vals.get("product_id") in bookable.ids
                )
        return super().create(vals_list)

    def write(self, vals):
        self._fo_check_line_derived_fields(
            vals, any(line.product_id.fo_is_bookable for line in self)
        )
        if (
            "qty_delivered" in vals
            and not self.env.su
            and any(line.qty_delivered_method == "fo_booking" for line in self)
        ):
            raise UserError(
                self.env._(
                    "The delivered quantity of a service sold in sessions is the "
                    "number of sessions attended: check the client in instead."
                )
            )
        return super().write(vals)

    def _fo_check_line_derived_fields(self, fnames, sessions):
        """The addon's counters are derived on every line; on a line sold in
        sessions core's derived quantities and amounts too (invoiced quantity,
        invoice status...), since the sessions' paid state is read from them."""
        derived = self._fo_derived_fields()
        if not sessions:
            derived = {fname for fname in derived if fname.startswith("fo_")}
        self._fo_check_derived_fields(fnames, derived)

    def _fo_derived_fields_message(self, labels):
        return self.env._(
            "%(fields)s cannot be changed by hand: the sessions booked and "
            "attended and accounting decide them.",
            fields=labels,
        )

    @api.constrains("product_uom_qty")
    def _check_fo_quantity_covers_bookings(self):
        # sudo: a salesperson without front office rights may edit the quantity.
        self.sudo().filtered("fo_booking_ids")._fo_check_sessions_available()

    def _fo_lock(self):
        """Lock these lines until the end of the transaction, so that operators
        booking, checking in, cancelling or paying their sessions at the same moment
        are serialised (NO KEY UPDATE: inserts that merely reference the lines are
        not blocked). Every path takes these locks first and in id order, before it
        writes any booking: two paths never wait for each other in a circle."""
        if self:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM sale_order_line WHERE id IN %s "
                    "ORDER BY id FOR NO KEY UPDATE",
                    tuple(self.ids),
                )
            )

    def _fo_fetch_booking_fields(self):
        """Read at once only what booking a session of these lines needs: the
        whole rows of the lines, their orders and products (the ORM's default
        prefetch) cost more than a free-slot search itself."""
        self.fetch(["product_id", "order_id", "fo_sessions_remaining"])
        self.order_id.fetch(
            [
                "state",
                "partner_id",
                "company_id",
                "validity_start_date",
                "validity_date",
            ]
        )
        self.product_id.fetch(
            [
                "fo_is_bookable",
                "fo_resource_ids",
                "fo_room_ids",
                "fo_session_duration",
                "fo_buffer_after",
            ]
        )

    def _fo_active_session_counts(self, exclude_ids=()):
        """``{line id: sessions that count against the quantity sold}``: every
        session but the cancelled ones (a no-show or a late cancellation uses its
        session), ``exclude_ids`` aside; one query. Read as superuser: the rule
        counts the sessions the user may not see too."""
        domain = [("sale_line_id", "in", self.ids), ("state", "!=", "cancelled")]
        if exclude_ids:
            domain.append(("id", "not in", list(exclude_ids)))
        counts = dict.fromkeys(self.ids, 0)
        for line, count in (
            self.env["front.office.booking"]
            .sudo()
            ._read_group(domain, ["sale_line_id"], ["__count"])
        ):
            counts[line.id] = count
        return counts

    def _fo_check_sessions_available(self):
        """Never more active bookings than sessions sold. The lines are locked
        first, so that two operators booking the last session at once are
        serialised: the second one counts the first one's booking."""
        if not self:
            return
        self._fo_lock()
        active = self._fo_active_session_counts()
        for line in self:
            count = active[line.id]
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
