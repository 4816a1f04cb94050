# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Messages to a session's client: booking confirmation (with an iCalendar
file), move and cancellation notices, reminders by email and SMS. Each is one
message per client per batch, rendered from templates the centre can edit."""

from datetime import timedelta

import pytz
import vobject

from odoo import api, fields, models
from odoo.tools import format_datetime

# A booking confirmation waits this long before it leaves (core's scheduled
# notification): a batch moved meanwhile, a drag right after booking, updates
# it instead of sending a move notice after it.
CONFIRMATION_HOLD = timedelta(minutes=2)


# The session model is split by concern, one file each.
# pylint: disable=consider-merging-classes-inherited
class FrontOfficeBooking(models.Model):
    _name = "front.office.booking"
    _inherit = ["front.office.booking", "front.office.sms.mixin"]

    reminder_sent = fields.Boolean(
        copy=False,
        readonly=True,
        help="The client was reminded of this session; moving it sends a new "
        "reminder for the new time.",
    )
    fo_confirmation_message_id = fields.Many2one(
        comodel_name="mail.message",
        string="Confirmation",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The booking confirmation that lists this session.",
    )
    fo_start_label = fields.Char(
        string="Local Start",
        compute="_compute_fo_start_label",
        help="Date and time of the session in the time zone of its resource, as "
        "the client reads it in messages.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("start", "resource_id.tz", "partner_id.tz")
    @api.depends_context("lang")
    def _compute_fo_start_label(self):
        for booking in self:
            booking.fo_start_label = booking._fo_local_label(booking.start)

    # ------------------------------------------------------------------
    # Helpers of the templates
    # ------------------------------------------------------------------

    def _fo_local_tz(self, resource=None):
        """The centre's clock (the resource's time zone), as a name."""
        self.ensure_one()
        return (resource or self.resource_id)._fo_tz().zone

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

    # ------------------------------------------------------------------
    # Confirmation
    # ------------------------------------------------------------------

    def _fo_after_booked(self):
        """Hook of ``create``: one confirmation per client of the batch, and the
        reminder cron woken for the first reminder due."""
        booked = self.filtered(lambda b: b.state == "booked")
        if not booked:
            return
        now = fields.Datetime.now()
        # A session recorded after it began (a manager's) confirms nothing.
        upcoming = booked.filtered(lambda b: b.start > now)
        if not self._fo_skip_client_messages():
            for bookings in upcoming.grouped("partner_id").values():
                bookings._fo_send_confirmation()
            # The confirmation just sent is the reminder of a session already
            # within its reminder's notice: no second message right after it.
            upcoming.filtered(
                lambda b: (
                    b.company_id.fo_reminder_hours
                    and b.start - timedelta(hours=b.company_id.fo_reminder_hours) <= now
                )
            ).sudo().write({"reminder_sent": True})
        booked._fo_schedule_reminders()

    def _fo_send_confirmation(self):
        """One email listing these sessions of one client, with an iCalendar
        attachment; logged on the first session at once, sent after
        ``CONFIRMATION_HOLD``."""
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
        message = first.with_context(fo_batch_ids=bookings.ids)._fo_post_template(
            "front_office_quotes.mail_template_fo_booking_confirmation",
            attachment_ids=attachment.ids,
            # The clock core compares scheduled notifications with.
            scheduled_date=fields.Datetime.to_string(
                self.env.cr.now() + CONFIRMATION_HOLD
            ),
        )
        if message:
            bookings.sudo().write({"fo_confirmation_message_id": message.id})

    def _fo_update_held_confirmations(self):
        """Rewrite the confirmations of these sessions that have not left yet
        (their scheduled notification is still queued) with their sessions as
        they are now: times, resources, the .ics; one whose sessions are all
        cancelled is withdrawn. The client then gets one email, right.

        :return: the sessions whose confirmation was held
        """
        messages = self.sudo().fo_confirmation_message_id
        if not messages:
            return self.browse()
        held = (
            self.env["mail.message.schedule"]
            .sudo()
            .search([("mail_message_id", "in", messages.ids)])
            .mail_message_id
        )
        if not held:
            return self.browse()
        # Read before a confirmation is withdrawn: its sessions then lose the link.
        held_bookings = self.filtered(
            lambda b: b.sudo().fo_confirmation_message_id in held
        )
        template = self.env.ref(
            "front_office_quotes.mail_template_fo_booking_confirmation",
            raise_if_not_found=False,
        )
        listed = self.sudo().search([("fo_confirmation_message_id", "in", held.ids)])
        for message in held:
            bookings = listed.filtered(
                lambda b, m=message: (
                    b.fo_confirmation_message_id == m and b.state == "booked"
                )
            ).sorted("start")
            if not bookings or not template:
                message.attachment_ids.unlink()
                message.unlink()
                continue
            # The template lists the sessions of the context's batch.
            batch_template = template.with_context(fo_batch_ids=bookings.ids)
            values = {
                fname: batch_template._render_field(
                    fname, [message.res_id], compute_lang=True
                )[message.res_id]
                for fname in ("subject", "body_html")
            }
            message.write({"subject": values["subject"], "body": values["body_html"]})
            message.attachment_ids.filtered(
                lambda a: a.mimetype == "text/calendar"
            ).raw = bookings._fo_ics_content()
        return held_bookings

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

    # ------------------------------------------------------------------
    # Cancellation and move
    # ------------------------------------------------------------------

    def _fo_after_cancelled(self):
        """Hook of ``action_cancel``: each client is told once, by one email
        listing their sessions cancelled together (logged on the first one)."""
        if self._fo_skip_client_messages():
            return
        # A confirmation still held no longer lists them (it is withdrawn when
        # nothing is left): the client never heard of those sessions, so there is
        # no cancellation to tell them of either.
        held = self._fo_update_held_confirmations()
        told = (self - held)._fo_reachable_by(
            "email", self.env._("cancellation notice")
        )
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
            # Moved before their confirmation left: it tells the new times.
            held = moved._fo_update_held_confirmations()
            future = (moved - held).filtered(lambda b: b.start > fields.Datetime.now())
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

    # ------------------------------------------------------------------
    # Reminders (the cron is front.office.reminder)
    # ------------------------------------------------------------------

    def _fo_schedule_reminders(self):
        """Wake the reminder cron when the first reminder of these sessions is
        due."""
        self.env["front.office.reminder"]._schedule(self)

    @api.model
    def _fo_send_due_reminders(self, batch_size=200):
        """Send one batch of the reminders due: (number sent, number still due)."""
        return self.env["front.office.reminder"]._send_due_reminders(
            batch_size=batch_size
        )

    @api.model
    def _cron_fo_send_reminders(self, batch_size=200):
        """The reminder cron's run (see front.office.reminder)."""
        return self.env["front.office.reminder"]._cron_send_reminders(
            batch_size=batch_size
        )

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
        through core's mass-mail composer (as event reminders are): rendered in
        the client's language, left to Odoo's mail queue, kept in each session's
        chatter as its trace with its delivery status; a client on the blacklist
        gets a cancelled mail. The composer works by chunks of ``mail.batch_size``
        (50): its queries grow by chunk, not by session."""
        self.env["mail.compose.message"].create(
            {
                "composition_mode": "mass_mail",
                "force_send": False,
                "model": self._name,
                "res_ids": self.ids,
                "template_id": template.id,
            }
        ).action_send_mail()
