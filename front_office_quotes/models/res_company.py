# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The longest notice a setting may ask for: a year (of 366 days). Beyond it, the
# start minus the notice leaves the calendar and every booking would fail.
FO_MAX_NOTICE_HOURS = 366 * 24


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

    fo_online_booking = fields.Boolean(
        string="Online Self-Service",
        default=True,
        help="Clients open their sessions from the link in every message (or their "
        "portal account) and move, cancel, book and pay them online.",
    )
    fo_online_booking_days = fields.Integer(
        string="Online Booking Horizon (Days)",
        default=60,
        help="How many days ahead clients may book or move a session online.",
    )
    fo_online_lead_hours = fields.Integer(
        string="Online Booking Notice (Hours)",
        default=2,
        help="The earliest a client may book or move a session online: this many "
        "hours from now.",
    )

    _fo_reminder_hours_positive = models.Constraint(
        f"CHECK(fo_reminder_hours BETWEEN 0 AND {FO_MAX_NOTICE_HOURS})",
        "The reminder hours must be between 0 and 8784 (a year).",
    )
    _fo_cancel_notice_hours_positive = models.Constraint(
        f"CHECK(fo_cancel_notice_hours BETWEEN 0 AND {FO_MAX_NOTICE_HOURS})",
        "The cancellation notice must be between 0 and 8784 hours (a year).",
    )

    @api.constrains("fo_reminder_hours", "fo_cancel_notice_hours")
    def _check_fo_notice_hours(self):
        # The same bounds as the SQL checks, said before PostgreSQL is asked (an
        # integer beyond its range would otherwise come back as a database error).
        for company in self:
            for fname in ("fo_reminder_hours", "fo_cancel_notice_hours"):
                if not 0 <= company[fname] <= FO_MAX_NOTICE_HOURS:
                    raise ValidationError(
                        self.env._(
                            "%(setting)s must be between 0 and %(max)s hours (a year).",
                            setting=company._fields[fname].get_description(self.env)[
                                "string"
                            ],
                            max=FO_MAX_NOTICE_HOURS,
                        )
                    )
