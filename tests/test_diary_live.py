# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two desks on the Diary see each other's changes at once: every change of
sessions is announced on the bus, to the desks of the session's company."""

import json
from datetime import date, datetime, timedelta
from unittest.mock import MagicMock, patch

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.bus.models.bus import channel_with_db, json_dump

from .common import FrontOfficeCommon

TODAY = date(2026, 3, 2)
MONDAY_9 = datetime(2026, 3, 2, 9, 0)
DIARY_CHANNEL = "front_office_quotes.diary"
DIARY_CHANGED = "front_office_quotes.diary/changed"


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestDiaryLive(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.line = cls._confirmed_quote(
            validity_start_date=TODAY, validity_date=TODAY + timedelta(days=30)
        ).order_line

    def _diary_messages(self, operation, company=None):
        """The Diary's bus messages sent by ``operation()``, as payloads."""
        self.env.cr.precommit.run()  # messages of the set-up are not ours
        Bus = self.env["bus.bus"].sudo()
        last = Bus.search([], order="id desc", limit=1).id
        operation()
        self.env.cr.precommit.run()  # bus.bus rows are written before the commit
        channel = channel_with_db(
            self.env.cr.dbname, (company or self.env.company, DIARY_CHANNEL)
        )
        messages = Bus.search([("id", ">", last), ("channel", "=", json_dump(channel))])
        bodies = [json.loads(message.message) for message in messages]
        self.assertEqual({body["type"] for body in bodies} - {DIARY_CHANGED}, set())
        return [body["payload"] for body in bodies]

    def _span(self, start, stop):
        return {
            "company_id": self.env.company.id,
            "start": str(start),
            "stop": str(stop),
        }

    def test_booking_a_session_tells_the_desks_of_its_company(self):
        bookings = []

        def book():
            bookings.append(self._book(self.line, MONDAY_9, self.therapist))

        payloads = self._diary_messages(book)
        self.assertEqual(payloads, [self._span(MONDAY_9, bookings[0].busy_stop)])

    def test_a_batch_of_sessions_is_one_message_covering_them_all(self):
        week = timedelta(days=7)
        starts = [MONDAY_9 + week * i for i in range(5)]

        def book_series():
            self.env["front.office.booking"].with_user(self.front_desk_user).create(
                [
                    {
                        "sale_line_id": self.line.id,
                        "start": start,
                        "resource_id": self.therapist.id,
                    }
                    for start in starts
                ]
            )

        [payload] = self._diary_messages(book_series)
        self.assertEqual(payload["start"], str(starts[0]))
        self.assertGreater(payload["stop"], str(starts[-1]))

    def test_a_move_covers_where_the_session_was_and_where_it_goes(self):
        booking = self._book(self.line, MONDAY_9, self.therapist)
        later = MONDAY_9 + timedelta(days=1, hours=3)

        def move():
            booking.with_user(self.front_desk_user).write(
                {"start": later, "resource_id": self.room_massage.id}
            )

        payloads = self._diary_messages(move)
        self.assertEqual(payloads, [self._span(MONDAY_9, booking.busy_stop)])

    def test_cancelling_a_session_is_announced(self):
        booking = self._book(self.line, MONDAY_9, self.therapist)
        desk_booking = booking.with_user(self.front_desk_user)
        span = self._span(MONDAY_9, booking.busy_stop)
        self.assertEqual(self._diary_messages(desk_booking.action_cancel), [span])
        self.assertNotEqual(booking.state, "booked")

    def test_deleting_a_session_is_announced(self):
        booking = self._book(self.line, MONDAY_9, self.therapist)
        span = self._span(MONDAY_9, booking.busy_stop)
        manager_booking = booking.with_user(self.front_office_manager)
        self.assertEqual(self._diary_messages(manager_booking.unlink), [span])

    def test_what_the_diary_does_not_show_sends_nothing(self):
        booking = self._book(self.line, MONDAY_9, self.therapist)

        def note():
            booking.with_user(self.front_desk_user).note = "Prefers a warm room"

        self.assertEqual(self._diary_messages(note), [])

    def test_only_the_front_desk_of_the_company_listens(self):
        other = self._other_company()
        request = MagicMock()
        for user, expected in (
            (self.front_desk_user, {self.env.company}),
            (self.internal_user, set()),
        ):
            request.session.uid = user.id
            with patch("odoo.addons.bus.models.ir_websocket.wsrequest", new=request):
                channels = (
                    self.env["ir.websocket"]
                    .with_user(user)
                    ._build_bus_channel_list([DIARY_CHANNEL])
                )
            # The string the browser sends is replaced by the companies' channels.
            self.assertNotIn(DIARY_CHANNEL, [c for c in channels if isinstance(c, str)])
            diary_companies = {
                channel[0]
                for channel in channels
                if isinstance(channel, tuple) and channel[1:] == (DIARY_CHANNEL,)
            }
            self.assertEqual(diary_companies, expected)
            self.assertNotIn(other, diary_companies)

    def test_the_booking_dialog_searches_with_the_server_domains(self):
        """The Diary evaluates these with the operator's picks, as a view does."""
        domains = (
            self.env["front.office.booking"]
            .with_user(self.front_desk_user)
            .fo_diary_data("2026-03-02")["domains"]
        )
        values = {
            "query": "mario",
            "partner_id": self.client_mario.id,
            "resource_id": self.therapist.id,
            "day": "2026-03-02",
        }
        env = self.env(user=self.front_desk_user)

        def search(model, name):
            return env[model].search(safe_eval(domains[name], values))

        self.assertIn(self.client_mario, search("res.partner", "clients"))
        self.assertEqual(search("sale.order.line", "lines"), self.line)
        services = search("product.product", "services")
        self.assertIn(self.service_massage, services)
        self.assertTrue(all(services.mapped("fo_is_bookable")))
