# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Diary's server side: the data of the desk's day screen, shaped in one
call, and selling and booking a session from one of its free cells. The client
action calls these through ``front.office.booking.fo_diary_data`` and
``fo_sell_and_book``."""

from datetime import time, timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.intervals import Intervals

from ..tools import local_day, local_midnight_utc
from .front_office_weekdays_mixin import WEEKDAY_FIELDS

# Drawn when no resource of the day has working hours.
DEFAULT_OPENING = (time(8), time(20))


class FrontOfficeDiary(models.AbstractModel):
    _name = "front.office.diary"
    _description = "Front Office Diary"

    @api.model
    def _get_day_data(self, day=None, resource_ids=None):
        """Everything the Diary draws for one day, in a number of queries that does
        not grow with the bookings or the resources shown.

        :param day: "YYYY-MM-DD" in the user's time zone (default: today there).
        :param resource_ids: the columns to show (default: the resources shown in
            the Diary, see ``resource.resource._fo_diary_resources``).
        :return: ``resources``, ``bookings``, ``unavailable`` (datetimes as UTC
            strings), plus ``day``, ``tz`` (the time zone the day is cut in),
            ``hours`` (the opening hours drawn as rows) and ``waitlist`` (the
            requests waiting for this day, see ``_get_waitlist``).
        """
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        day = fields.Date.to_date(day) if day else fields.Date.context_today(self)
        naive_start = local_midnight_utc(tz, day)
        naive_stop = local_midnight_utc(tz, day + timedelta(days=1))
        day_start = pytz.utc.localize(naive_start)
        day_stop = pytz.utc.localize(naive_stop)
        Resource = self.env["resource.resource"]
        resources = Resource._fo_diary_resources(
            None if resource_ids is None else [("id", "in", list(resource_ids))]
        )
        work = resources._fo_work_intervals(day_start, day_stop)
        whole_day = Intervals([(day_start, day_stop, Resource)])
        bookings = self._get_bookings(resources, naive_start, naive_stop)
        no_shows = bookings.partner_id._fo_no_show_counts()
        # What the session's dialog says before a cancellation, and whether the
        # desk may still take back its own cancellation or no-show.
        late = bookings.filtered(lambda b: b.state == "booked")._fo_late_cancellations()
        undoable = bookings._fo_undoable()
        Booking = self.env["front.office.booking"]
        states = dict(Booking._fields["state"]._description_selection(self.env))
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
                "no_show_count": no_shows.get(booking.partner_id.id, 0),
                "cancel_is_late": booking in late,
                "cancel_notice_hours": booking.company_id.fo_cancel_notice_hours,
                "can_undo": booking in undoable,
            }
            for booking in bookings
        ]
        open_at, close_at = self._get_opening_hours(tz, day, resources, work, bookings)
        # A resource both companies may use, busy with the other's session: the
        # Diary greys the time, naming nothing of it.
        foreign = self.env["front.office.booking.occupancy"]._fo_busy_times(
            resources.ids, naive_start, naive_stop, self.env.companies.ids
        )

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
            "waitlist": self._get_waitlist(day),
            "unavailable": {
                resource.id: [
                    [utc_string(begin), utc_string(end)]
                    for begin, end, _record in (whole_day - work[resource.id])
                    | Intervals(
                        (pytz.utc.localize(begin), pytz.utc.localize(end), Resource)
                        for begin, end in foreign.get(resource.id, [])
                    )
                ]
                for resource in resources
            },
        }

    @api.model
    def _get_bookings(self, resources, start, stop):
        """The sessions of the day in these columns (as operator or room), the
        cancelled ones aside, with what the cards show read at once."""
        return self.env["front.office.booking"].search_fetch(
            [
                ("start", "<", stop),
                ("stop", ">", start),
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
                "fo_state_changed_at",
                "fo_state_changed_by",
            ],
        )

    @api.model
    def _get_waitlist(self, day):
        """ "Waiting for this day": the requests still waiting (or offered a time)
        whose days include this one, oldest first; one query."""
        Waitlist = self.env["front.office.waitlist"]
        if not Waitlist.has_access("read"):
            return []
        entries = Waitlist.search_fetch(
            [
                ("state", "in", ("waiting", "offered")),
                (WEEKDAY_FIELDS[day.weekday()], "=", True),
                ("date_until", ">=", day),
                ("company_id", "in", self.env.companies.ids),
            ],
            [
                "partner_id",
                "product_id",
                "resource_ids",
                "time_of_day",
                "hour_from",
                "hour_to",
                "state",
            ],
            order="create_date, id",
        )
        states = dict(Waitlist._fields["state"]._description_selection(self.env))
        return [
            {
                "id": entry.id,
                "partner_id": entry.partner_id.id,
                "partner_name": entry.partner_id.name,
                "service": entry.product_id.name,
                "operators": ", ".join(entry.resource_ids.mapped("name")),
                "hours": entry.hours_label,
                "state": entry.state,
                "state_label": states.get(entry.state, entry.state),
            }
            for entry in entries
        ]

    @api.model
    def _get_opening_hours(self, tz, day, resources, work, bookings):
        """The rows drawn (tz-aware): the working time of the resources that have
        a calendar (``DEFAULT_OPENING`` when none has), widened to the day's
        sessions, in whole hours of the day."""
        day_start = pytz.utc.localize(local_midnight_utc(tz, day))
        day_stop = pytz.utc.localize(local_midnight_utc(tz, day + timedelta(days=1)))
        worked = Intervals()
        for resource in resources.filtered("calendar_id"):
            worked |= work[resource.id]
        spans = [(begin, end) for begin, end, _record in worked]
        if spans:
            open_at, close_at = spans[0][0], spans[-1][1]
        else:
            open_at, close_at = (
                pytz.utc.localize(local_midnight_utc(tz, day, at=moment))
                for moment in DEFAULT_OPENING
            )
        for booking in bookings:
            open_at = min(open_at, pytz.utc.localize(booking.start))
            close_at = max(close_at, pytz.utc.localize(booking.stop))
        open_at = max(open_at.astimezone(tz).replace(minute=0, second=0), day_start)
        close_local = close_at.astimezone(tz)
        if close_local.minute or close_local.second:
            close_at = close_local.replace(minute=0, second=0) + timedelta(hours=1)
        return open_at, min(close_at, day_stop)

    @api.model
    def _sell_and_book(self, partner, product, start, resource, room=None):
        """Sell one session of ``product`` to ``partner`` and book it at ``start``
        (UTC) with ``resource``, in one go: a one-session quote valid from that
        day (in the resource's time zone), made and confirmed by the current user
        as the front desk does, then the booking, through the same rules as
        everywhere. All or nothing.

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
        day = local_day(resource._fo_tz(), start)
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
            booking = self.env["front.office.booking"].create(
                {
                    "sale_line_id": order.order_line.id,
                    "start": start,
                    "resource_id": resource.id,
                    **({"room_id": room.id} if room else {}),
                }
            )
        return booking
