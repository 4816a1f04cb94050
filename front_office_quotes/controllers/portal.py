# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The client's pages: their sessions, reached with the link of every message
(access token) or their portal account. Every refusal answers the page with its
reason; nothing is changed then."""

from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import consteq
from odoo.tools.misc import format_date, format_time

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.front_office_waitlist import TIMES_OF_DAY


class FrontOfficePortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "fo_session_count" in counters:
            Booking = request.env["front.office.booking"]
            values["fo_session_count"] = (
                Booking.search_count(self._fo_sessions_domain())
                if Booking.has_access("read")
                else 0
            )
        return values

    def _fo_sessions_domain(self):
        return self._fo_client_domain("partner_id")

    def _fo_client_domain(self, field):
        """Records whose ``field`` is the logged-in client or a contact of the
        same commercial entity."""
        partner = request.env.user.partner_id
        return [(field, "child_of", [partner.commercial_partner_id.id])]

    def _fo_session_or_none(self, booking_id, access_token):
        """The session (sudo) that this token or login opens, or ``None``."""
        try:
            return self._document_check_access(
                "front.office.booking", booking_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return None

    def _fo_refused(self, status=403):
        return request.render(
            "front_office_quotes.portal_fo_session_unavailable",
            self._prepare_portal_layout_values(),
            status=status,
        )

    def _fo_try(self, action):
        """Run ``action()`` in a savepoint: a refusal (``UserError``, the rule
        book's ``ValidationError`` included) undoes all it did.

        :return: ``(result, None)``, or ``(None, the refusal's message)``
        """
        try:
            with request.env.cr.savepoint():
                return action(), None
        except UserError as error:
            request.env.invalidate_all()
            return None, error.args[0]

    def _fo_render_session(self, booking_sudo, access_token, message=None, error=None):
        # The client reads the page in their own language (the session is read
        # as superuser: its context carries the visitor's language).
        booking_sudo = booking_sudo.with_context(lang=request.env.lang)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "fo_session",
                "booking": booking_sudo,
                "access_token": access_token,
                "start_label": booking_sudo._fo_local_label(booking_sudo.start),
                "change_problem": booking_sudo._fo_portal_change_problem(),
                "pay_problem": booking_sudo._fo_portal_pay_problem(),
                "fo_message": message,
                "fo_error": error,
                "lines_to_book": booking_sudo.sale_order_id.order_line.filtered(
                    lambda line: not line._fo_portal_book_problem()
                ),
            }
        )
        return request.render("front_office_quotes.portal_fo_session", values)

    @http.route(
        ["/my/sessions", "/my/sessions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_fo_sessions(self, page=1, **kw):
        Booking = request.env["front.office.booking"]
        values = self._prepare_portal_layout_values()
        domain = self._fo_sessions_domain()
        readable = Booking.has_access("read")
        pager = portal_pager(
            url="/my/sessions",
            total=Booking.search_count(domain) if readable else 0,
            page=page,
            step=self._items_per_page,
        )
        bookings = (
            Booking.search(
                domain,
                order="start desc, id desc",
                limit=self._items_per_page,
                offset=pager["offset"],
            )
            if readable
            else Booking
        )
        values.update(
            {
                "page_name": "fo_sessions",
                "bookings": bookings.sudo(),
                # Read as superuser: a portal account does not read order lines.
                "lines_to_book": request.env["sale.order.line"]
                .sudo()
                .search(
                    [
                        *self._fo_client_domain("order_partner_id"),
                        ("order_id.state", "=", "sale"),
                        ("product_id.fo_is_bookable", "=", True),
                        ("fo_sessions_remaining", ">", 0),
                    ]
                )
                .filtered(lambda line: not line._fo_portal_book_problem()),
                # Read as superuser: the portal reads no waitlist entry itself;
                # these are the client's own, by the domain.
                "waitlist_entries": request.env["front.office.waitlist"]
                .sudo()
                .search(
                    [
                        *self._fo_client_domain("partner_id"),
                        ("state", "in", ("waiting", "offered")),
                    ],
                    order="date_until, id",
                ),
                "pager": pager,
                "default_url": "/my/sessions",
            }
        )
        return request.render("front_office_quotes.portal_my_fo_sessions", values)

    @http.route(
        "/my/sessions/<int:booking_id>", type="http", auth="public", website=True
    )
    def portal_fo_session(self, booking_id, access_token=None, message=None, **kw):
        booking_sudo = self._fo_session_or_none(booking_id, access_token)
        if booking_sudo is None:
            return self._fo_refused()
        notices = {
            "cancelled": request.env._("Your session is cancelled."),
            "moved": request.env._("Your session has been moved."),
            "booked": request.env._("Your session is booked."),
        }
        return self._fo_render_session(
            booking_sudo, access_token, message=notices.get(message)
        )

    @http.route(
        "/my/sessions/<int:booking_id>/ics", type="http", auth="public", website=True
    )
    def portal_fo_session_ics(self, booking_id, access_token=None, **kw):
        booking_sudo = self._fo_session_or_none(booking_id, access_token)
        if booking_sudo is None:
            return self._fo_refused()
        return request.make_response(
            booking_sudo._fo_ics_content(),
            headers=[
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Content-Disposition", 'attachment; filename="session.ics"'),
            ],
        )

    @http.route(
        "/my/sessions/<int:booking_id>/cancel",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_fo_session_cancel(self, booking_id, access_token=None, **kw):
        booking_sudo = self._fo_session_or_none(booking_id, access_token)
        if booking_sudo is None:
            return self._fo_refused()
        _done, error = self._fo_try(booking_sudo._fo_portal_cancel)
        if error:
            return self._fo_render_session(booking_sudo, access_token, error=error)
        return request.redirect(
            booking_sudo.get_portal_url(query_string="&message=cancelled")
        )

    @http.route(
        "/my/sessions/<int:booking_id>/pay",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_fo_session_pay(self, booking_id, access_token=None, **kw):
        booking_sudo = self._fo_session_or_none(booking_id, access_token)
        if booking_sudo is None:
            return self._fo_refused()
        invoice, error = self._fo_try(booking_sudo._fo_portal_invoice)
        if error:
            return self._fo_render_session(booking_sudo, access_token, error=error)
        # Core's invoice page takes the payment: opened on its payment dialog
        # (account_payment's "Pay now"), so that the client pays in one step.
        return request.redirect(
            invoice.get_portal_url(query_string="&payment=True", anchor="portal_pay")
        )

    # -- reschedule ------------------------------------------------------

    @staticmethod
    def _fo_int(value):
        try:
            return int(value)
        except (TypeError, ValueError):
            return 0

    def _fo_picker_values(self, line_sudo, day=None, resource_id=None):
        """The free times of ``line_sudo``'s service, two weeks from ``day`` (the
        centre's date), by day, each with the UTC ``start`` and ``resource_id``
        the form posts back."""
        env = request.env
        tz = line_sudo._fo_portal_tz()
        today = datetime.now(tz).date()
        try:
            first_day = max(fields.Date.to_date(day), today) if day else today
        except ValueError:
            first_day = today
        operators = line_sudo._fo_portal_operators()
        resource = operators & operators.browse(self._fo_int(resource_id))

        def utc(local_day):
            moment = tz.localize(datetime.combine(local_day, time.min))
            return moment.astimezone(pytz.utc).replace(tzinfo=None)

        slots = line_sudo._fo_portal_free_slots(
            utc(first_day), utc(first_day + timedelta(days=14)), resource=resource
        )
        by_day, seen = defaultdict(list), set()
        for slot in slots:
            # Any operator: each time once (the first operator free then).
            if not resource and slot["start"] in seen:
                continue
            seen.add(slot["start"])
            local = pytz.utc.localize(slot["start"]).astimezone(tz)
            by_day[local.date()].append(
                {
                    "label": format_time(env, local.time(), time_format="HH:mm"),
                    "start": fields.Datetime.to_string(slot["start"]),
                    "resource_id": slot["resource_id"],
                    "resource_name": operators.browse(slot["resource_id"]).name,
                }
            )
        return {
            "days": [
                {
                    "label": format_date(env, local_day, date_format="EEEE d MMMM"),
                    "times": by_day[local_day],
                }
                for local_day in sorted(by_day)
            ],
            "operators": operators,
            "resource": resource,
            "first_day": first_day,
            "prev_day": first_day - timedelta(days=14) if first_day > today else None,
            "next_day": first_day + timedelta(days=14),
            "first_label": format_date(env, first_day, date_format="d MMMM"),
            "last_label": format_date(
                env, first_day + timedelta(days=13), date_format="d MMMM"
            ),
        }

    def _fo_picked(self, line_sudo, start, resource_id):
        """The time and operator a picker's form posted, read; ``UserError``
        when they are not a time or one of the operators (the model then checks
        the time is one it offers)."""
        operators = line_sudo._fo_portal_operators()
        # A foreign id stays outside.
        resource = operators & operators.browse(self._fo_int(resource_id))
        try:
            start = fields.Datetime.to_datetime(start)
        except ValueError:
            start = None
        if not (start and resource):
            raise UserError(request.env._("Please pick one of the times offered."))
        return start, resource

    def _fo_render_picker(
        self, line_sudo, picker, error=None, day=None, waitlist_error=None, **kw
    ):
        """The picker page; ``picker``: its ``title``, ``subtitle``, ``url`` (GET
        and POST), ``access_token``, ``back_url`` and ``back_label``, and
        ``waitlist``: what the waitlist form posts (the package line or the
        session to move)."""
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "fo_picker",
                "picker": picker,
                "fo_error": error,
                **self._fo_picker_values(line_sudo, day=day, **kw),
                **self._fo_waitlist_form_values(line_sudo, waitlist_error),
            }
        )
        # Nothing fits (no free time, a refused request, or asked by the
        # link): the waitlist form opens by itself.
        values["waitlist_open"] = bool(
            waitlist_error or not values["days"] or request.params.get("waitlist")
        )
        return request.render("front_office_quotes.portal_fo_picker", values)

    def _fo_reschedule_picker(self, booking_sudo, access_token):
        booking_sudo = booking_sudo.with_context(lang=request.env.lang)
        return {
            "title": request.env._("Move your session"),
            "subtitle": request.env._(
                "%(service)s, now %(start)s",
                service=booking_sudo.product_id.name,
                start=booking_sudo._fo_local_label(booking_sudo.start),
            ),
            "url": f"/my/sessions/{booking_sudo.id}/reschedule",
            "access_token": access_token,
            "back_url": booking_sudo.get_portal_url(),
            "back_label": request.env._("Back to the session"),
            "waitlist": {"booking_id": booking_sudo.id},
        }

    @http.route(
        "/my/sessions/<int:booking_id>/reschedule",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
    )
    def portal_fo_session_reschedule(
        self, booking_id, access_token=None, day=None, resource_id=None, **kw
    ):
        booking_sudo = self._fo_session_or_none(booking_id, access_token)
        if booking_sudo is None:
            return self._fo_refused()
        problem = booking_sudo._fo_portal_change_problem()
        if problem:
            return self._fo_render_session(booking_sudo, access_token, error=problem)
        return self._fo_render_picker(
            booking_sudo._fo_portal_line(),
            self._fo_reschedule_picker(booking_sudo, access_token),
            day=day,
            resource_id=resource_id,
        )

    @http.route(
        "/my/sessions/<int:booking_id>/reschedule",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_fo_session_reschedule_post(
        self, booking_id, access_token=None, start=None, resource_id=None, **kw
    ):
        booking_sudo = self._fo_session_or_none(booking_id, access_token)
        if booking_sudo is None:
            return self._fo_refused()
        _done, error = self._fo_try(
            lambda: booking_sudo._fo_portal_reschedule(
                *self._fo_picked(booking_sudo._fo_portal_line(), start, resource_id)
            )
        )
        if error:
            if booking_sudo._fo_portal_change_problem():
                return self._fo_render_session(booking_sudo, access_token, error=error)
            return self._fo_render_picker(
                booking_sudo._fo_portal_line(),
                self._fo_reschedule_picker(booking_sudo, access_token),
                error=error,
            )
        return request.redirect(
            booking_sudo.get_portal_url(query_string="&message=moved")
        )

    # -- book what is left -----------------------------------------------

    def _fo_line_or_none(self, sale_line_id, access_token):
        """The package line (sudo) whose quote this token or login opens, or
        ``None``."""
        line_sudo = request.env["sale.order.line"].sudo().browse(sale_line_id).exists()
        if not line_sudo:
            return None
        try:
            self._document_check_access(
                "sale.order", line_sudo.order_id.id, access_token=access_token
            )
        except (AccessError, MissingError):
            return None
        return line_sudo.with_context(lang=request.env.lang)

    def _fo_book_picker(self, line_sudo, access_token):
        return {
            "title": request.env._("Book a session"),
            "subtitle": request.env._(
                "%(service)s: %(count)s left",
                service=line_sudo.product_id.name,
                count=line_sudo.fo_sessions_remaining,
            ),
            "url": f"/my/packages/{line_sudo.id}/book",
            "access_token": access_token,
            "waitlist": {"sale_line_id": line_sudo.id},
            "back_url": "/my/sessions"
            if not request.env.user._is_public()
            else line_sudo.order_id.get_portal_url(),
            "back_label": request.env._("Back"),
        }

    def _fo_render_line_refused(self, problem):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "fo_book", "fo_error": problem})
        return request.render("front_office_quotes.portal_fo_book_refused", values)

    @http.route(
        "/my/packages/<int:sale_line_id>/book",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
    )
    def portal_fo_package_book(
        self, sale_line_id, access_token=None, day=None, resource_id=None, **kw
    ):
        line_sudo = self._fo_line_or_none(sale_line_id, access_token)
        if line_sudo is None:
            return self._fo_refused()
        problem = line_sudo._fo_portal_book_problem()
        if problem:
            return self._fo_render_line_refused(problem)
        return self._fo_render_picker(
            line_sudo,
            self._fo_book_picker(line_sudo, access_token),
            day=day,
            resource_id=resource_id,
        )

    @http.route(
        "/my/packages/<int:sale_line_id>/book",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_fo_package_book_post(
        self, sale_line_id, access_token=None, start=None, resource_id=None, **kw
    ):
        line_sudo = self._fo_line_or_none(sale_line_id, access_token)
        if line_sudo is None:
            return self._fo_refused()
        booking, error = self._fo_try(
            lambda: line_sudo._fo_portal_book(
                *self._fo_picked(line_sudo, start, resource_id)
            )
        )
        if error:
            problem = line_sudo._fo_portal_book_problem()
            if problem:
                return self._fo_render_line_refused(problem)
            return self._fo_render_picker(
                line_sudo, self._fo_book_picker(line_sudo, access_token), error=error
            )
        return request.redirect(booking.get_portal_url(query_string="&message=booked"))

    # -- waitlist ----------------------------------------------------------

    def _fo_waitlist_form_values(self, line_sudo, error=None):
        """The "tell me when a time frees up" form under the picker: its last
        day from today to the company's online horizon."""
        company = line_sudo.order_id.company_id
        today = datetime.now(line_sudo._fo_portal_tz()).date()
        horizon = today + timedelta(days=company.fo_online_booking_days)
        return {
            "waitlist_error": error,
            "waitlist_today": fields.Date.to_string(today),
            "waitlist_horizon": fields.Date.to_string(horizon),
            "waitlist_default_until": fields.Date.to_string(
                min(today + timedelta(days=30), horizon)
            ),
            "waitlist_weekdays": [
                (
                    day,
                    format_date(
                        request.env,
                        today + timedelta(days=(day - today.weekday()) % 7),
                        date_format="EEE",
                    ),
                )
                for day in range(7)
            ],
        }

    def _fo_waitlist_or_none(self, entry_id, access_token):
        """The waitlist entry (sudo) that this token opens, or that belongs to
        the logged-in client; ``None`` otherwise. The portal reads no entry
        itself: the check is the token's, or the client's own."""
        entry_sudo = (
            request.env["front.office.waitlist"].sudo().browse(entry_id).exists()
        )
        if not entry_sudo:
            return None
        if (
            access_token
            and entry_sudo.access_token
            and consteq(entry_sudo.access_token, access_token)
        ):
            return entry_sudo.with_context(lang=request.env.lang)
        user = request.env.user
        if (
            not user._is_public()
            and entry_sudo.partner_id.commercial_partner_id
            == user.partner_id.commercial_partner_id
        ):
            return entry_sudo.with_context(lang=request.env.lang)
        return None

    @staticmethod
    def _fo_hour(value):
        """ "HH:MM" → hours (float), ``None`` when it is not a time of day."""
        try:
            hours, minutes = (int(part) for part in (value or "").split(":"))
        except ValueError:
            return None
        if not (0 <= hours <= 24 and 0 <= minutes < 60) or hours * 60 + minutes > 1440:
            return None
        return hours + minutes / 60

    def _fo_waitlist_request(self, line_sudo, kw):
        """The form's answers, read: ``(weekdays, hours, date_until, resource,
        time_of_day)``; ``UserError`` for what is not a day, a time or a
        date (the model checks the rest)."""
        env = request.env
        weekdays = [day for day in range(7) if kw.get(f"weekday_{day}")]
        time_of_day = kw.get("time_of_day") or "any"
        if time_of_day == "custom":
            hours = (
                self._fo_hour(kw.get("hour_from")),
                self._fo_hour(kw.get("hour_to")),
            )
            if None in hours:
                raise UserError(env._("Please give the hours as HH:MM."))
        elif time_of_day in TIMES_OF_DAY:
            hours = TIMES_OF_DAY[time_of_day]
        else:
            raise UserError(env._("Please choose a time of day."))
        try:
            date_until = fields.Date.to_date(kw.get("date_until") or None)
        except ValueError:
            date_until = None
        operators = line_sudo._fo_portal_operators()
        resource = None
        if kw.get("resource_id"):
            resource = operators & operators.browse(self._fo_int(kw["resource_id"]))
            if not resource:
                raise UserError(env._("Please pick one of the operators offered."))
        return weekdays, hours, date_until, resource, time_of_day

    def _fo_render_waitlist(self, entry_sudo, access_token, message=None, error=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "fo_waitlist",
                "entry": entry_sudo,
                "access_token": access_token,
                "offer_problem": entry_sudo._fo_portal_offer_problem(),
                "fo_message": message,
                "fo_error": error,
            }
        )
        return request.render("front_office_quotes.portal_fo_waitlist", values)

    @http.route(
        "/my/waitlist", type="http", auth="public", methods=["POST"], website=True
    )
    def portal_fo_waitlist_create(
        self, access_token=None, sale_line_id=None, booking_id=None, **kw
    ):
        """Join the waitlist from the picker: of a package line (the quote's
        token) or to move a session (the session's token)."""
        booking_sudo = None
        if booking_id:
            booking_sudo = self._fo_session_or_none(
                self._fo_int(booking_id), access_token
            )
            if booking_sudo is None:
                return self._fo_refused()
            booking_sudo = booking_sudo.with_context(lang=request.env.lang)
            line_sudo = booking_sudo._fo_portal_line()
            picker = self._fo_reschedule_picker(booking_sudo, access_token)
            problem = booking_sudo._fo_portal_change_problem()
            if problem:
                return self._fo_render_session(
                    booking_sudo, access_token, error=problem
                )
        else:
            line_sudo = self._fo_line_or_none(self._fo_int(sale_line_id), access_token)
            if line_sudo is None:
                return self._fo_refused()
            picker = self._fo_book_picker(line_sudo, access_token)

        def join():
            weekdays, hours, date_until, resource, time_of_day = (
                self._fo_waitlist_request(line_sudo, kw)
            )
            return request.env["front.office.waitlist"]._fo_portal_create(
                line_sudo._origin or line_sudo,
                weekdays,
                hours,
                date_until,
                resource=resource,
                booking=booking_sudo,
                time_of_day=time_of_day,
            )

        entry, error = self._fo_try(join)
        if error:
            return self._fo_render_picker(line_sudo, picker, waitlist_error=error)
        return request.redirect(entry.get_portal_url(query_string="&message=waiting"))

    @http.route("/my/waitlist/<int:entry_id>", type="http", auth="public", website=True)
    def portal_fo_waitlist(self, entry_id, access_token=None, message=None, **kw):
        entry_sudo = self._fo_waitlist_or_none(entry_id, access_token)
        if entry_sudo is None:
            return self._fo_refused()
        notices = {
            "waiting": request.env._(
                "You are on the waitlist: we will write to you when a time frees up."
            ),
            "cancelled": request.env._("You have left the waitlist."),
        }
        return self._fo_render_waitlist(
            entry_sudo, access_token, message=notices.get(message)
        )

    @http.route(
        "/my/waitlist/<int:entry_id>/book",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_fo_waitlist_book(self, entry_id, access_token=None, **kw):
        entry_sudo = self._fo_waitlist_or_none(entry_id, access_token)
        if entry_sudo is None:
            return self._fo_refused()
        booking, error = self._fo_try(entry_sudo._fo_portal_take_offer)
        if error:
            return self._fo_render_waitlist(entry_sudo, access_token, error=error)
        return request.redirect(booking.get_portal_url(query_string="&message=booked"))

    @http.route(
        "/my/waitlist/<int:entry_id>/cancel",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_fo_waitlist_cancel(self, entry_id, access_token=None, **kw):
        entry_sudo = self._fo_waitlist_or_none(entry_id, access_token)
        if entry_sudo is None:
            return self._fo_refused()
        _done, error = self._fo_try(entry_sudo._fo_portal_cancel)
        if error:
            return self._fo_render_waitlist(entry_sudo, access_token, error=error)
        return request.redirect(
            entry_sudo.get_portal_url(query_string="&message=cancelled")
        )
