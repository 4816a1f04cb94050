# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter
from datetime import datetime, time, timedelta

import pytz

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import FrontOfficeAccountingCommon


@tagged("post_install", "-at_install")
class TestFrontOfficeTours(FrontOfficeAccountingCommon, HttpCase):
    def test_front_desk_user_opens_the_front_office_app(self):
        self.start_tour(
            "/odoo", "front_office_open_app", login=self.front_desk_user.login
        )

    def test_front_desk_finds_a_client_and_sells_a_quote(self):
        """The client and the quote: search, add person, quote, confirm, print."""
        self.start_tour(
            "/odoo", "front_office_quote_tour", login=self.front_desk_user.login
        )
        client = self.env["res.partner"].search([("name", "=", "Giovanni Neri")])
        self.assertEqual(len(client), 1)
        quote = self.env["sale.order"].search([("partner_id", "=", client.id)])
        self.assertEqual(quote.state, "sale")
        self.assertEqual(quote.fo_description, "Winter relax package")
        self.assertEqual(quote.validity_start_date, fields.Date.context_today(quote))
        self.assertEqual(str(quote.validity_date), "2030-12-31")
        self.assertEqual(quote.user_id, self.front_desk_user)
        self.assertEqual(quote.sale_order_template_id, self.template_relax)
        self.assertEqual(
            quote.order_line.product_id, self.service_massage | self.service_physio
        )

    def test_front_desk_books_sessions_and_books_more_from_the_planning(self):
        """Booking and attendance: wizard, planning free slot, check-in."""
        today = fields.Date.context_today(self.env.user)
        quote = self._confirmed_quote(
            validity_start_date=today - timedelta(days=7),
            validity_date=today + timedelta(days=90),
        )
        # The client's session of today, at 6:00 UTC (checked in from today on): the
        # earliest of the appointments unless the planning's lands earlier this week.
        # (Recorded by the manager: it may already have begun.)
        self._book(
            quote.order_line,
            datetime.combine(today, time(6)),
            self.therapist,
            user=self.front_office_manager,
        )
        self.start_tour(
            f"/odoo/front-office-quotes/{quote.id}",
            "front_office_booking_tour",
            login=self.front_desk_user.login,
        )
        bookings = quote.fo_booking_ids
        self.assertEqual(len(bookings), 5)
        self.assertEqual(bookings.mapped("state").count("done"), 1)
        # The wizard's weekly series shares one time of day; the planning's is 14:00.
        by_time = Counter(b.start.time() for b in bookings)
        self.assertEqual(sorted(by_time.values()), [1, 1, 3])
        self.assertEqual(
            set(bookings.mapped("duration")), {self.service_massage.fo_session_duration}
        )
        self.assertEqual(quote.order_line.fo_sessions_remaining, 5)

    def test_front_desk_books_a_free_slot_of_the_planning_for_one_operator(self):
        """The services planning: one operator filtered, a click on a free slot
        opens the session with that operator and the service's duration."""
        today = fields.Date.context_today(self.env.user)
        quote = self._confirmed_quote(
            validity_start_date=today, validity_date=today + timedelta(days=90)
        )
        laura = self._confirmed_quote(
            partner=self.client_laura,
            validity_start_date=today,
            validity_date=today + timedelta(days=90),
        )
        # This week and next week: Giulia with Mario, the massage room with Laura.
        for days in (0, 7):
            day = datetime.combine(today + timedelta(days=days), time(6))
            self._book(
                quote.order_line, day, self.therapist, user=self.front_office_manager
            )
            self._book(
                laura.order_line,
                day + timedelta(hours=1),
                self.room_massage,
                user=self.front_office_manager,
            )
        self.start_tour(
            "/odoo/services-planning",
            "front_office_planning_tour",
            login=self.front_desk_user.login,
        )
        booking = quote.fo_booking_ids.sorted("create_date")[-1]
        self.assertEqual(len(quote.fo_booking_ids), 3)
        self.assertEqual(booking.resource_id, self.therapist)
        self.assertAlmostEqual(booking.duration, 50 / 60, places=4)
        self.assertEqual(booking.stop - booking.start, timedelta(minutes=50))
        self.assertGreater(booking.start.date(), today + timedelta(days=1))

    def test_front_desk_takes_payment_for_the_sessions_just_booked(self):
        """Taking payment in the browser: Register Payment on the client record."""
        today = fields.Date.context_today(self.env.user)
        quote = self._confirmed_quote(
            validity_start_date=today, validity_date=today + timedelta(days=90)
        )
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=1)
        bookings = self._book(quote.order_line, start) | self._book(
            quote.order_line, start + timedelta(days=7)
        )
        self.assertAlmostEqual(quote.order_line.price_total / 10 * 2, 138.0)
        self.start_tour(
            f"/odoo/front-desk/{self.client_mario.id}",
            "front_office_payment_tour",
            login=self.front_desk_user.login,
        )
        self.assertEqual(set(bookings.mapped("payment_state")), {"paid"})
        payment = self.env["account.payment"].search(
            [("partner_id", "=", self.client_mario.id)]
        )
        self.assertEqual(len(payment), 1)
        self.assertEqual(payment.journal_id.type, "cash")

    def test_front_desk_is_warned_of_a_duplicate_client(self):
        """A new client with a phone the centre has: warned, discarded."""
        self.client_mario.phone = "+39 333 1234567"
        clients = self.env["res.partner"].search_count([])
        self.start_tour(
            "/odoo/front-desk/new",
            "front_office_duplicate_client_tour",
            login=self.front_desk_user.login,
        )
        self.assertEqual(self.env["res.partner"].search_count([]), clients)

    def test_front_desk_creates_a_client_in_the_centres_language(self):
        """A new client at the Italian desk is Italian before and after saving,
        although the database's default language for contacts is English."""
        self.env["res.lang"]._activate_lang("it_IT")
        self.env["ir.default"].set("res.partner", "lang", "en_US")
        self.front_desk_user.lang = "it_IT"
        self.start_tour(
            "/odoo/front-desk/new",
            "front_office_new_client_tour",
            login=self.front_desk_user.login,
        )
        client = self.env["res.partner"].search([("name", "=", "Lucia Bianchi")])
        self.assertEqual(len(client), 1)
        self.assertEqual(client.lang, "it_IT")

    def test_front_desk_takes_a_package_up_front_in_cash_with_a_receipt(self):
        """The whole package paid in cash from the client record, the receipt
        printed; the sessions booked later are paid by accounting."""
        today = fields.Date.context_today(self.env.user)
        quote = self._confirmed_quote(
            validity_start_date=today, validity_date=today + timedelta(days=90)
        )
        self.assertAlmostEqual(quote.amount_total, 690.0)
        self.start_tour(
            f"/odoo/front-desk/{self.client_mario.id}",
            "front_office_checkout_tour",
            login=self.front_desk_user.login,
        )
        payment = self.env["account.payment"].search(
            [("partner_id", "=", self.client_mario.id)]
        )
        self.assertEqual(len(payment), 1)
        self.assertEqual(payment.journal_id.type, "cash")
        self.assertAlmostEqual(payment.amount, 690.0)
        self.assertAlmostEqual(quote.fo_amount_due, 0.0)
        booking = self._book(
            quote.order_line,
            fields.Datetime.now().replace(microsecond=0) + timedelta(days=1),
        )
        self.assertEqual(booking.payment_state, "paid")

    def test_front_desk_books_moves_and_checks_in_from_the_diary(self):
        """The Diary: book from a free cell, move a card, a refused move snaps back,
        check the client in from today's arrivals."""
        # The tour books at 10:00 and 11:00 of the desk's today, which must still
        # be ahead (the desk does not book the past): the desk's clock reads about
        # 03:00 whenever the test runs.
        offset = 3 - fields.Datetime.now().hour
        if offset < -12:
            offset += 24
        # Etc/GMT zones count the other way round: Etc/GMT-3 is UTC+3.
        tz = f"Etc/GMT{-offset:+d}" if offset else "UTC"
        self.front_desk_user.tz = tz
        # The centre's clock is the desk's: check-in goes by the resource's day,
        # which in Rome's zone would already be tomorrow at 11:00 UTC-12.
        # Always available: the tour runs whatever the weekday.
        (self.therapist | self.room_massage | self.room_physio).write(
            {"calendar_id": False, "tz": tz}
        )
        today = fields.Date.context_today(
            self.env["res.users"].with_user(self.front_desk_user)
        )
        quote = self._confirmed_quote(
            validity_start_date=today - timedelta(days=7),
            validity_date=today + timedelta(days=90),
        )
        self.start_tour(
            "/odoo/action-front_office_quotes.action_fo_diary",
            "front_office_diary_tour",
            login=self.front_desk_user.login,
        )
        booking = quote.fo_booking_ids
        self.assertEqual(len(booking), 1)
        self.assertEqual(booking.resource_id, self.room_massage)
        self.assertEqual(booking.state, "done")
        self.assertTrue(booking.checkin_datetime)

    def test_front_desk_cancels_undoes_and_rebooks_a_late_cancelled_time(self):
        """The Diary: a cancellation confirmed with its reason and undone; a
        late-cancelled time booked for another client."""
        self.front_desk_user.tz = "Europe/Rome"
        self.company.fo_cancel_notice_hours = 48
        (self.therapist | self.room_massage | self.room_physio).calendar_id = False
        rome = pytz.timezone("Europe/Rome")
        today = fields.Date.context_today(
            self.env["res.users"].with_user(self.front_desk_user)
        )
        tomorrow_10 = (
            rome.localize(datetime.combine(today + timedelta(days=1), time(10)))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )
        validity = {
            "validity_start_date": today,
            "validity_date": today + timedelta(days=90),
        }
        mario = self._book(
            self._confirmed_quote(**validity).order_line,
            tomorrow_10,
            resource=self.therapist,
        )
        laura_quote = self._confirmed_quote(partner=self.client_laura, **validity)
        self.start_tour(
            "/odoo/action-front_office_quotes.action_fo_diary",
            "front_office_diary_cancel_tour",
            login=self.front_desk_user.login,
        )
        self.assertEqual(
            (mario.state, mario.cancel_reason), ("late_cancel", "Client moved away")
        )
        laura = laura_quote.fo_booking_ids
        self.assertEqual(len(laura), 1)
        self.assertEqual(
            (laura.resource_id, laura.start, laura.state),
            (self.therapist, tomorrow_10 + timedelta(minutes=15), "booked"),
        )
        self.assertIn(
            "Late cancellation undone by Anna Reception",
            "".join(mario.message_ids.mapped("body")),
        )

    def test_front_desk_finds_a_free_afternoon_slot_and_books_it(self):
        """Find a Slot from the client → book the first free afternoon time in one
        click → the Diary shows it with its operator and room."""
        self.front_desk_user.tz = "Europe/Rome"
        (self.therapist | self.room_massage).calendar_id = False
        self.service_massage.write(
            {
                "fo_resource_ids": [Command.set(self.therapist.ids)],
                "fo_room_ids": [Command.set(self.room_massage.ids)],
            }
        )
        today = fields.Date.context_today(
            self.env["res.users"].with_user(self.front_desk_user)
        )
        quote = self._confirmed_quote(
            validity_start_date=today, validity_date=today + timedelta(days=90)
        )
        self.start_tour(
            f"/odoo/front-desk/{self.client_mario.id}",
            "front_office_find_slot_tour",
            login=self.front_desk_user.login,
        )
        booking = quote.fo_booking_ids
        self.assertEqual(len(booking), 1)
        self.assertEqual(
            (booking.resource_id, booking.room_id, booking.state),
            (self.therapist, self.room_massage, "booked"),
        )
        local = pytz.utc.localize(booking.start).astimezone(
            pytz.timezone("Europe/Rome")
        )
        self.assertGreaterEqual(local.hour, 13, "an afternoon time")

    def test_manager_adds_an_operator_who_is_no_odoo_user(self):
        """Front Office > Configuration > Resources: a therapist without an Odoo
        user is saved (core's form asks for a user on human resources)."""
        self.start_tour(
            "/odoo/action-front_office_quotes.resource_resource_action_front_office",
            "front_office_resource_tour",
            login=self.front_office_manager.login,
        )
        sara = self.env["resource.resource"].search([("name", "=", "Sara Neri")])
        self.assertEqual(len(sara), 1)
        self.assertEqual(sara.resource_type, "user")
        self.assertFalse(sara.user_id)
        self.assertTrue(sara.calendar_id, "the company's working hours by default")

    def test_front_desk_moves_a_busy_session_to_the_first_free_time(self):
        """Booking wizard: the series' first session is busy; one switch moves it to
        the first free time, shown in the preview before Book."""
        self.front_desk_user.tz = "Europe/Rome"
        (self.therapist | self.room_massage).calendar_id = False
        today = fields.Date.context_today(
            self.env["res.users"].with_user(self.front_desk_user)
        )
        quote = self._confirmed_quote(
            validity_start_date=today, validity_date=today + timedelta(days=90)
        )
        laura = self._confirmed_quote(
            partner=self.client_laura,
            validity_start_date=today,
            validity_date=today + timedelta(days=90),
        )
        # The wizard plans from tomorrow 9:00 (Rome) with the service's first
        # resource, Giulia: taken.
        busy_start = (
            pytz.timezone("Europe/Rome")
            .localize(datetime.combine(today + timedelta(days=1), time(9)))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )
        self._book(laura.order_line, busy_start, self.therapist)
        self.start_tour(
            f"/odoo/front-office-quotes/{quote.id}",
            "front_office_move_busy_tour",
            login=self.front_desk_user.login,
        )
        bookings = quote.fo_booking_ids.sorted("start")
        self.assertTrue(bookings)
        self.assertEqual(bookings[0].resource_id, self.therapist)
        # Moved on its day, after Laura's session: not at 9:00 any more.
        self.assertGreater(bookings[0].start, busy_start)
        self.assertEqual(
            bookings[0].start.date(), busy_start.date(), "the same day, later"
        )
