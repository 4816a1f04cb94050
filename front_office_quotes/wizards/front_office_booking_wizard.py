# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime


class FrontOfficeBookingWizard(models.TransientModel):
    _name = "front.office.booking.wizard"
    _description = "Book the Sessions of a Quote"

    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Quote",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(related="sale_order_id.partner_id", string="Client")
    fo_no_show_count = fields.Integer(
        related="partner_id.fo_no_show_count", string="Client No-shows"
    )
    line_ids = fields.One2many(
        comodel_name="front.office.booking.wizard.line",
        inverse_name="wizard_id",
        string="Services to Book",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    preview_html = fields.Html(
        string="Planned Sessions",
        compute="_compute_preview",
        sanitize=False,
    )
    conflict_count = fields.Integer(compute="_compute_preview")

    @api.depends("sale_order_id")
    def _compute_line_ids(self):
        start = self._default_first_start()
        for wizard in self:
            lines = wizard.sale_order_id.order_line.filtered(
                lambda line: (
                    line.product_id.fo_is_bookable and line.fo_sessions_remaining
                )
            )
            wizard.line_ids = [fields.Command.clear()] + [
                fields.Command.create(
                    {
                        "sale_line_id": line.id,
                        "session_count": line.fo_sessions_remaining,
                        "first_start": start,
                        "interval_days": 7,
                        "resource_id": line.product_id.fo_resource_ids[:1].id,
                    }
                )
                for line in lines
            ]

    def _default_first_start(self):
        """Tomorrow at 9:00 in the operator's time zone, as UTC."""
        tomorrow = fields.Date.context_today(self) + timedelta(days=1)
        local = fields.Datetime.context_timestamp(
            self, datetime.combine(tomorrow, time(9))
        )
        # context_timestamp shifts a UTC value; undo it to get 9:00 local in UTC.
        return datetime.combine(tomorrow, time(9)) - (local.utcoffset() or timedelta())

    @api.depends(
        "line_ids.sale_line_id",
        "line_ids.session_count",
        "line_ids.first_start",
        "line_ids.interval_days",
        "line_ids.resource_id",
    )
    def _compute_preview(self):
        for wizard in self:
            slots = wizard._fo_planned_slots()
            problems = wizard._fo_slot_problems(slots)
            wizard.conflict_count = len(problems)
            rows = []
            for idx, slot in enumerate(slots):
                problem = problems.get(idx)
                status = (
                    Markup('<span class="text-danger">%s</span>') % problem
                    if problem
                    else Markup('<span class="text-success">%s</span>')
                    % self.env._("Free")
                )
                rows.append(
                    Markup(
                        "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>"
                    )
                    % (
                        slot["number"],
                        slot["line"].product_id.name,
                        format_datetime(self.env, slot["start"], dt_format="short"),
                        self.env["resource.resource"].browse(slot["resource_id"]).name
                        or "",
                        status,
                    )
                )
            if not rows:
                wizard.preview_html = Markup("<p>%s</p>") % self.env._(
                    "Nothing to book: set how many sessions to book and when."
                )
                continue
            header = Markup(
                "<thead><tr><th>#</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>"
            ) % (
                self.env._("Service"),
                self.env._("Date and Time"),
                self.env._("Resource"),
                self.env._("Status"),
            )
            wizard.preview_html = (
                Markup('<table class="table table-sm o_fo_booking_preview">')
                + header
                + Markup("<tbody>")
                + Markup("").join(rows)
                + Markup("</tbody></table>")
            )

    def _fo_planned_slots(self):
        """Every session the wizard would book, in order, as slot dicts."""
        self.ensure_one()
        slots = []
        for wline in self.line_ids:
            line = wline.sale_line_id
            if not (line and wline.first_start and wline.session_count > 0):
                continue
            duration = line.product_id.fo_session_duration or 1.0
            already = line.fo_sessions_booked
            for number in range(wline.session_count):
                start = wline.first_start + timedelta(days=number * wline.interval_days)
                slots.append(
                    {
                        "wizard_line": wline,
                        "line": line,
                        "number": already + number + 1,
                        "resource_id": wline.resource_id.id,
                        "partner_id": line.order_id.partner_id.id,
                        "start": start,
                        "stop": start + timedelta(hours=duration),
                        "duration": duration,
                        "state": "booked",
                    }
                )
        return slots

    def _fo_slot_problems(self, slots):
        """What would refuse each slot: {index: message}, with one query for the
        overlaps of all the slots."""
        Booking = self.env["front.office.booking"]
        problems = {}
        order = self.sale_order_id
        for idx, slot in enumerate(slots):
            line = slot["line"]
            allowed = line.product_id.fo_resource_ids
            if not slot["resource_id"]:
                problems[idx] = self.env._("Choose a resource")
            elif allowed and slot["resource_id"] not in allowed.ids:
                problems[idx] = self.env._("Resource not allowed for this service")
            elif slot["number"] > line.product_uom_qty:
                problems[idx] = self.env._("More sessions than sold")
            elif not Booking._fo_within_validity(
                order,
                slot["start"],
                slot["stop"],
                self.env["resource.resource"].browse(slot["resource_id"]),
            ):
                problems[idx] = self.env._("Outside the quote validity")
        checkable = [i for i, slot in enumerate(slots) if slot["resource_id"]]
        conflicts = Booking._fo_find_conflicts([slots[i] for i in checkable])
        for pos, conflict in conflicts.items():
            idx = checkable[pos]
            problems.setdefault(
                idx,
                Booking._fo_conflict_message(
                    slots[idx], conflict, [slots[i] for i in checkable]
                ),
            )
        return problems

    def _prepare_booking_vals_list(self):
        return [
            {
                "sale_line_id": slot["line"].id,
                "partner_id": slot["partner_id"],
                "resource_id": slot["resource_id"],
                "start": slot["start"],
                "duration": slot["duration"],
            }
            for slot in self._fo_planned_slots()
        ]

    def action_confirm(self):
        """Create every planned session, or none."""
        self.ensure_one()
        vals_list = self._prepare_booking_vals_list()
        if not vals_list:
            raise UserError(self.env._("There is no session to book."))
        for wline in self.line_ids.filtered(lambda w: w.session_count > 0):
            if not wline.resource_id:
                raise UserError(
                    self.env._(
                        "Choose who or what delivers %(service)s.",
                        service=wline.sale_line_id.product_id.name,
                    )
                )
        bookings = (
            self.env["front.office.booking"]
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(vals_list)
        )
        self.sale_order_id.message_post(
            body=self.env._(
                "%(count)s sessions booked, from %(first)s.",
                count=len(bookings),
                first=format_datetime(self.env, min(bookings.mapped("start"))),
            )
        )
        return self.sale_order_id.action_fo_view_bookings()


class FrontOfficeBookingWizardLine(models.TransientModel):
    _name = "front.office.booking.wizard.line"
    _description = "Service to Book"

    wizard_id = fields.Many2one(
        comodel_name="front.office.booking.wizard", required=True, ondelete="cascade"
    )
    sale_line_id = fields.Many2one(
        comodel_name="sale.order.line",
        string="Service",
        required=True,
        domain="[('order_id', '=', parent.sale_order_id), "
        "('product_id.fo_is_bookable', '=', True), ('fo_sessions_remaining', '>', 0)]",
    )
    sessions_remaining = fields.Integer(
        related="sale_line_id.fo_sessions_remaining", string="Left"
    )
    session_count = fields.Integer(string="Sessions", default=1)
    first_start = fields.Datetime(string="First Session", required=True)
    interval_days = fields.Integer(
        string="Every (days)",
        default=7,
        help="Days between two sessions: 7 books the same time every week.",
    )
    resource_id = fields.Many2one(comodel_name="resource.resource")
    allowed_resource_ids = fields.Many2many(
        related="sale_line_id.product_id.fo_resource_ids"
    )

    @api.constrains("session_count", "interval_days")
    def _check_counts(self):
        for wline in self:
            if wline.session_count < 0 or (
                wline.session_count > 1 and wline.interval_days < 1
            ):
                raise ValidationError(
                    self.env._(
                        "Book a positive number of sessions, at least one day apart."
                    )
                )
