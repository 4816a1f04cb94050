# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A session (``front.office.booking``): its fields, the constraints PostgreSQL
enforces, create and write through the rule book, and the actions that change
its state. The rules are in ``front_office_booking_rules.py``, the messages to
the client in ``front_office_booking_notification.py``."""

from collections import defaultdict
from dataclasses import replace
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import local_day, session_times, whole_minutes

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
# How long the desk may take back its own cancellation or no-show; later, a
# manager reopens the session.
FO_UNDO_MINUTES = 10
# The longest period the services planning draws at once (a month view: 6 weeks).
PLANNING_MAX_DAYS = 42
# Fields whose change moves what a session occupies.
OCCUPANCY_FIELDS = {"start", "duration", "resource_id", "room_id", "state"}


class FrontOfficeBooking(models.Model):
    _name = "front.office.booking"
    _description = "Front Office Booking"
    _inherit = ["mail.thread", "mail.activity.mixin", "front.office.derived.mixin"]
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
    # Who changed the state last and when: an undo is for the same operator,
    # shortly after (the write date moves with any other change).
    fo_state_changed_at = fields.Datetime(
        string="State Changed On", copy=False, readonly=True
    )
    fo_state_changed_by = fields.Many2one(
        comodel_name="res.users", string="State Changed By", copy=False, readonly=True
    )
    session_number = fields.Integer(
        compute="_compute_session_number",
        help="Rank of this session among the active sessions of its service line.",
    )
    note = fields.Text()

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
            booking.stop = session_times(booking.start, booking.duration, 0.0)[0]

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
            booking.busy_stop = booking.stop and booking.stop + whole_minutes(buffer)

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
    # Constraints: derived fields are written by the code that derives them
    # ------------------------------------------------------------------

    @api.model
    def _fo_owned_fields(self):
        """Besides what is derived (stop, busy time, payment state, the quote's
        fields...): the state and what the actions record with it."""
        return {
            "state",
            "checkin_datetime",
            "fo_invoice_line_ids",
            "reminder_sent",
            "fo_confirmation_message_id",
            "fo_state_changed_at",
            "fo_state_changed_by",
        }

    def _fo_derived_fields_message(self, labels):
        return self.env._(
            "%(fields)s cannot be changed by hand: they follow the quote, "
            "the session's time and accounting, and the session's state "
            "changes with Check In, No-show, Cancel and Reopen.",
            fields=labels,
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

    def _fo_check_outside_hours_right(self, vals):
        if "outside_hours" in vals and not self.env.user.has_group(
            "front_office_quotes.group_front_office_manager"
        ):
            raise UserError(
                self.env._(
                    "Only a front office manager books sessions outside working hours."
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
            self._fo_check_derived_fields(fnames)
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
        self._fo_check_derived_fields(vals)
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
                if slot.partner_id != booking.partner_id.id:
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
                    groups[slot.stop].append(booking.id)

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

    def _fo_sync_occupancy(self):
        """Rewrite the occupancy rows PostgreSQL guards for these sessions, in
        the same transaction as the sessions themselves."""
        self.env["front.office.booking.occupancy"]._fo_sync(self)

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
        return self.sudo().write(
            {
                **vals,
                "fo_state_changed_at": fields.Datetime.now(),
                "fo_state_changed_by": self.env.uid,
            }
        )

    def _fo_check_started(self, action):
        """Check-in and no-show are for the session's own day on, in the
        resource's time zone."""
        now = fields.Datetime.now()
        early = self.filtered(
            lambda b: (
                local_day(b.resource_id._fo_tz(), b.start)
                > local_day(b.resource_id._fo_tz(), now)
            )
        )
        if early:
            raise UserError(
                self.env._(
                    "%(action)s is possible from the day of the session on: "
                    "%(session)s is on %(date)s.",
                    action=action,
                    session=early[0].display_name,
                    date=early[0].resource_id._fo_format_local(early[0].start),
                )
            )

    def action_check_in(self):
        """The client came: the session is attended."""
        self._fo_check_state(("booked",), self.env._("Check-in"))
        self._fo_check_started(self.env._("Check-in"))
        self._fo_set_state({"state": "done", "checkin_datetime": fields.Datetime.now()})
        return True

    def _fo_reason_vals(self, reason):
        return {"cancel_reason": reason.strip()} if reason and reason.strip() else {}

    def action_no_show(self, reason=None):
        self._fo_check_state(("booked",), self.env._("No-show"))
        self._fo_check_started(self.env._("No-show"))
        self._fo_set_state({"state": "no_show", **self._fo_reason_vals(reason)})
        return True

    def action_cancel(self, reason=None):
        """Cancelling frees both the session and the time slot; too late (less
        than the company's notice before the start), the session is used."""
        self._fo_check_state(("booked",), self.env._("Cancelling"))
        late = self._fo_late_cancellations()
        reason_vals = self._fo_reason_vals(reason)
        (self - late)._fo_set_state({"state": "cancelled", **reason_vals})
        late._fo_set_state({"state": "late_cancel", **reason_vals})
        self._fo_after_cancelled()
        return True

    def action_waive(self):
        """A manager's call: a late cancellation frees the session after all, and
        a booked session is cancelled without penalty however late it is. Logged
        on each session whose penalty is waived."""
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

    def _fo_undoable(self):
        """The sessions the current user cancelled or marked no-show within the
        last ``FO_UNDO_MINUTES``."""
        since = fields.Datetime.now() - timedelta(minutes=FO_UNDO_MINUTES)
        return self.filtered(
            lambda b: (
                b.state in ("cancelled", "late_cancel", "no_show")
                and b.fo_state_changed_by == self.env.user
                and b.fo_state_changed_at
                and b.fo_state_changed_at >= since
            )
        )

    def action_undo(self):
        """The desk takes back its own cancellation, late cancellation or
        no-show of a few minutes ago, if the time is still free and every rule
        still holds; later, or someone else's, is the manager's Reopen."""
        self._fo_check_state(
            ("cancelled", "late_cancel", "no_show"), self.env._("Undoing")
        )
        refused = self - self._fo_undoable()
        if refused:
            raise UserError(
                self.env._(
                    "%(session)s cannot be undone: only who cancelled it or marked "
                    "it no-show can, within %(minutes)s minutes. A front office "
                    "manager can reopen it.",
                    session=refused[0].display_name,
                    minutes=FO_UNDO_MINUTES,
                )
            )
        self.check_access("write")
        self.sale_line_id._fo_lock()
        self._fo_check_slots(
            [replace(slot, restored=True) for slot in self._fo_slots(state="booked")],
            exclude_ids=self.ids,
        )
        cancelled = self.filtered(lambda b: b.state in ("cancelled", "late_cancel"))
        labels = dict(self._fields["state"]._description_selection(self.env))
        for booking in self:
            booking.message_post(
                body=self.env._(
                    "%(state)s undone by %(user)s: the session is booked again.",
                    state=labels[booking.state],
                    user=self.env.user.name,
                )
            )
        self._fo_set_state({"state": "booked", "cancel_reason": False})
        # A confirmation that has not left yet takes the session back; otherwise
        # the client, told of the cancellation or never told of the session, gets
        # a confirmation that it stands.
        held = cancelled._fo_update_held_confirmations()
        (cancelled - held)._fo_after_booked()
        (self - cancelled + held)._fo_schedule_reminders()
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
                **{
                    key: value
                    for key, value in self.env.context.items()
                    if key in ("default_sale_order_id", "default_fo_scope")
                },
            },
        }

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------

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

    @api.model
    def _fo_unpaid_domain(self):
        """The sessions a client still has to pay: active and not paid."""
        return [("state", "!=", "cancelled"), ("payment_state", "!=", "paid")]

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
        """The first free times for one session of ``sale_line``: see
        ``resource.resource._fo_find_free_slots`` (``resources``: the operators
        to consider, default the service's or any)."""
        operators = resources or self.env["resource.resource"]
        return operators._fo_find_free_slots(
            sale_line, start, stop, limit=limit, hours=hours, weekdays=weekdays
        )

    @api.model
    def fo_diary_data(self, day=None, resource_ids=None):
        """The Diary's day (see ``front.office.diary``)."""
        Arguments = self.env["front.office.arguments"]
        Arguments._fo_user_tz()
        if day:
            day = Arguments._fo_day(day)
        if resource_ids is not None:
            resource_ids = Arguments._fo_ids(
                "resource.resource", resource_ids, self.env._("resources")
            ).ids
        return self.env["front.office.diary"]._get_day_data(
            day=day, resource_ids=resource_ids
        )

    @api.model
    def fo_sell_and_book(self, partner, product, start, resource, room=None):
        """Sell one session and book it, all or nothing (see
        ``front.office.diary``): the booking."""
        Arguments = self.env["front.office.arguments"]

        def record(model, value, label):
            return Arguments._fo_record(model, getattr(value, "id", value), label)

        return self.env["front.office.diary"]._sell_and_book(
            record("res.partner", partner, self.env._("client")),
            record("product.product", product, self.env._("service")),
            Arguments._fo_datetime(start, self.env._("start")),
            record("resource.resource", resource, self.env._("resource")),
            room=record("resource.resource", room, self.env._("room"))
            if room
            else None,
        )

    @api.model
    def fo_planning_hours(self, date_from, date_to, tz=None, resource_ids=None):
        """The hours the services planning draws, in one call: ``{"slot_min",
        "slot_max", "business_hours"}`` (see
        ``resource.resource._fo_planning_hours``).

        :param date_from, date_to: "YYYY-MM-DD", the days shown (both included).
        :param tz: the time zone the planning is drawn in (the browser's; default
            the user's).
        :param resource_ids: the operators filtered in the planning (default: the
            centre's resources shown in the Diary, operators and rooms).
        """
        Arguments = self.env["front.office.arguments"]
        zone = Arguments.with_context(tz=tz or self.env.context.get("tz"))._fo_user_tz()
        day_from = Arguments._fo_day(date_from, self.env._("first day"))
        day_to = Arguments._fo_day(date_to, self.env._("last day"))
        if not 0 <= (day_to - day_from).days < PLANNING_MAX_DAYS:
            raise UserError(
                self.env._(
                    "The planning shows from 1 to %(days)s days: from %(first)s "
                    "to %(last)s is not a period it can draw.",
                    days=PLANNING_MAX_DAYS,
                    first=day_from.isoformat(),
                    last=day_to.isoformat(),
                )
            )
        domain = None
        if resource_ids:
            ids = Arguments._fo_ids(
                "resource.resource", resource_ids, self.env._("resources")
            ).ids
            domain = [("id", "in", ids)]
        resources = self.env["resource.resource"]._fo_diary_resources(domain)
        return resources._fo_planning_hours(day_from, day_to, zone).to_dict()
