# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Booking a package's sessions online: the times a client may pick (the
free-slot search inside the company's online window) and the booking itself,
through the rule book."""

from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError, ValidationError

# How many free times a page of the picker lists at most (two weeks of a
# 15-minute grid, one operator: about 1,300; more operators only add choices of
# the same times).
PORTAL_SLOT_LIMIT = 2000


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _fo_portal_window(self):
        """The times a client may pick online: from the company's minimum notice
        of an online booking to its horizon (naive UTC)."""
        company = self.order_id.company_id or self.env.company
        now = fields.Datetime.now()
        return (
            now + timedelta(hours=company.fo_online_lead_hours),
            now + timedelta(days=company.fo_online_booking_days),
        )

    def _fo_portal_operators(self):
        """The operators a client may choose for this service: the service's, or
        (none set) the company's people, as the free-slot search takes them."""
        self.ensure_one()
        return self.product_id.fo_resource_ids or self.env["resource.resource"].search(
            [
                ("resource_type", "=", "user"),
                ("company_id", "in", [False, self.order_id.company_id.id]),
            ]
        )

    def _fo_portal_tz(self):
        """The centre's clock, on which the picker shows its days."""
        self.ensure_one()
        return self._fo_portal_operators()[:1]._fo_tz()

    def _fo_portal_free_slots(self, date_from, date_to, resource=None):
        """The free times of this line's service between ``date_from`` and
        ``date_to`` (naive UTC) that the client may pick online: every rule of
        ``_fo_find_free_slots``, inside the online window."""
        self.ensure_one()
        earliest, latest = self._fo_portal_window()
        date_from, date_to = max(date_from, earliest), min(date_to, latest)
        if date_from >= date_to:
            return []
        return self.env["front.office.booking"]._fo_find_free_slots(
            self,
            date_from,
            date_to,
            resources=resource or None,
            limit=PORTAL_SLOT_LIMIT,
        )

    def _fo_portal_slot(self, start, resource):
        """The free time at ``start`` with ``resource`` the picker offers, or a
        ``UserError`` saying why it is not one (a tampered answer, or a time
        taken meanwhile)."""
        self.ensure_one()
        if resource not in self._fo_portal_operators():
            raise UserError(self.env._("Please pick one of the operators offered."))
        start = fields.Datetime.to_datetime(start)
        earliest, latest = self._fo_portal_window()
        if not earliest <= start <= latest:
            raise UserError(
                self.env._(
                    "This time cannot be booked online: please pick one of the "
                    "times offered."
                )
            )
        duration = timedelta(hours=self.product_id.fo_session_duration or 1.0)
        slots = self._fo_portal_free_slots(start, start + duration, resource=resource)
        slot = next(
            (
                s
                for s in slots
                if s["start"] == start and s["resource_id"] == resource.id
            ),
            None,
        )
        if not slot:
            raise UserError(
                self.env._("This time is no longer free: please pick another one.")
            )
        return slot

    def _fo_portal_book_problem(self):
        """Why the client may not book a session of this line online, or
        ``False``."""
        self.ensure_one()
        company = self.order_id.company_id
        if not company.fo_online_booking:
            return self.env._(
                "Online booking is not available: please call us at %(phone)s.",
                phone=company.phone or company.email or company.name,
            )
        if not (
            self.product_id.fo_is_bookable
            and self.order_id.state == "sale"
            and self.fo_sessions_remaining > 0
        ):
            return self.env._("This package has no session left to book.")
        return False

    def _fo_portal_book(self, start, resource):
        """Book one session of this line at ``start`` with ``resource``, for its
        client: the policy, then a time the picker offers, then the rule book
        (``create``; the confirmation goes out as for the desk)."""
        self.ensure_one()
        problem = self._fo_portal_book_problem()
        if problem:
            raise UserError(problem)
        slot = self._fo_portal_slot(start, resource)
        Booking = self.env["front.office.booking"]
        try:
            booking = Booking.create(
                {
                    "sale_line_id": self.id,
                    "start": slot["start"],
                    "resource_id": resource.id,
                    "room_id": slot["room_id"] or False,
                }
            )
        except ValidationError as error:
            raise UserError(error.args[0]) from error
        booking._fo_portal_log(self.env._("Booked online by the client."))
        return booking
