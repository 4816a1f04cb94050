# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The centre at a glance: a known February (working hours, a leave, a closure,
sessions in every state) and every figure of the analysis and the dashboard."""

from datetime import date, datetime, time, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL

from .common import FrontOfficeCommon

FEB_FROM, FEB_TO = "2026-02-01", "2026-02-28"
# February 2026 in Rome is UTC+1: 10:00 there is 09:00 UTC.
ROME = 1


def rome(day, hour):
    """Naive UTC of ``hour`` o'clock in Rome on February ``day``, 2026."""
    return datetime(2026, 2, day) + timedelta(hours=hour - ROME)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02 10:00:00")
class TestReportAnalysis(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.front_office_manager.tz = "Europe/Rome"
        cls.front_desk_user.tz = "Europe/Rome"
        # Monday to Friday, 9-13 and 14-18 in Rome: 8 hours a day, 20 days in
        # February 2026, 160 hours.
        su = cls.env(su=True)
        cls.calendar = su["resource.calendar"].create(
            {
                "name": "Centre hours",
                "tz": "Europe/Rome",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {hour_from}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_from + 4,
                            "day_period": "morning" if hour_from < 12 else "afternoon",
                        }
                    )
                    for day in range(5)
                    for hour_from in (9, 14)
                ],
            }
        )
        cls.company.sudo().resource_calendar_id = cls.calendar
        Resource = su["resource.resource"]
        Resource.search([]).fo_show_in_diary = False
        cls.operator = Resource.create(
            {
                "name": "Giulia Conti",
                "resource_type": "user",
                "tz": "Europe/Rome",
                "calendar_id": cls.calendar.id,
                "company_id": cls.company.id,
            }
        )
        # Always bookable: measured against the company's calendar.
        cls.room = Resource.create(
            {
                "name": "Stone Room",
                "resource_type": "material",
                "tz": "Europe/Rome",
                "calendar_id": False,
                "company_id": cls.company.id,
            }
        )
        Leave = su["resource.calendar.leaves"]
        # Giulia's day off (8 hours) and the centre's closure (8 hours for both).
        Leave.create(
            [
                {
                    "name": "Giulia's day off",
                    "resource_id": cls.operator.id,
                    "calendar_id": cls.calendar.id,
                    "company_id": cls.company.id,
                    "date_from": rome(10, 0),
                    "date_to": rome(10, 23),
                },
                {
                    "name": "Carnival closure",
                    "calendar_id": cls.calendar.id,
                    "company_id": cls.company.id,
                    "date_from": rome(16, 0),
                    "date_to": rome(16, 23),
                },
            ]
        )
        cls.service = su["product.product"].create(
            {
                "name": "Hot Stone Massage",
                "type": "service",
                "list_price": 100.0,
                "fo_is_bookable": True,
                "fo_session_duration": 1.0,
                "fo_buffer_after": 0.25,
                "fo_resource_ids": [Command.set(cls.operator.ids)],
                "fo_room_ids": [Command.set(cls.room.ids)],
            }
        )
        cls.calendar, cls.operator, cls.room, cls.service = (
            record.sudo(False)
            for record in (cls.calendar, cls.operator, cls.room, cls.service)
        )
        with freeze_time("2026-01-30 10:00:00"):
            cls.mario_quote = cls._confirmed_quote(
                lines=[(cls.service, 10)],
                validity_start_date=date(2026, 2, 1),
                validity_date=date(2026, 4, 30),
            )
            cls.laura_quote = cls._confirmed_quote(
                partner=cls.client_laura,
                lines=[(cls.service, 5)],
                validity_start_date=date(2026, 1, 15),
                validity_date=date(2026, 3, 20),
            )
            mario, laura = cls.mario_quote.order_line, cls.laura_quote.order_line
            cls.attended_1 = cls._book(mario, rome(2, 9), cls.operator)
            cls.attended_rebooked = cls._book(mario, rome(3, 10), cls.operator)
            cls.no_show = cls._book(mario, rome(4, 10), cls.operator)
            cls.late_cancel = cls._book(mario, rome(5, 10), cls.operator)
            cls.cancelled = cls._book(mario, rome(6, 10), cls.operator)
            cls.next_visit = cls._book(mario, datetime(2026, 3, 10, 9), cls.operator)
            cls.laura_attended = cls._book(laura, rome(9, 15), cls.operator)
            cls.laura_booked = cls._book(laura, rome(11, 15), cls.operator)
            cls.cancelled.action_cancel()
        with freeze_time(rome(5, 11)):
            cls.late_cancel.action_cancel()
        (cls.attended_1 | cls.attended_rebooked | cls.laura_attended).action_check_in()
        cls.no_show.action_no_show()
        # Mario booked his next visit at the desk after his massage of 3 February
        # (11:30 in Rome): that massage was rebooked.
        cls._set_created(cls.next_visit, rome(3, 11) + timedelta(minutes=30))

    @classmethod
    def _set_created(cls, booking, moment):
        booking.flush_recordset()
        cls.env.cr.execute(
            SQL(
                "UPDATE front_office_booking SET create_date = %s WHERE id = %s",
                moment,
                booking.id,
            )
        )
        booking.invalidate_recordset(["create_date"])

    def _dashboard(self, user=None, date_from=FEB_FROM, date_to=FEB_TO, **context):
        Report = self.env["front.office.report"].with_user(
            user or self.front_office_manager
        )
        return Report.with_context(**context).fo_dashboard_data(date_from, date_to)

    # -- the analysis -----------------------------------------------------

    def test_analysis_has_one_row_per_session_on_the_operators_clock(self):
        Report = self.env["front.office.report"].with_user(self.front_office_manager)
        rows = Report.search([("partner_id", "=", self.client_mario.id)])
        self.assertEqual(len(rows), 6)
        row = rows.filtered(lambda r: r.booking_id == self.attended_1)
        self.assertRecordValues(
            row,
            [
                {
                    "date": date(2026, 2, 2),
                    "start": rome(2, 9),
                    "resource_id": self.operator.id,
                    "room_id": self.room.id,
                    "product_id": self.service.id,
                    "sale_order_id": self.mario_quote.id,
                    "company_id": self.company.id,
                    "state": "done",
                    "payment_state": "not_paid",
                    "hours": 1.0,
                    "busy_hours": 1.25,
                    "value": 100.0,
                    "rebooked": False,
                }
            ],
        )
        self.assertEqual(rows.filtered("rebooked").booking_id, self.attended_rebooked)
        # Half past midnight in Rome is still the day before in UTC: the day is Rome's.
        night = self._book(
            self.laura_quote.order_line,
            rome(12, 0.5),
            self.operator,
            user=self.front_office_manager,
            outside_hours=True,
        )
        self.assertEqual(night.start.date(), date(2026, 2, 11))
        row = Report.search([("booking_id", "=", night.id)])
        self.assertEqual(row.date, date(2026, 2, 12))

    def test_analysis_grouped_by_operator_and_state(self):
        Report = self.env["front.office.report"].with_user(self.front_office_manager)
        groups = Report._read_group(
            [("date", ">=", FEB_FROM), ("date", "<=", FEB_TO)],
            ["resource_id", "state"],
            ["__count", "hours:sum", "value:sum"],
        )
        self.assertEqual(
            sorted(
                (state, count, hours, value)
                for _r, state, count, hours, value in groups
            ),
            [
                ("booked", 1, 1.0, 100.0),
                ("cancelled", 1, 1.0, 100.0),
                ("done", 3, 3.0, 300.0),
                ("late_cancel", 1, 1.0, 100.0),
                ("no_show", 1, 1.0, 100.0),
            ],
        )
        self.assertEqual({resource for resource, *_rest in groups}, {self.operator})

    def test_rebooked_needs_a_later_session_created_before_the_day_is_out(self):
        Report = self.env["front.office.report"].with_user(self.front_office_manager)

        def rebooked(booking):
            self.env.invalidate_all()
            return Report.search([("booking_id", "=", booking.id)]).rebooked

        # 23:30 in Rome is still the same day, 00:30 the next one.
        self._set_created(self.next_visit, rome(3, 23) + timedelta(minutes=30))
        self.assertTrue(rebooked(self.attended_rebooked))
        self._set_created(self.next_visit, rome(4, 0) + timedelta(minutes=30))
        self.assertFalse(rebooked(self.attended_rebooked))
        # Booked before the session started: not a rebooking after it.
        self._set_created(self.next_visit, rome(3, 9))
        self.assertFalse(rebooked(self.attended_rebooked))

    # -- utilisation ------------------------------------------------------

    def test_utilisation_is_busy_hours_over_working_hours(self):
        Resource = self.env["resource.resource"].with_user(self.front_office_manager)
        resources = Resource.browse((self.operator | self.room).ids)
        result = resources._fo_utilisation(date(2026, 2, 1), date(2026, 2, 28))
        # 160 hours, less the day off and the closure; the room has no calendar:
        # the company's, less the closure. Busy: two attended and one booked
        # session of Laura's, two of Mario's, 1h15 each with the clean-up.
        self.assertEqual(
            result,
            {
                self.operator.id: {
                    "working_hours": 144.0,
                    "busy_hours": 5.0,
                    "ratio": 5.0 / 144.0,
                    "company_calendar": False,
                },
                self.room.id: {
                    "working_hours": 152.0,
                    "busy_hours": 5.0,
                    "ratio": 5.0 / 152.0,
                    "company_calendar": True,
                },
            },
        )

    def test_utilisation_without_any_calendar_is_no_data(self):
        self.company.resource_calendar_id = False
        result = self.room._fo_utilisation(date(2026, 2, 1), date(2026, 2, 28))
        self.assertEqual(
            result[self.room.id],
            {
                "working_hours": 0.0,
                "busy_hours": 5.0,
                "ratio": None,
                "company_calendar": True,
            },
        )

    # -- the dashboard ----------------------------------------------------

    def test_dashboard_figures_of_the_known_month(self):
        data = self._dashboard()
        figures = {
            key: {k: v for k, v in figure.items() if k != "action"}
            for key, figure in data["figures"].items()
        }
        self.assertEqual(
            figures,
            {
                "utilisation": {"value": 10.0 / 296.0, "count": 10.0, "total": 296.0},
                "no_show": {"value": 0.2, "count": 1, "total": 5},
                "late_cancel": {"value": 0.2, "count": 1, "total": 5},
                "rebooking": {"value": 1 / 3, "count": 1, "total": 3},
                "revenue": {"value": 500.0, "count": 5, "total": None},
                # Mario: 10 sold, 4 used; Laura: 5 sold, 1 used.
                "unused": {"value": 1000.0, "count": 10, "total": None},
                # Laura's package ends on 20 March with 3 sessions never booked.
                "expiring": {"value": 3, "count": 1, "total": None},
            },
        )
        self.assertEqual(
            [(r["name"], r["company_calendar"]) for r in data["resources"]],
            [("Giulia Conti", False), ("Stone Room", True)],
        )
        self.assertEqual((data["date_from"], data["date_to"]), (FEB_FROM, FEB_TO))

    def test_each_figure_opens_its_list(self):
        data = self._dashboard()
        expected = {
            "no_show": self.no_show,
            "late_cancel": self.late_cancel,
            "rebooking": self.attended_1 | self.attended_rebooked | self.laura_attended,
            "revenue": self.attended_1
            | self.attended_rebooked
            | self.laura_attended
            | self.no_show
            | self.late_cancel,
            "utilisation": self.attended_1
            | self.attended_rebooked
            | self.laura_attended
            | self.laura_booked,
        }
        manager_env = self.env(user=self.front_office_manager)
        for key, bookings in expected.items():
            with self.subTest(figure=key):
                action = data["figures"][key]["action"]
                self.assertEqual(action["res_model"], "front.office.report")
                rows = manager_env["front.office.report"].search(action["domain"])
                self.assertEqual(rows.booking_id, bookings)
        unused = manager_env["sale.order.line"].search(
            data["figures"]["unused"]["action"]["domain"]
        )
        self.assertEqual(
            unused, self.mario_quote.order_line | self.laura_quote.order_line
        )
        expiring = manager_env["sale.order.line"].search(
            data["figures"]["expiring"]["action"]["domain"]
        )
        self.assertEqual(expiring, self.laura_quote.order_line)

    def test_expiring_package_call_list_finds_a_slot(self):
        line = self.laura_quote.order_line.with_user(self.front_desk_user)
        self.assertTrue(line.fo_expiring)
        self.assertEqual(line.fo_partner_phone, "+39 347 765 4321")
        action = line.action_fo_find_slot()
        self.assertEqual(action["res_model"], "front.office.slot.finder")
        finder = self.env["front.office.slot.finder"].browse(action["res_id"])
        self.assertEqual(finder.sale_line_id, self.laura_quote.order_line)
        # Past its Valid Until, a package no longer expires: it has expired.
        with freeze_time("2026-03-21"):
            line.invalidate_recordset(["fo_expiring"])
            self.assertFalse(line.fo_expiring)

    def test_empty_and_long_periods_give_figures_or_no_data(self):
        data = self._dashboard(date_from="2025-06-01", date_to="2025-06-30")
        figures = data["figures"]
        for key in ("no_show", "late_cancel", "rebooking"):
            self.assertIsNone(figures[key]["value"], key)
        self.assertEqual(figures["revenue"]["value"], 0.0)
        self.assertEqual(figures["utilisation"]["count"], 0.0)
        # Ten years: the same sessions, measured against ten years of hours.
        data = self._dashboard(date_from="2020-01-01", date_to="2029-12-31")
        self.assertEqual(data["figures"]["revenue"]["value"], 500.0)
        self.assertGreater(data["figures"]["utilisation"]["total"], 20000)

    def test_sessions_of_an_archived_service_still_count(self):
        self.service.product_tmpl_id.action_archive()
        self.assertEqual(self._dashboard()["figures"]["revenue"]["value"], 500.0)

    def test_dashboard_refuses_bad_periods_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("it_IT")
        for date_from, date_to in (
            ("2026-02-30", FEB_TO),
            ("01/02/2026", FEB_TO),
            (20260201, FEB_TO),
            (None, FEB_TO),
            (FEB_TO, FEB_FROM),
            ("1990-01-01", "2026-01-01"),
        ):
            with (
                self.subTest(period=(date_from, date_to)),
                self.assertRaises(UserError),
            ):
                self._dashboard(date_from=date_from, date_to=date_to)
        with self.assertRaises(UserError) as refusal:
            self._dashboard(date_from=FEB_TO, date_to=FEB_FROM, lang="it_IT")
        self.assertIn("dopo", str(refusal.exception))

    def test_dashboard_is_the_managers(self):
        self.assertTrue(self._dashboard(user=self.front_office_manager))
        with self.assertRaises(AccessError):
            self._dashboard(user=self.front_desk_user)

    def test_another_companys_sessions_are_never_counted(self):
        other = self._other_company()
        other_env = self.env(
            su=True, context=dict(self.env.context, allowed_company_ids=[other.id])
        )
        other_room = other_env["resource.resource"].create(
            {"name": "Other room", "calendar_id": False, "company_id": other.id}
        )
        with freeze_time("2026-01-30 10:00:00"):
            order = other_env["sale.order"].create(
                {
                    "partner_id": self.client_mario.id,
                    "company_id": other.id,
                    "validity_date": date(2026, 4, 30),
                    "order_line": [
                        Command.create(
                            {"product_id": self.service_physio.id, "product_uom_qty": 2}
                        )
                    ],
                }
            )
            order.action_confirm()
            other_env["front.office.booking"].create(
                {
                    "sale_line_id": order.order_line.id,
                    "start": rome(20, 10),
                    "resource_id": other_room.id,
                }
            )
        self.front_office_manager.company_ids = [Command.link(other.id)]
        ours = self._dashboard(allowed_company_ids=[self.company.id])
        self.assertEqual(ours["figures"]["unused"]["count"], 10)
        self.assertEqual(ours["figures"]["utilisation"]["count"], 10.0)
        self.assertNotIn("Other room", [r["name"] for r in ours["resources"]])
        theirs = self._dashboard(allowed_company_ids=[other.id])
        self.assertEqual(theirs["figures"]["utilisation"]["count"], 1.0)
        self.assertEqual(theirs["figures"]["revenue"]["value"], 0.0)
        self.assertEqual(theirs["figures"]["unused"]["count"], 2)
        Report = self.env["front.office.report"].with_user(self.front_office_manager)
        self.assertEqual(
            Report.with_context(allowed_company_ids=[self.company.id]).search_count([]),
            8,
        )

    def test_dashboard_queries_do_not_grow_with_sessions_or_resources(self):
        def count_queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._dashboard()
            return self.env.cr.sql_log_count - before

        count_queries()
        small = count_queries()
        with freeze_time("2026-01-30 10:00:00"):
            more = self._confirmed_quote(
                partner=self.client_laura,
                lines=[(self.service, 12)],
                validity_start_date=date(2026, 2, 1),
                validity_date=date(2026, 2, 28),
            ).order_line
            for day in (17, 18, 19, 20, 23, 24, 25, 26):
                self._book(more, rome(day, 9), self.operator)
        self.env(su=True)["resource.resource"].create(
            [
                {
                    "name": f"Operator {i}",
                    "calendar_id": self.calendar.id if i % 2 else False,
                    "tz": "Europe/Rome",
                    "company_id": self.company.id,
                }
                for i in range(4)
            ]
        )
        self.assertEqual(count_queries(), small)


@tagged("post_install", "-at_install")
class TestDashboardTour(FrontOfficeCommon, HttpCase):
    def test_manager_opens_the_dashboard_and_a_figures_list(self):
        today = fields.Date.context_today(self.env.user)
        quote = self._confirmed_quote(
            validity_start_date=today - timedelta(days=7),
            validity_date=today + timedelta(days=10),
        )
        # Earlier today: a session only a manager records.
        booking = self._book(
            quote.order_line,
            datetime.combine(today, time(6)),
            self.therapist,
            user=self.front_office_manager,
        )
        booking.action_no_show()
        self.front_office_manager.tz = "UTC"
        self.start_tour(
            "/odoo/action-front_office_quotes.action_fo_dashboard",
            "front_office_dashboard_tour",
            login=self.front_office_manager.login,
        )
