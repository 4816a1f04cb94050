# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The records cannot be bent: one rule book on every path, derived data written only
by the code that derives it, bounded work, segregation of duties."""

import time as timer
from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import FrontOfficeCommon

TODAY = date(2026, 3, 2)
MONDAY_9 = datetime(2026, 3, 2, 9, 0)  # 10:00 in Rome
QUOTE_FORM = "front_office_quotes.sale_order_view_form"


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestProtectedFields(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_booking_quote(TODAY)

    def test_derived_booking_fields_cannot_be_written_by_the_desk(self):
        booking = self._book(self.massage_line, MONDAY_9).with_user(
            self.front_desk_user
        )
        other_quote = self._confirmed_quote(partner=self.client_laura)
        for vals in (
            {"payment_state": "paid"},
            {"state": "done"},
            {"state": "cancelled"},
            {"stop": MONDAY_9},
            {"sale_order_id": other_quote.id},
            {"product_id": self.service_physio.id},
            {"company_id": self.company.id},
            {"checkin_datetime": MONDAY_9},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                booking.write(vals)
        self.assertEqual(
            (booking.state, booking.payment_state, booking.stop),
            ("booked", "not_paid", MONDAY_9 + timedelta(minutes=50)),
        )

    def test_a_booking_cannot_be_created_attended_or_paid(self):
        for vals in ({"state": "done"}, {"payment_state": "paid"}, {"stop": MONDAY_9}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self._book(self.massage_line, MONDAY_9, **vals)
        self.assertEqual(self._book(self.massage_line, MONDAY_9).state, "booked")

    def test_line_counters_and_delivered_quantity_cannot_be_written(self):
        line = self.massage_line.with_user(self.front_desk_user)
        for vals in (
            {"fo_sessions_paid": 10},
            {"fo_sessions_booked": 0},
            {"fo_sessions_remaining": 99},
            {"fo_sessions_done": 3},
            {"qty_delivered": 10},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                line.write(vals)
        self.assertEqual(line.fo_sessions_paid, 0)

    def test_state_changes_only_through_the_actions(self):
        booking = self._book(self.massage_line, MONDAY_9)
        booking.with_user(self.front_desk_user).action_check_in()
        self.assertEqual(self.massage_line.qty_delivered, 1)
        with self.assertRaises(UserError):
            booking.with_user(self.front_office_manager).write({"state": "booked"})
        with self.assertRaises(UserError):
            booking.with_user(self.front_desk_user).write({"state": "cancelled"})
        self.assertEqual(self.massage_line.qty_delivered, 1)

    def test_reopening_a_cancelled_session_cannot_oversell(self):
        bookings = self.env["front.office.booking"]
        for day in range(2):
            bookings |= self._book(
                self.physio_line, MONDAY_9 + timedelta(days=day + 3), self.room_physio
            )
        bookings[0].with_user(self.front_desk_user).action_cancel()
        self._book(self.physio_line, MONDAY_9 + timedelta(days=5), self.room_physio)
        with self.assertRaisesRegex(ValidationError, "only 2 sessions sold"):
            bookings[0].with_user(self.front_office_manager).action_reset()

    def test_a_session_stays_on_its_own_quote_line(self):
        booking = self._book(self.massage_line, MONDAY_9).with_user(
            self.front_desk_user
        )
        laura_line = self._confirmed_quote(partner=self.client_laura).order_line
        with self.assertRaisesRegex(UserError, "client of a session does not change"):
            booking.write({"sale_line_id": laura_line.id})
        with self.assertRaisesRegex(UserError, "client of a session does not change"):
            booking.write({"partner_id": self.client_laura.id})
        with self.assertRaises(UserError):
            booking.write({"sale_order_id": laura_line.order_id.id})


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestBadInput(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_booking_quote(TODAY, days=365)

    def test_durations_out_of_range_get_a_clear_message(self):
        booking = self._book(self.massage_line, MONDAY_9).with_user(
            self.front_desk_user
        )
        for duration in (0, -1, 1e9, float("nan"), float("inf"), 25):
            with (
                self.subTest(duration=duration),
                self.assertRaisesRegex(ValidationError, "at most 24 hours"),
            ):
                booking.write({"duration": duration})
            with (
                self.subTest(duration=duration),
                self.assertRaisesRegex(ValidationError, "at most 24 hours"),
            ):
                self._book(self.massage_line, MONDAY_9, duration=duration)
        self.assertEqual(booking.stop, MONDAY_9 + timedelta(minutes=50))

    def test_dates_out_of_range_get_a_clear_message(self):
        for start in (datetime(9999, 12, 31, 23, 0), datetime(1900, 1, 1)):
            with (
                self.subTest(start=start),
                self.assertRaisesRegex(ValidationError, "within 10 years"),
            ):
                self._book(self.massage_line, start)

    def _wizard(self):
        action = self.quote.with_user(self.front_desk_user).action_fo_book_sessions()
        Wizard = self.env[action["res_model"]].with_user(self.front_desk_user)
        return Form(Wizard.browse(action["res_id"]))

    def _line_problem(self, **values):
        wizard = self._wizard()
        with wizard.line_ids.edit(0) as line:
            for name, value in values.items():
                setattr(line, name, value)
        record = wizard.save()
        return record, record.line_ids[0].problem

    def test_wizard_refuses_more_sessions_than_left_at_once(self):
        def refuse(count):
            self.env.flush_all()
            self.env.invalidate_all()
            queries = self.env.cr.sql_log_count
            started = timer.perf_counter()
            wizard, problem = self._line_problem(session_count=count)
            return (
                wizard,
                problem,
                self.env.cr.sql_log_count - queries,
                timer.perf_counter() - started,
            )

        refuse(11)  # warms the caches
        *_one_too_many, queries_11, _seconds = refuse(11)
        wizard, problem, queries, seconds = refuse(100_000)
        # Refusing 100,000 sessions costs what refusing 11 does.
        self.assertEqual(queries, queries_11)
        self.assertLess(seconds, 2.0)
        self.assertIn("book from 0 to 10 sessions", problem)
        self.assertFalse(
            wizard.slot_ids.filtered(lambda s: s.sale_line_id == self.massage_line),
            "nothing planned, nothing previewed",
        )
        with self.assertRaisesRegex(UserError, "book from 0 to 10 sessions"):
            wizard.action_confirm()
        self.assertFalse(self.quote.fo_booking_ids)

    def test_wizard_refuses_intervals_and_dates_out_of_range(self):
        for values, message in (
            ({"interval_days": 2**31 - 1}, "every 1 to 365 days"),
            ({"interval_days": -7}, "every 1 to 365 days"),
            ({"interval_days": 0, "session_count": 3}, "every 1 to 365 days"),
            ({"first_start": datetime(9999, 1, 1)}, "within 10 years"),
            ({"session_count": -1}, "book from 0 to 10 sessions"),
        ):
            with self.subTest(values=values):
                wizard, problem = self._line_problem(**values)
                self.assertIn(message, problem)
                with self.assertRaisesRegex(UserError, message):
                    wizard.action_confirm()
        self.assertFalse(self.quote.fo_booking_ids)

    def test_wizard_lines_belong_to_the_wizard_quote(self):
        other = self._confirmed_quote(partner=self.client_laura)
        Wizard = self.env["front.office.booking.wizard"].with_user(self.front_desk_user)
        with self.assertRaisesRegex(ValidationError, "is not a service of quote"):
            Wizard.create(
                {
                    "sale_order_id": self.quote.id,
                    "line_ids": [
                        Command.clear(),
                        Command.create(
                            {
                                "sale_line_id": other.order_line.id,
                                "session_count": 1,
                                "first_start": MONDAY_9,
                                "resource_id": self.room_massage.id,
                            }
                        ),
                    ],
                }
            )

    def test_wizard_of_another_company_quote_reads_nothing(self):
        other_company = self._other_company()
        quote = (
            self.env["sale.order"]
            .sudo()
            .with_company(other_company)
            .create(
                {
                    "partner_id": self.client_laura.id,
                    "company_id": other_company.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.service_physio.id,
                                "product_uom_qty": 2,
                            }
                        )
                    ],
                }
            )
        )
        quote.action_confirm()
        Wizard = self.env["front.office.booking.wizard"].with_user(self.front_desk_user)
        with self.assertRaises(AccessError):
            Wizard.create({"sale_order_id": quote.id})
        with self.assertRaises(AccessError):
            Form(Wizard.with_context(default_sale_order_id=quote.id))


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestValidityEdits(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_booking_quote(TODAY)

    def test_valid_from_edit_does_not_move_valid_until_of_a_confirmed_quote(self):
        form = Form(self.quote.with_user(self.front_desk_user), view=QUOTE_FORM)
        form.validity_start_date = TODAY + timedelta(days=5)
        self.assertEqual(str(form.validity_date), str(TODAY + timedelta(days=30)))
        form.save()
        self.assertEqual(self.quote.validity_date, TODAY + timedelta(days=30))

    def test_valid_from_still_sets_valid_until_on_a_draft_quote(self):
        draft = self._create_quote(sale_order_template_id=self.template_relax.id)
        form = Form(draft.with_user(self.front_desk_user), view=QUOTE_FORM)
        form.validity_start_date = TODAY + timedelta(days=10)
        self.assertEqual(str(form.validity_date), str(TODAY + timedelta(days=100)))

    def test_validity_cannot_leave_booked_sessions_outside(self):
        self._book(self.massage_line, MONDAY_9 + timedelta(days=20))
        quote = self.quote.with_user(self.front_desk_user)
        for vals in (
            {"validity_date": TODAY + timedelta(days=10)},
            {"validity_start_date": TODAY + timedelta(days=21)},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError) as caught:
                quote.write(vals)
            self.assertIn("Move or cancel them first", str(caught.exception))
        self.assertEqual(quote.validity_start_date, TODAY)
        quote.validity_date = TODAY + timedelta(days=20)
        self.assertEqual(quote.validity_date, TODAY + timedelta(days=20))


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestTimesAgree(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_booking_quote(TODAY)

    def test_messages_use_the_resource_clock_and_name_it(self):
        self._book(self.massage_line, MONDAY_9)
        laura_line = self._confirmed_quote(partner=self.client_laura).order_line
        self.front_desk_user.tz = "UTC"
        with self.assertRaisesRegex(ValidationError, r"10:00.*\(Europe/Rome\)"):
            self._book(laura_line, MONDAY_9)
        self.front_desk_user.tz = "Europe/Rome"
        with self.assertRaises(ValidationError) as caught:
            self._book(laura_line, MONDAY_9)
        self.assertIn("10:00", str(caught.exception))
        self.assertNotIn("Europe/Rome", str(caught.exception))

    def test_preview_is_made_of_records_with_utc_times(self):
        action = self.quote.with_user(self.front_desk_user).action_fo_book_sessions()
        Wizard = self.env[action["res_model"]].with_user(self.front_desk_user)
        form = Form(Wizard.browse(action["res_id"]))
        with form.line_ids.edit(0) as line:
            line.session_count = 2
            line.first_start = MONDAY_9
        wizard = form.save()
        massages = wizard.slot_ids.filtered(
            lambda s: s.sale_line_id == self.massage_line
        )
        self.assertEqual(
            massages.mapped("start"), [MONDAY_9, MONDAY_9 + timedelta(days=7)]
        )


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestWriteInBatch(FrontOfficeCommon):
    def test_moving_many_sessions_checks_them_in_one_query(self):
        quote = self._confirmed_quote(
            lines=[(self.service_physio, 60)],
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=120),
        )
        Booking = self.env["front.office.booking"].with_user(self.front_desk_user)
        bookings = Booking.create(
            [
                {
                    "sale_line_id": quote.order_line.id,
                    "start": MONDAY_9 + timedelta(days=day),
                    "resource_id": self.room_physio.id,
                }
                for day in range(50)
            ]
        )
        with patch.object(
            type(Booking),
            "_fo_find_conflicts",
            autospec=True,
            side_effect=type(Booking)._fo_find_conflicts,
        ) as find_conflicts:
            bookings.write({"resource_id": self.therapist.id})
            bookings.write({"duration": 0.5})
        # One overlap query per write, for the 50 sessions at once.
        self.assertEqual(
            [len(call.args[1]) for call in find_conflicts.call_args_list], [50, 50]
        )
        self.assertEqual(set(bookings.mapped("resource_id")), {self.therapist})
        self.assertEqual(bookings[-1].stop, MONDAY_9 + timedelta(days=49, minutes=30))


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestTwoCompanies(FrontOfficeCommon):
    """Two centres in one database: each books its own resources of a service
    they share, and nothing of one is named to the other."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls._other_company()
        cls.desk_b = new_test_user(
            cls.env,
            login="fo_front_desk_b",
            groups="base.group_user,front_office_quotes.group_front_office_user",
            company_id=cls.other.id,
            company_ids=[cls.other.id],
        )
        cls.room_a = cls.room_massage.sudo()
        cls.room_a.company_id = cls.company
        cls.room_b = cls.env["resource.resource"].create(
            {
                "name": "Room B",
                "resource_type": "material",
                "tz": "Europe/Rome",
                "calendar_id": False,
                "company_id": cls.other.id,
            }
        )
        # The massage is shared (no company) and lists rooms of both centres.
        cls.service_massage.sudo().write(
            {
                "company_id": False,
                "fo_resource_ids": [Command.set((cls.room_a | cls.room_b).ids)],
            }
        )
        cls.secret_client = cls.env["res.partner"].create(
            {"name": "Cliente Segreto B", "company_id": cls.other.id}
        )

    def _quote_b(self, partner):
        order = (
            self.env["sale.order"]
            .with_user(self.desk_b)
            .with_context(front_office=True)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": self.other.id,
                    "validity_start_date": TODAY,
                    "validity_date": TODAY + timedelta(days=60),
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.service_massage.id,
                                "product_uom_qty": 2,
                            }
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        return order.order_line

    def test_each_company_books_its_own_resources_of_a_shared_service(self):
        line = self._quote_b(self.secret_client)
        booking = self._book(line, MONDAY_9, self.room_b, user=self.desk_b)
        self.assertEqual(booking.room_id | booking.resource_id, self.room_b)
        self.assertEqual(booking.company_id, self.other)

    def test_a_conflict_across_companies_says_busy_and_names_nobody(self):
        # A room both centres may use (no company), taken by centre B.
        shared_room = self.env["resource.resource"].create(
            {
                "name": "Shared Room",
                "resource_type": "material",
                "tz": "Europe/Rome",
                "calendar_id": False,
                "company_id": False,
            }
        )
        self.service_massage.sudo().fo_resource_ids = [Command.link(shared_room.id)]
        line_b = self._quote_b(self.secret_client)
        self._book(line_b, MONDAY_9, shared_room, user=self.desk_b)
        line_a = self._confirmed_quote(
            validity_start_date=TODAY, validity_date=TODAY + timedelta(days=60)
        ).order_line
        with self.assertRaises(ValidationError) as caught:
            self._book(line_a, MONDAY_9 + timedelta(minutes=15), shared_room)
        message = str(caught.exception)
        self.assertIn("Shared Room", message)
        self.assertIn("busy", message)
        self.assertNotIn("Segreto", message)

    def test_the_diary_greys_a_shared_room_busy_with_the_other_centre(self):
        shared_room = self.env["resource.resource"].create(
            {
                "name": "Shared Room",
                "resource_type": "material",
                "tz": "Europe/Rome",
                "calendar_id": False,
                "company_id": False,
            }
        )
        self.service_massage.sudo().fo_resource_ids = [Command.link(shared_room.id)]
        self._book(
            self._quote_b(self.secret_client), MONDAY_9, shared_room, user=self.desk_b
        )
        data = (
            self.env["front.office.booking"]
            .with_user(self.front_desk_user)
            .with_context(tz="Europe/Rome")
            .fo_diary_data("2026-03-02", [shared_room.id])
        )
        self.assertEqual(data["bookings"], [])
        self.assertIn(
            ["2026-03-02 09:00:00", "2026-03-02 09:50:00"],
            data["unavailable"][shared_room.id],
        )
        self.assertNotIn("Segreto", str(data))


@tagged("post_install", "-at_install")
@freeze_time(datetime(2026, 3, 2, 12, 0))
class TestTimesOfTheDesk(FrontOfficeCommon):
    """The past is the manager's; a session ends on the minute; a session booked
    within its reminder's notice gets its confirmation, not a reminder too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.line = cls._confirmed_quote(
            validity_start_date=TODAY, validity_date=TODAY + timedelta(days=30)
        ).order_line

    def test_the_desk_cannot_book_in_the_past_a_manager_can(self):
        with self.assertRaisesRegex(ValidationError, "in the past"):
            self._book(self.line, datetime(2026, 3, 2, 11, 0))
        # A client who walks in a few minutes late still gets the slot.
        self.assertTrue(self._book(self.line, datetime(2026, 3, 2, 11, 50)))
        past = self._book(
            self.line, datetime(2026, 3, 2, 8, 0), user=self.front_office_manager
        )
        self.assertEqual(past.state, "booked")

    def test_a_fifty_minute_session_ends_on_the_minute(self):
        booking = self._book(self.line, datetime(2026, 3, 3, 8, 0))
        self.assertEqual(booking.stop, datetime(2026, 3, 3, 8, 50))

    def test_no_reminder_right_after_the_confirmation(self):
        soon = self._book(self.line, datetime(2026, 3, 2, 15, 0))
        later = self._book(self.line, datetime(2026, 3, 9, 15, 0))
        self.assertTrue(soon.reminder_sent)
        self.assertFalse(later.reminder_sent)
