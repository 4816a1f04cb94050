# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    fo_reminder_hours = fields.Integer(
        string="Reminder Hours Before",
        default=24,
        help="Hours before each booked session when the client gets a reminder; "
        "0 sends no reminders.",
    )
    fo_reminder_sms = fields.Boolean(
        string="Reminders by SMS",
        help="Also send the reminder by SMS to clients with a phone number.",
    )
    fo_cancel_notice_hours = fields.Integer(
        string="Cancellation Notice (Hours)",
        default=24,
        help="A session cancelled less than this many hours before its start is a "
        "late cancellation: the session is used. 0 means no late cancellations.",
    )

    _fo_reminder_hours_positive = models.Constraint(
        "CHECK(fo_reminder_hours >= 0)",
        "The reminder hours cannot be negative.",
    )
    _fo_cancel_notice_hours_positive = models.Constraint(
        "CHECK(fo_cancel_notice_hours >= 0)",
        "The cancellation notice cannot be negative.",
    )
