# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    fo_reminder_hours = fields.Integer(
        related="company_id.fo_reminder_hours", readonly=False
    )
    fo_reminder_sms = fields.Boolean(
        related="company_id.fo_reminder_sms", readonly=False
    )
    fo_cancel_notice_hours = fields.Integer(
        related="company_id.fo_cancel_notice_hours", readonly=False
    )
    fo_online_booking = fields.Boolean(
        related="company_id.fo_online_booking", readonly=False
    )
    fo_online_booking_days = fields.Integer(
        related="company_id.fo_online_booking_days", readonly=False
    )
    fo_online_lead_hours = fields.Integer(
        related="company_id.fo_online_lead_hours", readonly=False
    )
