# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The waitlist: clients who want a service on some days and hours and are told
when such a time frees up (a session cancelled, missed or moved away). The
offer is a link that books that time, first come, first served, through the
rule book."""

import uuid
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime, format_duration

from .front_office_weekdays_mixin import WEEKDAY_FIELDS

# On the centre's clock (hours): when a client says "in the morning".
TIMES_OF_DAY = {
    "any": (0.0, 24.0),
    "morning": (0.0, 13.0),
    "afternoon": (13.0, 18.0),
    "evening": (18.0, 24.0),
}
# A freed time checks the oldest waiting entries that match it, this many at
# most (one free-slot search each), and is offered to this many clients at most:
# the first to book it gets it.
CHECK_LIMIT = 10
OFFER_LIMIT = 3
WAITLIST_CRON = "front_office_quotes.ir_cron_fo_waitlist"


class FrontOfficeWaitlist(models.Model):
    _name = "front.office.waitlist"
    _description = "Front Office Waitlist"
    _inherit = [
        "mail.thread",
        "portal.mixin",
        "front.office.derived.mixin",
        "front.office.sms.mixin",
        "front.office.weekdays.mixin",
    ]
    _order = "create_date, id"
    _check_company_auto = True
    _rec_names_search = ["partner_id", "product_id"]

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    sale_line_id = fields.Many2one(
        comodel_name="sale.order.line",
        string="Package",
        check_company=True,
        domain="[('order_partner_id', '=', partner_id), "
        "('order_id.state', '=', 'sale'), ('product_id.fo_is_bookable', '=', True)]",
        help="The package the freed time is booked on (empty: any of the client's "
        "packages of the service with sessions left).",
    )
    move_booking_id = fields.Many2one(
        comodel_name="front.office.booking",
        string="Session to Move",
        check_company=True,
        ondelete="set null",
        help="The client wants this session at another time: the freed time moves "
        "it instead of booking a new one.",
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Service",
        required=True,
        index=True,
        compute="_compute_product_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('fo_is_bookable', '=', True)]",
        tracking=True,
    )
    resource_ids = fields.Many2many(
        comodel_name="resource.resource",
        string="Operators",
        check_company=True,
        help="Whom the client wants (empty: any operator of the service).",
    )
    weekdays = fields.Char(string="Days", compute="_compute_weekdays")
    time_of_day = fields.Selection(
        selection=[
            ("any", "Any Time"),
            ("morning", "Morning"),
            ("afternoon", "Afternoon"),
            ("evening", "Evening"),
            ("custom", "From–To"),
        ],
        string="Time of Day",
        required=True,
        default="any",
    )
    hour_from = fields.Float(
        string="From Hour",
        compute="_compute_hours",
        store=True,
        readonly=False,
        precompute=True,
        help="On the centre's clock: the session starts and ends within these hours.",
    )
    hour_to = fields.Float(
        string="To Hour",
        compute="_compute_hours",
        store=True,
        readonly=False,
        precompute=True,
    )
    hours_label = fields.Char(string="Hours", compute="_compute_hours_label")
    date_until = fields.Date(
        string="Until",
        required=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=30),
        tracking=True,
    )
    state = fields.Selection(
        selection=[
            ("waiting", "Waiting"),
            ("offered", "Offered"),
            ("booked", "Booked"),
            ("expired", "Expired"),
            ("cancelled", "Cancelled"),
        ],
        default="waiting",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    offered_start = fields.Datetime(
        string="Time Offered", readonly=True, copy=False, tracking=True
    )
    offered_stop = fields.Datetime(string="Offered Until", readonly=True, copy=False)
    offered_resource_id = fields.Many2one(
        comodel_name="resource.resource",
        string="Operator Offered",
        readonly=True,
        copy=False,
    )
    offered_at = fields.Datetime(string="Offer Sent On", readonly=True, copy=False)
    booking_id = fields.Many2one(
        comodel_name="front.office.booking",
        string="Booked Session",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    fo_offer_label = fields.Char(string="Offer", compute="_compute_fo_offer_label")
    note = fields.Char()

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    @api.depends("sale_line_id", "move_booking_id")
    def _compute_product_id(self):
        for entry in self:
            entry.product_id = (
                entry.move_booking_id.product_id
                or entry.sale_line_id.product_id
                or entry.product_id
            )

    @api.depends("time_of_day")
    def _compute_hours(self):
        for entry in self:
            if entry.time_of_day in TIMES_OF_DAY:
                entry.hour_from, entry.hour_to = TIMES_OF_DAY[entry.time_of_day]
            elif not entry.hour_to:
                entry.hour_from, entry.hour_to = 9.0, 19.0

    @api.depends(*WEEKDAY_FIELDS)
    @api.depends_context("lang")
    def _compute_weekdays(self):
        for entry in self:
            entry.weekdays = entry._fo_weekdays_label()

    @api.depends("time_of_day", "hour_from", "hour_to")
    @api.depends_context("lang")
    def _compute_hours_label(self):
        labels = dict(self._fields["time_of_day"]._description_selection(self.env))
        for entry in self:
            start = format_duration(entry.hour_from)
            stop = format_duration(entry.hour_to)
            # Open-ended periods read as people say them: "until 13:00", not
            # "from 00:00 to 13:00".
            if not entry.hour_from and entry.hour_to < 24:
                hours = self.env._("until %(stop)s", stop=stop)
            elif entry.hour_from and entry.hour_to >= 24:
                hours = self.env._("from %(start)s", start=start)
            else:
                hours = self.env._("%(start)s–%(stop)s", start=start, stop=stop)
            entry.hours_label = (
                labels.get(entry.time_of_day)
                if entry.time_of_day == "any"
                else hours
                if entry.time_of_day == "custom"
                else f"{labels.get(entry.time_of_day)} ({hours})"
            )

    @api.depends("offered_start", "offered_resource_id")
    @api.depends_context("lang")
    def _compute_fo_offer_label(self):
        for entry in self:
            entry.fo_offer_label = entry._fo_local_label(entry.offered_start)

    def _compute_access_url(self):
        for entry in self:
            entry.access_url = f"/my/waitlist/{entry.id}"

    @api.constrains(*WEEKDAY_FIELDS)
    def _check_weekdays(self):
        for entry in self:
            if not entry._fo_weekdays():
                raise ValidationError(
                    self.env._(
                        "Choose at least one day of the week for %(client)s's "
                        "waitlist request.",
                        client=entry.partner_id.name,
                    )
                )

    @api.constrains("hour_from", "hour_to")
    def _check_hours(self):
        for entry in self:
            if not 0 <= entry.hour_from < entry.hour_to <= 24:
                raise ValidationError(
                    self.env._(
                        "The hours of %(client)s's waitlist request go from 00:00 "
                        "to 24:00, the first before the second.",
                        client=entry.partner_id.name,
                    )
                )

    @api.constrains("date_until")
    def _check_date_until(self):
        today = fields.Date.context_today(self)
        for entry in self:
            if entry.date_until < today:
                raise ValidationError(
                    self.env._(
                        "The waitlist request of %(client)s cannot end in the past.",
                        client=entry.partner_id.name,
                    )
                )

    @api.constrains("partner_id", "sale_line_id", "move_booking_id", "product_id")
    def _check_client_and_service(self):
        for entry in self:
            if not entry.product_id.fo_is_bookable:
                raise ValidationError(
                    self.env._(
                        "%(service)s is not sold in sessions: nobody waits for it.",
                        service=entry.product_id.display_name,
                    )
                )
            client = entry.partner_id.commercial_partner_id
            for record in (entry.sale_line_id, entry.move_booking_id):
                partner = (
                    record.order_partner_id
                    if record._name == "sale.order.line"
                    else record.partner_id
                )
                if record and (
                    partner.commercial_partner_id != client
                    or record.product_id != entry.product_id
                ):
                    raise ValidationError(
                        self.env._(
                            "%(record)s is not a %(service)s of %(client)s.",
                            record=record.display_name,
                            service=entry.product_id.display_name,
                            client=entry.partner_id.name,
                        )
                    )

    # ------------------------------------------------------------------
    # ORM: the state and the offer are the code's
    # ------------------------------------------------------------------

    @api.model
    def _fo_owned_fields(self):
        return {
            "state",
            "offered_start",
            "offered_stop",
            "offered_resource_id",
            "offered_at",
            "booking_id",
        }

    def _fo_derived_fields_message(self, labels):
        return self.env._(
            "%(fields)s cannot be changed by hand: the waitlist sends offers and "
            "books them; use Stop Waiting to take a client off it.",
            fields=labels,
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._fo_check_derived_fields(vals)
            # The offer's link comes with the entry (one write less per offer).
            vals.setdefault("access_token", str(uuid.uuid4()))
        entries = super().create(vals_list)
        if not self._fo_skip_client_messages():
            # The client keeps the link to the request: to see it, or leave.
            entries._fo_post_to_client(
                "front_office_quotes.mail_template_fo_waitlist_joined"
            )
        return entries

    def write(self, vals):
        self._fo_check_derived_fields(vals)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _fo_local_label(self, value):
        """``value`` (naive UTC) on the clock of the operator offered (the
        centre's), in the language of the environment."""
        self.ensure_one()
        if not value:
            return False
        tz = self.offered_resource_id._fo_tz()
        return format_datetime(
            self.env, value, tz=tz.zone, dt_format="EEEE d MMMM y, HH:mm"
        )

    # ------------------------------------------------------------------
    # Actions of the desk
    # ------------------------------------------------------------------

    def action_cancel(self):
        """Take the client off the waitlist."""
        done = self.filtered(lambda e: e.state not in ("waiting", "offered"))
        if done:
            raise UserError(
                self.env._(
                    "%(entry)s is no longer waiting.", entry=done[0].display_name
                )
            )
        self.check_access("write")
        self.sudo().write({"state": "cancelled"})
        return True

    def action_reset(self):
        """Wait again (a request cancelled or expired by mistake)."""
        wrong = self.filtered(lambda e: e.state not in ("cancelled", "expired"))
        if wrong:
            raise UserError(
                self.env._(
                    "%(entry)s is waiting already or was booked.",
                    entry=wrong[0].display_name,
                )
            )
        self.check_access("write")
        self._check_date_until()
        self.sudo().write({"state": "waiting"})
        return True

    @api.depends("partner_id", "product_id")
    def _compute_display_name(self):
        for entry in self:
            entry.display_name = " – ".join(
                name for name in (entry.product_id.name, entry.partner_id.name) if name
            ) or self.env._("Waitlist")

    # ------------------------------------------------------------------
    # Offering a freed time
    # ------------------------------------------------------------------

    @api.model
    def _fo_freed_time_domain(self, freed):
        """The entries a freed time (``front.office.freed.time``) matches: same
        company and service, the operator if one was chosen, the day of the week
        and the hours on the operator's clock, before their end date; not the
        client who freed it, not already offered this very time."""
        resource = freed.resource_id
        tz = resource._fo_tz()
        begin = pytz.utc.localize(freed.start).astimezone(tz)
        end = pytz.utc.localize(freed.stop).astimezone(tz)
        begin_hour = begin.hour + begin.minute / 60
        end_hour = end.hour + end.minute / 60 if end.date() == begin.date() else 24.0
        return [
            ("company_id", "=", freed.company_id.id),
            ("state", "in", ("waiting", "offered")),
            ("product_id", "=", freed.product_id.id),
            (WEEKDAY_FIELDS[begin.weekday()], "=", True),
            ("hour_from", "<=", begin_hour),
            ("hour_to", ">=", end_hour),
            ("date_until", ">=", begin.date()),
            ("partner_id", "!=", freed.partner_id.id),
            "|",
            ("resource_ids", "=", False),
            ("resource_ids", "in", resource.ids),
            "|",
            ("offered_start", "=", False),
            "|",
            ("offered_start", "!=", freed.start),
            ("offered_resource_id", "!=", resource.id),
        ]

    @api.model
    def _fo_offer_freed_time(self, freed):
        """Offer a freed time to the oldest matching entries whose client may
        still book it (the rule book's free-slot search for their package, one
        each, ``CHECK_LIMIT`` at most); ``OFFER_LIMIT`` clients at most get the
        offer. Its queries do not grow with the number of entries waiting.

        :param freed: a ``front.office.freed.time``
        :return: the entries offered
        """
        company = freed.company_id
        earliest = fields.Datetime.now() + timedelta(hours=company.fo_online_lead_hours)
        if not company.fo_online_booking or freed.start < earliest:
            return self.browse()
        candidates = self.search(
            self._fo_freed_time_domain(freed),
            order="create_date, id",
            limit=CHECK_LIMIT,
        )
        offered = self.browse()
        for entry in candidates:
            if len(offered) == OFFER_LIMIT:
                break
            if entry._fo_may_book(freed.start, freed.resource_id):
                offered |= entry
        offered._fo_send_offer(freed.start, freed.stop, freed.resource_id)
        return offered

    def _fo_offer_line(self):
        """The line a freed time is checked and booked on: the session to move
        (its line, with that session to place again), else the package chosen
        if it has sessions left, else the client's first package of the service
        with sessions left; ``False`` when the client has none (they are not
        offered: selling online is not done, the desk calls them)."""
        self.ensure_one()
        if self.move_booking_id:
            booking = self.move_booking_id
            return not booking._fo_portal_change_problem() and booking._fo_portal_line()
        line = self.sale_line_id
        if line and not line._fo_portal_book_problem():
            return line
        lines = self.env["sale.order.line"].search(
            [
                ("order_partner_id", "=", self.partner_id.id),
                ("product_id", "=", self.product_id.id),
                ("order_id.state", "=", "sale"),
                ("company_id", "=", self.company_id.id),
                ("fo_sessions_remaining", ">", 0),
            ],
            order="id",
        )
        return next(
            (line for line in lines if not line._fo_portal_book_problem()), False
        )

    def _fo_may_book(self, start, resource):
        """Whether this entry's client may book ``start`` with ``resource``
        online now: a line to book it on, and a time the rule book offers."""
        self.ensure_one()
        line = self._fo_offer_line()
        if not line:
            return False
        try:
            line._fo_portal_slot(start, resource)
        except UserError:
            return False
        return True

    def _fo_send_offer(self, start, stop, resource):
        """Record the offer and tell each client: an email with the link that
        books it, and an SMS where the company sends them."""
        if not self:
            return
        self.sudo().write(
            {
                "state": "offered",
                "offered_start": start,
                "offered_stop": stop,
                "offered_resource_id": resource.id,
                "offered_at": fields.Datetime.now(),
            }
        )
        self._fo_post_to_client("front_office_quotes.mail_template_fo_waitlist_offer")
        sms_template = self.env.ref(
            "front_office_quotes.sms_template_fo_waitlist_offer",
            raise_if_not_found=False,
        )
        by_sms = self.filtered(
            lambda e: e.company_id.fo_reminder_sms and e.partner_id.phone
        )
        if by_sms and sms_template:
            by_sms._fo_queue_sms(sms_template)

    def _fo_post_to_client(self, template_xmlid):
        """Email the mail template ``template_xmlid`` to the client of each of
        these entries that has an address, logged as a note in its chatter."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if template:
            self.filtered("partner_id.email_normalized").message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_note"
            )

    # ------------------------------------------------------------------
    # Cron: offers after the transaction that freed the time, expiry
    # ------------------------------------------------------------------

    @api.model
    def _fo_trigger_cron(self):
        cron = self.env.ref(WAITLIST_CRON, raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger()

    @api.model
    def _cron_fo_waitlist(self, batch_size=50):
        """Expire the requests whose last day has passed, then offer the freed
        times queued by committed cancellations and moves, a batch per call
        (the cron runner calls again while some remain)."""
        self._fo_expire()
        Freed = self.env["front.office.freed.time"]
        freed_times = Freed.search([], order="id", limit=batch_size)
        for freed in freed_times:
            self._fo_offer_freed_time(freed)
        freed_times.unlink()
        remaining = Freed.search_count([]) if len(freed_times) == batch_size else 0
        self.env["ir.cron"]._commit_progress(len(freed_times), remaining=remaining)

    @api.model
    def _fo_expire(self):
        """Requests past their last day (in the company's calendar) expire."""
        today = fields.Date.context_today(self)
        expired = self.search(
            [("state", "in", ("waiting", "offered")), ("date_until", "<", today)]
        )
        expired.sudo().write({"state": "expired"})
        return expired

    # ------------------------------------------------------------------
    # The client's side (the routes call these, sudo, after their checks)
    # ------------------------------------------------------------------

    def _fo_portal_offer_problem(self):
        """Why the client cannot take this entry's offer now (a sentence for
        the page), or ``False``."""
        self.ensure_one()
        company = self.company_id
        phone = company.phone or company.email or company.name
        if not company.fo_online_booking:
            return self.env._(
                "Online booking is not available: please call us at %(phone)s.",
                phone=phone,
            )
        if self.state == "booked":
            return self.env._("You have booked this time already.")
        if self.state == "cancelled":
            return self.env._("You are no longer on the waitlist.")
        if self.state == "expired" or self.date_until < fields.Date.context_today(self):
            return self.env._("Your waitlist request has expired.")
        if self.state == "waiting" or not self.offered_start:
            return self.env._(
                "No time has freed up yet: we will write to you when one does."
            )
        earliest, _latest = (
            self.env["sale.order.line"].with_company(company)._fo_portal_window()
        )
        if self.offered_start < earliest:
            return self.env._(
                "This time is too close to be booked online: please call us at "
                "%(phone)s.",
                phone=phone,
            )
        if not self._fo_offer_line():
            return self.env._(
                "You have no session of %(service)s left to book: please call us "
                "at %(phone)s.",
                service=self.product_id.name,
                phone=phone,
            )
        return False

    def _fo_portal_take_offer(self):
        """Book the time offered, for the client: first come, first served —
        the rule book decides (``create`` or ``write`` of the session); a time
        taken meanwhile is a clear refusal and changes nothing here."""
        self.ensure_one()
        problem = self._fo_portal_offer_problem()
        if problem:
            raise UserError(problem)
        start, resource = self.offered_start, self.offered_resource_id
        try:
            with self.env.cr.savepoint():
                if self.move_booking_id:
                    booking = self.move_booking_id
                    booking._fo_portal_reschedule(start, resource)
                else:
                    booking = self._fo_offer_line()._fo_portal_book(start, resource)
        except UserError as error:
            raise UserError(
                self.env._(
                    "This time has just been taken by another client. You stay on "
                    "the waitlist: we will write to you when another time frees up."
                )
            ) from error
        self.sudo().write({"state": "booked", "booking_id": booking.id})
        return booking

    def _fo_portal_cancel(self):
        """The client leaves the waitlist."""
        self.ensure_one()
        if self.state not in ("waiting", "offered"):
            raise UserError(self.env._("You are no longer on the waitlist."))
        self.sudo().write({"state": "cancelled"})
        self.message_post(
            body=self.env._("The client left the waitlist online."),
            author_id=self.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return True

    @api.model
    def _fo_portal_create(
        self,
        line,
        weekdays,
        hours,
        date_until,
        resource=None,
        booking=None,
        time_of_day="custom",
    ):
        """A request of the client of ``line`` (their package, or the line of
        ``booking``, the session they want to move), checked as the page sent
        it: an operator of the service, at least one day, hours within the day,
        an end date from today to the company's online horizon.

        :param weekdays: days of the week (0 = Monday)
        :param hours: ``(from, to)`` on the centre's clock
        :param date_until: a ``date``
        """
        company = line.order_id.company_id
        if not company.fo_online_booking:
            raise UserError(
                self.env._(
                    "Online booking is not available: please call us at %(phone)s.",
                    phone=company.phone or company.email or company.name,
                )
            )
        if resource and resource not in line._fo_portal_operators():
            raise UserError(self.env._("Please pick one of the operators offered."))
        weekdays = sorted({day for day in weekdays if day in range(7)})
        if not weekdays:
            raise UserError(self.env._("Choose at least one day of the week."))
        hour_from, hour_to = hours
        if not 0 <= hour_from < hour_to <= 24:
            raise UserError(
                self.env._(
                    "Choose hours from 00:00 to 24:00, the first before the second."
                )
            )
        tz = line._fo_portal_tz()
        today = fields.Datetime.now().replace(tzinfo=pytz.utc).astimezone(tz).date()
        horizon = today + timedelta(days=company.fo_online_booking_days)
        if not date_until or not today <= date_until <= horizon:
            raise UserError(
                self.env._(
                    "Choose a last day from today to %(day)s.",
                    day=fields.Date.to_string(horizon),
                )
            )
        vals = {
            "partner_id": (booking.partner_id if booking else line.order_partner_id).id,
            "company_id": company.id,
            "product_id": line.product_id.id,
            "resource_ids": [fields.Command.set(resource.ids if resource else [])],
            "time_of_day": time_of_day if time_of_day in TIMES_OF_DAY else "custom",
            "hour_from": hour_from,
            "hour_to": hour_to,
            "date_until": date_until,
            **{fname: day in weekdays for day, fname in enumerate(WEEKDAY_FIELDS)},
        }
        if booking:
            vals["move_booking_id"] = booking.id
        else:
            vals["sale_line_id"] = line.id
        entry = self.sudo().create(vals)
        entry.message_post(
            body=self.env._("The client joined the waitlist online."),
            author_id=entry.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return entry
