# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.2.0.0: the front desk no longer implies Odoo's billing group (segregation of
duties); bookings of the previous version get their derived values anew."""

from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    billing = env.ref("account.group_account_invoice")
    front_desk = env.ref("front_office_quotes.group_front_office_user")
    if billing in front_desk.implied_ids:
        front_desk.write({"implied_ids": [Command.unlink(billing.id)]})
    # Payment states now follow the sessions' own invoice lines; before this
    # version none carried sessions, so the start-order allocation still applies,
    # recomputed once with the new code.
    bookings = env["front.office.booking"].search([])
    env.add_to_compute(bookings._fields["payment_state"], bookings)
    bookings.flush_model(["payment_state"])
