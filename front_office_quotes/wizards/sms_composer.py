# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Core's mass SMS composer, sending sessions' reminders and waitlist offers."""

from odoo import models


class SmsComposer(models.TransientModel):
    _inherit = "sms.composer"

    def _get_done_record_ids(self, records, recipients_info):
        """Each session is its own reminder (each waitlist offer its own
        offer): a client with two in one batch gets an SMS for each (different
        texts), where a mass mailing to contacts cancels the second one to the
        same number as a duplicate."""
        if self.res_model and "_fo_queue_sms" in dir(self.env[self.res_model]):
            return []
        return super()._get_done_record_ids(records, recipients_info)
