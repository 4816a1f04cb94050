# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Diary's live channel: a desk that asks for it listens to the session
changes of its own companies, never of the others."""

from odoo import models

from .front_office_booking_live import DIARY_CHANNEL


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        channels = list(channels)  # the caller's list stays as it was sent
        if DIARY_CHANNEL in channels:
            channels.remove(DIARY_CHANNEL)
            user = self.env.user
            if user.has_group("front_office_quotes.group_front_office_user"):
                channels.extend(
                    (company, DIARY_CHANNEL) for company in user.company_ids
                )
        return super()._build_bus_channel_list(channels)
