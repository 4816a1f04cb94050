# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SMS to a record's client in one batch: what the session reminders send, and
the waitlist's offers too."""

from odoo import Command, models

from odoo.addons.sms.tools.sms_tools import sms_content_to_rendered_html


class FrontOfficeSmsMixin(models.AbstractModel):
    """For ``mail.thread`` models whose records have a client (``partner_id``)."""

    _name = "front.office.sms.mixin"
    _description = "Front Office: SMS to clients in batches"

    def _fo_queue_sms(self, template):
        """Queue the SMS of ``template`` to the client (``partner_id``) of each
        of these records, for Odoo's SMS gateway to send.

        ``_message_sms`` posts and notifies each one (about 11 queries an SMS);
        here the bodies are rendered in one pass per language, the notes logged in
        one batch and the ``sms.sms`` and their notifications created at once.
        Unlike the mass SMS composer, a client with two sessions gets both.

        :return: the ``sms.sms`` (sudo)
        """
        bodies = template._render_field("body", self.ids, compute_lang=True)
        messages = self._message_log_batch(
            {
                res_id: sms_content_to_rendered_html(body)
                for res_id, body in bodies.items()
            },
            message_type="sms",
        )
        sms_vals = []
        for record, message in zip(self, messages, strict=True):
            partner = record.partner_id
            sms_vals.append(
                {
                    "body": bodies[record.id],
                    "mail_message_id": message.id,
                    "number": partner._phone_format(number=partner.phone)
                    or partner.phone,
                    "partner_id": partner.id,
                    "state": "outgoing",
                }
            )
        sms = self.env["sms.sms"].sudo().create(sms_vals)
        # What _notify_thread_by_sms writes: the SMS status shown in the chatter.
        self.env["mail.notification"].sudo().create(
            [
                {
                    "author_id": message.author_id.id,
                    "is_read": True,
                    "mail_message_id": message.id,
                    "notification_status": "ready",
                    "notification_type": "sms",
                    "res_partner_id": one_sms.partner_id.id,
                    "sms_id_int": one_sms.id,
                    "sms_number": one_sms.number,
                    "sms_tracker_ids": [Command.create({"sms_uuid": one_sms.uuid})],
                }
                for one_sms, message in zip(sms, messages, strict=True)
            ]
        )
        return sms
