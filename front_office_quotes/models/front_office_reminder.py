# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reminder cron as a service: which sessions are due a reminder, sending
them in batches, and waking the cron at the time the next one is due."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

REMINDER_CRON = "front_office_quotes.ir_cron_fo_send_reminders"


class FrontOfficeReminder(models.AbstractModel):
    """Woken with ``ir.cron._trigger(at=...)`` when sessions are booked, moved
    or reopened, and by itself for the next reminder due: the daily run of the
    cron is only a safety net."""

    _name = "front.office.reminder"
    _description = "Front Office Session Reminders"

    @api.model
    def _cron_send_reminders(self, batch_size=200):
        """One batch per call (the cron runner calls again while some remain),
        then wake up for the next reminder due."""
        sent, remaining = self._send_due_reminders(batch_size=batch_size)
        if not remaining:
            self._schedule_next_reminder()
        self.env["ir.cron"]._commit_progress(sent, remaining=remaining)

    @api.model
    def _send_due_reminders(self, batch_size=200):
        """Send one batch of the reminders due.

        :return: (number sent, number still due)
        """
        Booking = self.env["front.office.booking"]
        domain = self._get_due_domain()
        bookings = Booking.search(domain, limit=batch_size, order="start, id")
        bookings._fo_send_reminders()
        remaining = Booking.search_count(domain) if len(bookings) == batch_size else 0
        return len(bookings), remaining

    @api.model
    def _get_reminding_companies(self):
        return self.env["res.company"].sudo().search([("fo_reminder_hours", ">", 0)])

    @api.model
    def _get_due_domain(self):
        """Booked sessions not reminded yet, not started, whose reminder time
        (their company's hours before the start) has come."""
        now = fields.Datetime.now()
        companies = self._get_reminding_companies()
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
    def _schedule(self, bookings):
        """Wake the cron when the first reminder of ``bookings`` is due (one
        trigger per batch: the cron re-triggers itself for the next)."""
        now = fields.Datetime.now()
        due = [
            booking.start - timedelta(hours=booking.company_id.fo_reminder_hours)
            for booking in bookings
            if booking.state == "booked"
            and not booking.reminder_sent
            and booking.company_id.fo_reminder_hours
            and booking.start > now
        ]
        if due:
            self._trigger_at(max(min(due), now))

    @api.model
    def _schedule_next_reminder(self):
        """After a run, the next reminder due: the first session of each company
        still to remind, less its hours."""
        now = fields.Datetime.now()
        companies = self._get_reminding_companies()
        if not companies:
            return
        firsts = (
            self.env["front.office.booking"]
            .sudo()
            ._read_group(
                [
                    ("state", "=", "booked"),
                    ("reminder_sent", "=", False),
                    ("start", ">", now),
                    ("company_id", "in", companies.ids),
                ],
                ["company_id"],
                ["start:min"],
            )
        )
        due = [
            first - timedelta(hours=company.fo_reminder_hours)
            for company, first in firsts
        ]
        if due:
            self._trigger_at(max(min(due), now))

    @api.model
    def _trigger_at(self, moment):
        cron = self.env.ref(REMINDER_CRON, raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger(at=moment)
