# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The rule book of the sessions: ``_fo_slot_problems`` says what would refuse
planned sessions, one small method per rule. Create, write, reopening, the
booking wizard's preview and the free-slot search all ask it."""

from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.intervals import Intervals

from ..tools import (
    Conflict,
    FreeTime,
    PlannedSession,
    overlaps_among,
    session_times,
)
from ..tools.planned_session import (
    MAX_DURATION_HOURS,
    MIN_DURATION_HOURS,
    duration_is_valid,
)
from .front_office_booking_occupancy import SLOT_STATES

# Dates farther than this from today are typing errors.
MAX_YEARS_FROM_TODAY = 10
# How late the desk may still book a session that has just begun (a client who
# walks in at 10:05 for the 10:00 slot); earlier than that is the past, which only
# a manager records.
PAST_GRACE = timedelta(minutes=15)


# The session model is split by concern, one file each.
# pylint: disable=consider-merging-classes-inherited
class FrontOfficeBooking(models.Model):
    _inherit = "front.office.booking"

    # ------------------------------------------------------------------
    # Planned sessions
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
        """A planned session of ``line``, as the rules read it (naive UTC)."""
        start = fields.Datetime.to_datetime(start)
        stop, busy_stop = session_times(
            start, duration, line.product_id.fo_buffer_after
        )
        return PlannedSession(
            line=line,
            resource_id=resource_id or False,
            partner_id=partner_id or False,
            start=start,
            duration=duration,
            state=state,
            room_id=room_id or False,
            outside_hours=outside_hours,
            stop=stop,
            busy_stop=busy_stop,
        )

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
            if slot.busy_stop:
                todo.append((vals, slot))
        if not todo:
            return
        rooms = self.env["resource.resource"].union(
            *(slot.line.product_id.fo_room_ids for _vals, slot in todo)
        )
        busy = self.env["front.office.booking.occupancy"]._fo_busy_times(
            rooms.ids,
            min(slot.start for _vals, slot in todo),
            max(slot.busy_stop for _vals, slot in todo),
        )
        free_of = {room.id: FreeTime(busy[room.id]) for room in rooms}
        for vals, slot in todo:
            for room in slot.line.product_id.fo_room_ids:
                if room.id != slot.resource_id and free_of[room.id].is_free(
                    slot.start, slot.busy_stop
                ):
                    vals["room_id"] = room.id
                    free_of[room.id].add(slot.start, slot.busy_stop)
                    break

    # ------------------------------------------------------------------
    # The rule book
    # ------------------------------------------------------------------

    @api.model
    def _fo_slot_problems(self, slots, exclude_ids=()):
        """What would refuse each planned session: {slot index: message}, the first
        problem of each slot. Every path that books or changes sessions asks this
        method (create, write, reopening, the booking wizard's preview), with the
        sessions it would write; ``exclude_ids`` are the bookings being changed.

        Its queries do not grow with the number of slots: one count of the sessions
        already booked per line, one overlap query."""
        problems = {}
        for idx, slot in enumerate(slots):
            message = self._fo_single_slot_problem(slot)
            if message:
                problems[idx] = message
        self._fo_sessions_sold_problems(slots, exclude_ids, problems)
        self._fo_availability_problems(slots, problems)
        holding = [
            idx
            for idx, slot in enumerate(slots)
            if idx not in problems and slot.state in SLOT_STATES
        ]
        checked = [slots[idx] for idx in holding]
        for pos, conflict in self._fo_find_conflicts(checked, exclude_ids).items():
            problems[holding[pos]] = self._fo_conflict_message(checked[pos], conflict)
        return problems

    @api.model
    def _fo_check_slots(self, slots, exclude_ids=()):
        """Raise the first problem of the planned sessions."""
        problems = self._fo_slot_problems(slots, exclude_ids)
        if problems:
            raise ValidationError(problems[min(problems)])

    @api.model
    def _fo_single_slot_problem(self, slot):
        """The first rule one planned session breaks on its own (no query beyond
        the records' prefetch)."""
        for rule in (
            self._fo_rule_resource_chosen,
            self._fo_rule_duration_and_date,
            self._fo_rule_quote_confirmed,
            self._fo_rule_service_bookable,
            self._fo_rule_client_of_the_quote,
            self._fo_rule_resource_allowed,
            self._fo_rule_room,
            self._fo_rule_within_validity,
            self._fo_rule_not_in_the_past,
        ):
            message = rule(slot)
            if message:
                return message
        return None

    @api.model
    def _fo_duration_error(self, duration):
        """Why ``duration`` (hours) cannot be a session's length, or None."""
        if duration_is_valid(duration):
            return None
        return self.env._(
            "A session lasts at least %(min)s minutes and at most %(max)s hours.",
            min=round(MIN_DURATION_HOURS * 60),
            max=MAX_DURATION_HOURS,
        )

    @api.model
    def _fo_date_error(self, start):
        """Why ``start`` is not a date a session can have, or None."""
        today = fields.Date.context_today(self)
        if start and abs(start.date() - today) <= timedelta(
            days=365 * MAX_YEARS_FROM_TODAY
        ):
            return None
        return self.env._(
            "Choose a date within %(years)s years of today.",
            years=MAX_YEARS_FROM_TODAY,
        )

    @api.model
    def _fo_rule_resource_chosen(self, slot):
        if not slot.resource_id:
            return self.env._(
                "Choose who or what delivers %(service)s.",
                service=slot.line.product_id.name,
            )
        return None

    @api.model
    def _fo_rule_duration_and_date(self, slot):
        duration_error = self._fo_duration_error(slot.duration)
        if duration_error:
            return duration_error
        date_error = self._fo_date_error(slot.start)
        if date_error or not slot.stop:
            return date_error or self.env._("This date is out of range.")
        return None

    @api.model
    def _fo_rule_not_in_the_past(self, slot):
        if (
            slot.state == "booked"
            and slot.start < fields.Datetime.now() - PAST_GRACE
            and not self.env.su
            and not slot.restored
            and not self.env.user.has_group(
                "front_office_quotes.group_front_office_manager"
            )
        ):
            return self.env._(
                "%(time)s is in the past: only a front office manager records a "
                "session that has already taken place.",
                time=self.env["resource.resource"]
                .browse(slot.resource_id)
                ._fo_format_local(slot.start),
            )
        return None

    @api.model
    def _fo_rule_quote_confirmed(self, slot):
        order = slot.line.order_id
        if order.state != "sale":
            return self.env._(
                "Quote %(quote)s is not confirmed: confirm it before booking its "
                "sessions.",
                quote=order.name,
            )
        return None

    @api.model
    def _fo_rule_service_bookable(self, slot):
        product = slot.line.product_id
        if not product.fo_is_bookable:
            return self.env._(
                "%(service)s is not sold in sessions and cannot be booked.",
                service=product.display_name,
            )
        return None

    @api.model
    def _fo_rule_client_of_the_quote(self, slot):
        order = slot.line.order_id
        if slot.partner_id != order.partner_id.id:
            return self.env._(
                "Quote %(quote)s belongs to %(client)s, not to %(other)s.",
                quote=order.name,
                client=order.partner_id.name,
                other=self.env["res.partner"].browse(slot.partner_id).name,
            )
        return None

    @api.model
    def _fo_rule_resource_allowed(self, slot):
        product = slot.line.product_id
        resource = self.env["resource.resource"].browse(slot.resource_id)
        allowed = product.fo_resource_ids
        if allowed and resource not in allowed:
            return self.env._(
                "%(resource)s cannot deliver %(service)s. Allowed: %(allowed)s.",
                resource=resource.name,
                service=product.name,
                allowed=", ".join(allowed.mapped("name")),
            )
        return None

    @api.model
    def _fo_rule_room(self, slot):
        """A service with rooms takes one of them, never its own operator."""
        product = slot.line.product_id
        rooms = product.fo_room_ids
        room = self.env["resource.resource"].browse(slot.room_id)
        if rooms and not room:
            return self.env._(
                "%(service)s needs a room: choose one of %(rooms)s.",
                service=product.name,
                rooms=", ".join(rooms.mapped("name")),
            )
        if room and (room not in rooms or room.id == slot.resource_id):
            return self.env._(
                "%(room)s is not a room for %(service)s. Rooms: %(rooms)s.",
                room=room.name,
                service=product.name,
                rooms=", ".join(rooms.mapped("name")) or self.env._("none"),
            )
        return None

    @api.model
    def _fo_rule_within_validity(self, slot):
        order = slot.line.order_id
        resource = self.env["resource.resource"].browse(slot.resource_id)
        if not order._fo_within_validity(slot.start, slot.stop, resource):
            return self.env._(
                "The session of %(date)s is outside the validity of quote "
                "%(quote)s (%(window)s).",
                date=resource._fo_format_local(slot.start),
                quote=order.name,
                window=order._fo_validity_label(),
            )
        return None

    @api.model
    def _fo_sessions_sold_problems(self, slots, exclude_ids, problems):
        """Never more active sessions than sold: the sessions already booked on
        each line (the bookings being changed aside) plus the planned ones."""
        lines = self.env["sale.order.line"].union(*(slot.line for slot in slots))
        if not lines:
            return
        active = lines._fo_active_session_counts(exclude_ids)
        counted = dict(active)
        for idx, slot in enumerate(slots):
            line = slot.line
            if slot.state == "cancelled":
                continue
            counted[line.id] += 1
            if counted[line.id] > line.product_uom_qty and idx not in problems:
                problems[idx] = self.env._(
                    "%(service)s on quote %(quote)s: only %(sold)s sessions sold, "
                    "%(left)s left to book.",
                    service=line.product_id.name,
                    quote=line.order_id.name,
                    sold=int(line.product_uom_qty),
                    left=max(int(line.product_uom_qty) - active[line.id], 0),
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
            if idx not in problems and slot.state in SLOT_STATES
        ]
        if not todo:
            return
        Resource = self.env["resource.resource"]
        resources = Resource.browse(
            {rid for idx in todo for rid in slots[idx].held_resource_ids}
        )
        with_calendar = resources.filtered("calendar_id")
        if not with_calendar:
            return
        # Whole local days around the sessions, so that messages can name the
        # hours of the day.
        first = pytz.utc.localize(min(slots[idx].start for idx in todo))
        last = pytz.utc.localize(max(slots[idx].busy_stop for idx in todo))
        period = (first - timedelta(days=1), last + timedelta(days=1))
        work = with_calendar._fo_work_intervals(*period)
        leaves = with_calendar._fo_leave_intervals(*period)
        for idx in todo:
            slot = slots[idx]
            busy = Intervals(
                [
                    (
                        pytz.utc.localize(slot.start),
                        pytz.utc.localize(slot.busy_stop),
                        Resource,
                    )
                ]
            )
            held = Resource.browse(sorted(slot.held_resource_ids))
            for resource in held.filtered("calendar_id"):
                if not (busy - work[resource.id]):
                    continue
                if busy & leaves[resource.id]:
                    problems[idx] = self.env._(
                        "%(resource)s is not available on %(date)s (leave or closure).",
                        resource=resource.name,
                        date=resource._fo_format_local(slot.start),
                    )
                    break
                if not slot.outside_hours:
                    problems[idx] = resource._fo_hours_message(
                        slot.start, work[resource.id]
                    )
                    break

    # ------------------------------------------------------------------
    # Overlaps: the friendly face of the EXCLUDE constraints
    # ------------------------------------------------------------------

    @api.model
    def _fo_find_conflicts(self, slots, exclude_ids=()):
        """Conflicts of the planned ``slots`` (all holding a time slot) among
        themselves and with the sessions in the database, in one query: a resource
        is never busy twice at the same time, whichever role it plays (operator or
        room), clean-up time included; a client is never in two sessions at once.

        :return: {slot index: Conflict}
        """
        conflicts = {}
        by_resource, by_client = {}, {}
        for idx, slot in enumerate(slots):
            for resource_id in slot.held_resource_ids:
                by_resource.setdefault(resource_id, []).append(idx)
            by_client.setdefault(slot.partner_id, []).append(idx)
        for kind, groups in (("resource", by_resource), ("client", by_client)):
            for key, indexes in groups.items():
                periods = [
                    (
                        slots[idx].start,
                        slots[idx].busy_stop if kind == "resource" else slots[idx].stop,
                    )
                    for idx in indexes
                ]
                for pos, other in overlaps_among(periods).items():
                    conflicts.setdefault(
                        indexes[pos],
                        Conflict(
                            kind=kind,
                            resource_id=key if kind == "resource" else False,
                            session=slots[indexes[other]],
                        ),
                    )
        rows = self.env["front.office.booking.occupancy"]._fo_conflicts(
            slots, exclude_ids
        )
        others = self.sudo().browse({row[1] for row in rows})
        for idx, other_id, kind, resource_id in rows:
            conflicts.setdefault(
                idx,
                Conflict(
                    kind=kind,
                    resource_id=resource_id or False,
                    booking=others.browse(other_id),
                ),
            )
        return conflicts

    @api.model
    def _fo_conflict_message(self, slot, conflict):
        resource = self.env["resource.resource"].browse(
            conflict.resource_id or slot.resource_id
        )
        on_resource = conflict.kind == "resource"
        if conflict.booking and conflict.booking.company_id not in self.env.companies:
            # Another centre's session (on a resource both may use): the reader
            # learns that the time is taken, nothing of whom it is taken by.
            if on_resource:
                return self.env._(
                    "%(resource)s is busy at that time.", resource=resource.name
                )
            return self.env._(
                "%(client)s is busy at that time.",
                client=self.env["res.partner"].browse(slot.partner_id).name,
            )
        # A session of the batch or in the database: both carry start, stop and
        # busy_stop.
        other = conflict.session or conflict.booking
        other_start = other.start
        other_stop = other.busy_stop if on_resource else other.stop
        other_name = (
            self.env._("another session of this booking")
            if conflict.session
            else conflict.booking.display_name
        )
        values = {
            "start": resource._fo_format_local(other_start),
            "stop": resource._fo_format_local(other_stop, dt_format="HH:mm"),
            "other": other_name,
        }
        if on_resource:
            return self.env._(
                "%(resource)s is already booked from %(start)s to %(stop)s "
                "(%(other)s).",
                resource=resource.name,
                **values,
            )
        return self.env._(
            "%(client)s already has a session from %(start)s to %(stop)s (%(other)s).",
            client=self.env["res.partner"].browse(slot.partner_id).name,
            **values,
        )
