# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import local_midnight_utc

# One booking batch is a package's series, not a year of a gym's sessions: the
# preview and the checks stay immediate whatever number is typed.
MAX_SESSIONS_PER_BATCH = 1000
MAX_INTERVAL_DAYS = 365
# How far after its planned day a busy session looks for a free time.
MOVE_SEARCH_DAYS = 60


class FrontOfficeBookingWizard(models.TransientModel):
    _name = "front.office.booking.wizard"
    _description = "Book the Sessions of a Quote"
    _check_company_auto = True

    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Quote",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        related="sale_order_id.partner_id", string="Client", compute_sudo=False
    )
    fo_no_show_count = fields.Integer(
        related="partner_id.fo_no_show_count",
        string="Client No-shows",
        compute_sudo=False,
    )
    line_ids = fields.One2many(
        comodel_name="front.office.booking.wizard.line",
        inverse_name="wizard_id",
        string="Services to Book",
        compute="_compute_line_ids",
        compute_sudo=False,
        store=True,
        readonly=False,
    )
    slot_ids = fields.One2many(
        comodel_name="front.office.booking.wizard.slot",
        inverse_name="wizard_id",
        string="Planned Sessions",
        compute="_compute_slot_ids",
        compute_sudo=False,
        store=True,
    )
    conflict_count = fields.Integer(compute="_compute_conflict_count")
    move_busy_all = fields.Boolean(
        string="Move Busy Sessions",
        help="Every session that is not free moves to the first free time after it "
        "(later that day or on the next days, same operator), shown below before "
        "anything is booked.",
    )

    def _fo_check_quote_access(self):
        """A wizard belongs to its quote: the operator must be allowed to read the
        quote (access rights and company) before anything is computed from it."""
        orders = self.sale_order_id
        orders.check_access("read")
        if orders.company_id - self.env.companies:
            raise UserError(
                self.env._(
                    "Quote %(quote)s belongs to another company.",
                    quote=orders[0].name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["sale.order"].browse(
            [vals["sale_order_id"] for vals in vals_list if vals.get("sale_order_id")]
        ).check_access("read")
        return super().create(vals_list)

    @api.depends("sale_order_id")
    def _compute_line_ids(self):
        self._fo_check_quote_access()
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
                        "room_id": line.product_id.fo_room_ids[:1].id,
                    }
                )
                for line in lines
            ]

    def _default_first_start(self):
        """Tomorrow at 9:00 in the operator's time zone, as UTC."""
        tomorrow = fields.Date.context_today(self) + timedelta(days=1)
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        return local_midnight_utc(tz, tomorrow, at=time(9))

    @api.depends(
        "line_ids.sale_line_id",
        "line_ids.session_count",
        "line_ids.first_start",
        "line_ids.interval_days",
        "line_ids.resource_id",
        "line_ids.room_id",
        "line_ids.move_busy",
        "move_busy_all",
    )
    def _compute_slot_ids(self):
        """The preview: every session the wizard would book, with what would refuse
        it, asked of the booking's rule book (one batch, one overlap query)."""
        Booking = self.env["front.office.booking"]
        resources = self.env["resource.resource"]
        for wizard in self:
            slots = wizard._fo_planned_slots()
            problems = Booking._fo_slot_problems(slots)
            wizard.slot_ids = [fields.Command.clear()] + [
                fields.Command.create(
                    {
                        "wizard_line_id": slot.origin.id,
                        "sale_line_id": slot.line.id,
                        "number": slot.number,
                        "weekday": resources.browse(slot.resource_id)._fo_weekday(
                            slot.start
                        ),
                        "start": slot.start,
                        "stop": slot.stop,
                        "resource_id": slot.resource_id,
                        "room_id": slot.room_id,
                        "moved_from": slot.moved_from,
                        "problem": problems.get(idx, False),
                    }
                )
                for idx, slot in enumerate(slots)
            ]

    @api.depends("slot_ids.problem", "line_ids.problem")
    def _compute_conflict_count(self):
        for wizard in self:
            wizard.conflict_count = len(wizard.slot_ids.filtered("problem")) + len(
                wizard.line_ids.filtered("problem")
            )

    def _fo_planned_slots(self):
        """Every session the wizard would book, in order, as planned sessions of the
        rule book (plus the wizard line and the session's number). A line whose
        count, interval or date is unusable plans nothing: its own problem says
        why."""
        self.ensure_one()
        Booking = self.env["front.office.booking"]
        slots = []
        for wline in self.line_ids:
            line = wline.sale_line_id
            if wline.problem or not (line and wline.first_start):
                continue
            duration = line.product_id.fo_session_duration or 1.0
            already = line.fo_sessions_booked
            # The series keeps its local hour across daylight-saving changes: days
            # are added on the centre's clock (the resource's time zone).
            tz = wline.resource_id._fo_tz()
            first_local = pytz.utc.localize(wline.first_start).astimezone(tz)
            for number in range(wline.session_count):
                day = first_local.date() + timedelta(days=number * wline.interval_days)
                slot = Booking._fo_slot(
                    line,
                    wline.resource_id.id,
                    line.order_id.partner_id.id,
                    local_midnight_utc(tz, day, at=first_local.time()),
                    duration,
                    "booked",
                    room_id=wline.room_id.id,
                )
                slot.origin = wline
                slot.number = already + number + 1
                slots.append(slot)
        if self.move_busy_all or self.line_ids.filtered("move_busy"):
            slots = self._fo_move_busy_slots(slots)
        return slots

    def _fo_move_busy_slots(self, slots):
        """The planned sessions, those of the lines asking for it that are not free
        moved to the first free time after their planned time (later that day or
        on the next days; the line's operator, any of the service's rooms), clear
        of the other sessions of the batch.
        A session with no free time within ``MOVE_SEARCH_DAYS`` stays as it is,
        with its problem. One search (a few queries) per line that moves."""
        Booking = self.env["front.office.booking"]
        problems = Booking._fo_slot_problems(slots)
        to_move = defaultdict(list)
        for index in sorted(problems, key=lambda i: slots[i].start):
            moves = self.move_busy_all or slots[index].origin.move_busy
            if moves and slots[index].stop:
                to_move[slots[index].origin].append(index)
        now = fields.Datetime.now()
        # What the batch holds: the free sessions, then each one moved.
        taken = [slot for index, slot in enumerate(slots) if index not in problems]
        for wline, indexes in to_move.items():
            # From its planned time on: later that day, or on the next days.
            froms = {index: max(now, slots[index].start) for index in indexes}
            search = wline.resource_id._fo_free_slot_search(
                wline.sale_line_id,
                min(froms.values()),
                max(froms.values()) + timedelta(days=MOVE_SEARCH_DAYS),
                rooms=wline.room_id,
            )
            if not search:
                continue
            for index in indexes:
                found = next(search(froms[index], taken), None)
                if not found:
                    continue
                old = slots[index]
                slots[index] = Booking._fo_slot(
                    old.line,
                    found["resource_id"],
                    old.partner_id,
                    found["start"],
                    old.duration,
                    "booked",
                    room_id=found["room_id"],
                )
                slots[index].origin = wline
                slots[index].number = old.number
                slots[index].moved_from = old.start
                taken.append(slots[index])
            # A moved session may pass the next ones: number them by time again.
            own = sorted(
                (slot for slot in slots if slot.origin == wline),
                key=lambda slot: slot.start,
            )
            first = wline.sale_line_id.fo_sessions_booked + 1
            for number, slot in enumerate(own, start=first):
                slot.number = number
        return slots

    def _prepare_booking_vals_list(self):
        return [
            {
                "sale_line_id": slot.line.id,
                "partner_id": slot.partner_id,
                "resource_id": slot.resource_id,
                "room_id": slot.room_id,
                "start": slot.start,
                "duration": slot.duration,
            }
            for slot in self._fo_planned_slots()
        ]

    def action_confirm(self):
        """Create every planned session, or none."""
        self.ensure_one()
        self._fo_check_quote_access()
        line_problem = self.line_ids.filtered("problem")[:1].problem
        if line_problem:
            raise UserError(line_problem)
        vals_list = self._prepare_booking_vals_list()
        if not vals_list:
            raise UserError(self.env._("There is no session to book."))
        Booking = self.env["front.office.booking"]
        bookings = Booking.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True
        ).create(vals_list)
        first = bookings[:1].sorted("start")
        self.sale_order_id.message_post(
            body=self.env._(
                "%(count)s sessions booked, from %(first)s.",
                count=len(bookings),
                first=first.resource_id._fo_format_local(first.start),
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
        string="Quote Line",
        required=True,
        domain="[('order_id', '=', parent.sale_order_id), "
        "('product_id.fo_is_bookable', '=', True), ('fo_sessions_remaining', '>', 0)]",
    )
    product_id = fields.Many2one(related="sale_line_id.product_id", string="Service")
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
    room_id = fields.Many2one(comodel_name="resource.resource")
    allowed_room_ids = fields.Many2many(related="sale_line_id.product_id.fo_room_ids")
    move_busy = fields.Boolean(
        string="Move If Busy",
        help="Sessions of this line that are not free move to the first free time "
        "after them (later that day or on the next days), with the same operator.",
    )
    problem = fields.Char(
        compute="_compute_problem",
        help="Why this line cannot be booked as it is.",
    )

    @api.depends(
        "sale_line_id", "session_count", "interval_days", "first_start", "resource_id"
    )
    def _compute_problem(self):
        for wline in self:
            wline.problem = wline._fo_problem() or False

    def _fo_problem(self):
        """What makes the whole line unusable (before any session is planned):
        counts, interval and date out of range, a line of another quote."""
        self.ensure_one()
        line = self.sale_line_id
        if not line:
            return None
        if line.order_id != self.wizard_id.sale_order_id:
            return self.env._(
                "%(service)s is not a service of quote %(quote)s.",
                service=line.display_name,
                quote=self.wizard_id.sale_order_id.name,
            )
        left = line.fo_sessions_remaining
        if self.session_count < 0 or self.session_count > left:
            return self.env._(
                "%(service)s: book from 0 to %(left)s sessions (the sessions left).",
                service=line.product_id.name,
                left=left,
            )
        if self.session_count > MAX_SESSIONS_PER_BATCH:
            return self.env._(
                "%(service)s: book at most %(max)s sessions at a time.",
                service=line.product_id.name,
                max=MAX_SESSIONS_PER_BATCH,
            )
        if self.session_count > 1 and not (
            1 <= self.interval_days <= MAX_INTERVAL_DAYS
        ):
            return self.env._(
                "%(service)s: repeat the sessions every 1 to %(max)s days.",
                service=line.product_id.name,
                max=MAX_INTERVAL_DAYS,
            )
        if self.session_count and self.first_start:
            return self.env["front.office.booking"]._fo_date_error(self.first_start)
        return None

    def action_fo_find_slot(self):
        """Find a Slot for this line: the time chosen becomes its first session."""
        self.ensure_one()
        self.wizard_id._fo_check_quote_access()
        return self.env["front.office.slot.finder"]._fo_open(
            self.wizard_id.partner_id, wizard_line=self
        )

    @api.constrains("sale_line_id", "wizard_id")
    def _check_sale_line_of_the_quote(self):
        for wline in self:
            if wline.sale_line_id.order_id != wline.wizard_id.sale_order_id:
                raise ValidationError(
                    self.env._(
                        "%(service)s is not a service of quote %(quote)s.",
                        service=wline.sale_line_id.display_name,
                        quote=wline.wizard_id.sale_order_id.name,
                    )
                )


class FrontOfficeBookingWizardSlot(models.TransientModel):
    """One session of the preview: records, so that the web client shows its
    times in the browser's time zone like every other screen."""

    _name = "front.office.booking.wizard.slot"
    _description = "Planned Session"
    _order = "start, id"

    wizard_id = fields.Many2one(
        comodel_name="front.office.booking.wizard", required=True, ondelete="cascade"
    )
    wizard_line_id = fields.Many2one(
        comodel_name="front.office.booking.wizard.line", ondelete="cascade"
    )
    sale_line_id = fields.Many2one(comodel_name="sale.order.line", string="Quote Line")
    product_id = fields.Many2one(related="sale_line_id.product_id", string="Service")
    number = fields.Integer(string="#")
    weekday = fields.Char(string="Day")
    start = fields.Datetime(string="Date and Time")
    stop = fields.Datetime(string="Until")
    resource_id = fields.Many2one(comodel_name="resource.resource")
    room_id = fields.Many2one(comodel_name="resource.resource")
    moved_from = fields.Datetime(
        string="Planned At",
        help="The time first planned, when the session was busy then and moved.",
    )
    problem = fields.Char(string="Status")
    is_free = fields.Boolean(compute="_compute_is_free", string="Free")

    @api.depends("problem")
    def _compute_is_free(self):
        for slot in self:
            slot.is_free = not slot.problem
