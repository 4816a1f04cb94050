# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Over JSON-RPC, exactly as the web client calls the server, the front-desk user
cannot write what the ORM derives: every protected write is refused."""

import json
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import FrontOfficeCommon


@tagged("post_install", "-at_install")
class TestJsonRpc(FrontOfficeCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env.user)
        cls.quote = cls._confirmed_quote(
            validity_start_date=today, validity_date=today + timedelta(days=60)
        )
        cls.line = cls.quote.order_line
        start = datetime.combine(today + timedelta(days=3), datetime.min.time())
        cls.booking = cls._book(cls.line, start + timedelta(hours=9))
        cls.other_quote = cls._confirmed_quote(partner=cls.client_laura)

    def _call_kw(self, model, method, args, kwargs=None):
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": kwargs or {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _assert_refused(self, model, method, args, kwargs=None):
        result = self._call_kw(model, method, args, kwargs)
        self.assertIn("error", result, f"{method} {args} was accepted")
        return result["error"]["data"]["message"]

    def test_front_desk_cannot_bend_the_records_over_json_rpc(self):
        self.authenticate(self.front_desk_user.login, self.front_desk_user.login)
        booking_id, line_id = self.booking.id, self.line.id
        start = self.booking.start
        for vals in (
            {"payment_state": "paid"},
            {"state": "done"},
            {"state": "cancelled"},
            {"stop": fields.Datetime.to_string(start)},
            {"stop": fields.Datetime.to_string(start - timedelta(hours=1))},
            {"sale_order_id": self.other_quote.id},
            {"product_id": self.service_physio.id},
            {"checkin_datetime": fields.Datetime.to_string(start)},
            {"sale_line_id": self.other_quote.order_line.id},
            {"duration": -1},
            {"duration": 1e9},
            {"start": "9999-12-31 23:00:00"},
        ):
            with self.subTest(vals=vals):
                self._assert_refused(
                    "front.office.booking", "write", [[booking_id], vals]
                )
        for vals in (
            {"fo_sessions_paid": 10},
            {"fo_sessions_remaining": 99},
            {"qty_delivered": 10},
        ):
            with self.subTest(vals=vals):
                self._assert_refused("sale.order.line", "write", [[line_id], vals])
        message = self._assert_refused(
            "front.office.booking",
            "create",
            [
                {
                    "sale_line_id": line_id,
                    "resource_id": self.room_massage.id,
                    "start": fields.Datetime.to_string(start + timedelta(days=1)),
                    "state": "done",
                }
            ],
        )
        self.assertIn("cannot be changed by hand", message)
        # The derived data is as it was.
        self.booking.invalidate_recordset()
        self.line.invalidate_recordset()
        self.assertEqual(
            (self.booking.state, self.booking.payment_state, self.booking.stop),
            ("booked", "not_paid", start + timedelta(minutes=50)),
        )
        self.assertEqual(
            (self.line.fo_sessions_paid, self.line.fo_sessions_remaining), (0, 9)
        )
        # What the desk may do goes through.
        result = self._call_kw(
            "front.office.booking",
            "write",
            [[booking_id], {"start": fields.Datetime.to_string(start)}],
        )
        self.assertNotIn("error", result)
        result = self._call_kw("front.office.booking", "action_cancel", [[booking_id]])
        self.assertNotIn("error", result)
