# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..tools import local_midnight_utc

# A short description is one line of the printed quote, not a document: a long
# text would make every print of the quote heavy and slow.
FO_DESCRIPTION_MAX = 200


def check_fo_description_length(records):
    """The quote's and the quote template's description stay one short line."""
    too_long = records.filtered(
        lambda r: len(r.fo_description or "") > FO_DESCRIPTION_MAX
    )
    if too_long:
        raise ValidationError(
            records.env._(
                "The description is a single line of at most %(max)s characters "
                "(%(length)s given).",
                max=FO_DESCRIPTION_MAX,
                length=len(too_long[0].fo_description),
            )
        )


class SaleOrder(models.Model):
    _inherit = "sale.order"

    validity_start_date = fields.Date(
        string="Valid From",
        default=lambda self: self._default_validity_start_date(),
        copy=False,
        tracking=True,
        help="First day the quote can be used. Empty: valid from its creation.",
    )
    fo_description = fields.Char(
        string="Description",
        compute="_compute_fo_description",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Short description of the package sold, printed on the quote.",
    )

    fo_booking_ids = fields.One2many(
        comodel_name="front.office.booking",
        inverse_name="sale_order_id",
        string="Bookings",
        # Salespeople and accountants read quotes and clients as before.
        groups="front_office_quotes.group_front_office_user",
    )
    fo_booking_count = fields.Integer(
        string="Bookings Count",
        compute="_compute_fo_booking_count",
        groups="front_office_quotes.group_front_office_user",
    )
    fo_has_bookable_lines = fields.Boolean(
        string="Has Services in Sessions",
        compute="_compute_fo_has_bookable_lines",
    )

    @api.model
    def _default_validity_start_date(self):
        """Front Office screens and actions ask for a validity window starting today;
        every other sale order keeps having none, as before."""
        if self.env.context.get("front_office"):
            return fields.Date.context_today(self)
        return False

    def _compute_fo_booking_count(self):
        counts = dict(
            self.env["front.office.booking"]._read_group(
                [("sale_order_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["sale_order_id"],
                ["__count"],
            )
        )
        for order in self:
            order.fo_booking_count = counts.get(order._origin, 0)

    @api.depends("order_line.product_id.fo_is_bookable")
    def _compute_fo_has_bookable_lines(self):
        for order in self:
            order.fo_has_bookable_lines = any(
                order.order_line.product_id.mapped("fo_is_bookable")
            )

    def _compute_user_id(self):
        """The operator of a front office quote is whoever creates it at the desk,
        not the client's usual salesperson."""
        result = super()._compute_user_id()
        if self.env.context.get("front_office"):
            for order in self.filtered(lambda o: not o._origin.id):
                order.user_id = self.env.user
        return result

    @api.depends("sale_order_template_id")
    def _compute_fo_description(self):
        for order in self:
            template = order.sale_order_template_id.with_context(
                lang=order.partner_id.lang or self.env.lang
            )
            order.fo_description = template.fo_description or order.fo_description

    @api.depends("validity_start_date")
    def _compute_validity_date(self):
        """A validity window that starts later lasts as long: the template's (or the
        company's) number of days counts from *valid from* rather than from today.
        A confirmed quote keeps the *valid until* it was sold with: only the
        operator changes it."""
        confirmed = {
            order: order.validity_date
            for order in self
            if order._origin.id and order.state == "sale"
        }
        result = super()._compute_validity_date()
        today = fields.Date.context_today(self)
        for order in self.filtered(
            lambda o: o.validity_start_date and o.validity_start_date > today
        ):
            days = order.sale_order_template_id.number_of_days
            if days <= 0:
                days = order.company_id.quotation_validity_days
            if days > 0:
                order.validity_date = order.validity_start_date + timedelta(days)
        for order, validity_date in confirmed.items():
            order.validity_date = validity_date
        return result

    @api.constrains("fo_description")
    def _check_fo_description_length(self):
        check_fo_description_length(self)

    @api.constrains("validity_start_date", "validity_date")
    def _check_validity_window(self):
        for order in self:
            start, end = order.validity_start_date, order.validity_date
            if start and end and end < start:
                raise ValidationError(
                    self.env._(
                        "Quote %(quote)s: the validity cannot end (%(end)s) "
                        "before it starts (%(start)s).",
                        quote=order.name,
                        end=format_date(self.env, end),
                        start=format_date(self.env, start),
                    )
                )

    @api.constrains("validity_start_date", "validity_date")
    def _check_validity_covers_bookings(self):
        """The sessions of a quote stay inside its validity: shortening it past a
        session is refused, naming the session (move or cancel it first)."""
        # sudo: salespeople without front office rights edit quotes too.
        bookings = (
            self.sudo()
            .fo_booking_ids.filtered(lambda b: b.state != "cancelled")
            .sorted("start")
        )
        outside = bookings.filtered(
            lambda b: (
                not b.sale_order_id._fo_within_validity(b.start, b.stop, b.resource_id)
            )
        )
        if outside:
            session = outside[0]
            raise ValidationError(
                self.env._(
                    "Quote %(quote)s: %(count)s sessions would fall outside the new "
                    "validity (%(window)s), the first on %(date)s (%(session)s). Move "
                    "or cancel them first.",
                    quote=session.sale_order_id.name,
                    count=len(outside),
                    window=session.sale_order_id._fo_validity_label(),
                    date=session.resource_id._fo_format_local(session.start),
                    session=session.display_name,
                )
            )

    def _fo_is_front_office_quote(self):
        """Rules of the front office apply to its quotes only: those with a validity
        start or a service sold in sessions. Other sale orders behave as before."""
        self.ensure_one()
        return bool(
            self.validity_start_date
            or any(self.order_line.product_id.mapped("fo_is_bookable"))
        )

    def _confirmation_error_message(self):
        error = super()._confirmation_error_message()
        if error or not self._fo_is_front_office_quote():
            return error
        # Not core's is_expired: it has no dependencies, so a cached value would
        # survive an extension of the validity within one transaction.
        if self.validity_date and self.validity_date < fields.Date.context_today(self):
            return self.env._(
                "Quote %(quote)s expired on %(date)s: extend its validity "
                "(Valid Until) before confirming it.",
                quote=self.name,
                date=format_date(self.env, self.validity_date),
            )
        return False

    def _fo_validity_bounds(self, tz):
        """The validity window as naive UTC bounds ``(from, until)``, its days
        read on the clock ``tz`` (a pytz zone): from the first moment of Valid From
        to the last of Valid Until; an empty date leaves that side open."""
        self.ensure_one()
        return (
            local_midnight_utc(tz, self.validity_start_date)
            if self.validity_start_date
            else datetime.min,
            local_midnight_utc(tz, self.validity_date + timedelta(days=1))
            if self.validity_date
            else datetime.max,
        )

    def _fo_within_validity(self, start, stop, resource):
        """Whether a session from ``start`` to ``stop`` (naive UTC) falls inside
        the validity window, in days of the resource's time zone (the centre's
        clock, whoever the operator is); a session ending at midnight belongs to
        the day it started."""
        low, high = self._fo_validity_bounds(resource._fo_tz())
        return low <= start and stop <= high

    def _fo_validity_label(self):
        self.ensure_one()
        start = (
            format_date(self.env, self.validity_start_date)
            if self.validity_start_date
            else "…"
        )
        end = format_date(self.env, self.validity_date) if self.validity_date else "…"
        return f"{start} – {end}"

    def _action_cancel(self):
        """Cancelling a quote cancels its booked sessions, but not while some were
        attended: those are a service delivered."""
        # sudo: salespeople without front office rights cancel orders too.
        bookings = self.sudo().fo_booking_ids
        bookings.sale_line_id._fo_lock()
        kept = bookings.filtered(
            lambda b: b.state == "done" or b.payment_state == "paid"
        )
        if kept:
            raise UserError(
                self.env._(
                    "Quote %(quote)s cannot be cancelled: %(count)s of its sessions "
                    "were attended or paid.",
                    quote=kept[0].sale_order_id.name,
                    count=len(kept),
                )
            )
        bookings.filtered(lambda b: b.state == "booked")._fo_set_state(
            {"state": "cancelled"}
        )
        return super()._action_cancel()

    # -- actions ---------------------------------------------------------

    def action_fo_book_sessions(self):
        """Book the sessions of a confirmed quote."""
        self.ensure_one()
        if self.state != "sale":
            raise UserError(
                self.env._(
                    "Confirm quote %(quote)s before booking its sessions.",
                    quote=self.name,
                )
            )
        if not any(line.fo_sessions_remaining for line in self.order_line):
            raise UserError(
                self.env._(
                    "Every session of quote %(quote)s is already booked.",
                    quote=self.name,
                )
            )
        # A saved wizard: the buttons of its lines (Find a Slot) act on real rows.
        wizard = self.env["front.office.booking.wizard"].create(
            {"sale_order_id": self.id}
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Book Sessions"),
            "res_model": "front.office.booking.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
            "context": {"dialog_size": "extra-large"},
        }

    def action_fo_find_slot(self):
        """Find a Slot for this quote's services with sessions left."""
        self.ensure_one()
        return self.env["front.office.slot.finder"]._fo_open(
            self.partner_id, order=self
        )

    def action_fo_send_summary(self):
        """Email the printed summary to the client (template of this addon)."""
        self.ensure_one()
        template = self.env.ref("front_office_quotes.mail_template_fo_quote_summary")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send Quote Summary"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": "sale.order",
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": (
                    "mail.mail_notification_layout_with_responsible_signature"
                ),
                "force_email": True,
            },
        }

    def action_fo_view_bookings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "front_office_quotes.front_office_booking_action_appointments"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {"search_default_active": 1}
        return action

    def action_fo_register_payment(self):
        """Take payment for the unpaid sessions of this quote."""
        self.ensure_one()
        bookings = self.fo_booking_ids.filtered_domain(
            self.env["front.office.booking"]._fo_unpaid_domain()
        )
        return bookings.with_context(
            default_partner_id=self.partner_id.id,
            default_sale_order_id=self.id,
            default_fo_scope="sessions" if bookings else "package",
        ).action_fo_register_payment()
