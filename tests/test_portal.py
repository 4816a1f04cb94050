# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The client's own page of a session: opened by its link (token) or a portal
login, never by anything else; cancelled online only outside the notice."""

import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import FrontOfficeAccountingCommon, FrontOfficeCommon


class PortalCommon(FrontOfficeCommon, HttpCase):
    """Mario's session in three days (outside the 24 hours' notice) and Laura's,
    whose token must open nothing of Mario's; Mario also has a portal login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.phone = "+39 06 7654321"
        cls.company.fo_cancel_notice_hours = 24
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        cls._setup_booking_quote(now.date(), days=30)
        cls.booking = cls._book(cls.massage_line, now + timedelta(days=3, hours=1))
        cls.laura_quote = cls._confirmed_quote(
            partner=cls.client_laura,
            validity_start_date=now.date(),
            validity_date=now.date() + timedelta(days=30),
        )
        cls.laura_booking = cls._book(
            cls.laura_quote.order_line, now + timedelta(days=4, hours=1)
        )
        cls.portal_mario = new_test_user(
            cls.env,
            login="fo_portal_mario",
            groups="base.group_portal",
            partner_id=cls.client_mario.id,
        )

    def _session_url(self, booking, suffix="", token=None):
        token = booking._portal_ensure_token() if token is None else token
        return f"/my/sessions/{booking.id}{suffix}?access_token={token}"

    def _csrf_from(self, response):
        return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def _cancel(self, booking, token=None, csrf=True):
        # The CSRF token of the visitor's session, read from a page they may open.
        page = self.url_open(self._session_url(self.laura_booking))
        data = {"access_token": booking.access_token if token is None else token}
        if csrf:
            data["csrf_token"] = self._csrf_from(page)
        return self.url_open(f"/my/sessions/{booking.id}/cancel", data=data)


@tagged("post_install", "-at_install")
class TestPortalSession(PortalCommon):
    def test_anonymous_client_opens_the_session_from_its_link(self):
        response = self.url_open(self._session_url(self.booking))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Massage", response.text)
        self.assertIn(self.booking.resource_id.name, response.text)
        self.assertIn(self.company.phone, response.text)
        self.assertIn("Cancel this session", response.text)
        self.assertNotIn(self.client_laura.name, response.text)

    def test_wrong_or_foreign_token_opens_nothing(self):
        for token in ("", "not-a-token", self.laura_booking._portal_ensure_token()):
            with self.subTest(token=token):
                response = self.url_open(self._session_url(self.booking, token=token))
                self.assertEqual(response.status_code, 403)
                self.assertIn("does not open a session", response.text)
                self.assertNotIn("Massage", response.text)
        response = self.url_open("/my/sessions/999999999?access_token=x")
        self.assertEqual(response.status_code, 403)

    def test_calendar_file_of_the_session(self):
        response = self.url_open(self._session_url(self.booking, suffix="/ics"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("text/calendar", response.headers["Content-Type"])
        self.assertIn(b"BEGIN:VEVENT", response.content)
        response = self.url_open(
            self._session_url(self.booking, suffix="/ics", token="bad")
        )
        self.assertEqual(response.status_code, 403)

    def test_portal_client_sees_own_sessions_only(self):
        self.authenticate("fo_portal_mario", "fo_portal_mario")
        response = self.url_open("/my/sessions")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/sessions/{self.booking.id}?", response.text)
        self.assertNotIn(f"/my/sessions/{self.laura_booking.id}?", response.text)
        response = self.url_open(f"/my/sessions/{self.booking.id}")
        self.assertEqual(response.status_code, 200)
        response = self.url_open(f"/my/sessions/{self.laura_booking.id}")
        self.assertEqual(response.status_code, 403)

    def test_client_cancels_online_in_good_time(self):
        response = self._cancel(self.booking)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your session is cancelled", response.text)
        self.assertEqual(self.booking.state, "cancelled")
        self.assertIn(
            "Cancelled online by the client",
            self.booking.message_ids.mapped("body")[0],
        )

    def test_cancel_without_csrf_token_changes_nothing(self):
        response = self._cancel(self.booking, csrf=False)
        self.assertNotEqual(response.status_code, 200)
        self.assertEqual(self.booking.state, "booked")

    def test_cancel_with_another_clients_token_changes_nothing(self):
        response = self._cancel(
            self.booking, token=self.laura_booking._portal_ensure_token()
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.booking.state, "booked")
        self.assertEqual(self.laura_booking.state, "booked")

    def test_cancel_inside_the_notice_is_refused_with_the_centres_phone(self):
        soon = fields.Datetime.now() + timedelta(hours=5)
        booking = self._book(self.massage_line, soon.replace(second=0, microsecond=0))
        page = self.url_open(self._session_url(booking))
        self.assertIn("until 24 hours before the session", page.text)
        self.assertIn(self.company.phone, page.text)
        self.assertNotIn("Cancel this session", page.text)
        # A tampered form posted anyway: refused, nothing becomes a late
        # cancellation online.
        response = self.url_open(
            f"/my/sessions/{booking.id}/cancel",
            data={
                "access_token": booking.access_token,
                "csrf_token": self._csrf_from(
                    self.url_open(self._session_url(self.booking))
                ),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_fo_portal_error", response.text)
        self.assertEqual(booking.state, "booked")

    def test_cancelled_session_cannot_be_cancelled_again(self):
        self._cancel(self.booking)
        response = self._cancel(self.booking)
        self.assertIn("no longer be changed online", response.text)
        self.assertEqual(self.booking.state, "cancelled")

    def test_self_service_switched_off(self):
        self.company.fo_online_booking = False
        page = self.url_open(self._session_url(self.booking))
        self.assertIn("Online changes are not available", page.text)
        self.assertNotIn("Cancel this session", page.text)

    def test_confirmation_email_links_the_session_page(self):
        message = self.booking.message_ids.filtered(
            lambda m: "are booked" in (m.body or "")
        )
        self.assertTrue(message)
        self.assertIn(self._session_url(self.booking), message.body)


@tagged("post_install", "-at_install")
class TestPortalReschedule(PortalCommon):
    """Moving a session online: the picker's free times, and every tampered
    answer refused with a message, nothing changed."""

    def _move(self, booking, start, resource_id):
        page = self.url_open(self._session_url(self.laura_booking))
        return self.url_open(
            f"/my/sessions/{booking.id}/reschedule",
            data={
                "access_token": booking.access_token,
                "csrf_token": self._csrf_from(page),
                "start": start,
                "resource_id": resource_id,
            },
        )

    def _first_offered(self, booking):
        page = self.url_open(self._session_url(booking, suffix="/reschedule"))
        self.assertEqual(page.status_code, 200, page.text[-3000:])
        start = re.search(r'name="start" value="([^"]+)"', page.text).group(1)
        resource_id = re.search(r'name="resource_id" value="(\d+)"', page.text).group(1)
        return start, int(resource_id)

    def test_client_moves_the_session_to_a_time_offered(self):
        start, resource_id = self._first_offered(self.booking)
        earliest = fields.Datetime.now() + timedelta(
            hours=self.company.fo_online_lead_hours
        )
        self.assertGreaterEqual(fields.Datetime.to_datetime(start), earliest)
        response = self._move(self.booking, start, resource_id)
        self.assertEqual(response.status_code, 200, response.text[-4000:])
        self.assertIn("Your session has been moved", response.text)
        self.assertEqual(self.booking.start, fields.Datetime.to_datetime(start))
        self.assertIn(
            "Moved online by the client", self.booking.message_ids.mapped("body")[0]
        )

    def test_tampered_answers_change_nothing(self):
        start, resource_id = self._first_offered(self.booking)
        offered = fields.Datetime.to_datetime(start)
        now = fields.Datetime.now().replace(microsecond=0)
        before = self.booking.start
        for label, value, resource in (
            ("off the grid", offered + timedelta(minutes=7), resource_id),
            ("past", now - timedelta(days=1), resource_id),
            ("beyond the window", now + timedelta(days=61), resource_id),
            ("not a time", "tomorrow", resource_id),
            ("foreign operator", offered, self.room_physio.id),
            ("no operator", offered, "x"),
        ):
            with self.subTest(label):
                response = self._move(self.booking, str(value), resource)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_fo_portal_error", response.text)
                self.assertEqual(self.booking.start, before)
                self.assertNotIn(
                    "Moved online", self.booking.message_ids.mapped("body")[0]
                )

    def test_time_taken_meanwhile_is_refused(self):
        start, resource_id = self._first_offered(self.booking)
        before = self.booking.start
        self._book(
            self.laura_quote.order_line,
            fields.Datetime.to_datetime(start),
            resource=self.env["resource.resource"].browse(resource_id),
        )
        response = self._move(self.booking, start, resource_id)
        self.assertIn("no longer free", response.text)
        self.assertEqual(self.booking.start, before)

    def test_cancelled_session_cannot_be_moved(self):
        self.booking.action_cancel()
        page = self.url_open(self._session_url(self.booking, suffix="/reschedule"))
        self.assertIn("no longer be changed online", page.text)
        self.assertNotIn("o_fo_portal_time", page.text)


@tagged("post_install", "-at_install")
class TestPortalTour(PortalCommon):
    browser_size = "390x844"
    touch_enabled = True

    def test_anonymous_client_moves_then_cancels_from_the_link(self):
        before = self.booking.start
        self.start_tour(self._session_url(self.booking), "front_office_portal_tour")
        self.assertNotEqual(self.booking.start, before)
        self.assertEqual(self.booking.state, "cancelled")
        bodies = " ".join(self.booking.message_ids.mapped("body"))
        self.assertIn("Moved online by the client", bodies)
        self.assertIn("Cancelled online by the client", bodies)


@tagged("post_install", "-at_install")
class TestPortalBook(PortalCommon):
    """Booking what is left of a package online, with the quote's link."""

    def _book_url(self, line, token=None):
        token = line.order_id._portal_ensure_token() if token is None else token
        return f"/my/packages/{line.id}/book?access_token={token}"

    def _post_book(self, line, start, resource_id, token=None):
        page = self.url_open(self._session_url(self.laura_booking))
        return self.url_open(
            f"/my/packages/{line.id}/book",
            data={
                "access_token": line.order_id._portal_ensure_token()
                if token is None
                else token,
                "csrf_token": self._csrf_from(page),
                "start": start,
                "resource_id": resource_id,
            },
        )

    def test_session_page_offers_the_sessions_left(self):
        page = self.url_open(self._session_url(self.booking))
        self.assertIn(f"/my/packages/{self.massage_line.id}/book?", page.text)
        self.assertIn(f"/my/packages/{self.physio_line.id}/book?", page.text)

    def test_client_books_a_session_left(self):
        left = self.massage_line.fo_sessions_remaining
        page = self.url_open(self._book_url(self.massage_line))
        self.assertEqual(page.status_code, 200)
        start = re.search(r'name="start" value="([^"]+)"', page.text).group(1)
        resource_id = re.search(r'name="resource_id" value="(\d+)"', page.text)
        response = self._post_book(self.massage_line, start, resource_id.group(1))
        self.assertIn("Your session is booked", response.text)
        self.assertEqual(self.massage_line.fo_sessions_remaining, left - 1)
        booking = self.massage_line.fo_booking_ids.filtered(
            lambda b: b.start == fields.Datetime.to_datetime(start)
        )
        self.assertTrue(booking)
        bodies = " ".join(booking.message_ids.mapped("body"))
        self.assertIn("Booked online by the client", bodies)
        self.assertIn("are booked", bodies, "the confirmation, as from the desk")

    def test_wrong_or_foreign_token_books_nothing(self):
        laura_token = self.laura_quote._portal_ensure_token()
        for token in ("bad", laura_token):
            with self.subTest(token=token):
                page = self.url_open(self._book_url(self.massage_line, token=token))
                self.assertEqual(page.status_code, 403)
        count = len(self.massage_line.fo_booking_ids)
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        response = self._post_book(
            self.massage_line,
            str(now + timedelta(days=5)),
            self.room_massage.id,
            token=laura_token,
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(len(self.massage_line.fo_booking_ids), count)
        page = self.url_open("/my/packages/999999999/book?access_token=x")
        self.assertEqual(page.status_code, 403)

    def test_tampered_time_books_nothing(self):
        count = len(self.massage_line.fo_booking_ids)
        now = fields.Datetime.now().replace(microsecond=0)
        for value in (now - timedelta(days=1), now + timedelta(days=90), "x"):
            with self.subTest(value=value):
                response = self._post_book(
                    self.massage_line, str(value), self.room_massage.id
                )
                self.assertIn("o_fo_portal_error", response.text)
        self.assertEqual(len(self.massage_line.fo_booking_ids), count)

    def test_package_without_sessions_left(self):
        line = self.physio_line
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        for day in (5, 6):
            self._book(line, now + timedelta(days=day), resource=self.room_physio)
        self.assertEqual(line.fo_sessions_remaining, 0)
        page = self.url_open(self._book_url(line))
        self.assertIn("no session left to book", page.text)
        self.assertNotIn("o_fo_portal_time", page.text)


@tagged("post_install", "-at_install")
class TestPortalPay(FrontOfficeAccountingCommon, PortalCommon):
    """Paying a session online: the payment wizard's invoice, then core's
    invoice page; never a second invoice or charge."""

    def _pay(self, booking, token=None):
        page = self.url_open(self._session_url(self.laura_booking))
        return self.url_open(
            f"/my/sessions/{booking.id}/pay",
            data={
                "access_token": booking.access_token if token is None else token,
                "csrf_token": self._csrf_from(page),
            },
            allow_redirects=False,
        )

    def _invoices(self, booking):
        return booking.sale_line_id.invoice_lines.move_id

    def test_client_pays_on_the_invoice_of_the_session(self):
        page = self.url_open(self._session_url(self.booking))
        self.assertIn("Pay online", page.text)
        response = self._pay(self.booking)
        self.assertEqual(response.status_code, 303)
        invoice = self._invoices(self.booking)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.invoice_line_ids.fo_booking_ids, self.booking)
        self.assertIn(invoice.get_portal_url(), response.headers["Location"])
        self.assertEqual(self.booking.payment_state, "invoiced")
        # A second tab: the same invoice, nothing invoiced twice.
        again = self._pay(self.booking)
        self.assertIn(invoice.get_portal_url(), again.headers["Location"])
        self.assertEqual(self._invoices(self.booking), invoice)
        page = self.url_open(invoice.get_portal_url())
        self.assertEqual(page.status_code, 200)

    def test_a_session_the_deposit_must_cover_is_paid_at_the_desk(self):
        order = self.booking.sale_order_id
        deposit = order.amount_total - self.booking.price_per_session / 2
        wizard = (
            self.env["front.office.payment.wizard"]
            .with_context(default_partner_id=order.partner_id.id)
            .create(
                {
                    "partner_id": order.partner_id.id,
                    "sale_order_id": order.id,
                    "fo_scope": "deposit",
                }
            )
        )
        wizard.amount = deposit
        wizard.action_confirm()
        page = self.url_open(self._session_url(self.booking))
        self.assertNotIn("o_fo_portal_pay_form", page.text)
        self.assertIn("please pay at the desk", page.text)
        response = self._pay(self.booking)
        self.assertEqual(response.status_code, 200)
        self.assertIn("please pay at the desk", response.text)
        self.assertEqual(self.booking.payment_state, "not_paid")
        self.assertFalse(self.booking.fo_invoice_line_ids)

    def test_wrong_token_or_cancelled_session_pays_nothing(self):
        response = self._pay(
            self.booking, token=self.laura_booking._portal_ensure_token()
        )
        self.assertEqual(response.status_code, 403)
        self.booking.action_cancel()
        response = self._pay(self.booking)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Only booked sessions are paid online", response.text)
        self.assertFalse(self._invoices(self.booking))


@tagged("post_install", "-at_install")
class TestPortalPayTour(FrontOfficeAccountingCommon, PortalCommon):
    """A portal client books a session left, then pays it with Odoo's demo payment
    provider (the test database has payment_demo installed)."""

    browser_size = "390x844"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        demo = cls.env.ref("payment.payment_provider_demo").sudo()
        if demo.code != "demo":
            raise AssertionError("payment_demo must be installed for this test")
        cls.provider = demo.copy(
            {"company_id": cls.company.id, "state": "test", "is_published": True}
        )

    def test_portal_client_books_then_pays_with_the_demo_provider(self):
        before = self.massage_line.fo_booking_ids
        self.start_tour(
            "/my/sessions", "front_office_portal_pay_tour", login="fo_portal_mario"
        )
        booked = self.massage_line.fo_booking_ids - before
        self.assertEqual(len(booked), 1, "one session booked online")
        self.assertEqual(booked.state, "booked")
        invoice = booked.fo_invoice_line_ids.move_id
        self.assertEqual(len(invoice), 1, "its invoice carries it")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        transaction = invoice.sudo().transaction_ids
        self.assertEqual(transaction.provider_id, self.provider)
        self.assertEqual(transaction.state, "done")
        self.assertEqual(
            booked.payment_state, "paid", "paid because accounting says so"
        )
        self.assertEqual(self.booking.payment_state, "not_paid", "nothing else paid")
