# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Messages to a record's client shared by the sessions and the waitlist: when
to stay silent, and SMS in one batch (the session reminders, the waitlist's
offers)."""

from odoo import Command, api, models


class FrontOfficeSmsMixin(models.AbstractModel):
    """For ``mail.thread`` models whose records have a client (``partner_id``)."""

    _name = "front.office.sms.mixin"
    _description = "Front Office: SMS to clients in batches"

    def _fo_skip_client_messages(self):
        """Installing data (demo clients) or a caller that asks for silence."""
        return bool(
            self.env.context.get("install_mode")
            or self.env.context.get("fo_no_client_messages")
        )

    def _fo_queue_sms(self, template):
        """Queue the SMS of ``template`` to the client of each of these records
        through core's mass SMS composer: rendered in the client's language, a
        note in each record's chatter, blacklisted numbers cancelled. Each record
        is its own message: a client with two sessions gets both (see
        ``sms.composer._get_done_record_ids``).

        :return: the ``sms.sms`` (sudo)
        """
        sms = self._message_sms_schedule_mass(template=template)
        self._fo_notify_sms_status(sms)
        return sms

    @api.model
    def _fo_notify_sms_status(self, sms):
        """The SMS status shown on its note in the chatter (queued, sent,
        failed), as ``_notify_thread_by_sms`` records it for one SMS: core's
        mass composer logs the notes but records no status, and posting each
        SMS with ``_message_sms`` costs about 11 queries an SMS. Kept here, in
        one place, until core's mass mode records it."""
        Notification = self.env["mail.notification"].sudo()
        failure_types = set(Notification._fields["failure_type"].get_values(self.env))
        Notification.create(
            [
                {
                    "author_id": one_sms.mail_message_id.author_id.id,
                    "failure_type": (
                        one_sms.failure_type
                        if one_sms.failure_type in failure_types
                        else one_sms.failure_type and "unknown"
                    ),
                    "is_read": True,
                    "mail_message_id": one_sms.mail_message_id.id,
                    "notification_status": (
                        "ready" if one_sms.state == "outgoing" else "canceled"
                    ),
                    "notification_type": "sms",
                    "res_partner_id": one_sms.partner_id.id,
                    "sms_id_int": one_sms.id,
                    "sms_number": one_sms.number,
                    "sms_tracker_ids": [Command.create({"sms_uuid": one_sms.uuid})],
                }
                for one_sms in sms.filtered("mail_message_id")
            ]
        )
