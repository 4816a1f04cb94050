# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import datetime, time, timedelta
from itertools import pairwise

import psycopg2
import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_datetime
from odoo.tools.intervals import Intervals

# The states that hold a time slot: a no-show uses its session but frees its slot.
SLOT_STATES = ("booked", "done")
# Fields whose change may move a booking onto somebody else's slot.
SLOT_FIELDS = {
    "start",
    "duration",
    "resource_id",
    "partner_id",
    "sale_line_id",
    "state",
}


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
    allowed_resource_ids = fields.Many2many(
        comodel_name="resource.resource",
        compute="_compute_allowed_resource_ids",
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
    state = fields.Selection(
        selection=[
            ("booked", "Booked"),
            ("done", "Attended"),
            ("no_show", "No-show"),
            ("cancelled", "Cancelled"),
        ],
        default="booked",
        required=True,
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
        help="Derived from accounting: the paid sessions of the service line (paid "
        "invoices less credit notes) go to its sessions in start order, then the "
        "invoiced ones.",
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

    _duration_positive = models.Constraint(
        "CHECK(duration > 0)",
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
            booking.stop = booking.start and booking.start + timedelta(
                hours=booking.duration
            )

    @api.depends(
        "state",
        "start",
        "sale_line_id.fo_sessions_paid",
        "sale_line_id.qty_invoiced",
        "sale_line_id.fo_booking_ids.state",
        "sale_line_id.fo_booking_ids.start",
    )
    def _compute_payment_state(self):
        """Paid sessions first, then invoiced ones, in start order: paying a whole
        package up front with the standard invoice marks its sessions paid."""
        lines = self.sale_line_id
        states = {}
        if lines:
            siblings = self.sudo().search(
                [("sale_line_id", "in", lines.ids), ("state", "!=", "cancelled")],
                order="start, id",
            )
            rank = defaultdict(int)
            for sibling in siblings:
                line = sibling.sale_line_id
                rank[line.id] += 1
                if rank[line.id] <= line.fo_sessions_paid:
                    states[sibling.id] = "paid"
                elif rank[line.id] <= line.qty_invoiced:
                    states[sibling.id] = "invoiced"
        for booking in self:
            states_of = states.get(booking._origin.id or booking.id)
            booking.payment_state = (
                states_of if booking.state != "cancelled" and states_of else "not_paid"
            )

    @api.depends("sale_line_id.price_total", "sale_line_id.product_uom_qty")
    def _compute_price_per_session(self):
        for booking in self:
            line = booking.sale_line_id
            booking.price_per_session = (
                line.price_total / line.product_uom_qty if line.product_uom_qty else 0.0
            )

    @api.depends("sale_line_id")
    def _compute_allowed_resource_ids(self):
        for booking in self:
            booking.allowed_resource_ids = booking.product_id.fo_resource_ids

    @api.depends("sale_line_id", "start", "state")
    def _compute_session_number(self):
        lines = self.sale_line_id
        ranks = {}
        if lines:
            siblings = self.search(
                [("sale_line_id", "in", lines.ids), ("state", "!=", "cancelled")],
                order="start, id",
            )
            counter = defaultdict(int)
            for sibling in siblings:
                counter[sibling.sale_line_id.id] += 1
                ranks[sibling.id] = counter[sibling.sale_line_id.id]
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
    # Rules
    # ------------------------------------------------------------------

    # Not on "state": checking in, a no-show or a cancellation must work whatever
    # happened to the quote since; reopening re-checks explicitly (action_reset).
    @api.constrains("sale_line_id", "partner_id", "resource_id", "start", "duration")
    def _check_booking_rules(self):
        for booking in self:
            line = booking.sale_line_id
            order = line.order_id
            if order.state != "sale":
                raise ValidationError(
                    self.env._(
                        "Quote %(quote)s is not confirmed: confirm it before "
                        "booking its sessions.",
                        quote=order.name,
                    )
                )
            if not line.product_id.fo_is_bookable:
                raise ValidationError(
                    self.env._(
                        "%(service)s is not sold in sessions and cannot be booked.",
                        service=line.product_id.display_name,
                    )
                )
            if booking.partner_id != order.partner_id:
                raise ValidationError(
                    self.env._(
                        "Quote %(quote)s belongs to %(client)s, not to %(other)s.",
                        quote=order.name,
                        client=order.partner_id.name,
                        other=booking.partner_id.name,
                    )
                )
            allowed = line.product_id.fo_resource_ids
            if allowed and booking.resource_id not in allowed:
                raise ValidationError(
                    self.env._(
                        "%(resource)s cannot deliver %(service)s. "
                        "Allowed: %(allowed)s.",
                        resource=booking.resource_id.name,
                        service=line.product_id.name,
                        allowed=", ".join(allowed.mapped("name")),
                    )
                )
            if not self._fo_within_validity(
                order, booking.start, booking.stop, booking.resource_id
            ):
                raise ValidationError(
                    self.env._(
                        "The session of %(date)s is outside the validity of quote "
                        "%(quote)s (%(window)s).",
                        date=format_datetime(self.env, booking.start),
                        quote=order.name,
                        window=order._fo_validity_label(),
                    )
                )
        self.sale_line_id._fo_check_sessions_available()

    @api.model
    def _fo_unpaid_domain(self):
        """The sessions a client still has to pay: active and not paid."""
        return [("state", "!=", "cancelled"), ("payment_state", "!=", "paid")]

    @api.model
    def _fo_within_validity(self, order, start, stop, resource):
        """Whether a session from ``start`` to ``stop`` (UTC) falls inside the
        quote's validity window, in days of the resource's time zone (the centre's
        clock, whoever the operator is)."""
        tz = pytz.timezone(resource.tz or self.env.user.tz or "UTC")
        first_day = pytz.utc.localize(start).astimezone(tz).date()
        # A session ending at midnight belongs to the day it started.
        last_day = (
            pytz.utc.localize(stop - timedelta(microseconds=1)).astimezone(tz).date()
        )
        return not (
            (order.validity_start_date and first_day < order.validity_start_date)
            or (order.validity_date and last_day > order.validity_date)
        )

    # -- overlaps: the friendly face of the EXCLUDE constraints -------------

    @api.model
    def _fo_find_conflicts(self, slots, exclude_ids=()):
        """Conflicts of the planned ``slots`` (dicts with resource_id, partner_id,
        start, stop; slots not holding a time slot are left out by the caller)
        among themselves and with the bookings in the database, in one query.

        :return: {slot index: (kind, other)} where kind is "resource" or
            "client" and other is a booking (sudo) or the index of another slot.
        """
        conflicts = {}
        # Among the slots themselves: sort each resource's and client's slots.
        for kind, key in (("resource", "resource_id"), ("client", "partner_id")):
            by_key = defaultdict(list)
            for idx, slot in enumerate(slots):
                by_key[slot[key]].append(idx)
            for indexes in by_key.values():
                indexes.sort(key=lambda i: slots[i]["start"])
                for prev, idx in pairwise(indexes):
                    if slots[idx]["start"] < slots[prev]["stop"]:
                        conflicts.setdefault(idx, (kind, prev))
        if not slots:
            return conflicts
        self.env["front.office.booking"].flush_model(
            ["resource_id", "partner_id", "start", "stop", "state"]
        )
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT ON (s.idx) s.idx, b.id,
                       CASE WHEN b.resource_id = s.resource_id
                            THEN 'resource' ELSE 'client' END
                  FROM unnest(%(idx)s::int[], %(resource)s::int[], %(partner)s::int[],
                              %(start)s::timestamp[], %(stop)s::timestamp[])
                       AS s(idx, resource_id, partner_id, start, stop)
                  JOIN front_office_booking b
                    ON (b.resource_id = s.resource_id OR b.partner_id = s.partner_id)
                   AND b.start < s.stop AND b.stop > s.start
                 WHERE b.state IN %(holding)s
                   AND NOT b.id = ANY(%(exclude)s::int[])
              ORDER BY s.idx, b.start
                """,
                idx=list(range(len(slots))),
                resource=[slot["resource_id"] for slot in slots],
                partner=[slot["partner_id"] for slot in slots],
                start=[slot["start"] for slot in slots],
                stop=[slot["stop"] for slot in slots],
                holding=SLOT_STATES,
                exclude=list(exclude_ids),
            )
        )
        others = self.sudo().browse({row[1] for row in rows})
        for idx, other_id, kind in rows:
            conflicts.setdefault(idx, (kind, others.browse(other_id)))
        return conflicts

    @api.model
    def _fo_conflict_message(self, slot, conflict, slots):
        kind, other = conflict
        if isinstance(other, int):
            other_start, other_stop, other_name = (
                slots[other]["start"],
                slots[other]["stop"],
                self.env._("another session of this booking"),
            )
        else:
            other_start, other_stop, other_name = (
                other.start,
                other.stop,
                other.display_name,
            )
        values = {
            "start": format_datetime(self.env, other_start, dt_format="short"),
            "stop": format_datetime(self.env, other_stop, dt_format="HH:mm"),
            "other": other_name,
        }
        if kind == "resource":
            return self.env._(
                "%(resource)s is already booked from %(start)s to %(stop)s "
                "(%(other)s).",
                resource=self.env["resource.resource"].browse(slot["resource_id"]).name,
                **values,
            )
        return self.env._(
            "%(client)s already has a session from %(start)s to %(stop)s (%(other)s).",
            client=self.env["res.partner"].browse(slot["partner_id"]).name,
            **values,
        )

    @api.model
    def _fo_check_slots(self, slots, exclude_ids=()):
        slots = [slot for slot in slots if slot["state"] in SLOT_STATES]
        conflicts = self._fo_find_conflicts(slots, exclude_ids)
        if conflicts:
            idx = min(conflicts)
            raise ValidationError(
                self._fo_conflict_message(slots[idx], conflicts[idx], slots)
            )

    @api.model
    @api.model
    def _fo_slot(self, resource_id, partner_id, start, duration, state):
        """A time slot, as the overlap checks read it (UTC datetimes)."""
        start = fields.Datetime.to_datetime(start)
        return {
            "resource_id": resource_id,
            "partner_id": partner_id,
            "start": start,
            "stop": start + timedelta(hours=duration),
            "state": state,
        }

    @api.model
    def _fo_slots_from_vals(self, vals_list):
        """The time slots that ``vals_list`` (create values) would take."""
        lines = self.env["sale.order.line"].browse(
            {vals["sale_line_id"] for vals in vals_list if vals.get("sale_line_id")}
        )
        return [
            self._fo_slot(
                vals["resource_id"],
                vals.get("partner_id") or line.order_id.partner_id.id,
                vals["start"],
                vals.get("duration") or line.product_id.fo_session_duration or 1.0,
                vals.get("state", "booked"),
            )
            for vals in vals_list
            # Without the required fields the ORM says what is missing.
            if vals.get("start")
            and vals.get("resource_id")
            and (line := lines.browse(vals.get("sale_line_id")))
        ]

    def _fo_slots_after_write(self, vals):
        """The time slots that these bookings would take once ``vals`` written."""
        Line = self.env["sale.order.line"]
        return [
            self._fo_slot(
                vals.get("resource_id", booking.resource_id.id),
                vals.get("partner_id")
                or Line.browse(vals.get("sale_line_id")).order_id.partner_id.id
                or booking.partner_id.id,
                vals.get("start", booking.start),
                vals.get("duration", booking.duration),
                vals.get("state", booking.state),
            )
            for booking in self
        ]

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
        self._fo_check_slots(self._fo_slots_from_vals(vals_list))
        bookings = self._fo_with_friendly_exclusion(
            lambda: super(FrontOfficeBooking, self).create(vals_list)
        )
        # Precomputing partner_id and sale_order_id on the new records leaves
        # their NewIds in the cached one2many of the client and of the quote.
        self.env["sale.order"].invalidate_model(["fo_booking_ids"], flush=False)
        self.env["res.partner"].invalidate_model(["fo_booking_ids"], flush=False)
        return bookings

    def write(self, vals):
        if SLOT_FIELDS & vals.keys():
            self._fo_check_slots(self._fo_slots_after_write(vals), exclude_ids=self.ids)
        if (
            ("start" in vals or "duration" in vals)
            and "stop" not in vals
            and len(self) > 1
        ):
            # Each booking gets its own stop, written with its start (below).
            for booking in self:
                booking.write(vals)
            return True
        if ("start" in vals or "duration" in vals) and "stop" not in vals and self:
            # Write the stop with the start: a flush in between (triggered by a
            # dependency) must never send a range whose start is after its stop.
            slot = self._fo_slots_after_write(vals)[0]
            vals = {**vals, "stop": slot["stop"]}
        return self._fo_with_friendly_exclusion(
            lambda: super(FrontOfficeBooking, self).write(vals)
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
    # Actions
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

    def action_check_in(self):
        """The client came: the session is attended (an access, in the seed)."""
        self._fo_check_state(("booked",), self.env._("Check-in"))
        self.write({"state": "done", "checkin_datetime": fields.Datetime.now()})
        return True

    def action_no_show(self):
        self._fo_check_state(("booked",), self.env._("No-show"))
        self.write({"state": "no_show"})
        return True

    def action_cancel(self):
        """Cancelling frees both the session and the time slot."""
        self._fo_check_state(("booked",), self.env._("Cancelling"))
        self.write({"state": "cancelled"})
        return True

    def action_reset(self):
        """Back to booked (a mistaken check-in, cancellation or no-show)."""
        if not self.env.user.has_group(
            "front_office_quotes.group_front_office_manager"
        ):
            raise UserError(
                self.env._("Only a front office manager can reopen a session.")
            )
        self._fo_check_state(("done", "no_show", "cancelled"), self.env._("Reopening"))
        self.write({"state": "booked", "checkin_datetime": False})
        self._check_booking_rules()
        return True

    def action_fo_register_payment(self):
        """Register payment for the selected sessions (list action)."""
        partners = self.partner_id
        if len(partners) != 1:
            raise UserError(
                self.env._("Select the sessions of one client to register a payment.")
            )
        return partners.with_context(
            fo_payment_booking_ids=self.ids
        ).action_fo_register_payment()

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
                # Issue 10 adds: | ("room_id", "in", resources.ids)
                ("resource_id", "in", resources.ids),
            ],
            [
                "resource_id",
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
                "room_id": False,  # issue 10: booking.room_id.id
                "start": to_string(booking.start),
                "stop": to_string(booking.stop),
                "busy_stop": to_string(booking.stop),  # issue 10: booking.busy_stop
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
        ``room`` is accepted and ignored until bookings have rooms (issue 10).

        :return: the booking.
        """
        partner = self.env["res.partner"].browse(getattr(partner, "id", partner))
        product = self.env["product.product"].browse(getattr(product, "id", product))
        resource = self.env["resource.resource"].browse(
            getattr(resource, "id", resource)
        )
        start = fields.Datetime.to_datetime(start)
        if not product.fo_is_bookable:
            raise UserError(
                self.env._(
                    "%(service)s is not sold in sessions and cannot be booked.",
                    service=product.display_name,
                )
            )
        tz = pytz.timezone(resource.tz or self.env.user.tz or "UTC")
        day = pytz.utc.localize(start).astimezone(tz).date()
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
                }
            )
        return booking
