# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
from bisect import bisect_right
from collections import Counter, defaultdict
from datetime import datetime, time, timedelta
from itertools import islice, pairwise

import psycopg2
import pytz
import vobject

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, format_date, format_datetime
from odoo.tools.intervals import Intervals

from odoo.addons.sms.tools.sms_tools import sms_content_to_rendered_html

# The states that hold a time slot: a no-show uses its session but frees its slot.
SLOT_STATES = ("booked", "done")
# Fields whose change may break a booking rule (time slot, quote, service, client).
RULE_FIELDS = {
    "start",
    "duration",
    "resource_id",
    "room_id",
    "partner_id",
    "sale_line_id",
    "outside_hours",
}
# Fields whose change moves what a session occupies.
OCCUPANCY_FIELDS = {"start", "duration", "resource_id", "room_id", "state"}
# A session lasts at most a day; dates farther than this from today are typing errors.
MAX_DURATION_HOURS = 24
MAX_YEARS_FROM_TODAY = 10


class _FreeTime:
    """Periods as sorted, merged ``(begin, end)`` pairs, asked with bisection:
    whether they cover an interval (working time) or leave it free (busy time)."""

    __slots__ = ("begins", "ends")

    def __init__(self, periods):
        merged = []
        for begin, end in sorted(periods):
            if merged and begin <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([begin, end])
        self.begins = [begin for begin, _end in merged]
        self.ends = [end for _begin, end in merged]

    def covers(self, begin, end):
        index = bisect_right(self.begins, begin) - 1
        return index >= 0 and self.ends[index] >= end

    def is_free(self, begin, end):
        index = bisect_right(self.ends, begin)
        return index == len(self.begins) or self.begins[index] >= end


class FrontOfficeBooking(models.Model):
    _name = "front.office.booking"
    _description = "Front Office Booking"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "start, id"
    _check_company_auto = True

    sale_line_id = fields.Many2one(
        comodel_name="sale.order.line",
        string="Service Line",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        # No check_company: the booking's company comes from this line.
        domain="[('order_partner_id', '=', partner_id), "
        "('fo_bookable_on', '=', start)]",
    )
    sale_order_id = fields.Many2one(
        related="sale_line_id.order_id",
        string="Quote",
        store=True,
        precompute=True,
        index=True,
    )
    # Computed rather than related: on the planning the operator picks the client
    # first, then one of their quote lines.
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Client",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    product_id = fields.Many2one(
        related="sale_line_id.product_id",
        string="Service",
        store=True,
        precompute=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="sale_line_id.order_id.company_id",
        store=True,
        precompute=True,
        index=True,
    )
    resource_id = fields.Many2one(
        comodel_name="resource.resource",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        help="Who or what delivers the session: operator, room, equipment.",
    )
    room_id = fields.Many2one(
        comodel_name="resource.resource",
        compute="_compute_room_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
        tracking=True,
        help="The room or equipment the session also occupies, one of the "
        "service's rooms.",
    )
    allowed_room_ids = fields.Many2many(
        related="product_id.fo_room_ids", string="Allowed Rooms"
    )
    outside_hours = fields.Boolean(
        string="Outside Working Hours",
        copy=False,
        tracking=True,
        help="Set by a manager: the session may lie outside the working hours of "
        "its operator and room (never during their leaves).",
    )
    allowed_resource_ids = fields.Many2many(
        related="product_id.fo_resource_ids",
        string="Allowed Resources",
        help="Resources allowed for the service; empty means any.",
    )
    start = fields.Datetime(required=True, index=True, tracking=True)
    duration = fields.Float(
        compute="_compute_duration",
        store=True,
        readonly=False,
        precompute=True,
        help="Length of the session, in hours.",
    )
    stop = fields.Datetime(
        compute="_compute_stop",
        store=True,
        precompute=True,
        index=True,
    )
    busy_stop = fields.Datetime(
        string="Busy Until",
        compute="_compute_busy_stop",
        store=True,
        precompute=True,
        help="End of the session plus the service's clean-up time: the operator and "
        "the room stay busy until then, the client does not.",
    )
    state = fields.Selection(
        selection=[
            ("booked", "Booked"),
            ("done", "Attended"),
            ("no_show", "No-show"),
            ("late_cancel", "Late cancellation"),
            ("cancelled", "Cancelled"),
        ],
        default="booked",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    payment_state = fields.Selection(
        selection=[
            ("not_paid", "Not Paid"),
            ("invoiced", "Invoiced"),
            ("paid", "Paid"),
        ],
        compute="_compute_payment_state",
        store=True,
        index=True,
        help="Derived from accounting: a session invoiced by the payment wizard "
        "follows its own invoice line (paid, invoiced, refunded); sessions paid or "
        "invoiced with the standard invoice go to the other sessions in start order.",
    )
    fo_invoice_line_ids = fields.Many2many(
        comodel_name="account.move.line",
        relation="front_office_booking_account_move_line_rel",
        column1="booking_id",
        column2="move_line_id",
        string="Invoice Lines",
        copy=False,
        readonly=True,
        help="The invoice and credit note lines that carry this very session.",
    )
    currency_id = fields.Many2one(related="sale_line_id.currency_id")
    price_per_session = fields.Monetary(
        compute="_compute_price_per_session",
        currency_field="currency_id",
        help="Price of one session, taxes and discount included.",
    )
    checkin_datetime = fields.Datetime(
        string="Checked In At", copy=False, readonly=True
    )
    cancel_reason = fields.Char(copy=False, tracking=True)
    session_number = fields.Integer(
        compute="_compute_session_number",
        help="Rank of this session among the active sessions of its service line.",
    )
    note = fields.Text()

    # -- messages to clients and the attendance policy ----------------------
    reminder_sent = fields.Boolean(
        copy=False,
        readonly=True,
        help="The client was reminded of this session; moving it sends a new "
        "reminder for the new time.",
    )
    fo_start_label = fields.Char(
        string="Local Start",
        compute="_compute_fo_start_label",
        help="Date and time of the session in the time zone of its resource, as "
        "the client reads it in messages.",
    )

    _duration_positive = models.Constraint(
        "CHECK(duration > 0 AND stop > start)",
        "A session must last more than zero hours.",
    )
    # No double booking, even when two operators book at the same moment: the
    # database itself refuses overlapping slots of one resource or one client.
    _no_resource_overlap = models.Constraint(
        """EXCLUDE USING GIST (
            int4range(resource_id, resource_id, '[]') WITH =,
            tsrange(start, stop, '[)') WITH &&
        ) WHERE (state IN ('booked', 'done'))""",
        "This resource is already booked at that time.",
    )
    _no_client_overlap = models.Constraint(
        """EXCLUDE USING GIST (
            int4range(partner_id, partner_id, '[]') WITH =,
            tsrange(start, stop, '[)') WITH &&
        ) WHERE (state IN ('booked', 'done'))""",
        "This client already has a session at that time.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("sale_line_id")
    def _compute_partner_id(self):
        for booking in self:
            booking.partner_id = (
                booking.sale_line_id.order_id.partner_id or booking.partner_id
            )

    @api.depends("sale_line_id")
    def _compute_duration(self):
        for booking in self:
            product = booking.sale_line_id.product_id
            booking.duration = product.fo_session_duration or booking.duration or 1.0

    @api.depends("start", "duration")
    def _compute_stop(self):
        for booking in self:
            booking.stop = (
                booking.start
                and self._fo_duration_error(booking.duration) is None
                and booking.start + timedelta(hours=booking.duration)
            )

    @api.depends("sale_line_id")
    def _compute_room_id(self):
        for booking in self:
            rooms = booking.sale_line_id.product_id.fo_room_ids
            if booking.room_id not in rooms:
                booking.room_id = rooms[:1]

    # Not on the service's clean-up time: a change of it applies to the sessions
    # booked from then on; the booked ones keep the time they were given.
    @api.depends("stop", "sale_line_id")
    def _compute_busy_stop(self):
        for booking in self:
            buffer = booking.sale_line_id.product_id.fo_buffer_after or 0.0
            booking.busy_stop = booking.stop and booking.stop + timedelta(hours=buffer)

    @api.depends(
        "state",
        "start",
        "fo_invoice_line_ids.move_id.state",
        "fo_invoice_line_ids.move_id.payment_state",
        "sale_line_id.invoice_lines.quantity",
        "sale_line_id.invoice_lines.fo_booking_ids",
        "sale_line_id.invoice_lines.move_id.state",
        "sale_line_id.invoice_lines.move_id.payment_state",
        "sale_line_id.fo_booking_ids.state",
        "sale_line_id.fo_booking_ids.start",
    )
    def _compute_payment_state(self):
        states = self.sale_line_id._fo_session_payment_states()
        for booking in self:
            booking.payment_state = (
                states.get(booking._origin.id or booking.id, "not_paid")
                if booking.state != "cancelled"
                else "not_paid"
            )

    @api.depends("sale_line_id.price_total", "sale_line_id.product_uom_qty")
    def _compute_price_per_session(self):
        for booking in self:
            line = booking.sale_line_id
            booking.price_per_session = (
                line.price_total / line.product_uom_qty if line.product_uom_qty else 0.0
            )

    @api.depends("sale_line_id", "start", "state")
    def _compute_session_number(self):
        ranks = self.sale_line_id._fo_session_ranks()
        for booking in self:
            booking.session_number = ranks.get(booking._origin.id, 0)

    @api.depends("product_id", "partner_id", "session_number", "sale_line_id")
    def _compute_display_name(self):
        for booking in self:
            name = booking.product_id.name or self.env._("Session")
            if booking.partner_id:
                name = f"{name} – {booking.partner_id.name}"
            if booking.session_number:
                sold = int(booking.sale_line_id.product_uom_qty)
                name = f"{name} ({booking.session_number}/{sold})"
            booking.display_name = name

    # ------------------------------------------------------------------
    # The rule book: one method says what is wrong with planned sessions
    # ------------------------------------------------------------------

    @api.model
    def _fo_slot(
        self,
        line,
        resource_id,
        partner_id,
        start,
        duration,
        state,
        room_id=False,
        outside_hours=False,
    ):
        """A planned session, as the rules read it (UTC naive datetimes). ``stop``
        is False when the duration is not a usable number; ``busy_stop`` adds the
        service's clean-up time."""
        start = fields.Datetime.to_datetime(start)
        stop = busy_stop = False
        if start and self._fo_duration_error(duration) is None:
            try:
                stop = start + timedelta(hours=duration)
                busy_stop = stop + timedelta(
                    hours=line.product_id.fo_buffer_after or 0.0
                )
            except OverflowError:
                stop = busy_stop = False
        return {
            "line": line,
            "resource_id": resource_id or False,
            "room_id": room_id or False,
            "partner_id": partner_id or False,
            "start": start,
            "stop": stop,
            "busy_stop": busy_stop,
            "duration": duration,
            "state": state,
            "outside_hours": outside_hours,
        }

    @api.model
    def _fo_duration_error(self, duration):
        """Why ``duration`` (hours) cannot be a session's length, or None."""
        if (
            not isinstance(duration, (int, float))
            or not math.isfinite(duration)
            or duration <= 0
            or duration > MAX_DURATION_HOURS
        ):
            return self.env._(
                "A session lasts more than zero and at most %(max)s hours.",
                max=MAX_DURATION_HOURS,
            )
        return None

    @api.model
    def _fo_date_error(self, start):
        """Why ``start`` is not a date a session can have, or None."""
        today = fields.Date.context_today(self)
        if not start or abs(start.date() - today) > timedelta(
            days=365 * MAX_YEARS_FROM_TODAY
        ):
            return self.env._(
                "Choose a date within %(years)s years of today.",
                years=MAX_YEARS_FROM_TODAY,
            )
        return None

    @api.model
    def _fo_slot_problems(self, slots, exclude_ids=()):
        """What would refuse each planned session: {slot index: message}, the first
        problem of each slot. Every path that books or changes sessions asks this
        method (create, write, reopening, the booking wizard's preview), with the
        sessions it would write; ``exclude_ids`` are the bookings being changed.

        Its queries do not grow with the number of slots: one count of the sessions
        already booked per line, one overlap query."""
        problems = {}
        Resource = self.env["resource.resource"]
        for idx, slot in enumerate(slots):
            message = self._fo_single_slot_problem(slot, Resource)
            if message:
                problems[idx] = message
        self._fo_sessions_sold_problems(slots, exclude_ids, problems)
        self._fo_availability_problems(slots, problems)
        holding = [
            idx
            for idx, slot in enumerate(slots)
            if idx not in problems and slot["state"] in SLOT_STATES
        ]
        checked = [slots[idx] for idx in holding]
        for pos, conflict in self._fo_find_conflicts(checked, exclude_ids).items():
            problems[holding[pos]] = self._fo_conflict_message(
                checked[pos], conflict, checked
            )
        return problems

    @api.model
    def _fo_single_slot_problem(self, slot, Resource):
        """The rules one planned session breaks on its own (no query beyond the
        records' prefetch)."""
        line = slot["line"]
        order = line.order_id
        product = line.product_id
        if not slot["resource_id"]:
            return self.env._(
                "Choose who or what delivers %(service)s.", service=product.name
            )
        duration_error = self._fo_duration_error(slot["duration"])
        if duration_error:
            return duration_error
        date_error = self._fo_date_error(slot["start"])
        if date_error or not slot["stop"]:
            return date_error or self.env._("This date is out of range.")
        if order.state != "sale":
            return self.env._(
                "Quote %(quote)s is not confirmed: confirm it before booking its "
                "sessions.",
                quote=order.name,
            )
        if not product.fo_is_bookable:
            return self.env._(
                "%(service)s is not sold in sessions and cannot be booked.",
                service=product.display_name,
            )
        if slot["partner_id"] != order.partner_id.id:
            return self.env._(
                "Quote %(quote)s belongs to %(client)s, not to %(other)s.",
                quote=order.name,
                client=order.partner_id.name,
                other=self.env["res.partner"].browse(slot["partner_id"]).name,
            )
        resource = Resource.browse(slot["resource_id"])
        allowed = product.fo_resource_ids
        if allowed and resource not in allowed:
            return self.env._(
                "%(resource)s cannot deliver %(service)s. Allowed: %(allowed)s.",
                resource=resource.name,
                service=product.name,
                allowed=", ".join(allowed.mapped("name")),
            )
        rooms = product.fo_room_ids
        room = Resource.browse(slot["room_id"])
        if rooms and not room:
            return self.env._(
                "%(service)s needs a room: choose one of %(rooms)s.",
                service=product.name,
                rooms=", ".join(rooms.mapped("name")),
            )
        if room and (room not in rooms or room == resource):
            return self.env._(
                "%(room)s is not a room for %(service)s. Rooms: %(rooms)s.",
                room=room.name,
                service=product.name,
                rooms=", ".join(rooms.mapped("name")) or self.env._("none"),
            )
        if not self._fo_within_validity(order, slot["start"], slot["stop"], resource):
            return self.env._(
                "The session of %(date)s is outside the validity of quote "
                "%(quote)s (%(window)s).",
                date=self._fo_format_local(slot["start"], resource),
                quote=order.name,
                window=order._fo_validity_label(),
            )
        return None

    @api.model
    def _fo_sessions_sold_problems(self, slots, exclude_ids, problems):
        """Never more active sessions than sold: the sessions already booked on
        each line (the bookings being changed aside) plus the planned ones."""
        lines = self.env["sale.order.line"].union(*(slot["line"] for slot in slots))
        if not lines:
            return
        active = dict(
            self.sudo()._read_group(
                [
                    ("sale_line_id", "in", lines.ids),
                    ("state", "!=", "cancelled"),
                    ("id", "not in", list(exclude_ids)),
                ],
                ["sale_line_id"],
                ["__count"],
            )
        )
        counted = Counter({line.id: active.get(line.sudo(), 0) for line in lines})
        for idx, slot in enumerate(slots):
            line = slot["line"]
            if slot["state"] == "cancelled":
                continue
            counted[line.id] += 1
            if counted[line.id] > line.product_uom_qty and idx not in problems:
                problems[idx] = self.env._(
                    "%(service)s on quote %(quote)s: only %(sold)s sessions sold, "
                    "%(left)s left to book.",
                    service=line.product_id.name,
                    quote=line.order_id.name,
                    sold=int(line.product_uom_qty),
                    left=max(int(line.product_uom_qty) - active.get(line.sudo(), 0), 0),
                )

    @api.model
    def _fo_availability_problems(self, slots, problems):
        """Working hours and leaves of the operator and the room, for the whole
        busy time of each session (clean-up included): one batch for all the
        sessions (core's work intervals, one query per working calendar).

        Nobody books a resource during its leaves (its own, or the closures and
        public holidays of its calendar); outside its working hours only a session
        a manager marked *Outside Working Hours*."""
        todo = [
            idx
            for idx, slot in enumerate(slots)
            if idx not in problems and slot["state"] in SLOT_STATES
        ]
        if not todo:
            return
        Resource = self.env["resource.resource"]
        resources = Resource.browse(
            {slots[i]["resource_id"] for i in todo}
            | {slots[i]["room_id"] for i in todo if slots[i]["room_id"]}
        )
        with_calendar = resources.filtered("calendar_id")
        if not with_calendar:
            return
        # Whole local days around the sessions, so that messages can name the
        # hours of the day.
        first = pytz.utc.localize(min(slots[i]["start"] for i in todo))
        last = pytz.utc.localize(max(slots[i]["busy_stop"] for i in todo))
        period = (first - timedelta(days=1), last + timedelta(days=1))
        work = with_calendar._fo_work_intervals(*period)
        leaves = with_calendar._fo_leave_intervals(*period)
        for idx in todo:
            slot = slots[idx]
            busy = Intervals(
                [
                    (
                        pytz.utc.localize(slot["start"]),
                        pytz.utc.localize(slot["busy_stop"]),
                        Resource,
                    )
                ]
            )
            held = {slot["resource_id"], slot["room_id"]} - {False}
            for resource in Resource.browse(sorted(held)).filtered("calendar_id"):
                if not (busy - work[resource.id]):
                    continue
                if busy & leaves[resource.id]:
                    problems[idx] = self.env._(
                        "%(resource)s is not available on %(date)s (leave or closure).",
                        resource=resource.name,
                        date=self._fo_format_local(slot["start"], resource),
                    )
                    break
                if not slot["outside_hours"]:
                    problems[idx] = self._fo_hours_message(
                        resource, slot["start"], work[resource.id]
                    )
                    break

    @api.model
    def _fo_hours_message(self, resource, start, work):
        """The working hours of a resource on the day of ``start``, e.g. "Giulia
        Conti works 09:00-13:00, 14:00-18:00 on Saturday 12/12"."""
        tz = self._fo_tz(resource)
        day = pytz.utc.localize(start).astimezone(tz).date()
        hours = [
            (begin.astimezone(tz), end.astimezone(tz))
            for begin, end, _record in work
            if begin.astimezone(tz).date() == day
        ]
        day_label = format_date(self.env, day, date_format="EEEE dd/MM")
        if not hours:
            return self.env._(
                "%(resource)s does not work on %(day)s.",
                resource=resource.name,
                day=day_label,
            )
        return self.env._(
            "%(resource)s works %(hours)s on %(day)s.",
            resource=resource.name,
            hours=", ".join(f"{begin:%H:%M}–{end:%H:%M}" for begin, end in hours),
            day=day_label,
        )

    @api.model
    def _fo_find_free_slots(
        self,
        sale_line,
        start,
        stop,
        resources=None,
        limit=10,
        hours=None,
        weekdays=None,
    ):
        """The first times, between ``start`` and ``stop`` (naive UTC), on a
        15-minute grid, where one session of ``sale_line`` would pass every rule:
        the operator and a room working and free (clean-up time included), the
        client free, inside the quote's validity.

        :param resources: the operators to consider (default: the service's, or
            any of the company's people).
        :param hours: ``(from, to)`` in hours of the operator's own clock (e.g.
            ``(14.0, 19.0)``): the session starts and ends within them.
        :param weekdays: the days of the week allowed (0 = Monday), on the
            operator's clock.
        :return: a chronological list of ``{"start", "stop", "resource_id",
            "room_id"}`` (naive UTC; ``room_id`` False when none is needed).

        Its queries do not grow with the number of resources or days searched:
        one batch of working time per calendar, one query of busy times, one of the
        client's sessions."""
        search = self._fo_free_slot_search(
            sale_line, start, stop, resources=resources, hours=hours, weekdays=weekdays
        )
        return list(islice(search(start), limit)) if search else []

    @api.model
    def _fo_free_slot_search(
        self,
        sale_line,
        start,
        stop,
        resources=None,
        hours=None,
        weekdays=None,
        rooms=None,
    ):
        """Read once what the free-slot search needs between ``start`` and
        ``stop``, and return ``search(moment, taken=())``: a generator of the free
        slots from ``moment`` on (see :meth:`_fo_find_free_slots`), which also
        avoids ``taken`` — sessions planned but not written yet (dicts with
        ``start``, ``stop``, ``busy_stop``, ``resource_id``, ``room_id``), held by
        their operator, room and the client. ``None`` when the line has nothing
        left to book.

        :param rooms: rooms to try first (among the service's)."""
        line = sale_line
        product = line.product_id
        order = line.order_id
        if not (
            product.fo_is_bookable
            and order.state == "sale"
            and line.fo_sessions_remaining > 0
        ):
            return None
        Resource = self.env["resource.resource"]
        operators = resources or product.fo_resource_ids
        if not operators:
            operators = Resource.search(
                [
                    ("resource_type", "=", "user"),
                    ("company_id", "in", [False, order.company_id.id]),
                ]
            )
        rooms = ((rooms or Resource) & product.fo_room_ids) | product.fo_room_ids
        duration = timedelta(hours=product.fo_session_duration or 1.0)
        buffer = timedelta(hours=product.fo_buffer_after or 0.0)
        start, stop = (fields.Datetime.to_datetime(value) for value in (start, stop))
        everyone = operators | rooms
        aware = (pytz.utc.localize(start), pytz.utc.localize(stop + buffer))
        work = everyone._fo_work_intervals(*aware)
        working = {
            resource.id: _FreeTime(
                [
                    (b.replace(tzinfo=None), e.replace(tzinfo=None))
                    for b, e, _r in work[resource.id]
                ]
                if resource.calendar_id
                else [(start, stop + buffer)]
            )
            for resource in everyone
        }
        busy, client_busy = self._fo_busy_periods(
            everyone, order.partner_id, start, stop + duration + buffer
        )
        zones, wanted = self._fo_slot_filter(order, operators, hours, weekdays)
        operator_zones = [(operator.id, zones[operator.id]) for operator in operators]
        room_ids = rooms.ids
        grid = timedelta(minutes=15)

        def search(moment, taken=()):
            moment = fields.Datetime.to_datetime(moment)
            held = defaultdict(list, {key: list(value) for key, value in busy.items()})
            client = list(client_busy)
            for slot in taken:
                slot_busy = slot.get("busy_stop") or slot["stop"]
                for resource_id in (slot["resource_id"], slot.get("room_id")):
                    if resource_id:
                        held[resource_id].append((slot["start"], slot_busy))
                client.append((slot["start"], slot["stop"]))
            free_of = {key: _FreeTime(value) for key, value in held.items()}
            no_one = _FreeTime([])
            client_free = _FreeTime(client)
            moment = datetime.min + math.ceil((moment - datetime.min) / grid) * grid
            while moment + duration <= stop:
                end, busy_end = moment + duration, moment + duration + buffer
                if client_free.is_free(moment, end):
                    clock = {}  # the filters' answer per time zone, this moment
                    for operator_id, tz in operator_zones:
                        ok = clock.get(tz.zone)
                        if ok is None:
                            ok = clock[tz.zone] = wanted(tz, moment, end)
                        if not (
                            ok
                            and working[operator_id].covers(moment, busy_end)
                            and free_of.get(operator_id, no_one).is_free(
                                moment, busy_end
                            )
                        ):
                            continue
                        room_id = next(
                            (
                                room_id
                                for room_id in room_ids
                                if room_id != operator_id
                                and working[room_id].covers(moment, busy_end)
                                and free_of.get(room_id, no_one).is_free(
                                    moment, busy_end
                                )
                            ),
                            False,
                        )
                        if room_ids and not room_id:
                            continue
                        yield {
                            "start": moment,
                            "stop": end,
                            "resource_id": operator_id,
                            "room_id": room_id,
                        }
                moment += grid

        return search

    @api.model
    def _fo_busy_periods(self, resources, partner, start, stop):
        """What is taken between ``start`` and ``stop`` (naive UTC), in two
        queries: ``({resource id: [(start, busy until)]}, [(start, stop)] of the
        client's sessions)``."""
        self.env["front.office.booking.occupancy"].flush_model()
        self.flush_model(["partner_id", "start", "stop", "state"])
        busy = defaultdict(list)
        for resource_id, begin, end in self.env.execute_query(
            SQL(
                """
                SELECT resource_id, start, stop FROM front_office_booking_occupancy
                 WHERE resource_id IN %s AND start < %s AND stop > %s
                """,
                tuple(resources.ids),
                stop,
                start,
            )
        ):
            busy[resource_id].append((begin, end))
        client_busy = self.env.execute_query(
            SQL(
                """
                SELECT start, stop FROM front_office_booking
                 WHERE partner_id = %s AND state IN %s AND start < %s AND stop > %s
                """,
                partner.id,
                SLOT_STATES,
                stop,
                start,
            )
        )
        return busy, client_busy

    @api.model
    def _fo_slot_filter(self, order, operators, hours, weekdays):
        """``(zones, wanted)``: each operator's clock (``{id: tz}``) and
        ``wanted(tz, start, stop)``, whether a session (naive UTC) is inside the
        quote's validity and the chosen hours and weekdays on that clock. The
        validity becomes UTC bounds once per time zone: the search asks it for
        every time of its grid."""
        zones = {operator.id: self._fo_tz(operator) for operator in operators}
        first_day, last_day = order.validity_start_date, order.validity_date
        weekdays = set(weekdays) if weekdays else None

        def utc_midnight(tz, day):
            local = tz.localize(datetime.combine(day, time()))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        bounds = {
            tz.zone: (
                utc_midnight(tz, first_day) if first_day else datetime.min,
                utc_midnight(tz, last_day + timedelta(days=1))
                if last_day
                else datetime.max,
            )
            for tz in set(zones.values())
        }

        def wanted(tz, begin, end):
            low, high = bounds[tz.zone]
            if begin < low or end > high:
                return False
            if weekdays is None and not hours:
                return True
            local = pytz.utc.localize(begin).astimezone(tz)
            if weekdays is not None and local.weekday() not in weekdays:
                return False
            if hours:
                hour_from, hour_to = hours
                local_to = pytz.utc.localize(end).astimezone(tz)
                begin_hour = local.hour + local.minute / 60
                end_hour = (
                    local_to.hour + local_to.minute / 60
                    if local_to.date() == local.date()
                    else 24.0
                )
                if begin_hour < hour_from or end_hour > hour_to:
                    return False
            return True

        return zones, wanted

    @api.model
    def _fo_check_slots(self, slots, exclude_ids=()):
        """Raise the first problem of the planned sessions."""
        problems = self._fo_slot_problems(slots, exclude_ids)
        if problems:
            raise ValidationError(problems[min(problems)])

    @api.model
    def _fo_within_validity(self, order, start, stop, resource):
        """Whether a session from ``start`` to ``stop`` (UTC) falls inside the
        quote's validity window, in days of the resource's time zone (the centre's
        clock, whoever the operator is)."""
        tz = self._fo_tz(resource)
        first_day = pytz.utc.localize(start).astimezone(tz).date()
        # A session ending at midnight belongs to the day it started.
        last_day = (
            pytz.utc.localize(stop - timedelta(microseconds=1)).astimezone(tz).date()
        )
        return not (
            (order.validity_start_date and first_day < order.validity_start_date)
            or (order.validity_date and last_day > order.validity_date)
        )

    @api.model
    def _fo_tz(self, resource):
        """The centre's clock for a resource: its own time zone."""
        return pytz.timezone(
            resource.tz or self.env.company.resource_calendar_id.tz or "UTC"
        )

    @api.model
    def _fo_format_local(self, value, resource, dt_format="short"):
        """A date and time as the centre reads it (the resource's time zone),
        naming the zone when the operator's is another one."""
        tz = self._fo_tz(resource)
        text = format_datetime(self.env, value, tz=tz.zone, dt_format=dt_format)
        if tz.zone != (self.env.user.tz or "UTC"):
            text = f"{text} ({tz.zone})"
        return text

    @api.model
    def _fo_weekday(self, value, resource):
        """The day of the week of ``value`` (naive UTC) on the resource's clock,
        in the user's language ("martedì")."""
        if not value:
            return False
        tz = self._fo_tz(resource)
        return format_datetime(self.env, value, tz=tz.zone, dt_format="EEEE")

    # -- overlaps: the friendly face of the EXCLUDE constraints -------------

    @api.model
    def _fo_find_conflicts(self, slots, exclude_ids=()):
        """Conflicts of the planned ``slots`` (all holding a time slot) among
        themselves and with the sessions in the database, in one query: a resource
        is never busy twice at the same time, whichever role it plays (operator or
        room), clean-up time included; a client is never in two sessions at once.

        :return: {slot index: (kind, other, resource id)} where kind is "resource"
            or "client" and other is a booking (sudo) or the index of another slot.
        """
        conflicts = {}
        # Among the slots themselves: sort each resource's and client's slots.
        by_resource, by_client = defaultdict(list), defaultdict(list)
        for idx, slot in enumerate(slots):
            for resource_id in {slot["resource_id"], slot["room_id"]} - {False}:
                by_resource[resource_id].append(idx)
            by_client[slot["partner_id"]].append(idx)
        for kind, groups, end in (
            ("resource", by_resource, "busy_stop"),
            ("client", by_client, "stop"),
        ):
            for key, indexes in groups.items():
                indexes.sort(key=lambda i: slots[i]["start"])
                for prev, idx in pairwise(indexes):
                    if slots[idx]["start"] < slots[prev][end]:
                        conflicts.setdefault(
                            idx, (kind, prev, key if kind == "resource" else False)
                        )
        if not slots:
            return conflicts
        self.env["front.office.booking"].flush_model(
            ["resource_id", "partner_id", "start", "stop", "state"]
        )
        self.env["front.office.booking.occupancy"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                WITH s AS (
                    SELECT * FROM unnest(
                        %(idx)s::int[], %(resource)s::int[], %(room)s::int[],
                        %(partner)s::int[], %(start)s::timestamp[],
                        %(stop)s::timestamp[], %(busy)s::timestamp[]
                    ) AS s(idx, resource_id, room_id, partner_id, start, stop, busy)
                )
                SELECT DISTINCT ON (idx) idx, booking_id, kind, resource_id
                  FROM (
                    SELECT s.idx, o.booking_id, 'resource' AS kind, o.resource_id,
                           o.start
                      FROM s
                      JOIN front_office_booking_occupancy o
                        ON o.resource_id IN (s.resource_id, s.room_id)
                       AND o.start < s.busy AND o.stop > s.start
                     WHERE NOT o.booking_id = ANY(%(exclude)s::int[])
                    UNION ALL
                    SELECT s.idx, b.id, 'client', NULL, b.start
                      FROM s
                      JOIN front_office_booking b
                        ON b.partner_id = s.partner_id
                       AND b.start < s.stop AND b.stop > s.start
                     WHERE b.state IN %(holding)s
                       AND NOT b.id = ANY(%(exclude)s::int[])
                  ) AS found
              ORDER BY idx, start
                """,
                idx=list(range(len(slots))),
                resource=[slot["resource_id"] for slot in slots],
                room=[slot["room_id"] or None for slot in slots],
                partner=[slot["partner_id"] for slot in slots],
                start=[slot["start"] for slot in slots],
                stop=[slot["stop"] for slot in slots],
                busy=[slot["busy_stop"] for slot in slots],
                holding=SLOT_STATES,
                exclude=list(exclude_ids),
            )
        )
        others = self.sudo().browse({row[1] for row in rows})
        for idx, other_id, kind, resource_id in rows:
            conflicts.setdefault(idx, (kind, others.browse(other_id), resource_id))
        return conflicts

    @api.model
    def _fo_conflict_message(self, slot, conflict, slots):
        kind, other, resource_id = conflict
        resource = self.env["resource.resource"].browse(
            resource_id or slot["resource_id"]
        )
        if isinstance(other, int):
            other_start, other_stop, other_name = (
                slots[other]["start"],
                slots[other]["busy_stop" if kind == "resource" else "stop"],
                self.env._("another session of this booking"),
            )
        else:
            other_start, other_stop, other_name = (
                other.start,
                other.busy_stop if kind == "resource" else other.stop,
                other.display_name,
            )
        values = {
            "start": self._fo_format_local(other_start, resource),
            "stop": self._fo_format_local(other_stop, resource, dt_format="HH:mm"),
            "other": other_name,
        }
        if kind == "resource":
            return self.env._(
                "%(resource)s is already booked from %(start)s to %(stop)s "
                "(%(other)s).",
                resource=resource.name,
                **values,
            )
        return self.env._(
            "%(client)s already has a session from %(start)s to %(stop)s (%(other)s).",
            client=self.env["res.partner"].browse(slot["partner_id"]).name,
            **values,
        )

    # -- the sessions create and write would make --------------------------

    @api.model
    def _fo_slots_from_vals(self, vals_list):
        """The planned sessions that ``vals_list`` (create values) would make."""
        Line = self.env["sale.order.line"]
        slots = []
        for vals in vals_list:
            line = Line.browse(vals.get("sale_line_id"))
            # Without the required fields the ORM says what is missing.
            if not (line and vals.get("start")):
                continue
            slots.append(
                self._fo_slot(
                    line,
                    vals.get("resource_id"),
                    vals.get("partner_id") or line.order_id.partner_id.id,
                    vals["start"],
                    vals["duration"]
                    if "duration" in vals
                    else line.product_id.fo_session_duration or 1.0,
                    vals.get("state", "booked"),
                    room_id=vals.get("room_id"),
                    outside_hours=vals.get("outside_hours", False),
                )
            )
        return slots

    @api.model
    def _fo_propose_rooms(self, vals_list):
        """The first free allowed room for each new session of a service that needs
        one and names none (the operator may change it), in one query."""
        Line = self.env["sale.order.line"]
        todo = []
        for vals in vals_list:
            line = Line.browse(vals.get("sale_line_id"))
            if vals.get("room_id") or not (line and vals.get("start")):
                continue
            if not line.product_id.fo_room_ids:
                continue
            slot = self._fo_slot(
                line,
                vals.get("resource_id"),
                False,
                vals["start"],
                vals.get("duration") or line.product_id.fo_session_duration or 1.0,
                "booked",
            )
            if slot["busy_stop"]:
                todo.append((vals, slot))
        if not todo:
            return
        rooms = self.env["resource.resource"].union(
            *(slot["line"].product_id.fo_room_ids for _vals, slot in todo)
        )
        self.env["front.office.booking.occupancy"].flush_model()
        busy = defaultdict(list)
        for resource_id, start, stop in self.env.execute_query(
            SQL(
                """
                SELECT resource_id, start, stop
                  FROM front_office_booking_occupancy
                 WHERE resource_id IN %s AND start < %s AND stop > %s
                """,
                tuple(rooms.ids),
                max(slot["busy_stop"] for _vals, slot in todo),
                min(slot["start"] for _vals, slot in todo),
            )
        ):
            busy[resource_id].append((start, stop))
        for vals, slot in todo:
            for room in slot["line"].product_id.fo_room_ids:
                if room.id != slot["resource_id"] and all(
                    not (start < slot["busy_stop"] and stop > slot["start"])
                    for start, stop in busy[room.id]
                ):
                    vals["room_id"] = room.id
                    busy[room.id].append((slot["start"], slot["busy_stop"]))
                    break

    def _fo_slots_after_write(self, vals):
        """The sessions these bookings would be once ``vals`` written."""
        Line = self.env["sale.order.line"]
        new_line = Line.browse(vals["sale_line_id"]) if "sale_line_id" in vals else None
        return [
            self._fo_slot(
                new_line if new_line is not None else booking.sale_line_id,
                vals.get("resource_id", booking.resource_id.id),
                vals.get("partner_id")
                or (new_line and new_line.order_id.partner_id.id)
                or booking.partner_id.id,
                vals.get("start", booking.start),
                vals.get("duration", booking.duration),
                vals.get("state", booking.state),
                room_id=vals.get(
                    "room_id",
                    booking.room_id.id
                    if new_line is None
                    or booking.room_id in new_line.product_id.fo_room_ids
                    else new_line.product_id.fo_room_ids[:1].id,
                ),
                outside_hours=vals.get("outside_hours", booking.outside_hours),
            )
            for booking in self
        ]

    def _fo_slots(self, state=None):
        """These bookings as planned sessions (``state`` overrides theirs)."""
        return [
            self._fo_slot(
                booking.sale_line_id,
                booking.resource_id.id,
                booking.partner_id.id,
                booking.start,
                booking.duration,
                state or booking.state,
                room_id=booking.room_id.id,
                outside_hours=booking.outside_hours,
            )
            for booking in self
        ]

    def _fo_sync_occupancy(self):
        """The rows PostgreSQL guards: one per resource a session holds (its
        operator and its room) from its start to the end of its clean-up time,
        for the sessions that hold a time slot; written in the same transaction as
        the sessions themselves, in two statements whatever their number (the
        rows are derived data: no user writes them)."""
        if not self.ids:
            return
        self.flush_recordset(["start", "busy_stop", "resource_id", "room_id", "state"])
        Occupancy = self.env["front.office.booking.occupancy"]
        Occupancy.flush_model()
        self.env.cr.execute(
            SQL(
                "DELETE FROM front_office_booking_occupancy WHERE booking_id IN %s",
                tuple(self.ids),
            )
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO front_office_booking_occupancy
                       (booking_id, resource_id, start, stop,
                        create_uid, create_date, write_uid, write_date)
                SELECT b.id, held.resource_id, b.start, b.busy_stop,
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM front_office_booking b
                 CROSS JOIN LATERAL (VALUES (b.resource_id), (b.room_id))
                       AS held(resource_id)
                 WHERE b.id IN %(ids)s
                   AND b.state IN %(holding)s
                   AND held.resource_id IS NOT NULL
                """,
                uid=self.env.uid,
                ids=tuple(self.ids),
                holding=SLOT_STATES,
            )
        )
        Occupancy.invalidate_model()

    def _fo_check_outside_hours_right(self, vals):
        if "outside_hours" in vals and not self.env.user.has_group(
            "front_office_quotes.group_front_office_manager"
        ):
            raise UserError(
                self.env._(
                    "Only a front office manager books sessions outside working hours."
                )
            )

    # -- derived fields are written by the code that derives them --------

    @api.model
    def _fo_protected_fields(self):
        """Fields no user writes: states change through the actions, the rest is
        derived from the quote line, the start and accounting."""
        return {
            "state",
            "stop",
            "payment_state",
            "sale_order_id",
            "product_id",
            "company_id",
            "checkin_datetime",
            "fo_invoice_line_ids",
            "reminder_sent",
        }

    def _fo_check_protected_fields(self, fnames):
        if self.env.su:
            return
        protected = sorted(self._fo_protected_fields() & set(fnames))
        if protected:
            raise UserError(
                self.env._(
                    "%(fields)s cannot be changed by hand: they follow the quote, "
                    "the session's time and accounting, and the session's state "
                    "changes with Check In, No-show, Cancel and Reopen.",
                    fields=", ".join(
                        self._fields[fname].get_description(self.env)["string"]
                        for fname in protected
                    ),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_attended_or_paid(self):
        kept = self.filtered(lambda b: b.state == "done" or b.payment_state == "paid")
        if kept:
            raise UserError(
                self.env._(
                    "Attended or paid sessions cannot be deleted: %(sessions)s.",
                    sessions=", ".join(kept.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            fnames = set(vals) - {"state"} if vals.get("state") == "booked" else vals
            self._fo_check_protected_fields(fnames)
            if vals.get("outside_hours"):
                self._fo_check_outside_hours_right(vals)
        lines = self.env["sale.order.line"].browse(
            {vals["sale_line_id"] for vals in vals_list if vals.get("sale_line_id")}
        )
        lines._fo_lock()
        self._fo_propose_rooms(vals_list)
        self._fo_check_slots(self._fo_slots_from_vals(vals_list))

        def create_and_occupy():
            bookings = super(FrontOfficeBooking, self).create(vals_list)
            bookings._fo_sync_occupancy()
            return bookings

        bookings = self._fo_with_friendly_exclusion(create_and_occupy)
        # Precomputing partner_id and sale_order_id on the new records leaves
        # their NewIds in the cached one2many of the client and of the quote.
        self.env["sale.order"].invalidate_model(["fo_booking_ids"], flush=False)
        self.env["res.partner"].invalidate_model(["fo_booking_ids"], flush=False)
        bookings._fo_after_booked()
        return bookings

    def write(self, vals):
        self._fo_check_protected_fields(vals)
        self._fo_check_outside_hours_right(vals)
        before_move = self._fo_before_move(vals)
        # The values of each group of bookings: the stop is written with the start,
        # so that a flush in between (triggered by a dependency) never sends a range
        # whose start is after its stop.
        groups = {None: self.ids}
        if RULE_FIELDS & vals.keys():
            new_line = self.env["sale.order.line"].browse(vals.get("sale_line_id"))
            (self.sale_line_id | new_line)._fo_lock()
            self._fo_check_movable()
            slots = self._fo_slots_after_write(vals)
            for booking, slot in zip(self, slots, strict=True):
                if slot["partner_id"] != booking.partner_id.id:
                    raise UserError(
                        self.env._(
                            "The client of a session does not change (%(session)s): "
                            "cancel it and book the session for the other client.",
                            session=booking.display_name,
                        )
                    )
            self._fo_check_slots(slots, exclude_ids=self.ids)
            if "start" in vals or "duration" in vals:
                groups = defaultdict(list)
                for booking, slot in zip(self, slots, strict=True):
                    groups[slot["stop"]].append(booking.id)

        def write_and_occupy():
            for stop, ids in groups.items():
                super(FrontOfficeBooking, self.browse(ids)).write(
                    vals if stop is None else {**vals, "stop": stop}
                )
            if OCCUPANCY_FIELDS & vals.keys():
                self._fo_sync_occupancy()
            return True

        result = self._fo_with_friendly_exclusion(write_and_occupy)
        self._fo_after_moved(before_move)
        return result

    def _fo_check_movable(self):
        """Only booked sessions move: attended, missed or cancelled ones are
        history (a manager reopens them first)."""
        fixed = self.filtered(lambda b: b.state != "booked")
        if fixed:
            raise UserError(
                self.env._(
                    "Only booked sessions can be moved or changed: %(sessions)s.",
                    sessions=", ".join(fixed.mapped("display_name")),
                )
            )

    def _fo_with_friendly_exclusion(self, operation):
        """Two operators may pass the friendly pre-check at the same moment; the
        database then refuses the second slot. Turn that refusal into the message
        the operator understands (the transaction stays usable: savepoint)."""
        try:
            with self.env.cr.savepoint():
                result = operation()
                self.env.flush_all()
        except psycopg2.errors.ExclusionViolation as error:
            constraint = error.diag.constraint_name or ""
            if constraint.endswith("_no_client_overlap"):
                message = self.env._("This client already has a session at that time.")
            else:
                message = self.env._("This resource is already booked at that time.")
            raise ValidationError(
                self.env._(
                    "%(message)s Another operator has just booked it: refresh the "
                    "planning and choose another slot.",
                    message=message,
                )
            ) from error
        return result

    # ------------------------------------------------------------------
    # Actions: the only way a session's state changes
    # ------------------------------------------------------------------

    def _fo_check_state(self, allowed, action):
        wrong = self.filtered(lambda b: b.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(action)s is not possible for %(sessions)s: "
                    "the session is %(state)s.",
                    action=action,
                    sessions=", ".join(wrong.mapped("display_name")),
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                )
            )

    def _fo_set_state(self, vals):
        """Write a state change the calling action has checked. The lines are
        locked first, in id order, like every path that changes sessions: two
        operators acting on one quote wait for each other instead of deadlocking."""
        self.check_access("write")
        self.sale_line_id._fo_lock()
        return self.sudo().write(vals)

    def _fo_check_started(self, action):
        """Check-in and no-show are for the session's own day on, in the
        resource's time zone."""
        now = fields.Datetime.now()
        early = self.filtered(
            lambda b: (
                pytz.utc.localize(b.start).astimezone(self._fo_tz(b.resource_id)).date()
                > pytz.utc.localize(now).astimezone(self._fo_tz(b.resource_id)).date()
            )
        )
        if early:
            raise UserError(
                self.env._(
                    "%(action)s is possible from the day of the session on: "
                    "%(session)s is on %(date)s.",
                    action=action,
                    session=early[0].display_name,
                    date=self._fo_format_local(early[0].start, early[0].resource_id),
                )
            )

    def action_check_in(self):
        """The client came: the session is attended (an access, in the seed)."""
        self._fo_check_state(("booked",), self.env._("Check-in"))
        self._fo_check_started(self.env._("Check-in"))
        self._fo_set_state({"state": "done", "checkin_datetime": fields.Datetime.now()})
        return True

    def action_no_show(self):
        self._fo_check_state(("booked",), self.env._("No-show"))
        self._fo_check_started(self.env._("No-show"))
        self._fo_set_state({"state": "no_show"})
        return True

    def action_cancel(self):
        """Cancelling frees both the session and the time slot; too late (less
        than the company's notice before the start), the session is used."""
        if self.env.context.get("fo_waive"):
            return self._fo_waive_late_cancellation()
        self._fo_check_state(("booked",), self.env._("Cancelling"))
        late = self._fo_late_cancellations()
        (self - late)._fo_set_state({"state": "cancelled"})
        late._fo_set_state({"state": "late_cancel"})
        self._fo_after_cancelled()
        return True

    def action_reset(self):
        """Back to booked (a mistaken check-in, cancellation or no-show), if every
        rule still holds: validity, sessions sold, free slot."""
        if not self.env.user.has_group(
            "front_office_quotes.group_front_office_manager"
        ):
            raise UserError(
                self.env._("Only a front office manager can reopen a session.")
            )
        self._fo_check_state(
            ("done", "no_show", "late_cancel", "cancelled"), self.env._("Reopening")
        )
        self.check_access("write")
        self.sale_line_id._fo_lock()
        self._fo_check_slots(self._fo_slots(state="booked"), exclude_ids=self.ids)
        self._fo_set_state({"state": "booked", "checkin_datetime": False})
        # Booked again: its reminder is due again, unless it was already sent.
        self._fo_schedule_reminders()
        return True

    def action_fo_register_payment(self):
        """Register payment for these sessions (the list, the quote and the client
        hand over their unpaid sessions)."""
        partner = self.partner_id or self.env["res.partner"].browse(
            self.env.context.get("default_partner_id")
        )
        if len(partner) != 1:
            raise UserError(
                self.env._("Select the sessions of one client to register a payment.")
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Register Payment"),
            "res_model": "front.office.payment.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_partner_id": partner.id,
                "default_booking_ids": [fields.Command.set(self.ids)],
            },
        }

    @api.model
    def _fo_unpaid_domain(self):
        """The sessions a client still has to pay: active and not paid."""
        return [("state", "!=", "cancelled"), ("payment_state", "!=", "paid")]

    # ------------------------------------------------------------------
    # Diary (issue 11): the data of the desk's day screen, selling and
    # booking from one of its free cells.
    # ------------------------------------------------------------------

    @api.model
    def fo_diary_data(self, day=None, resource_ids=None):
        """Everything the Diary draws for one day, in a number of queries that does
        not grow with the bookings or the resources shown.

        :param day: "YYYY-MM-DD" in the user's time zone (default: today there).
        :param resource_ids: the columns to show (default: the resources shown in
            the Diary, see ``resource.resource._fo_diary_resources``).
        :return: the DESIGN contract (``resources``, ``bookings``, ``unavailable``,
            datetimes as UTC strings) plus ``day``, ``tz`` (the time zone the day is
            cut in) and ``hours`` (the opening hours drawn as rows).
        """
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        day = fields.Date.to_date(day) if day else fields.Date.context_today(self)
        day_start = tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc)
        day_stop = tz.localize(
            datetime.combine(day + timedelta(days=1), time.min)
        ).astimezone(pytz.utc)
        Resource = self.env["resource.resource"]
        resources = Resource._fo_diary_resources(
            None if resource_ids is None else [("id", "in", list(resource_ids))]
        )
        work = resources._fo_work_intervals(day_start, day_stop)
        whole_day = Intervals([(day_start, day_stop, Resource)])

        naive_start = day_start.replace(tzinfo=None)
        naive_stop = day_stop.replace(tzinfo=None)
        bookings = self.search_fetch(
            [
                ("start", "<", naive_stop),
                ("stop", ">", naive_start),
                ("state", "!=", "cancelled"),
                "|",
                ("resource_id", "in", resources.ids),
                ("room_id", "in", resources.ids),
            ],
            [
                "resource_id",
                "room_id",
                "busy_stop",
                "start",
                "stop",
                "partner_id",
                "product_id",
                "sale_line_id",
                "sale_order_id",
                "state",
                "payment_state",
            ],
        )
        no_shows = dict(
            self._read_group(
                [
                    ("partner_id", "in", bookings.partner_id.ids),
                    # late_cancel: the fourth end state, counted once it exists.
                    ("state", "in", ("no_show", "late_cancel")),
                    ("start", ">=", fields.Datetime.now() - timedelta(days=365)),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        states = dict(self._fields["state"]._description_selection(self.env))
        to_string = fields.Datetime.to_string
        booking_data = [
            {
                "id": booking.id,
                "resource_id": booking.resource_id.id,
                "room_id": booking.room_id.id,
                "start": to_string(booking.start),
                "stop": to_string(booking.stop),
                "busy_stop": to_string(booking.busy_stop),
                "partner_id": booking.partner_id.id,
                "partner_name": booking.partner_id.name,
                "service": booking.product_id.name,
                "session_number": booking.session_number,
                "sessions_sold": int(booking.sale_line_id.product_uom_qty),
                "state": booking.state,
                "state_label": states.get(booking.state, booking.state),
                "payment_state": booking.payment_state,
                "sale_order_id": booking.sale_order_id.id,
                "sale_order_name": booking.sale_order_id.name,
                "no_show_count": no_shows.get(booking.partner_id, 0),
            }
            for booking in bookings
        ]

        # Opening hours: the working time of the resources that have a calendar
        # (08:00-20:00 when none has), widened to the day's sessions, whole hours.
        worked = Intervals()
        for resource in resources.filtered("calendar_id"):
            worked |= work[resource.id]
        spans = [(begin, end) for begin, end, _record in worked]
        if spans:
            open_at, close_at = spans[0][0], spans[-1][1]
        else:
            open_at = tz.localize(datetime.combine(day, time(8)))
            close_at = tz.localize(datetime.combine(day, time(20)))
        for booking in bookings:
            open_at = min(open_at, pytz.utc.localize(booking.start))
            close_at = max(close_at, pytz.utc.localize(booking.stop))
        open_at = max(open_at.astimezone(tz).replace(minute=0, second=0), day_start)
        close_local = close_at.astimezone(tz)
        if close_local.minute or close_local.second:
            close_at = close_local.replace(minute=0, second=0) + timedelta(hours=1)
        close_at = min(close_at, day_stop)

        def utc_string(moment):
            return to_string(moment.astimezone(pytz.utc).replace(tzinfo=None))

        return {
            "day": fields.Date.to_string(day),
            "tz": tz.zone,
            "hours": {"start": utc_string(open_at), "stop": utc_string(close_at)},
            "resources": [
                {
                    "id": resource.id,
                    "name": resource.name,
                    "kind": resource.resource_type,
                }
                for resource in resources
            ],
            "bookings": booking_data,
            "unavailable": {
                resource.id: [
                    [utc_string(begin), utc_string(end)]
                    for begin, end, _record in whole_day - work[resource.id]
                ]
                for resource in resources
            },
        }

    @api.model
    def fo_sell_and_book(self, partner, product, start, resource, room=None):
        """Sell one session of ``product`` to ``partner`` and book it at ``start``
        (UTC) with ``resource``, in one go (the seed's "vendere ... direttamente dal
        planning"): a one-session quote valid from that day (in the resource's time
        zone), made and confirmed by the current user as the front desk does, then
        the booking, through the same rules as everywhere. All or nothing.

        Records or ids are accepted (the Diary calls it over RPC).
        ``room``: the session's room (default: the first free room of the service).

        :return: the booking.
        """
        partner = self.env["res.partner"].browse(getattr(partner, "id", partner))
        product = self.env["product.product"].browse(getattr(product, "id", product))
        resource = self.env["resource.resource"].browse(
            getattr(resource, "id", resource)
        )
        room = self.env["resource.resource"].browse(getattr(room, "id", room))
        start = fields.Datetime.to_datetime(start)
        if not product.fo_is_bookable:
            raise UserError(
                self.env._(
                    "%(service)s is not sold in sessions and cannot be booked.",
                    service=product.display_name,
                )
            )
        day = pytz.utc.localize(start).astimezone(self._fo_tz(resource)).date()
        with self.env.cr.savepoint():
            order = (
                self.env["sale.order"]
                .with_context(front_office=True)
                .create(
                    {
                        "partner_id": partner.id,
                        "validity_start_date": day,
                        "order_line": [
                            Command.create(
                                {"product_id": product.id, "product_uom_qty": 1}
                            )
                        ],
                    }
                )
            )
            order.action_confirm()
            booking = self.create(
                {
                    "sale_line_id": order.order_line.id,
                    "start": start,
                    "resource_id": resource.id,
                    **({"room_id": room.id} if room else {}),
                }
            )
        return booking

    # ------------------------------------------------------------------
    # Messages to clients and the attendance policy
    # ------------------------------------------------------------------

    @api.depends("start", "resource_id.tz", "partner_id.tz")
    @api.depends_context("lang")
    def _compute_fo_start_label(self):
        for booking in self:
            booking.fo_start_label = booking._fo_local_label(booking.start)

    def _fo_local_tz(self, resource=None):
        """The centre's clock (the resource's time zone), as a name."""
        self.ensure_one()
        return self._fo_tz(resource or self.resource_id).zone

    def _fo_local_label(self, value, dt_format="EEEE d MMMM y, HH:mm", resource=None):
        """``value`` (naive UTC) in the local time of ``resource`` (default: the
        session's), daylight saving included, in the language of the environment
        (the client's, when a template renders it); the time zone is named when
        the client's differs."""
        self.ensure_one()
        if not value:
            return False
        tz = self._fo_local_tz(resource)
        label = format_datetime(self.env, value, tz=tz, dt_format=dt_format)
        if self.partner_id.tz and self.partner_id.tz != tz:
            label = f"{label} ({tz})"
        return label

    def _fo_batch_bookings(self):
        """The sessions a message is about: the batch the template was asked to
        list (context ``fo_batch_ids``), else this session."""
        batch_ids = self.env.context.get("fo_batch_ids")
        return self.browse(batch_ids) if batch_ids else self

    def _fo_moved_from_label(self):
        """Where a moved session was, for the move notice: its former local date
        and time (context ``fo_moved_from``: {id: (start, resource id)}), and its
        former resource when that changed too."""
        self.ensure_one()
        start, resource_id = self.env.context.get("fo_moved_from", {}).get(
            self.id, (False, False)
        )
        if not start:
            return False
        resource = self.resource_id.browse(resource_id)
        label = self._fo_local_label(start, resource=resource)
        if resource != self.resource_id:
            label = f"{label} ({resource.name})"
        return label

    def _fo_skip_client_messages(self):
        """Installing data (demo clients) or a caller that asks for silence."""
        return bool(
            self.env.context.get("install_mode")
            or self.env.context.get("fo_no_client_messages")
        )

    def _fo_reachable_by(self, channel, message_name):
        """The sessions whose client can get ``message_name`` by ``channel``
        ("email" or "sms"); for the others, a note in the chatter says why (logged
        in one batch, not one ``message_post`` each)."""
        if channel == "email":
            reachable = self.filtered(lambda b: b.partner_id.email_normalized)
        else:
            reachable = self.filtered(lambda b: b.partner_id.phone)
        bodies = {}
        for booking in self - reachable:
            if channel == "email":
                bodies[booking.id] = self.env._(
                    "No %(message)s sent by email: %(client)s has no email address.",
                    message=message_name,
                    client=booking.partner_id.name,
                )
            else:
                bodies[booking.id] = self.env._(
                    "No %(message)s sent by SMS: %(client)s has no phone number.",
                    message=message_name,
                    client=booking.partner_id.name,
                )
        if bodies:
            (self - reachable)._message_log_batch(bodies)
        return reachable

    def _fo_post_template(self, xmlid, **kwargs):
        """Post the mail template ``xmlid`` on each of these sessions (chatter)
        to their client only: a note, so that followers are not emailed too."""
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if not template or not self:
            return self.env["mail.message"]
        return self.message_post_with_source(
            template,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            **kwargs,
        )

    # -- confirmation ----------------------------------------------------

    def _fo_after_booked(self):
        """Hook of ``create``: one confirmation per client of the batch, and the
        reminder cron woken for the first reminder due."""
        booked = self.filtered(lambda b: b.state == "booked")
        if not booked:
            return
        if not self._fo_skip_client_messages():
            for bookings in booked.grouped("partner_id").values():
                bookings._fo_send_confirmation()
        booked._fo_schedule_reminders()

    def _fo_send_confirmation(self):
        """One email listing these sessions of one client, with an iCalendar
        attachment; logged on the first session."""
        bookings = self.sorted("start")
        first = bookings[:1]._fo_reachable_by(
            "email", self.env._("booking confirmation")
        )
        if not first:
            return
        # sudo: the composer takes the attachment over and links it to the message.
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": "sessions.ics",
                    "raw": bookings._fo_ics_content(),
                    "mimetype": "text/calendar",
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
            )
        )
        first.with_context(fo_batch_ids=bookings.ids)._fo_post_template(
            "front_office_quotes.mail_template_fo_booking_confirmation",
            attachment_ids=attachment.ids,
        )

    def _fo_ics_content(self):
        """An iCalendar file with one event per session (UTC times)."""
        calendar = vobject.iCalendar()
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid", "")
        now = fields.Datetime.now().replace(tzinfo=pytz.utc)
        for booking in self:
            event = calendar.add("vevent")
            event.add("uid").value = f"front-office-booking-{booking.id}@{uuid}"
            event.add("dtstamp").value = now
            event.add("dtstart").value = booking.start.replace(tzinfo=pytz.utc)
            event.add("dtend").value = booking.stop.replace(tzinfo=pytz.utc)
            event.add("summary").value = booking.product_id.name or ""
            place = ", ".join(
                name
                for name in (booking.resource_id.name, booking.company_id.name)
                if name
            )
            if place:
                event.add("location").value = place
        return calendar.serialize().encode()

    # -- cancellation, late cancellation and move ------------------------

    def _fo_late_cancellations(self):
        """The sessions whose cancellation now comes later than the notice their
        company asks for (0 hours: never late)."""
        now = fields.Datetime.now()
        return self.filtered(
            lambda b: (
                b.company_id.fo_cancel_notice_hours
                and b.start < now + timedelta(hours=b.company_id.fo_cancel_notice_hours)
            )
        )

    def _fo_waive_late_cancellation(self):
        """A manager's call: the (late) cancellation frees the session after all.
        The context comes from the client over RPC: the group is the guard."""
        if not self.env.user.has_group(
            "front_office_quotes.group_front_office_manager"
        ):
            raise UserError(
                self.env._("Only a front office manager can waive a late cancellation.")
            )
        self._fo_check_state(
            ("booked", "late_cancel"), self.env._("Waiving a late cancellation")
        )
        newly_cancelled = self.filtered(lambda b: b.state == "booked")
        waived = (self - newly_cancelled) | newly_cancelled._fo_late_cancellations()
        self._fo_set_state({"state": "cancelled"})
        for booking in waived:
            booking.message_post(
                body=self.env._(
                    "Late cancellation waived by %(user)s: the session is free again.",
                    user=self.env.user.name,
                )
            )
        newly_cancelled._fo_after_cancelled()
        return True

    def _fo_after_cancelled(self):
        """Hook of ``action_cancel``: each client is told once, by one email
        listing their sessions cancelled together (logged on the first one)."""
        if self._fo_skip_client_messages():
            return
        told = self._fo_reachable_by("email", self.env._("cancellation notice"))
        for client_bookings in told.grouped("partner_id").values():
            ordered = client_bookings.sorted("start")
            ordered[:1].with_context(fo_batch_ids=ordered.ids)._fo_post_template(
                "front_office_quotes.mail_template_fo_booking_cancellation"
            )

    def _fo_before_move(self, vals):
        """Hook of ``write`` (before): where the sessions are, if ``vals`` may move
        them."""
        if not {"start", "resource_id"} & vals.keys():
            return {}
        return {booking.id: (booking.start, booking.resource_id) for booking in self}

    def _fo_after_moved(self, before):
        """Hook of ``write`` (after): a booked session moved to another time or
        resource gets a move notice and a new reminder for its new time."""
        if not before:
            return
        moved = self.filtered(
            lambda b: (
                b.state == "booked"
                and b.id in before
                and before[b.id] != (b.start, b.resource_id)
            )
        )
        if not moved:
            return
        moved.filtered("reminder_sent").sudo().write({"reminder_sent": False})
        if not self._fo_skip_client_messages():
            future = moved.filtered(lambda b: b.start > fields.Datetime.now())
            told = future._fo_reachable_by("email", self.env._("move notice"))
            for bookings in told.grouped("partner_id").values():
                bookings._fo_send_move_notice(before)
        moved._fo_schedule_reminders()

    def _fo_send_move_notice(self, before):
        """One email listing these moved sessions of one client, each with its
        former and new local time (``before``: {id: (start, resource)} as
        ``_fo_before_move`` read them); logged on the first session."""
        bookings = self.sorted("start")
        moved_from = {
            booking.id: (before[booking.id][0], before[booking.id][1].id)
            for booking in bookings
        }
        bookings[:1].with_context(
            fo_batch_ids=bookings.ids, fo_moved_from=moved_from
        )._fo_post_template("front_office_quotes.mail_template_fo_booking_moved")

    # -- reminders -------------------------------------------------------

    def _fo_schedule_reminders(self):
        """Wake the reminder cron when the first reminder of these sessions is
        due (one trigger per batch: the cron re-triggers itself for the next)."""
        now = fields.Datetime.now()
        due = [
            booking.start - timedelta(hours=booking.company_id.fo_reminder_hours)
            for booking in self
            if booking.state == "booked"
            and not booking.reminder_sent
            and booking.company_id.fo_reminder_hours
            and booking.start > now
        ]
        if due:
            cron = self.env.ref(
                "front_office_quotes.ir_cron_fo_send_reminders",
                raise_if_not_found=False,
            )
            if cron:
                cron.sudo()._trigger(at=max(min(due), now))

    @api.model
    def _fo_due_reminders_domain(self):
        """Booked sessions not reminded yet, not started, whose reminder time
        (their company's hours before the start) has come."""
        now = fields.Datetime.now()
        companies = (
            self.env["res.company"].sudo().search([("fo_reminder_hours", ">", 0)])
        )
        if not companies:
            return Domain.FALSE
        return Domain(
            [
                ("state", "=", "booked"),
                ("reminder_sent", "=", False),
                ("start", ">", now),
            ]
        ) & Domain.OR(
            Domain("company_id", "=", company.id)
            & Domain("start", "<=", now + timedelta(hours=company.fo_reminder_hours))
            for company in companies
        )

    @api.model
    def _fo_send_due_reminders(self, batch_size=200):
        """Send one batch of the reminders due.

        :return: (number sent, number still due)
        """
        domain = self._fo_due_reminders_domain()
        bookings = self.search(domain, limit=batch_size, order="start, id")
        bookings._fo_send_reminders()
        remaining = self.search_count(domain) if len(bookings) == batch_size else 0
        return len(bookings), remaining

    @api.model
    def _cron_fo_send_reminders(self, batch_size=200):
        """The reminder cron: one batch per call (the cron runner calls again
        while some remain), then wake up for the next reminder due."""
        sent, remaining = self._fo_send_due_reminders(batch_size=batch_size)
        if not remaining:
            self._fo_schedule_next_reminder()
        self.env["ir.cron"]._commit_progress(sent, remaining=remaining)

    @api.model
    def _fo_schedule_next_reminder(self):
        """After a run, the next reminder due: the first session of each company
        still to remind, less its hours."""
        now = fields.Datetime.now()
        companies = (
            self.env["res.company"].sudo().search([("fo_reminder_hours", ">", 0)])
        )
        if not companies:
            return
        firsts = self.sudo()._read_group(
            [
                ("state", "=", "booked"),
                ("reminder_sent", "=", False),
                ("start", ">", now),
                ("company_id", "in", companies.ids),
            ],
            ["company_id"],
            ["start:min"],
        )
        due = [
            first - timedelta(hours=company.fo_reminder_hours)
            for company, first in firsts
        ]
        if due:
            self.env.ref(
                "front_office_quotes.ir_cron_fo_send_reminders"
            ).sudo()._trigger(at=max(min(due), now))

    def _fo_send_reminders(self):
        """Remind these sessions' clients by email, and by SMS where their company
        asks for it; each session once. The whole batch is read, rendered and
        written at once: its queries do not grow with its size."""
        now = fields.Datetime.now()
        bookings = self.filtered(
            lambda b: b.state == "booked" and not b.reminder_sent and b.start > now
        )
        if not bookings:
            return
        # No explicit prefetching: the batch comes from one search, and the ORM
        # reads each field the templates show (client, service, resource) for
        # all of it at once (explicit fetch() calls measured one query more).
        reminder = self.env._("reminder")
        by_email = bookings._fo_reachable_by("email", reminder)
        template = self.env.ref(
            "front_office_quotes.mail_template_fo_booking_reminder",
            raise_if_not_found=False,
        )
        if by_email and template:
            by_email._fo_queue_mails(template)
        sms_template = self.env.ref(
            "front_office_quotes.sms_template_fo_booking_reminder",
            raise_if_not_found=False,
        )
        wants_sms = bookings.filtered("company_id.fo_reminder_sms")
        if wants_sms and sms_template:
            wants_sms._fo_reachable_by("sms", reminder)._fo_queue_sms(sms_template)
        bookings.sudo().write({"reminder_sent": True})

    def _fo_queue_mails(self, template):
        """Queue the email of ``template`` to the client of each of these sessions,
        for Odoo's mail queue to send.

        What the mass-mail composer does, for the whole batch at once: rendered in
        one pass per language, created with one ``create``, where the composer
        works by chunks of 50 and reads everything again between two (about 20
        queries a chunk). Each mail's message stays in its session's chatter as
        its trace once sent (``is_notification``); a client on the blacklist gets
        a cancelled mail and no trace, as with the composer. Attachments and
        reports the centre adds to the template go with every mail.

        :return: the ``mail.mail`` (sudo)
        """
        rendered = template._generate_template(
            self.ids,
            (
                "attachment_ids",
                "auto_delete",
                "body_html",
                "email_from",
                "mail_server_id",
                "partner_to",
                "report_template_ids",
                "subject",
            ),
        )
        author_id = self.env.user.partner_id.id
        reply_tos = self._notify_get_reply_to_batch(
            defaults={
                res_id: rendered[res_id].get("email_from") for res_id in self.ids
            },
            author_ids=dict.fromkeys(self.ids, author_id),
        )
        companies = self._mail_get_companies(default=self.env.company)
        vals_list = []
        for booking in self:
            values = rendered[booking.id]
            blacklisted = booking.partner_id.is_blacklisted
            mail_vals = {
                # The template's own files are shared; a report, per session.
                "attachment_ids": [
                    Command.link(attachment_id)
                    for attachment_id in values.get("attachment_ids", [])
                ]
                + [
                    Command.create(
                        {
                            "name": name,
                            "datas": datas,
                            "res_model": self._name,
                            "res_id": booking.id,
                        }
                    )
                    for name, datas in values.get("attachments", [])
                ],
                "author_id": author_id,
                "auto_delete": values.get("auto_delete", True),
                "body": values["body_html"],
                "body_html": values["body_html"],
                "is_notification": not blacklisted,
                "mail_server_id": values.get("mail_server_id"),
                "message_type": "email_outgoing",
                "model": self._name,
                "recipient_ids": [
                    Command.link(partner_id)
                    for partner_id in values.get("partner_ids", [])
                ],
                "record_company_id": companies[booking.id].id,
                "reply_to": reply_tos[booking.id],
                "res_id": booking.id,
                "subject": values.get("subject"),
            }
            if values.get("email_from"):
                mail_vals["email_from"] = values["email_from"]
            if blacklisted:
                mail_vals.update(state="cancel", failure_type="mail_bl")
            mail_vals["message_id"] = mail_vals["references"] = self.env[
                "mail.message"
            ]._get_message_id(mail_vals)
            vals_list.append(mail_vals)
        mails = self.env["mail.mail"].sudo().create(vals_list)
        # The envelope of each trace: sent, bounced... as the composer shows it.
        self.env["mail.notification"].sudo().create(
            [
                dict(notification_vals, res_partner_id=partner.id)
                for mail, notification_vals in zip(
                    mails, mails._get_notification_values(), strict=True
                )
                if mail.is_notification
                for partner in mail.recipient_ids
            ]
        )
        return mails

    def _fo_queue_sms(self, template):
        """Queue the SMS of ``template`` to the client of each of these sessions,
        for Odoo's SMS gateway to send.

        ``_message_sms`` posts and notifies each one (about 11 queries an SMS);
        here the bodies are rendered in one pass per language, the notes logged in
        one batch and the ``sms.sms`` and their notifications created at once.
        Unlike the mass SMS composer, a client with two sessions gets both.

        :return: the ``sms.sms`` (sudo)
        """
        bodies = template._render_field("body", self.ids, compute_lang=True)
        messages = self._message_log_batch(
            {
                res_id: sms_content_to_rendered_html(body)
                for res_id, body in bodies.items()
            },
            message_type="sms",
        )
        sms_vals = []
        for booking, message in zip(self, messages, strict=True):
            partner = booking.partner_id
            sms_vals.append(
                {
                    "body": bodies[booking.id],
                    "mail_message_id": message.id,
                    "number": partner._phone_format(number=partner.phone)
                    or partner.phone,
                    "partner_id": partner.id,
                    "state": "outgoing",
                }
            )
        sms = self.env["sms.sms"].sudo().create(sms_vals)
        # What _notify_thread_by_sms writes: the SMS status shown in the chatter.
        self.env["mail.notification"].sudo().create(
            [
                {
                    "author_id": message.author_id.id,
                    "is_read": True,
                    "mail_message_id": message.id,
                    "notification_status": "ready",
                    "notification_type": "sms",
                    "res_partner_id": one_sms.partner_id.id,
                    "sms_id_int": one_sms.id,
                    "sms_number": one_sms.number,
                    "sms_tracker_ids": [Command.create({"sms_uuid": one_sms.uuid})],
                }
                for one_sms, message in zip(sms, messages, strict=True)
            ]
        )
        return sms
