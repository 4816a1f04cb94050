# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Over JSON-RPC, exactly as the web client calls the server, the front-desk user
cannot write what the ORM derives: every protected write is refused."""

import json
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

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

    def test_the_desk_cannot_forge_who_changed_a_state_or_when(self):
        """An undo trusts who changed the state and when: the desk cannot
        write them to undo someone else's cancellation or a stale one."""
        self.authenticate(self.front_desk_user.login, self.front_desk_user.login)
        for vals in (
            {"fo_state_changed_by": self.front_desk_user.id},
            {"fo_state_changed_at": fields.Datetime.to_string(datetime.now())},
        ):
            with self.subTest(vals=vals):
                self._assert_refused(
                    "front.office.booking", "write", [[self.booking.id], vals]
                )
        result = self._call_kw(
            "front.office.booking",
            "action_cancel",
            [[self.booking.id]],
            {"reason": "Client called"},
        )
        self.assertNotIn("error", result)
        result = self._call_kw(
            "front.office.booking", "action_undo", [[self.booking.id]]
        )
        self.assertNotIn("error", result)
        self.booking.invalidate_recordset()
        self.assertEqual(self.booking.state, "booked")

    def _assert_clear_error(self, model, method, args, kwargs=None):
        """Refused with an error meant for the operator, not a traceback."""
        result = self._call_kw(model, method, args, kwargs)
        self.assertIn("error", result, f"{model}.{method} {args} was accepted")
        self.assertIn(
            result["error"]["data"]["name"],
            (
                "odoo.exceptions.UserError",
                "odoo.exceptions.ValidationError",
                "odoo.exceptions.AccessError",
            ),
            result["error"]["data"].get("debug", "")[-500:],
        )
        return result["error"]["data"]["message"]

    def test_derived_quantities_of_a_session_line_are_not_written(self):
        self.authenticate(self.front_desk_user.login, self.front_desk_user.login)
        for vals in (
            {"qty_invoiced": 10},
            {"qty_to_invoice": 0},
            {"invoice_status": "invoiced"},
            {"price_total": 1},
        ):
            with self.subTest(vals=vals):
                message = self._assert_clear_error(
                    "sale.order.line", "write", [[self.line.id], vals]
                )
                self.assertIn("cannot be changed by hand", message)
        self.line.invalidate_recordset()
        self.assertEqual(
            (self.line.qty_invoiced, self.line.invoice_status), (0, "to invoice")
        )

    def test_the_desk_reads_the_centres_time_off_but_does_not_change_it(self):
        start = datetime.combine(
            fields.Date.context_today(self.env.user) + timedelta(days=10),
            datetime.min.time(),
        )
        leave = (
            self.env["resource.calendar.leaves"]
            .with_user(self.front_office_manager)
            .create(
                {
                    "name": "Holiday",
                    "resource_id": self.room_massage.id,
                    "calendar_id": self.env.company.resource_calendar_id.id,
                    "date_from": start,
                    "date_to": start + timedelta(days=1),
                }
            )
        )
        self.authenticate(self.front_desk_user.login, self.front_desk_user.login)
        read = self._call_kw("resource.calendar.leaves", "read", [[leave.id], ["name"]])
        self.assertEqual(read["result"][0]["name"], "Holiday")
        self._assert_clear_error("resource.calendar.leaves", "unlink", [[leave.id]])
        self._assert_clear_error(
            "resource.calendar.leaves",
            "write",
            [[leave.id], {"date_to": fields.Datetime.to_string(start)}],
        )
        for resource_id in (self.room_massage.id, False):
            with self.subTest(resource_id=resource_id):
                self._assert_clear_error(
                    "resource.calendar.leaves",
                    "create",
                    [
                        {
                            "name": "Closed",
                            "resource_id": resource_id,
                            "calendar_id": self.env.company.resource_calendar_id.id,
                            "date_from": fields.Datetime.to_string(start),
                            "date_to": fields.Datetime.to_string(
                                start + timedelta(hours=2)
                            ),
                        }
                    ],
                )
        leave.invalidate_recordset()
        self.assertEqual(leave.date_to, start + timedelta(days=1))

    def test_settings_and_descriptions_are_bounded(self):
        self.authenticate("admin", "admin")
        company = self.env.company
        for fname in ("fo_reminder_hours", "fo_cancel_notice_hours"):
            for value in (100_000_000, 8785, -1):
                with self.subTest(fname=fname, value=value):
                    self._assert_clear_error(
                        "res.company", "write", [[company.id], {fname: value}]
                    )
        company.invalidate_recordset()
        self.assertEqual(
            (company.fo_reminder_hours, company.fo_cancel_notice_hours), (24, 24)
        )
        result = self._call_kw(
            "res.company", "write", [[company.id], {"fo_cancel_notice_hours": 8784}]
        )
        self.assertNotIn("error", result)

        self.authenticate(self.front_desk_user.login, self.front_desk_user.login)
        message = self._assert_clear_error(
            "sale.order",
            "write",
            [[self.quote.id], {"fo_description": "x" * 1_000_000}],
        )
        self.assertIn("at most 200 characters", message)
        self.authenticate(
            self.front_office_manager.login, self.front_office_manager.login
        )
        self._assert_clear_error(
            "sale.order.template",
            "write",
            [[self.template_relax.id], {"fo_description": "x" * 201}],
        )

    def test_searches_answer_bad_values_with_a_clear_error(self):
        self.authenticate(self.front_desk_user.login, self.front_desk_user.login)
        result = self._call_kw(
            "res.partner",
            "search_read",
            [[("fo_client_search", "=", "Mario")], ["id"]],
        )
        self.assertEqual([r["id"] for r in result["result"]], [self.client_mario.id])
        for value in (12345, None):
            with self.subTest(value=value):
                self._assert_clear_error(
                    "res.partner", "search", [[("fo_client_search", "=", value)]]
                )
        for value in ("2026-02-30", "garbage", "9999-12-31", 12345):
            with self.subTest(value=value):
                self._assert_clear_error(
                    "sale.order.line", "search", [[("fo_bookable_on", "=", value)]]
                )

    def test_another_companys_desk_reads_none_of_its_busy_times(self):
        other = self.env["res.company"].create({"name": "Other Centre"})
        desk_b = new_test_user(
            self.env,
            login="fo_front_desk_b",
            groups="base.group_user,front_office_quotes.group_front_office_user",
            company_id=other.id,
            company_ids=[other.id],
        )
        self.assertTrue(
            self.env["front.office.booking.occupancy"]
            .sudo()
            .search([("booking_id", "=", self.booking.id)])
        )
        self.authenticate(desk_b.login, desk_b.login)
        result = self._call_kw(
            "front.office.booking.occupancy",
            "search_read",
            [[], ["booking_id", "resource_id"]],
        )
        self.assertEqual(result["result"], [])

    def test_a_service_lasts_from_five_minutes_to_a_day(self):
        self.authenticate(
            self.front_office_manager.login, self.front_office_manager.login
        )
        template = self.service_massage.product_tmpl_id
        for hours in (float("nan"), float("inf"), 48, 1e9, 1e-9, 0, -1):
            with self.subTest(hours=hours):
                message = self._assert_clear_error(
                    "product.template",
                    "write",
                    [[template.id], {"fo_session_duration": hours}],
                )
                self.assertIn("from 5 minutes to 24 hours", message)
        template.invalidate_recordset()
        self.assertAlmostEqual(template.fo_session_duration, 50 / 60)

    def test_find_a_slot_far_outside_the_calendar_answers_clearly(self):
        self.authenticate(self.front_desk_user.login, self.front_desk_user.login)
        for day in ("9999-12-31", "0001-01-01"):
            with self.subTest(day=day):
                created = self._call_kw(
                    "front.office.slot.finder",
                    "create",
                    [
                        {
                            "partner_id": self.client_mario.id,
                            "sale_line_id": self.line.id,
                            "date_from": day,
                        }
                    ],
                )
                finder_id = created["result"]
                message = self._assert_clear_error(
                    "front.office.slot.finder", "action_search", [[finder_id]]
                )
                self.assertIn("between", message)

    def test_busy_time_and_tiny_sessions_are_refused(self):
        self.authenticate(self.front_desk_user.login, self.front_desk_user.login)
        start = self.booking.start
        busy_stop = self.booking.busy_stop
        for vals in (
            {"busy_stop": fields.Datetime.to_string(start + timedelta(minutes=1))},
            {"busy_stop": "2036-01-01 00:00:00", "room_id": self.room_massage.id},
            {"busy_stop": fields.Datetime.to_string(start - timedelta(hours=1))},
            {"duration": 1e-9},
            {"duration": float("nan")},
        ):
            with self.subTest(vals=vals):
                self._assert_clear_error(
                    "front.office.booking", "write", [[self.booking.id], vals]
                )
        self.booking.invalidate_recordset()
        self.assertEqual(
            (self.booking.busy_stop, self.booking.duration), (busy_stop, 50 / 60)
        )

    def test_the_planning_hours_answer_bad_arguments_with_a_clear_error(self):
        self.authenticate(self.front_desk_user.login, self.front_desk_user.login)
        Booking = "front.office.booking"
        week = ["2026-03-02", "2026-03-08"]
        for days in (["garbage", "2026-03-08"], ["2026-03-02", 12345], [[1], None]):
            with self.subTest(days=days):
                self._assert_clear_error(Booking, "fo_planning_hours", days)
        for kwargs in (
            {"tz": "Mars/Olympus"},
            {"tz": 5},
            {"resource_ids": "abc"},
            {"resource_ids": [[1]]},
            {"resource_ids": [999999]},
        ):
            with self.subTest(kwargs=kwargs):
                self._assert_clear_error(Booking, "fo_planning_hours", week, kwargs)
        self._assert_clear_error(
            Booking, "fo_planning_hours", ["2026-01-01", "2026-12-31"]
        )
        good = self._call_kw(Booking, "fo_planning_hours", week, {"tz": "Europe/Rome"})
        self.assertEqual(good["result"]["slot_min"], "08:00")

    def test_the_diary_answers_bad_arguments_with_a_clear_error(self):
        self.authenticate(self.front_desk_user.login, self.front_desk_user.login)
        Booking = "front.office.booking"
        for day in ("2026-02-30", "garbage", "0001-01-01", "9999-12-31", 12345, [1]):
            with self.subTest(day=day):
                self._assert_clear_error(Booking, "fo_diary_data", [day])
        for resource_ids in ("abc", ["x"], 5, [[1]], [999999]):
            with self.subTest(resource_ids=resource_ids):
                self._assert_clear_error(
                    Booking,
                    "fo_diary_data",
                    ["2026-03-02"],
                    {"resource_ids": resource_ids},
                )
        self._assert_clear_error(
            Booking, "fo_diary_data", [], {"context": {"tz": "Mars/Olympus"}}
        )
        good = self._call_kw(Booking, "fo_diary_data", ["2026-03-02"])
        self.assertIn("resources", good["result"])

        orders = self.env["sale.order"].search_count([])
        good_start = fields.Datetime.to_string(self.booking.start + timedelta(days=1))
        args = [
            self.client_laura.id,
            self.service_massage.id,
            good_start,
            self.room_massage.id,
        ]
        for position, bad in (
            (2, None),
            (2, "abc"),
            (2, "2026-02-30 10:00:00"),
            (2, "9999-12-31 10:00:00"),
            (2, [1]),
            (2, 12345),
            (0, "abc"),
            (0, 0),
            (1, "x"),
            (3, "x"),
        ):
            with self.subTest(position=position, bad=bad):
                call = list(args)
                call[position] = bad
                self._assert_clear_error(Booking, "fo_sell_and_book", call)
        self.assertEqual(self.env["sale.order"].search_count([]), orders)
