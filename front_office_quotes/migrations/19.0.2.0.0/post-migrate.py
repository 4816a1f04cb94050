# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.2.0.0:
- the front desk no longer implies Odoo's billing group (segregation of duties);
- payment states follow the sessions' own invoice lines (none carried any before:
  recomputed once with the new code, the start-order allocation still applies);
- sessions hold their operator (and room) in the occupancy table PostgreSQL guards;
- sessions booked before working hours were checked keep their time: those outside
  their resources' hours are marked *Outside Working Hours*, as a manager would."""

from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    billing = env.ref("account.group_account_invoice")
    front_desk = env.ref("front_office_quotes.group_front_office_user")
    if billing in front_desk.implied_ids:
        front_desk.write({"implied_ids": [Command.unlink(billing.id)]})

    Booking = env["front.office.booking"]
    bookings = Booking.search([])
    env.add_to_compute(Booking._fields["payment_state"], bookings)
    bookings.flush_model(["payment_state"])

    holding = bookings.filtered(lambda b: b.state in ("booked", "done"))
    holding._fo_sync_occupancy()
    slots = holding._fo_slots()
    problems = {}
    Booking._fo_availability_problems(slots, problems)
    if problems:
        # The flag only: these sessions are not moved or checked again.
        cr.execute(
            "UPDATE front_office_booking SET outside_hours = true WHERE id IN %s",
            [tuple(holding[idx].id for idx in problems)],
        )
