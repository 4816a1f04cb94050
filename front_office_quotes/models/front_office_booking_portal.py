# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The client's own page of a session: the link every client message carries
(``portal.mixin``: access token) and the policy that decides what the client may
do there alone."""

import uuid
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError


class FrontOfficeBooking(models.Model):
    _name = "front.office.booking"
    _inherit = ["front.office.booking", "portal.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        # The token comes with the session: the messages that link the page are
        # rendered in batches, where ensuring it one session at a time would
        # cost a write each.
        for vals in vals_list:
            vals.setdefault("access_token", str(uuid.uuid4()))
        return super().create(vals_list)

    def _compute_access_url(self):
        for booking in self:
            booking.access_url = f"/my/sessions/{booking.id}"

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Session %(session)s", session=self.display_name)

    # -- what the client may do online -----------------------------------

    def _fo_portal_change_problem(self):
        """Why the client may not move or cancel this session online (a sentence
        for the page), or ``False``. Inside the company's cancellation notice the
        desk decides: nothing becomes a late cancellation without it."""
        self.ensure_one()
        company = self.company_id
        phone = company.phone or company.email or company.name
        if not company.fo_online_booking:
            return self.env._(
                "Online changes are not available: please call us at %(phone)s.",
                phone=phone,
            )
        if self.state != "booked":
            return self.env._(
                "This session is %(state)s: it can no longer be changed online.",
                state=dict(self._fields["state"]._description_selection(self.env)).get(
                    self.state
                ),
            )
        now = fields.Datetime.now()
        if self.start <= now:
            return self.env._("This session has already started.")
        notice = company.fo_cancel_notice_hours
        if notice and self.start < now + timedelta(hours=notice):
            return self.env._(
                "Changes and cancellations are possible online until %(hours)s hours "
                "before the session. Please call us at %(phone)s.",
                hours=notice,
                phone=phone,
            )
        return False

    def _fo_portal_check_change(self):
        self.ensure_one()
        problem = self._fo_portal_change_problem()
        if problem:
            raise UserError(problem)

    def _fo_portal_log(self, body):
        """Say in the chatter that the client did it online, in the client's
        name (the desk sees who acted)."""
        self.message_post(
            body=body,
            author_id=self.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def _fo_portal_cancel(self):
        """Cancel this session for its client, online: only outside the notice,
        so that it is never a late cancellation."""
        self.ensure_one()
        self._fo_portal_check_change()
        self.action_cancel()
        self._fo_portal_log(self.env._("Cancelled online by the client."))
        return True

    # -- moving online ---------------------------------------------------

    def _fo_portal_line(self):
        """The session's line as the free-slot search must see it while the
        session moves: with this session to place again (the line may have no
        session left to book)."""
        self.ensure_one()
        line = self.sale_line_id
        return line.new(
            {"fo_sessions_remaining": line.fo_sessions_remaining + 1}, origin=line
        )

    def _fo_portal_reschedule(self, start, resource):
        """Move this session to ``start`` with ``resource``, for its client: the
        policy first (notice), then the time must be one the picker offers, then
        the rule book decides through ``write`` (a time taken meanwhile is
        refused there)."""
        self.ensure_one()
        self._fo_portal_check_change()
        slot = self._fo_portal_line()._fo_portal_slot(start, resource)
        before = self._fo_local_label(self.start)
        try:
            self.write(
                {
                    "start": slot["start"],
                    "resource_id": resource.id,
                    "room_id": slot["room_id"] or self.room_id.id,
                }
            )
        except ValidationError as error:
            raise UserError(error.args[0]) from error
        self._fo_portal_log(
            self.env._("Moved online by the client from %(before)s.", before=before)
        )
        return True

    # -- paying online ---------------------------------------------------

    def _fo_portal_pay_problem(self):
        """Why the client may not pay this session online, or ``False``."""
        self.ensure_one()
        if not self.company_id.fo_online_booking:
            return self.env._(
                "Online payment is not available: please pay at the desk."
            )
        if self.payment_state == "paid":
            return self.env._("This session is already paid.")
        if self.state != "booked":
            return self.env._("Only booked sessions are paid online.")
        # A session not invoiced yet is invoiced now, in full.
        if (
            self.payment_state == "not_paid"
            and self.sale_order_id.sudo()._fo_deposit_uncovered(self.price_per_session)
        ):
            return self.env._(
                "The deposit you paid on this package is settled with its last "
                "payment: please pay at the desk."
            )
        return False

    def _fo_portal_invoice(self):
        """The invoice the client pays online for this session: the payment
        wizard's invoicing step (a new invoice whose line carries the session, or
        the open invoice that already does), so that a second tab or a payment
        taken at the desk meanwhile never charges the session twice."""
        self.ensure_one()
        problem = self._fo_portal_pay_problem()
        if problem:
            raise UserError(problem)
        wizard = (
            self.env["front.office.payment.wizard"]
            .with_company(self.company_id)
            .create(
                {
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "booking_ids": [Command.set(self.ids)],
                }
            )
        )
        invoices = wizard._fo_invoice_sessions()
        if not invoices:
            raise UserError(
                self.env._("There is nothing left to pay for this session.")
            )
        return invoices[:1]
