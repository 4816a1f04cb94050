# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The waitlist: a session cancelled, missed or moved away frees its time; once
that change has committed, the oldest matching clients who may still book it are
told, and the first to follow the link books it through the rule book."""

import re
from datetime import timedelta
from unittest.mock import patch

import pytz
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.front_office_quotes.models import front_office_waitlist
from odoo.addons.front_office_quotes.models.front_office_weekdays_mixin import (
    WEEKDAY_FIELDS,
)

from .common import FrontOfficeCommon

ROME = pytz.timezone("Europe/Rome")


class WaitlistCommon(FrontOfficeCommon, HttpCase):
    """Laura's massage with Giulia in three days is about to be cancelled; Mario
    and Sara have massages left and wait for one; Paolo waits without any."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "phone": "+39 06 7654321",
                "email": "desk@wellness.example.com",
                "fo_cancel_notice_hours": 24,
            }
        )
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        cls.today = now.date()
        cls._setup_booking_quote(cls.today, days=30)
        cls.client_sara, cls.client_paolo = cls.env["res.partner"].create(
            [
                {
                    "name": "Sara Neri",
                    "email": "sara.neri@example.com",
                    "phone": "+39 340 111 2222",
                    "lang": "en_US",
                },
                {"name": "Paolo Gialli", "email": "paolo@example.com"},
            ]
        )
        validity = {
            "validity_start_date": cls.today,
            "validity_date": cls.today + timedelta(days=30),
        }
        cls.laura_quote = cls._confirmed_quote(partner=cls.client_laura, **validity)
        cls.sara_quote = cls._confirmed_quote(partner=cls.client_sara, **validity)
        cls.sara_line = cls.sara_quote.order_line
        cls.freed_start = now + timedelta(days=3, hours=1)
        cls.laura_booking = cls._book(
            cls.laura_quote.order_line, cls.freed_start, resource=cls.therapist
        )
        cls.local = pytz.utc.localize(cls.freed_start).astimezone(ROME)
        cls.portal_mario = new_test_user(
            cls.env,
            login="fo_portal_mario",
            groups="base.group_portal",
            partner_id=cls.client_mario.id,
        )
        cls.portal_sara = new_test_user(
            cls.env,
            login="fo_portal_sara",
            groups="base.group_portal",
            partner_id=cls.client_sara.id,
        )

    @classmethod
    def _wait(cls, partner, line=None, user=None, **vals):
        """A waitlist request entered by the desk: massages, any operator, every
        day, any time, for twenty days."""
        env = cls.env(user=user or cls.front_desk_user)
        return env["front.office.waitlist"].create(
            {
                "partner_id": partner.id,
                "product_id": cls.service_massage.id,
                "date_until": cls.today + timedelta(days=20),
                **({"sale_line_id": line.id} if line else {}),
                **vals,
            }
        )

    def _run_cron(self):
        with patch.object(type(self.env["ir.cron"]), "_commit_progress"):
            self.env["front.office.waitlist"].sudo()._cron_fo_waitlist()

    def _offer_messages(self, entry):
        return entry.message_ids.filtered(lambda m: "has freed up" in (m.body or ""))

    def _csrf(self):
        page = self.url_open(self.massage_line.order_id.get_portal_url())
        page = self.url_open(
            f"/my/packages/{self.massage_line.id}/book?access_token="
            f"{self.quote._portal_ensure_token()}"
        )
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


@tagged("post_install", "-at_install")
class TestWaitlistOffers(WaitlistCommon):
    def test_cancelled_time_goes_to_matching_clients_after_the_commit(self):
        mario = self._wait(self.client_mario, self.massage_line)
        sara = self._wait(
            self.client_sara, resource_ids=[Command.set(self.therapist.ids)]
        )
        self.laura_booking.with_user(self.front_desk_user).action_cancel()
        # Nothing is sent by the cancellation itself: the cron, after its commit.
        self.assertEqual((mario | sara).mapped("state"), ["waiting", "waiting"])
        self.assertEqual(self.env["front.office.freed.time"].search_count([]), 1)
        self._run_cron()
        for entry in mario | sara:
            self.assertEqual(entry.state, "offered")
            self.assertEqual(entry.offered_start, self.freed_start)
            self.assertEqual(entry.offered_resource_id, self.therapist)
            message = self._offer_messages(entry)
            self.assertEqual(len(message), 1)
            self.assertIn(entry.get_portal_url(), message.body)
            self.assertIn(entry.partner_id, message.partner_ids)
        self.assertFalse(self.env["front.office.freed.time"].search_count([]))

    def test_only_matching_requests_are_offered(self):
        other_day = {
            fname: day != self.local.weekday()
            for day, fname in enumerate(WEEKDAY_FIELDS)
        }
        hour = self.local.hour
        not_matching = [
            self._wait(self.client_mario, self.massage_line, **other_day),
            self._wait(
                self.client_mario,
                self.massage_line,
                resource_ids=[Command.set(self.room_massage.ids)],
            ),
            self._wait(
                self.client_mario,
                self.massage_line,
                time_of_day="custom",
                hour_from=max(hour - 3, 0),
                hour_to=hour,
            ),
            self._wait(
                self.client_mario,
                self.massage_line,
                date_until=self.local.date() - timedelta(days=1),
            ),
            self._wait(
                self.client_mario,
                self.physio_line,
                product_id=self.service_physio.id,
            ),
            # Paolo has no massage left: not offered, the desk calls him.
            self._wait(self.client_paolo),
            # Laura freed it herself.
            self._wait(self.client_laura, self.laura_quote.order_line),
        ]
        matching = self._wait(
            self.client_mario,
            self.massage_line,
            time_of_day="custom",
            hour_from=hour,
            hour_to=min(hour + 2, 24),
        )
        self.laura_booking.action_cancel()
        self._run_cron()
        self.assertEqual(matching.state, "offered")
        for entry in not_matching:
            self.assertEqual(entry.state, "waiting", entry.display_name)

    def test_the_oldest_requests_are_offered_first(self):
        first, second, third = (
            self._wait(client, line)
            for client, line in (
                (self.client_sara, self.sara_line),
                (self.client_mario, self.massage_line),
                (self.client_mario, self.massage_line),
            )
        )
        with patch.object(front_office_waitlist, "OFFER_LIMIT", 2):
            self.laura_booking.action_cancel()
            self._run_cron()
        self.assertEqual(
            [first.state, second.state, third.state], ["offered", "offered", "waiting"]
        )

    def test_a_client_busy_at_that_time_is_not_offered_it(self):
        mario = self._wait(self.client_mario, self.massage_line)
        sara = self._wait(self.client_sara, self.sara_line)
        self._book(self.massage_line, self.freed_start, resource=self.room_massage)
        self.laura_booking.action_cancel()
        self._run_cron()
        self.assertEqual((mario.state, sara.state), ("waiting", "offered"))

    def test_a_rolled_back_cancellation_offers_nothing(self):
        mario = self._wait(self.client_mario, self.massage_line)
        with self.assertRaises(ZeroDivisionError):
            with self.env.cr.savepoint():
                self.laura_booking.action_cancel()
                self.assertTrue(self.env["front.office.freed.time"].search_count([]))
                _ = 1 / 0
        self.env.invalidate_all()
        self.assertEqual(self.laura_booking.state, "booked")
        self._run_cron()
        self.assertEqual(mario.state, "waiting")
        self.assertFalse(self._offer_messages(mario))

    def test_a_session_moved_away_or_missed_frees_its_time(self):
        mario = self._wait(self.client_mario, self.massage_line)
        self.laura_booking.with_user(self.front_desk_user).write(
            {"start": self.freed_start + timedelta(days=1)}
        )
        self._run_cron()
        self.assertEqual(mario.offered_start, self.freed_start)
        # A no-show is the operator's call on the session's day.
        soon = self.freed_start - timedelta(days=3)
        with freeze_time(soon - timedelta(hours=3)):
            missed = self._book(self.sara_line, soon, resource=self.therapist)
            with freeze_time(soon + timedelta(minutes=5)):
                missed.action_no_show()
            self.assertEqual(
                self.env["front.office.freed.time"].search_count([]),
                0,
                "a time already begun is not offered",
            )
        self.assertEqual(self.env["front.office.freed.time"].search_count([]), 0)

    def test_a_centre_without_waiting_clients_queues_nothing(self):
        self.laura_booking.action_cancel()
        self.assertFalse(self.env["front.office.freed.time"].search_count([]))

    def test_matching_queries_do_not_grow_with_the_waiting_requests(self):
        def offer_queries(count):
            entries = self.env["front.office.waitlist"]
            for _index in range(count):
                entries |= self._wait(
                    self.client_mario,
                    self.massage_line,
                    resource_ids=[Command.set(self.room_massage.ids)],
                )
            freed = self.env["front.office.freed.time"].create(
                {
                    "start": self.freed_start,
                    "stop": self.freed_start + timedelta(hours=1),
                    "resource_id": self.therapist.id,
                    "product_id": self.service_massage.id,
                    "company_id": self.company.id,
                }
            )
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.env["front.office.waitlist"]._fo_offer_freed_time(freed)
            return self.env.cr.sql_log_count - before

        self.assertEqual(offer_queries(2), offer_queries(30))


@tagged("post_install", "-at_install")
class TestWaitlistBooking(WaitlistCommon):
    def _offered(self, *entries):
        self.laura_booking.action_cancel()
        self._run_cron()
        for entry in entries:
            self.assertEqual(entry.state, "offered")

    def test_first_come_first_served(self):
        mario = self._wait(self.client_mario, self.massage_line)
        sara = self._wait(self.client_sara, self.sara_line)
        self._offered(mario, sara)
        booking = sara.sudo()._fo_portal_take_offer()
        self.assertEqual(sara.state, "booked")
        self.assertEqual(sara.booking_id, booking)
        self.assertEqual(booking.start, self.freed_start)
        self.assertEqual(booking.sale_line_id, self.sara_line)
        sessions = len(self.massage_line.fo_booking_ids)
        with self.assertRaisesRegex(UserError, "just been taken"):
            mario.sudo()._fo_portal_take_offer()
        self.assertEqual(mario.state, "offered")
        self.assertEqual(len(self.massage_line.fo_booking_ids), sessions)

    def test_a_request_to_move_a_session_moves_it(self):
        later = self._book(
            self.massage_line,
            self.freed_start + timedelta(days=5),
            resource=self.therapist,
        )
        mario = self._wait(self.client_mario, move_booking_id=later.id)
        self._offered(mario)
        self.assertEqual(mario.sudo()._fo_portal_take_offer(), later)
        self.assertEqual(later.start, self.freed_start)

    def test_expired_and_cancelled_requests_take_nothing(self):
        mario = self._wait(self.client_mario, self.massage_line)
        self._offered(mario)
        with freeze_time(fields.Datetime.now() + timedelta(days=21)):
            self._run_cron()
            self.assertEqual(mario.state, "expired")
            with self.assertRaisesRegex(UserError, "expired"):
                mario.sudo()._fo_portal_take_offer()
        sara = self._wait(self.client_sara, self.sara_line)
        sara.with_user(self.front_desk_user).action_cancel()
        with self.assertRaisesRegex(UserError, "no longer on the waitlist"):
            sara.sudo()._fo_portal_take_offer()


@tagged("post_install", "-at_install")
class TestWaitlistSecurity(WaitlistCommon):
    def test_desk_manages_requests_but_not_their_state(self):
        entry = self._wait(self.client_mario, self.massage_line)
        desk_entry = entry.with_user(self.front_desk_user)
        desk_entry.write({"hour_from": 9.0, "hour_to": 12.0, "time_of_day": "custom"})
        for vals in (
            {"state": "booked"},
            {"offered_start": self.freed_start},
            {"booking_id": self.laura_booking.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                desk_entry.write(vals)
        with self.assertRaises(AccessError):
            desk_entry.unlink()
        desk_entry.action_cancel()
        self.assertEqual(entry.state, "cancelled")

    def test_bad_requests_are_refused(self):
        for label, vals in (
            ("no day", dict.fromkeys(WEEKDAY_FIELDS, False)),
            (
                "hours upside down",
                {"time_of_day": "custom", "hour_from": 14.0, "hour_to": 9.0},
            ),
            ("past", {"date_until": self.today - timedelta(days=1)}),
            ("not a session service", {"product_id": self.gift_card.id}),
            ("another client's package", {"sale_line_id": self.sara_line.id}),
        ):
            with self.subTest(label), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    self._wait(self.client_mario, **vals)

    def test_other_company_and_other_users_see_nothing(self):
        entry = self._wait(self.client_mario, self.massage_line)
        other = self._other_company()
        other_desk = new_test_user(
            self.env,
            login="fo_other_desk",
            groups="base.group_user,front_office_quotes.group_front_office_user",
            company_id=other.id,
            company_ids=[other.id],
        )
        self.assertFalse(
            self.env["front.office.waitlist"].with_user(other_desk).search([])
        )
        with self.assertRaises(AccessError):
            entry.with_user(other_desk).read(["partner_id"])
        for user in (self.portal_mario, self.internal_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                entry.with_user(user).read(["partner_id"])


@tagged("post_install", "-at_install")
class TestWaitlistRoutes(WaitlistCommon):
    def _join(self, line=None, token=None, **data):
        line = line or self.massage_line
        values = {
            "csrf_token": self._csrf(),
            "access_token": line.order_id._portal_ensure_token()
            if token is None
            else token,
            "sale_line_id": line.id,
            "time_of_day": "afternoon",
            "date_until": str(self.today + timedelta(days=10)),
            **{f"weekday_{day}": "1" for day in (0, 2, 4)},
        }
        values.update(data)
        return self.url_open(
            "/my/waitlist", data={k: v for k, v in values.items() if v is not None}
        )

    def _entries(self):
        return self.env["front.office.waitlist"].search([])

    def _joined_messages(self, entry):
        return entry.message_ids.filtered(
            lambda m: "you are on the waitlist" in (m.subject or "")
        )

    def test_client_joining_online_gets_the_link_to_the_request(self):
        self._join()
        entry = self._entries()
        message = self._joined_messages(entry)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.client_mario)
        self.assertIn(
            f"/my/waitlist/{entry.id}?access_token={entry.access_token}", message.body
        )
        self.assertIn("Mon, Wed, Fri", message.body)
        # The link opens the request, with the way off the waitlist.
        self.authenticate(None, None)
        page = self.url_open(entry.get_portal_url())
        self.assertIn("o_fo_portal_waitlist_cancel", page.text)

    def test_the_hours_asked_read_as_people_say_them(self):
        for time_of_day, label in (
            ("any", "Any Time"),
            ("morning", "Morning (until 13:00)"),
            ("afternoon", "Afternoon (13:00–18:00)"),
            ("evening", "Evening (from 18:00)"),
        ):
            with self.subTest(time_of_day):
                entry = self._wait(self.client_sara, time_of_day=time_of_day)
                self.assertEqual(entry.hours_label, label)
        entry = self._wait(
            self.client_sara, time_of_day="custom", hour_from=9.5, hour_to=12.0
        )
        self.assertEqual(entry.hours_label, "09:30–12:00")

    def test_the_desk_puts_a_client_on_the_waitlist_who_is_told_if_reachable(self):
        entry = self._wait(self.client_sara, self.sara_line)
        self.assertEqual(len(self._joined_messages(entry)), 1)
        self.client_paolo.email = False
        self.assertFalse(self._joined_messages(self._wait(self.client_paolo)))

    def test_portal_client_sees_own_waitlist_on_the_sessions_page(self):
        mine = self._wait(self.client_mario, self.massage_line)
        left = self._wait(self.client_mario, self.massage_line)
        left.with_user(self.front_desk_user).action_cancel()
        sara = self._wait(self.client_sara, self.sara_line)
        self.authenticate("fo_portal_mario", "fo_portal_mario")
        page = self.url_open("/my/sessions")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f'href="/my/waitlist/{mine.id}"', page.text)
        self.assertNotIn(f'href="/my/waitlist/{left.id}"', page.text)
        self.assertNotIn(f'href="/my/waitlist/{sara.id}"', page.text)
        # The entry opens for its client without a token; Sara's does not.
        entry_page = self.url_open(f"/my/waitlist/{mine.id}")
        self.assertIn("o_fo_portal_waitlist_cancel", entry_page.text)
        self.assertEqual(self.url_open(f"/my/waitlist/{sara.id}").status_code, 403)

    def test_the_book_page_offers_the_waitlist(self):
        page = self.url_open(
            f"/my/packages/{self.massage_line.id}/book?access_token="
            f"{self.quote._portal_ensure_token()}"
        )
        self.assertIn("o_fo_portal_waitlist_form", page.text)

    def test_client_joins_the_waitlist_from_the_book_page(self):
        response = self._join(resource_id=str(self.therapist.id))
        self.assertEqual(response.status_code, 200)
        self.assertIn("You are on the waitlist", response.text)
        entry = self._entries()
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.partner_id, self.client_mario)
        self.assertEqual(entry.sale_line_id, self.massage_line)
        self.assertEqual(entry.resource_ids, self.therapist)
        self.assertEqual((entry.hour_from, entry.hour_to), (13.0, 18.0))
        self.assertEqual(entry._fo_weekdays(), [0, 2, 4])

    def test_client_joins_from_the_reschedule_page_to_move_the_session(self):
        booking = self._book(self.massage_line, self.freed_start + timedelta(days=5))
        response = self._join(
            token=booking._portal_ensure_token(),
            sale_line_id=None,
            booking_id=str(booking.id),
            time_of_day="custom",
            hour_from="09:30",
            hour_to="12:00",
        )
        self.assertIn("You are on the waitlist", response.text)
        entry = self._entries()
        self.assertEqual(entry.move_booking_id, booking)
        self.assertEqual((entry.hour_from, entry.hour_to), (9.5, 12.0))

    def test_bad_answers_create_nothing(self):
        # The window counts from the centre's today, already tomorrow in Rome
        # late in a UTC evening.
        centre_today = pytz.utc.localize(fields.Datetime.now()).astimezone(ROME).date()
        horizon = centre_today + timedelta(days=self.company.fo_online_booking_days + 1)
        for label, data in (
            ("no day", {f"weekday_{day}": None for day in (0, 2, 4)}),
            ("past", {"date_until": str(self.today - timedelta(days=1))}),
            ("beyond the window", {"date_until": str(horizon)}),
            ("not a date", {"date_until": "soon"}),
            (
                "tampered hours",
                {"time_of_day": "custom", "hour_from": "25:00", "hour_to": "26:00"},
            ),
            (
                "hours upside down",
                {"time_of_day": "custom", "hour_from": "18:00", "hour_to": "09:00"},
            ),
            ("unknown time of day", {"time_of_day": "night"}),
            ("foreign operator", {"resource_id": str(self.room_physio.id)}),
            ("not an id", {"resource_id": "x"}),
        ):
            with self.subTest(label):
                response = self._join(**data)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_fo_portal_error", response.text)
                self.assertFalse(self._entries())

    def test_foreign_tokens_and_ids_create_nothing(self):
        for data in (
            {"token": self.sara_quote._portal_ensure_token()},
            {"token": "bad"},
            {"sale_line_id": "999999999"},
            {"sale_line_id": None, "booking_id": str(self.laura_booking.id)},
        ):
            with self.subTest(data=data):
                response = self._join(**data)
                self.assertEqual(response.status_code, 403)
        self.assertFalse(self._entries())

    def test_the_offer_link_books_the_time_once(self):
        mario = self._wait(self.client_mario, self.massage_line)
        sara = self._wait(self.client_sara, self.sara_line)
        self.laura_booking.action_cancel()
        self._run_cron()
        page = self.url_open(mario.get_portal_url())
        self.assertIn("Book this time", page.text)
        self.assertNotIn(self.client_sara.name, page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            f"/my/waitlist/{mario.id}/book",
            data={"csrf_token": csrf, "access_token": mario.access_token},
        )
        self.assertIn("Your session is booked", response.text)
        self.assertEqual(mario.state, "booked")
        response = self.url_open(
            f"/my/waitlist/{sara.id}/book",
            data={"csrf_token": csrf, "access_token": sara.access_token},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("just been taken", response.text)
        self.assertEqual(sara.state, "offered")
        self.assertFalse(sara.booking_id)

    def test_a_token_opens_its_own_request_only(self):
        mario = self._wait(self.client_mario, self.massage_line)
        sara = self._wait(self.client_sara, self.sara_line)
        for url in (
            f"/my/waitlist/{mario.id}?access_token={sara.access_token}",
            f"/my/waitlist/{mario.id}?access_token=bad",
            f"/my/waitlist/{mario.id}",
            "/my/waitlist/999999999?access_token=x",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 403)
        csrf = self._csrf()
        response = self.url_open(
            f"/my/waitlist/{mario.id}/book",
            data={"csrf_token": csrf, "access_token": sara.access_token},
        )
        self.assertEqual(response.status_code, 403)
        response = self.url_open(
            f"/my/waitlist/{mario.id}/cancel",
            data={"csrf_token": csrf, "access_token": sara.access_token},
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(mario.state, "waiting")

    def test_portal_clients_open_and_leave_their_own_requests(self):
        mario = self._wait(self.client_mario, self.massage_line)
        sara = self._wait(self.client_sara, self.sara_line)
        self.authenticate("fo_portal_mario", "fo_portal_mario")
        page = self.url_open(f"/my/waitlist/{mario.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("No time has freed up yet", page.text)
        self.assertEqual(self.url_open(f"/my/waitlist/{sara.id}").status_code, 403)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            f"/my/waitlist/{mario.id}/cancel", data={"csrf_token": csrf}
        )
        self.assertIn("You have left the waitlist", response.text)
        self.assertEqual(mario.state, "cancelled")
        response = self.url_open(
            f"/my/waitlist/{mario.id}/book", data={"csrf_token": csrf}
        )
        self.assertIn("no longer on the waitlist", response.text)


@tagged("post_install", "-at_install")
class TestWaitlistDesk(WaitlistCommon):
    def test_the_diary_lists_who_waits_for_the_day(self):
        mario = self._wait(self.client_mario, self.massage_line)
        self._wait(self.client_sara, self.sara_line, date_until=self.today)
        day = self.local.date()
        data = (
            self.env["front.office.booking"]
            .with_user(self.front_desk_user)
            .with_context(tz="Europe/Rome")
            .fo_diary_data(fields.Date.to_string(day))
        )
        self.assertEqual([row["id"] for row in data["waitlist"]], mario.ids)
        self.assertEqual(data["waitlist"][0]["partner_name"], self.client_mario.name)

    def test_the_client_record_counts_and_opens_the_requests(self):
        self._wait(self.client_mario, self.massage_line)
        partner = self.client_mario.with_user(self.front_desk_user)
        self.assertEqual(partner.fo_waitlist_count, 1)
        action = partner.action_fo_view_waitlist()
        self.assertEqual(action["res_model"], "front.office.waitlist")
        self.assertEqual(
            partner.action_fo_add_to_waitlist()["context"],
            {"default_partner_id": partner.id},
        )


@tagged("post_install", "-at_install")
class TestWaitlistTour(WaitlistCommon):
    browser_size = "390x844"
    touch_enabled = True

    def test_a_waiting_client_books_the_freed_time_from_the_link(self):
        mario = self._wait(self.client_mario, self.massage_line)
        self.laura_booking.action_cancel()
        self._run_cron()
        self.assertEqual(mario.state, "offered")
        self.start_tour(mario.get_portal_url(), "front_office_waitlist_tour")
        self.assertEqual(mario.state, "booked")
        self.assertEqual(mario.booking_id.start, self.freed_start)
        self.assertEqual(mario.booking_id.resource_id, self.therapist)
