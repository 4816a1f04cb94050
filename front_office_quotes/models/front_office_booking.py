# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta
from itertools import pairwise

import psycopg2
import pytz
import vobject

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, format_datetime

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
            ("late_cancel", "Late cancellation"),
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
        bookings._fo_after_booked()
        return bookings

    def write(self, vals):
        before_move = self._fo_before_move(vals)
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
        result = self._fo_with_friendly_exclusion(
            lambda: super(FrontOfficeBooking, self).write(vals)
        )
        self._fo_after_moved(before_move)
        return result

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
        """Cancelling frees both the session and the time slot; too late (less
        than the company's notice before the start), the session is used."""
        if self.env.context.get("fo_waive"):
            return self._fo_waive_late_cancellation()
        self._fo_check_state(("booked",), self.env._("Cancelling"))
        late = self._fo_late_cancellations()
        (self - late).write({"state": "cancelled"})
        late.sudo().write({"state": "late_cancel"})
        self._fo_after_cancelled()
        return True

    def action_reset(self):
        """Back to booked (a mistaken check-in, cancellation or no-show)."""
        if not self.env.user.has_group(
            "front_office_quotes.group_front_office_manager"
        ):
            raise UserError(
                self.env._("Only a front office manager can reopen a session.")
            )
        self._fo_check_state(
            ("done", "no_show", "late_cancel", "cancelled"), self.env._("Reopening")
        )
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
    # Messages to clients and the attendance policy
    # ------------------------------------------------------------------

    @api.depends("start", "resource_id.tz", "partner_id.tz")
    @api.depends_context("lang")
    def _compute_fo_start_label(self):
        for booking in self:
            booking.fo_start_label = booking._fo_local_label(booking.start)

    def _fo_local_tz(self):
        """The centre's clock: the resource's time zone, else the company's."""
        self.ensure_one()
        return (
            self.resource_id.tz
            or self.company_id.partner_id.tz
            or self.partner_id.tz
            or "UTC"
        )

    def _fo_local_label(self, value, dt_format="EEEE d MMMM y, HH:mm"):
        """``value`` (naive UTC) in the resource's local time, daylight saving
        included, in the language of the environment (the client's, when a
        template renders it); the time zone is named when the client's differs."""
        self.ensure_one()
        if not value:
            return False
        tz = self._fo_local_tz()
        label = format_datetime(self.env, value, tz=tz, dt_format=dt_format)
        if self.partner_id.tz and self.partner_id.tz != tz:
            label = f"{label} ({tz})"
        return label

    def _fo_batch_bookings(self):
        """The sessions a message is about: the batch the template was asked to
        list (context ``fo_batch_ids``), else this session."""
        batch_ids = self.env.context.get("fo_batch_ids")
        return self.browse(batch_ids) if batch_ids else self

    def _fo_skip_client_messages(self):
        """Installing data (demo clients) or a caller that asks for silence."""
        return bool(
            self.env.context.get("install_mode")
            or self.env.context.get("fo_no_client_messages")
        )

    def _fo_reachable_by(self, channel, message_name):
        """The sessions whose client can get ``message_name`` by ``channel``
        ("email" or "sms"); for the others, a note in the chatter says why."""
        if channel == "email":
            reachable = self.filtered(lambda b: b.partner_id.email_normalized)
        else:
            reachable = self.filtered(lambda b: b.partner_id.phone)
        for booking in self - reachable:
            if channel == "email":
                body = self.env._(
                    "No %(message)s sent by email: %(client)s has no email address.",
                    message=message_name,
                    client=booking.partner_id.name,
                )
            else:
                body = self.env._(
                    "No %(message)s sent by SMS: %(client)s has no phone number.",
                    message=message_name,
                    client=booking.partner_id.name,
                )
            booking.message_post(body=body)
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
        self.sudo().write({"state": "cancelled"})
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
        """Hook of ``action_cancel``: the client is told."""
        if self._fo_skip_client_messages():
            return
        self._fo_reachable_by(
            "email", self.env._("cancellation notice")
        )._fo_post_template("front_office_quotes.mail_template_fo_booking_cancellation")

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
            future._fo_reachable_by(
                "email", self.env._("move notice")
            )._fo_post_template("front_office_quotes.mail_template_fo_booking_moved")
        moved._fo_schedule_reminders()

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
        asks for it, rendered for the whole batch; each session once."""
        now = fields.Datetime.now()
        bookings = self.filtered(
            lambda b: b.state == "booked" and not b.reminder_sent and b.start > now
        )
        if not bookings:
            return
        by_email = bookings._fo_reachable_by("email", self.env._("reminder"))
        template = self.env.ref(
            "front_office_quotes.mail_template_fo_booking_reminder",
            raise_if_not_found=False,
        )
        if by_email and template:
            # Mass-mail mode: the batch's emails are rendered per language and
            # created in a few queries; each stays in its session's chatter
            # (auto_delete_keep_log). Queued: the mail queue sends them.
            self.env["mail.compose.message"].with_context(
                default_composition_mode="mass_mail",
                default_model=self._name,
                default_res_ids=by_email.ids,
                default_template_id=template.id,
            ).create({"force_send": False})._action_send_mail()
        sms_template = self.env.ref(
            "front_office_quotes.sms_template_fo_booking_reminder",
            raise_if_not_found=False,
        )
        wants_sms = bookings.filtered("company_id.fo_reminder_sms")
        if wants_sms and sms_template:
            by_sms = wants_sms._fo_reachable_by("sms", self.env._("reminder"))
            # Rendered in one go (per language); queued as sms.sms for Odoo's
            # SMS gateway.
            bodies = sms_template._render_field("body", by_sms.ids, compute_lang=True)
            for booking in by_sms:
                booking._message_sms(
                    bodies[booking.id],
                    partner_ids=booking.partner_id.ids,
                    put_in_queue=True,
                )
        bookings.sudo().write({"reminder_sent": True})
