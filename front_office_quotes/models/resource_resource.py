# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Resources (operators, rooms, equipment): their clock, their working, leave
and busy time over a period in one batch, and the free-slot search built on
them. The rule book and every screen that proposes a time ask here."""

import heapq
import math
from datetime import datetime, timedelta
from itertools import islice

import pytz

from odoo import fields, models
from odoo.fields import Domain
from odoo.tools import format_date, format_datetime
from odoo.tools.intervals import Intervals

from ..tools import FreeTime, local_day, to_utc_naive, whole_minutes

# The free-slot search proposes times on this grid.
SLOT_GRID = timedelta(minutes=15)


def _first_available(resource_ids, available, begin, end, besides=None):
    """The first of ``resource_ids`` (but ``besides``) whose available time
    (``{id: FreeTime}``) covers ``[begin, end)``, or False."""
    for resource_id in resource_ids:
        if resource_id != besides and available[resource_id].covers(begin, end):
            return resource_id
    return False


def _grid_times(available, first, span, last, key):
    """``(time, *key)`` for each time of the grid from ``first`` to ``last``
    where ``available`` (a FreeTime) holds ``span`` from it, in order."""
    for begin, end in available:
        moment = _on_grid(max(begin, first))
        while moment + span <= end and moment <= last:
            yield (moment, *key)
            moment += SLOT_GRID


def _on_grid(moment):
    """The first time of the grid at or after ``moment``."""
    return datetime.min + math.ceil((moment - datetime.min) / SLOT_GRID) * SLOT_GRID


class ResourceResource(models.Model):
    _inherit = "resource.resource"

    fo_diary_sequence = fields.Integer(
        string="Diary Order",
        default=10,
        help="Order of the resource's column in the Diary: operators come first, "
        "then rooms, each by this number.",
    )
    fo_show_in_diary = fields.Boolean(
        string="Show in Diary",
        default=True,
        help="The resource has its own column in the Diary of the front desk.",
    )
    fo_attendance_ids = fields.One2many(
        related="calendar_id.attendance_ids",
        string="Working Hours",
        help="The opening hours of the resource's working calendar, in its time zone.",
    )
    fo_leave_ids = fields.Many2many(
        comodel_name="resource.calendar.leaves",
        compute="_compute_fo_leave_ids",
        string="Upcoming Time Off",
        help="Leaves of the resource and closures of its working calendar (public "
        "holidays, closing days) from today on: nobody books it then.",
    )
    fo_leave_count = fields.Integer(
        compute="_compute_fo_leave_ids", string="Time Off Count"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    def _compute_fo_leave_ids(self):
        """Upcoming time off, the way availability reads it (one query for all)."""
        Leave = self.env["resource.calendar.leaves"]
        # A resource being created (a form not saved yet) has no time off.
        saved = self.filtered(lambda resource: resource._origin.id)
        domains = [resource._fo_leaves_domain() for resource in saved]
        leaves = (
            Leave.search(
                Domain("date_to", ">=", fields.Datetime.now()) & Domain.OR(domains)
            )
            if domains
            else Leave
        )
        for resource in self:
            resource.fo_leave_ids = (
                leaves.filtered_domain(resource._fo_leaves_domain())
                if resource in saved
                else Leave
            )
            resource.fo_leave_count = len(resource.fo_leave_ids)

    def _fo_leaves_domain(self):
        """The leaves that make this resource unavailable, as core's
        ``_leave_intervals_batch`` reads them: its own, and for a resource with a
        working calendar the global leaves (public holidays, closures) of that
        calendar or of every calendar, of its company. ``time_type`` 'other' is
        not time off."""
        self.ensure_one()
        own = Domain("resource_id", "=", self._origin.id)
        if self.calendar_id:
            own |= Domain(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", [False, self.calendar_id.id]),
                    ("company_id", "=", self.company_id.id),
                ]
            )
        return Domain("time_type", "=", "leave") & own

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_fo_view_leaves(self):
        """Time off of the resource: its own and its calendar's closures; a new one
        is for this resource."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Time Off: %(resource)s", resource=self.name),
            "res_model": "resource.calendar.leaves",
            "view_mode": "list,calendar,form",
            "domain": list(self._fo_leaves_domain()),
            "context": {
                "default_resource_id": self.id,
                "default_calendar_id": self.calendar_id.id,
                "default_time_type": "leave",
            },
        }

    # ------------------------------------------------------------------
    # The resource's clock
    # ------------------------------------------------------------------

    def _fo_tz(self):
        """The centre's clock for this resource: its own time zone (the
        company's calendar's for an empty recordset)."""
        return pytz.timezone(
            self[:1].tz or self.env.company.resource_calendar_id.tz or "UTC"
        )

    def _fo_format_local(self, value, dt_format="short"):
        """A date and time as the centre reads it (this resource's time zone),
        naming the zone when the user's is another one."""
        tz = self._fo_tz()
        text = format_datetime(self.env, value, tz=tz.zone, dt_format=dt_format)
        if tz.zone != (self.env.user.tz or "UTC"):
            text = f"{text} ({tz.zone})"
        return text

    def _fo_weekday(self, value):
        """The day of the week of ``value`` (naive UTC) on this resource's clock,
        in the user's language ("martedì")."""
        if not value:
            return False
        return format_datetime(self.env, value, tz=self._fo_tz().zone, dt_format="EEEE")

    def _fo_hours_message(self, start, work):
        """The working hours of this resource on the day of ``start`` (naive UTC),
        e.g. "Giulia Conti works 09:00-13:00, 14:00-18:00 on Saturday 12/12";
        ``work``: its working Intervals around that day."""
        self.ensure_one()
        tz = self._fo_tz()
        day = local_day(tz, start)
        hours = [
            (begin.astimezone(tz), end.astimezone(tz))
            for begin, end, _record in work
            if begin.astimezone(tz).date() == day
        ]
        day_label = format_date(self.env, day, date_format="EEEE dd/MM")
        if not hours:
            return self.env._(
                "%(resource)s does not work on %(day)s.",
                resource=self.name,
                day=day_label,
            )
        return self.env._(
            "%(resource)s works %(hours)s on %(day)s.",
            resource=self.name,
            hours=", ".join(f"{begin:%H:%M}–{end:%H:%M}" for begin, end in hours),
            day=day_label,
        )

    # ------------------------------------------------------------------
    # Working, leave and busy time
    # ------------------------------------------------------------------

    def _fo_work_intervals(self, start, stop):
        """Working time of these resources between ``start`` and ``stop``, in one
        batch (one query per working calendar, whatever the number of resources).

        Working time = the attendances of the resource's calendar in the resource's
        time zone, minus the resource's own leaves and the calendar's global leaves
        (public holidays, closures). A resource without a working calendar is always
        available.

        :param start, stop: naive UTC datetimes (as stored by the ORM), or tz-aware
            ones.
        :return: {resource id: Intervals} of tz-aware UTC datetimes; every resource of
            ``self`` has an entry (empty when it does not work at all).
        """
        start, stop = (
            dt if dt.tzinfo else pytz.utc.localize(dt) for dt in (start, stop)
        )
        start, stop = start.astimezone(pytz.utc), stop.astimezone(pytz.utc)
        work, _calendars = self._get_valid_work_intervals(start, stop)
        result = {}
        for resource in self:
            result[resource.id] = Intervals(
                (
                    begin.astimezone(pytz.utc),
                    end.astimezone(pytz.utc),
                    self.env["resource.resource"],
                )
                for begin, end, _record in work.get(resource.id, Intervals())
                if begin < end
            )
        return result

    def _fo_leave_intervals(self, start, stop):
        """Leaves of these resources between ``start`` and ``stop`` (tz-aware): their
        own and their calendar's global ones (public holidays, closures), one batch
        per working calendar. Nobody is booked during them, not even outside
        working hours.

        :return: {resource id: Intervals} of tz-aware datetimes (empty for a
            resource without working calendar).

        Read as superuser, like core's ``_get_valid_work_intervals`` reads the
        calendars: core's record rules hide from an employee the leaves of a
        resource that is another user, and a hidden leave must still refuse the
        booking. Only times leave this method."""
        result = {resource.id: Intervals() for resource in self}
        for calendar in self.calendar_id.sudo():
            resources = self.filtered(lambda r, c=calendar: r.calendar_id == c)
            leaves = calendar._leave_intervals_batch(start, stop, resources=resources)
            for resource in resources:
                result[resource.id] = leaves[resource.id]
        return result

    def _fo_working_time(self, start, stop):
        """``{resource id: FreeTime}`` of naive UTC working periods between
        ``start`` and ``stop`` (naive UTC); a resource without working calendar
        works the whole period. Read from core's working intervals in one pass."""
        work, _calendars = self._get_valid_work_intervals(
            pytz.utc.localize(start), pytz.utc.localize(stop)
        )
        return {
            resource.id: FreeTime(
                [
                    (to_utc_naive(begin), to_utc_naive(end))
                    for begin, end, _record in work.get(resource.id, ())
                    if begin < end
                ]
                if resource.calendar_id
                else [(start, stop)]
            )
            for resource in self
        }

    # ------------------------------------------------------------------
    # Free slots
    # ------------------------------------------------------------------

    def _fo_find_free_slots(
        self, sale_line, start, stop, limit=10, hours=None, weekdays=None
    ):
        """The first times, between ``start`` and ``stop`` (naive UTC), on a
        15-minute grid, where one session of ``sale_line`` would pass every rule:
        the operator and a room working and free (clean-up time included), the
        client free, inside the quote's validity.

        ``self``: the operators to consider (empty: the service's, or any of the
        company's people).

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
            sale_line, start, stop, hours=hours, weekdays=weekdays
        )
        return list(islice(search(start), limit)) if search else []

    def _fo_service_resources(self, line, rooms=None):
        """``(operators, rooms)`` a session of ``line`` may take: these resources
        (or the service's, else every person of the quote's company) and the
        service's rooms (``rooms`` tried first). The lists are read without the
        archived filter first, so that operators and rooms are read in one query
        whatever their number."""
        Resource = self.env["resource.resource"]
        listed = line.product_id.with_context(active_test=False)
        all_rooms = listed.fo_room_ids.with_env(self.env)
        operators = self or listed.fo_resource_ids.with_env(self.env)
        (operators | all_rooms).fetch(["active", "calendar_id", "tz", "company_id"])
        if not self:
            operators = operators.filtered("active")
        if not operators:
            operators = Resource.search(
                [
                    ("resource_type", "=", "user"),
                    ("company_id", "in", [False, line.order_id.company_id.id]),
                ]
            )
        service_rooms = all_rooms.filtered("active")
        return operators, ((rooms or Resource) & service_rooms) | service_rooms

    def _fo_free_slot_search(
        self, sale_line, start, stop, hours=None, weekdays=None, rooms=None
    ):
        """Read once what the free-slot search needs between ``start`` and
        ``stop``, and return ``search(since, taken=())``: a generator of the free
        slots from ``since`` on (see :meth:`_fo_find_free_slots`), which also
        avoids ``taken`` — ``PlannedSession`` not written yet, held by their
        operator, room and client. ``None`` when the line has nothing left to book.

        :param rooms: rooms to try first (among the service's)."""
        line = sale_line
        line._fo_fetch_booking_fields()
        product = line.product_id
        order = line.order_id
        if not (
            product.fo_is_bookable
            and order.state == "sale"
            and line.fo_sessions_remaining > 0
        ):
            return None
        operators, rooms = self._fo_service_resources(line, rooms)
        duration = whole_minutes(product.fo_session_duration or 1.0)
        buffer = whole_minutes(product.fo_buffer_after)
        start, stop = (fields.Datetime.to_datetime(value) for value in (start, stop))
        everyone = operators | rooms
        working = everyone._fo_working_time(start, stop + buffer)
        Occupancy = self.env["front.office.booking.occupancy"]
        busy = Occupancy._fo_busy_times(everyone.ids, start, stop + duration + buffer)
        client_busy = Occupancy._fo_client_busy_times(
            order.partner_id.id, start, stop + duration + buffer
        )
        wanted = operators._fo_slot_filter(order, hours, weekdays)
        operator_zones = [(operator.id, operator._fo_tz()) for operator in operators]
        room_ids = rooms.ids

        def search(since, taken=()):
            held = {key: list(value) for key, value in busy.items()}
            client = list(client_busy)
            for session in taken:
                for resource_id in session.held_resource_ids:
                    held.setdefault(resource_id, []).append(
                        (session.start, session.busy_stop or session.stop)
                    )
                client.append((session.start, session.stop))
            # Working time minus busy time, once per search: the scan below then
            # only visits the grid times each operator is available.
            available = {
                resource_id: working[resource_id].without(held.get(resource_id, ()))
                for resource_id in working
            }
            client_free = FreeTime(client)
            first = _on_grid(fields.Datetime.to_datetime(since))

            clock, clock_moment = {}, None  # the filters' answer per time zone
            for moment, rank, operator_id in heapq.merge(
                *(
                    _grid_times(
                        available[operator_id],
                        first,
                        duration + buffer,
                        stop - duration,
                        (rank, operator_id),
                    )
                    for rank, (operator_id, _tz) in enumerate(operator_zones)
                )
            ):
                end, busy_end = moment + duration, moment + duration + buffer
                if not client_free.is_free(moment, end):
                    continue
                if moment != clock_moment:
                    clock, clock_moment = {}, moment
                tz = operator_zones[rank][1]
                ok = clock.get(tz.zone)
                if ok is None:
                    ok = clock[tz.zone] = wanted(tz, moment, end)
                if not ok:
                    continue
                room_id = _first_available(
                    room_ids, available, moment, busy_end, besides=operator_id
                )
                if room_ids and not room_id:
                    continue
                yield {
                    "start": moment,
                    "stop": end,
                    "resource_id": operator_id,
                    "room_id": room_id,
                }

        return search

    def _fo_slot_filter(self, order, hours, weekdays):
        """``wanted(tz, start, stop)``: whether a session (naive UTC) is inside the
        quote's validity and the chosen hours and weekdays on the clock ``tz``
        (one of these operators'). The validity becomes UTC bounds once per time
        zone: the search asks it for every time of its grid."""
        weekdays = set(weekdays) if weekdays else None
        bounds = {
            tz.zone: order._fo_validity_bounds(tz)
            for tz in {operator._fo_tz() for operator in self}
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

        return wanted

    # ------------------------------------------------------------------
    # The Diary's columns
    # ------------------------------------------------------------------

    def _fo_diary_resources(self, domain=None):
        """The columns of the Diary: operators first, then rooms and equipment,
        each in the order the centre sets (``fo_diary_sequence``).

        :param domain: which resources (default: those shown in the Diary); only
            resources of the user's companies (or of none) ever are."""
        resources = self.search(
            Domain(domain or [("fo_show_in_diary", "=", True)])
            & Domain("company_id", "in", [False, *self.env.companies.ids])
        )
        return resources.sorted(
            lambda r: (
                r.resource_type != "user",
                r.fo_diary_sequence,
                r.name or "",
                r.id,
            )
        )
