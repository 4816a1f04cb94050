# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Live Diary: every change of sessions is announced on the bus, so that the
desks showing the day re-read it within a second.

One message per company and per operation (a batch of 300 sessions is one
message), carrying the UTC span the change touches: a desk re-reads its day only
when the span meets it. The desks listen on ``(company, DIARY_CHANNEL)``,
which ``ir.websocket`` grants to the front desk of that company.
"""

from odoo import api, fields, models

DIARY_CHANNEL = "front_office_quotes.diary"
DIARY_CHANGED = "front_office_quotes.diary/changed"
# What a Diary card shows of a session (its client and quote follow the line):
# writing anything else (reminder sent, note, cancel reason...) leaves the day as
# the desks see it.
DIARY_FIELDS = {
    "start",
    "duration",
    "stop",
    "resource_id",
    "room_id",
    "state",
    "sale_line_id",
    "partner_id",
}


# One concern of the booking model in a file of its own.
# pylint: disable=consider-merging-classes-inherited
class FrontOfficeBooking(models.Model):
    _inherit = "front.office.booking"

    @api.model_create_multi
    def create(self, vals_list):
        bookings = super().create(vals_list)
        bookings._fo_notify_diary()
        return bookings

    def write(self, vals):
        if not DIARY_FIELDS & vals.keys():
            return super().write(vals)
        spans = self._fo_diary_spans()
        result = super().write(vals)
        self._fo_notify_diary(spans)
        return result

    def unlink(self):
        spans = self._fo_diary_spans()
        result = super().unlink()
        self.browse()._fo_notify_diary(spans)
        return result

    def _fo_diary_spans(self, spans=None):
        """The UTC span ``[first start, last busy stop]`` the sessions cover, by
        company; merged into ``spans`` when given (before and after a move)."""
        spans = dict(spans or {})
        for booking in self:
            if not booking.start:
                continue
            begin = booking.start
            end = booking.busy_stop or booking.stop or begin
            known = spans.get(booking.company_id)
            spans[booking.company_id] = (
                (min(known[0], begin), max(known[1], end)) if known else (begin, end)
            )
        return spans

    def _fo_notify_diary(self, spans=None):
        """Tell the desks of each company which part of their days changed."""
        spans = self._fo_diary_spans(spans)
        to_string = fields.Datetime.to_string
        for company, (begin, end) in spans.items():
            if not company:
                continue
            self.env["bus.bus"]._sendone(
                (company, DIARY_CHANNEL),
                DIARY_CHANGED,
                {
                    "company_id": company.id,
                    "start": to_string(begin),
                    "stop": to_string(end),
                },
            )
