# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Diary: one day of the centre, a column per resource, fed by one RPC."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import FrontOfficeCommon

TODAY = date(2026, 3, 2)  # a Monday
# 09:00 UTC = 10:00 in Rome, the time zone of the resources and of the front desk.
MONDAY_9 = datetime(2026, 3, 2, 9, 0)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestDiary(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.front_desk_user.tz = "Europe/Rome"
        # Giulia works 09:00-13:00 and 14:00-18:00 (Rome) on Mondays; the rooms have
        # no working calendar: always available.
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Centre hours",
                "tz": "Europe/Rome",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.clear(),
                    *(
                        Command.create(
                            {
                                "name": name,
                                "dayofweek": "0",
                                "hour_from": hour_from,
                                "hour_to": hour_to,
                                "day_period": period,
                            }
                        )
                        for name, hour_from, hour_to, period in (
                            ("Monday morning", 9, 13, "morning"),
                            ("Monday afternoon", 14, 18, "afternoon"),
                        )
                    ),
                ],
            }
        )
        cls.therapist.calendar_id = cls.calendar
        (cls.room_massage | cls.room_physio).calendar_id = False
        cls.quote = cls._confirmed_quote(
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=30),
        )
        cls.line = cls.quote.order_line
        cls.Booking = cls.env["front.office.booking"].with_user(cls.front_desk_user)

    def _diary(self, day="2026-03-02", user=None, **kwargs):
        Booking = self.env["front.office.booking"].with_user(
            user or self.front_desk_user
        )
        return Booking.fo_diary_data(day, **kwargs)

    def test_diary_shows_operators_then_rooms_in_the_centre_order(self):
        self.room_physio.fo_diary_sequence = 1
        data = self._diary()
        names = [resource["name"] for resource in data["resources"]]
        self.assertEqual(names, ["Giulia (therapist)", "Physio Room", "Massage Room"])
        self.assertEqual(data["resources"][0]["kind"], "user")
        self.room_massage.fo_show_in_diary = False
        names = [resource["name"] for resource in self._diary()["resources"]]
        self.assertNotIn("Massage Room", names)

    def test_diary_card_has_time_client_service_rank_and_payment(self):
        booking = self._book(self.line, MONDAY_9, self.therapist)
        data = self._diary()
        self.assertEqual(
            data["bookings"],
            [
                {
                    "id": booking.id,
                    "resource_id": self.therapist.id,
                    "room_id": False,
                    "start": "2026-03-02 09:00:00",
                    "stop": "2026-03-02 09:50:00",
                    "busy_stop": "2026-03-02 09:50:00",
                    "partner_id": self.client_mario.id,
                    "partner_name": "Mario Rossi",
                    "service": "Massage 50'",
                    "session_number": 1,
                    "sessions_sold": 10,
                    "state": "booked",
                    "state_label": "Booked",
                    "payment_state": "not_paid",
                    "sale_order_id": self.quote.id,
                    "sale_order_name": self.quote.name,
                    "no_show_count": 0,
                    # Within the company's notice of 24 hours: what its
                    # cancellation dialog says.
                    "cancel_is_late": True,
                    "cancel_notice_hours": 24,
                    "can_undo": False,
                }
            ],
        )
        self.assertEqual(data["day"], "2026-03-02")
        self.assertEqual(data["tz"], "Europe/Rome")

    def test_diary_colours_attended_and_no_show_and_hides_cancelled(self):
        attended = self._book(self.line, MONDAY_9, self.therapist)
        missed = self._book(self.line, MONDAY_9 + timedelta(hours=1), self.therapist)
        cancelled = self._book(self.line, MONDAY_9 + timedelta(hours=2), self.therapist)
        attended.with_user(self.front_desk_user).action_check_in()
        missed.with_user(self.front_desk_user).action_no_show()
        # Cancelled in time (no notice asked): the session is free again.
        self.company.fo_cancel_notice_hours = 0
        cancelled.with_user(self.front_desk_user).action_cancel()
        data = self._diary()
        states = {b["id"]: b["state"] for b in data["bookings"]}
        self.assertEqual(states, {attended.id: "done", missed.id: "no_show"})
        # The client's no-show is marked on every card of theirs.
        self.assertEqual({b["no_show_count"] for b in data["bookings"]}, {1})

    def test_diary_cuts_the_day_in_the_user_time_zone(self):
        physio = self._confirmed_quote(
            partner=self.client_laura,
            lines=[(self.service_physio, 5)],
            validity_start_date=TODAY - timedelta(days=1),
            validity_date=TODAY + timedelta(days=30),
        ).order_line
        # 00:30 in Rome on Monday is still Sunday in UTC; 00:30 on Tuesday is not
        # Monday any more.
        # (Half an hour before the frozen now: a session only a manager records.)
        first = self._book(
            physio,
            datetime(2026, 3, 1, 23, 30),
            self.room_physio,
            user=self.front_office_manager,
        )
        self._book(physio, datetime(2026, 3, 2, 23, 30), self.room_physio)
        data = self._diary()
        self.assertEqual([b["id"] for b in data["bookings"]], [first.id])
        # The rows start at the first session, on the hour (00:00 in Rome).
        self.assertEqual(data["hours"]["start"], "2026-03-01 23:00:00")
        self.assertEqual(data["hours"]["stop"], "2026-03-02 17:00:00")

    def test_diary_greys_out_non_working_time_and_leaves(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Dentist",
                "calendar_id": self.calendar.id,
                "resource_id": self.therapist.id,
                "date_from": datetime(2026, 3, 2, 14, 0),  # 15:00 in Rome
                "date_to": datetime(2026, 3, 2, 15, 0),
            }
        )
        data = self._diary()
        self.assertEqual(
            data["unavailable"][self.therapist.id],
            [
                ["2026-03-01 23:00:00", "2026-03-02 08:00:00"],
                ["2026-03-02 12:00:00", "2026-03-02 13:00:00"],
                ["2026-03-02 14:00:00", "2026-03-02 15:00:00"],
                ["2026-03-02 17:00:00", "2026-03-02 23:00:00"],
            ],
            "before 09:00, lunch, the leave (15:00-16:00), after 18:00 (Rome)",
        )
        self.assertEqual(data["unavailable"][self.room_massage.id], [])
        # Opening hours: Giulia's day, 09:00-18:00 in Rome.
        self.assertEqual(
            data["hours"],
            {"start": "2026-03-02 08:00:00", "stop": "2026-03-02 17:00:00"},
        )
        # A public holiday closes the centre.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Closed",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 3, 1, 23, 0),
                "date_to": datetime(2026, 3, 2, 23, 0),
            }
        )
        data = self._diary()
        self.assertEqual(
            data["unavailable"][self.therapist.id],
            [["2026-03-01 23:00:00", "2026-03-02 23:00:00"]],
        )

    def test_work_intervals_of_a_resource_without_calendar_cover_the_period(self):
        start, stop = datetime(2026, 3, 2, 0, 0), datetime(2026, 3, 3, 0, 0)
        work = (self.room_massage | self.therapist)._fo_work_intervals(start, stop)
        room = [
            (b.replace(tzinfo=None), e.replace(tzinfo=None))
            for b, e, _r in work[self.room_massage.id]
        ]
        self.assertEqual(room, [(start, stop)])
        self.assertEqual(len(list(work[self.therapist.id])), 2)

    def test_other_companies_see_nothing_of_the_diary(self):
        self._book(self.line, MONDAY_9, self.therapist)
        other = self._other_company()
        other_desk = new_test_user(
            self.env,
            login="fo_other_desk",
            groups="base.group_user,front_office_quotes.group_front_office_user",
            company_id=other.id,
            company_ids=[other.id],
        )
        data = self._diary(user=other_desk)
        ours = {self.therapist.id, self.room_massage.id, self.room_physio.id}
        self.assertFalse(ours & {resource["id"] for resource in data["resources"]})
        self.assertEqual(data["bookings"], [])
        # Asking for our resources by id does not help either.
        data = self._diary(user=other_desk, resource_ids=list(ours))
        self.assertEqual((data["resources"], data["bookings"]), ([], []))

    def test_diary_queries_do_not_grow_with_bookings_or_resources(self):
        self._book(self.line, MONDAY_9, self.therapist)

        def count_queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._diary()
            return self.env.cr.sql_log_count - before

        count_queries()  # warm up the caches of the registry (fields, rules...)
        small = count_queries()
        manager_env = self.env(user=self.front_office_manager)
        extra = manager_env["resource.resource"].create(
            [
                {
                    "name": f"Operator {i}",
                    "resource_type": "user",
                    "tz": "Europe/Rome",
                    "calendar_id": self.calendar.id,
                }
                for i in range(4)
            ]
        )
        physio = self._confirmed_quote(
            partner=self.client_laura, lines=[(self.service_physio, 10)]
        ).order_line
        for i, resource in enumerate(extra):
            # 11:00, 12:00, 14:00 and 15:00 in Rome: the operators' lunch is free.
            hours = (1, 2, 4, 5)[i]
            self._book(physio, MONDAY_9 + timedelta(hours=hours), resource)
        self._book(self.line, MONDAY_9 + timedelta(hours=6), self.room_massage)
        self.assertEqual(len(self._diary()["bookings"]), 6)
        self.assertEqual(count_queries(), small)

    def test_sell_and_book_sells_one_session_and_books_it(self):
        start = MONDAY_9 + timedelta(hours=2)
        booking = self.Booking.fo_sell_and_book(
            self.client_laura, self.service_physio, start, self.room_physio
        )
        order = booking.sale_order_id
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_id, self.client_laura)
        self.assertEqual(order.user_id, self.front_desk_user)
        self.assertEqual(order.validity_start_date, TODAY)
        self.assertGreaterEqual(order.validity_date, TODAY)
        self.assertEqual(order.order_line.product_uom_qty, 1)
        self.assertEqual(order.order_line.fo_sessions_remaining, 0)
        self.assertEqual(
            (booking.state, booking.start, booking.resource_id),
            ("booked", start, self.room_physio),
        )

    def test_sell_and_book_is_all_or_nothing(self):
        self._book(self.line, MONDAY_9, self.therapist)
        orders = self.env["sale.order"].search_count([])
        with self.assertRaisesRegex(ValidationError, "already booked"):
            self.Booking.fo_sell_and_book(
                self.client_laura.id,
                self.service_massage.id,
                MONDAY_9 + timedelta(minutes=30),
                self.therapist.id,
            )
        self.assertEqual(self.env["sale.order"].search_count([]), orders)
        with self.assertRaises(UserError):
            self.Booking.fo_sell_and_book(
                self.client_laura, self.gift_card, MONDAY_9, self.room_physio
            )

    def test_moving_a_card_is_refused_like_any_move(self):
        """The Diary's drag and drop is a write of start and resource."""
        booking = self._book(self.line, MONDAY_9, self.therapist)
        other = self._book(self.line, MONDAY_9 + timedelta(hours=2), self.therapist)
        with self.assertRaisesRegex(ValidationError, "cannot deliver"):
            booking.with_user(self.front_desk_user).write(
                {"resource_id": self.room_physio.id}
            )
        with self.assertRaisesRegex(ValidationError, "already booked"):
            booking.with_user(self.front_desk_user).write({"start": other.start})
        booking.with_user(self.front_desk_user).write(
            {
                "start": MONDAY_9 + timedelta(hours=4),
                "resource_id": self.room_massage.id,
            }
        )
        self.assertEqual(booking.stop, MONDAY_9 + timedelta(hours=4, minutes=50))

    def test_front_desk_lands_on_the_diary(self):
        menu = self.env.ref("front_office_quotes.menu_diary")
        root = self.env.ref("front_office_quotes.menu_front_office_root")
        self.assertEqual(root.child_id.sorted("sequence")[0], menu)
        self.assertEqual(
            menu.action, self.env.ref("front_office_quotes.action_fo_diary")
        )
