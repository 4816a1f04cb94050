# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Messages to clients: booking confirmations with a calendar file, reminders by email
and SMS at the right time (once), cancellation and move notices. Nothing is sent: Odoo's
mail and SMS gateway mocks catch everything."""

import base64
import logging
from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import html2plaintext

from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.sms.tests.common import SMSCase

from .common import FrontOfficeCommon

_logger = logging.getLogger(__name__)

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 8, 0)
# 09:00 UTC = 10:00 in Rome (winter time), the resources' time zone.
WEDNESDAY_9 = datetime(2026, 3, 4, 9, 0)
REMINDER_CRON = "front_office_quotes.ir_cron_fo_send_reminders"


class FrontOfficeMessagesCommon(FrontOfficeCommon, MockEmail, SMSCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "email": "desk@wellness.example.com",
                "fo_reminder_hours": 24,
                "fo_cancel_notice_hours": 24,
            }
        )
        cls.quote = cls._confirmed_quote(
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=60),
        )
        cls.line = cls.quote.order_line

    def _book_batch(self, starts, line=None, hold=False):
        """Sessions of one batch, as the booking wizard creates them; their
        confirmation leaves at once unless ``hold``."""
        line = line or self.line
        bookings = (
            self.env["front.office.booking"]
            .with_user(self.front_desk_user)
            .create(
                [
                    {
                        "sale_line_id": line.id,
                        "start": start,
                        "resource_id": self.room_massage.id,
                    }
                    for start in starts
                ]
            )
        )
        if not hold:
            self._send_held_confirmations()
        return bookings

    def _client_mails(self, partner=None, subject=None):
        partner = partner or self.client_mario
        return self._new_mails.filtered(
            lambda m: (
                partner in m.recipient_ids
                and (not subject or subject in (m.subject or ""))
            )
        )

    @staticmethod
    def _text(mail):
        """The text the template wrote (without Odoo's email layout), one space
        between words."""
        return " ".join(html2plaintext(mail.mail_message_id.body).split())

    def _triggers(self):
        return (
            self.env["ir.cron.trigger"]
            .sudo()
            .search([("cron_id", "=", self.env.ref(REMINDER_CRON).id)])
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestBookingConfirmation(FrontOfficeMessagesCommon):
    def test_a_booking_batch_sends_one_confirmation_with_a_calendar_file(self):
        starts = [WEDNESDAY_9 + timedelta(days=7 * week) for week in range(3)]
        with self.mock_mail_gateway():
            bookings = self._book_batch(starts)
        mails = self._client_mails(subject="your sessions are booked")
        self.assertEqual(len(mails), 1, "one email for the whole batch")
        body = mails.body_html
        for label in (
            "Wednesday 4 March 2026, 10:00",
            "Wednesday 11 March 2026, 10:00",
            "Wednesday 18 March 2026, 10:00",
        ):
            self.assertIn(label, body)
        self.assertIn("Massage 50&#39;", body)
        self.assertIn("Massage Room", body)
        # Logged in the chatter of the first session, with the calendar file.
        message = bookings[0].message_ids.filtered(lambda m: m.attachment_ids)
        self.assertEqual(message.partner_ids, self.client_mario)
        ics = message.attachment_ids
        self.assertEqual((ics.name, ics.mimetype), ("sessions.ics", "text/calendar"))
        content = base64.b64decode(ics.datas).decode()
        self.assertEqual(content.count("BEGIN:VEVENT"), 3)
        self.assertIn("DTSTART:20260304T090000Z", content)
        self.assertIn("DTEND:20260304T095000Z", content)
        self.assertIn("SUMMARY:Massage 50'", content)
        self.assertIn("LOCATION:Massage Room", content)
        self.assertEqual(mails.attachment_ids, ics)

    def test_the_confirmation_is_in_the_client_language(self):
        self.env["res.lang"]._activate_lang("it_IT")
        self.env["ir.module.module"].search(
            [("name", "in", ("front_office_quotes", "product"))]
        )._update_translations(["it_IT"], overwrite=True)
        self.client_mario.lang = "it_IT"
        with self.mock_mail_gateway():
            self._book_batch([WEDNESDAY_9])
        mails = self._client_mails()
        self.assertEqual(len(mails), 1)
        self.assertIn("le tue sedute sono prenotate", mails.subject)
        self.assertIn("mercoledì 4 marzo 2026, 10:00", mails.body_html)
        self.assertIn("Buongiorno Mario Rossi", mails.body_html)

    def test_the_cancellation_notice_is_in_the_client_language(self):
        self.env["res.lang"]._activate_lang("it_IT")
        self.env["ir.module.module"].search(
            [("name", "in", ("front_office_quotes", "product"))]
        )._update_translations(["it_IT"], overwrite=True)
        self.client_mario.lang = "it_IT"
        bookings = self._book_batch([WEDNESDAY_9, WEDNESDAY_9 + timedelta(days=7)])
        with self.mock_mail_gateway():
            bookings.with_user(self.front_desk_user).action_cancel()
        mails = self._client_mails(subject="sedute annullate")
        self.assertEqual(len(mails), 1)
        text = self._text(mails)
        self.assertIn("queste sedute sono annullate", text)
        self.assertIn("mercoledì 4 marzo 2026, 10:00", text)
        self.assertIn("mercoledì 11 marzo 2026, 10:00", text)
        self.assertIn("restano tue", text)

    def test_local_time_follows_daylight_saving_and_names_a_foreign_zone(self):
        self.client_mario.tz = "Europe/London"
        # 29 March 2026: Rome moves to summer time (UTC+2).
        with self.mock_mail_gateway():
            self._book_batch([datetime(2026, 3, 30, 8, 0)])
        self.assertIn(
            "Monday 30 March 2026, 10:00 (Europe/Rome)",
            self._client_mails().body_html,
        )

    def test_a_client_without_email_gets_a_note_and_nothing_fails(self):
        self.client_mario.email = False
        with self.mock_mail_gateway():
            booking = self._book_batch([WEDNESDAY_9])
        self.assertFalse(self._new_mails)
        self.assertIn(
            "No booking confirmation sent by email: Mario Rossi has no email address.",
            booking.message_ids.mapped("preview"),
        )

    def test_each_client_of_a_batch_gets_their_own_confirmation(self):
        other = self._confirmed_quote(
            partner=self.client_laura,
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=60),
        ).order_line
        with self.mock_mail_gateway():
            self.env["front.office.booking"].with_user(self.front_desk_user).create(
                [
                    {
                        "sale_line_id": line.id,
                        "start": WEDNESDAY_9 + timedelta(hours=hours),
                        "resource_id": self.room_massage.id,
                    }
                    for line, hours in ((self.line, 0), (other, 1), (self.line, 2))
                ]
            )
            self._send_held_confirmations()
        self.assertEqual(len(self._client_mails(self.client_mario)), 1)
        self.assertEqual(len(self._client_mails(self.client_laura)), 1)
        self.assertEqual(len(self._new_mails), 2)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestHeldConfirmation(FrontOfficeMessagesCommon):
    """The confirmation waits a little before it leaves: a batch moved or
    cancelled meanwhile (a drag 15 seconds after booking) changes it, and the
    client gets one email that is right."""

    def _confirmations(self):
        return self._client_mails(subject="your sessions are booked")

    def test_a_batch_moved_before_its_confirmation_left_sends_one_email(self):
        with self.mock_mail_gateway():
            bookings = self._book_batch(
                [WEDNESDAY_9, WEDNESDAY_9 + timedelta(days=7)], hold=True
            )
            self.assertFalse(self._new_mails, "held, not sent yet")
            with freeze_time(NOW + timedelta(seconds=15)):
                bookings[0].with_user(self.front_desk_user).start = (
                    WEDNESDAY_9 + timedelta(hours=2)
                )
                self._send_held_confirmations()
        self.assertFalse(self._client_mails(subject="have been moved"))
        mails = self._confirmations()
        self.assertEqual(len(mails), 1, "one email, the confirmation")
        text = self._text(mails)
        self.assertIn("Wednesday 4 March 2026, 12:00", text)
        self.assertIn("Wednesday 11 March 2026, 10:00", text)
        self.assertNotIn("Wednesday 4 March 2026, 10:00", text)
        ics = base64.b64decode(mails.attachment_ids.datas).decode()
        self.assertIn("DTSTART:20260304T110000Z", ics)
        self.assertNotIn("DTSTART:20260304T090000Z", ics)
        # One confirmation in the chatter, as it was sent.
        confirmation = bookings[0].message_ids.filtered("attachment_ids")
        self.assertEqual(len(confirmation), 1)
        self.assertIn("12:00", confirmation.body)

    def test_a_move_after_the_confirmation_left_sends_a_move_notice(self):
        with self.mock_mail_gateway():
            bookings = self._book_batch([WEDNESDAY_9], hold=True)
            with freeze_time(NOW + timedelta(minutes=3)):
                self._send_held_confirmations()
                bookings.with_user(self.front_desk_user).start = (
                    WEDNESDAY_9 + timedelta(hours=2)
                )
        self.assertEqual(len(self._confirmations()), 1)
        self.assertEqual(len(self._client_mails(subject="have been moved")), 1)

    def test_a_session_cancelled_before_its_confirmation_left_is_not_confirmed(self):
        with self.mock_mail_gateway():
            _kept, cancelled = self._book_batch(
                [WEDNESDAY_9, WEDNESDAY_9 + timedelta(days=7)], hold=True
            )
            cancelled.with_user(self.front_desk_user).action_cancel()
            self._send_held_confirmations()
        text = self._text(self._confirmations())
        self.assertIn("Wednesday 4 March 2026, 10:00", text)
        self.assertNotIn("Wednesday 11 March 2026", text)
        # Never announced, so no cancellation to announce either.
        self.assertFalse(self._client_mails(subject="sessions cancelled"))

    def test_a_session_cancelled_after_its_confirmation_left_is_told(self):
        with self.mock_mail_gateway():
            _kept, cancelled = self._book_batch(
                [WEDNESDAY_9, WEDNESDAY_9 + timedelta(days=7)], hold=True
            )
            with freeze_time(NOW + timedelta(minutes=3)):
                self._send_held_confirmations()
                cancelled.with_user(self.front_desk_user).action_cancel()
        self.assertEqual(len(self._confirmations()), 1)
        self.assertEqual(len(self._client_mails(subject="sessions cancelled")), 1)

    def test_a_cancellation_undone_before_the_confirmation_left_sends_one_email(
        self,
    ):
        with self.mock_mail_gateway():
            bookings = self._book_batch(
                [WEDNESDAY_9, WEDNESDAY_9 + timedelta(days=7)], hold=True
            )
            with freeze_time(NOW + timedelta(seconds=20)):
                bookings[1].with_user(self.front_desk_user).action_cancel()
                bookings[1].with_user(self.front_desk_user).action_undo()
                self._send_held_confirmations()
        self.assertEqual(bookings.mapped("state"), ["booked", "booked"])
        self.assertFalse(self._client_mails(subject="sessions cancelled"))
        mails = self._confirmations()
        self.assertEqual(len(mails), 1, "the held confirmation, nothing more")
        text = self._text(mails)
        self.assertIn("Wednesday 4 March 2026, 10:00", text)
        self.assertIn("Wednesday 11 March 2026, 10:00", text)

    def test_a_batch_all_cancelled_before_its_confirmation_left_is_not_confirmed(
        self,
    ):
        with self.mock_mail_gateway():
            bookings = self._book_batch([WEDNESDAY_9], hold=True)
            bookings.with_user(self.front_desk_user).action_cancel()
            self._send_held_confirmations()
        self.assertFalse(self._confirmations())
        self.assertFalse(self._client_mails(subject="sessions cancelled"))
        self.assertFalse(bookings.message_ids.filtered("attachment_ids"))


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestReminders(FrontOfficeMessagesCommon):
    def _send_due(self, at, **kwargs):
        with freeze_time(at), self.mock_mail_gateway(), self.mockSMSGateway():
            return (
                self.env["front.office.booking"].sudo()._fo_send_due_reminders(**kwargs)
            )

    def test_booking_wakes_the_cron_when_the_first_reminder_is_due(self):
        self._triggers().unlink()
        self._book_batch([WEDNESDAY_9 + timedelta(days=7), WEDNESDAY_9])
        self.assertEqual(
            self._triggers().mapped("call_at"), [WEDNESDAY_9 - timedelta(hours=24)]
        )

    def test_a_reminder_is_sent_at_its_time_and_only_once(self):
        booking = self._book_batch([WEDNESDAY_9])
        self.assertEqual(self._send_due(WEDNESDAY_9 - timedelta(hours=25)), (0, 0))
        self.assertFalse(booking.reminder_sent)

        with freeze_time(WEDNESDAY_9 - timedelta(hours=23)), self.mock_mail_gateway():
            sent = self.env["front.office.booking"].sudo()._fo_send_due_reminders()
            self.assertEqual(sent, (1, 0))
            mails = self._client_mails(subject="reminder of your session")
            self.assertEqual(len(mails), 1)
            self.assertEqual(mails.state, "outgoing", "queued, not sent by the cron")
            self.assertIn("Wednesday 4 March 2026, 10:00", mails.body_html)
        self.assertTrue(booking.reminder_sent)
        # A trace stays in the session's chatter.
        self.assertIn(
            "reminder of your session",
            " ".join(booking.message_ids.mapped(lambda m: m.subject or "")),
        )

        self.assertEqual(self._send_due(WEDNESDAY_9 - timedelta(hours=1)), (0, 0))

    def test_the_reminder_goes_by_sms_too_when_the_company_asks(self):
        self.company.fo_reminder_sms = True
        self._book_batch([WEDNESDAY_9])
        with (
            freeze_time(WEDNESDAY_9 - timedelta(hours=2)),
            self.mock_mail_gateway(),
            self.mockSMSGateway(),
        ):
            self.env["front.office.booking"].sudo()._fo_send_due_reminders()
            self.assertSMSOutgoing(
                self.client_mario,
                None,
                content="reminder of your session of Massage 50' on "
                "Wednesday 4 March 2026, 10:00",
            )
            self.assertEqual(len(self._client_mails()), 1)

    def test_a_client_without_phone_gets_a_note_instead_of_an_sms(self):
        self.company.fo_reminder_sms = True
        self.client_mario.phone = False
        booking = self._book_batch([WEDNESDAY_9])
        self._send_due(WEDNESDAY_9 - timedelta(hours=2))
        self.assertFalse(self._new_sms)
        self.assertIn(
            "No reminder sent by SMS: Mario Rossi has no phone number.",
            booking.message_ids.mapped("preview"),
        )
        self.assertTrue(booking.reminder_sent)

    def test_no_reminder_for_a_session_no_longer_booked_or_already_started(self):
        cancelled, started, attended = self._book_batch(
            [
                WEDNESDAY_9,
                WEDNESDAY_9 + timedelta(hours=2),
                WEDNESDAY_9 + timedelta(hours=4),
            ]
        )
        cancelled.with_user(self.front_desk_user).action_cancel()
        with freeze_time(WEDNESDAY_9):  # check-in is for the session's own day
            attended.with_user(self.front_desk_user).action_check_in()
        self.assertEqual(
            self._send_due(WEDNESDAY_9 + timedelta(hours=2, minutes=1)), (0, 0)
        )
        self.assertFalse((cancelled | started | attended).filtered("reminder_sent"))

    def test_a_reopened_session_is_reminded(self):
        booking = self._book_batch([WEDNESDAY_9])
        booking.with_user(self.front_desk_user).action_cancel()
        self._triggers().unlink()
        booking.with_user(self.front_office_manager).action_reset()
        self.assertEqual(
            self._triggers().mapped("call_at"), [WEDNESDAY_9 - timedelta(hours=24)]
        )
        self.assertEqual(self._send_due(WEDNESDAY_9 - timedelta(hours=3)), (1, 0))
        self.assertTrue(booking.reminder_sent)

    def test_reminders_disabled_schedule_and_send_nothing(self):
        self.company.fo_reminder_hours = 0
        self._triggers().unlink()
        self._book_batch([WEDNESDAY_9])
        self.assertFalse(self._triggers())
        self.assertEqual(self._send_due(WEDNESDAY_9 - timedelta(hours=1)), (0, 0))

    def test_a_session_moved_after_its_reminder_gets_a_new_one(self):
        booking = self._book_batch([WEDNESDAY_9])
        self._send_due(WEDNESDAY_9 - timedelta(hours=2))
        self.assertTrue(booking.reminder_sent)
        new_start = WEDNESDAY_9 + timedelta(days=2)
        self._triggers().unlink()
        with freeze_time(WEDNESDAY_9 - timedelta(hours=1)), self.mock_mail_gateway():
            booking.with_user(self.front_desk_user).start = new_start
            mails = self._client_mails(subject="your sessions have been moved")
            self.assertEqual(len(mails), 1)
            self.assertIn(
                "Wednesday 4 March 2026, 10:00 → Friday 6 March 2026, 10:00",
                self._text(mails),
            )
        self.assertFalse(booking.reminder_sent)
        self.assertEqual(
            self._triggers().mapped("call_at"), [new_start - timedelta(hours=24)]
        )
        self.assertEqual(self._send_due(new_start - timedelta(hours=3)), (1, 0))
        self.assertTrue(booking.reminder_sent)

    def test_the_cron_sends_in_batches_and_reports_its_progress(self):
        self._book_batch([WEDNESDAY_9 + timedelta(hours=h) for h in range(5)])
        # The cron runs as the superuser.
        Booking = self.env["front.office.booking"].sudo()
        with (
            freeze_time(WEDNESDAY_9 - timedelta(hours=1)),
            self.mock_mail_gateway(),
            patch.object(type(self.env["ir.cron"]), "_commit_progress") as progress,
        ):
            Booking._cron_fo_send_reminders(batch_size=2)
            progress.assert_called_once_with(2, remaining=3)
            self._triggers().unlink()
            Booking._cron_fo_send_reminders(batch_size=2)
            Booking._cron_fo_send_reminders(batch_size=2)
            self.assertEqual(progress.call_args.args, (1,))
            self.assertEqual(progress.call_args.kwargs, {"remaining": 0})
        self.assertEqual(len(self._new_mails), 5)

    def test_after_its_run_the_cron_wakes_up_for_the_next_reminder(self):
        self._book_batch([WEDNESDAY_9, WEDNESDAY_9 + timedelta(days=3)])
        self._triggers().unlink()
        with (
            freeze_time(WEDNESDAY_9 - timedelta(hours=1)),
            self.mock_mail_gateway(),
            patch.object(type(self.env["ir.cron"]), "_commit_progress"),
        ):
            self.env["front.office.booking"].sudo()._cron_fo_send_reminders()
        self.assertEqual(
            self._triggers().mapped("call_at"),
            [WEDNESDAY_9 + timedelta(days=2)],
        )

    def _reminder_batch_queries(self, sizes):
        """SQL queries of one batch of the reminder cron for each of ``sizes``
        sessions, shared by two clients (one reads Italian), after a warm-up batch
        that fills Odoo's caches; checks that every reminder was queued."""
        self.env["res.lang"]._activate_lang("it_IT")
        self.client_laura.lang = "it_IT"
        self.company.fo_reminder_hours = 500
        lines = [
            self._confirmed_quote(
                partner=client,
                lines=[(self.service_physio, sum(sizes) + 1)],
                validity_start_date=TODAY,
                validity_date=TODAY + timedelta(days=60),
            ).order_line
            for client in (self.client_mario, self.client_laura)
        ]
        # The cron runs as the superuser.
        Booking = (
            self.env["front.office.booking"]
            .sudo()
            .with_context(fo_no_client_messages=True)
        )
        counts = []
        offset = 0
        for size in (1, *sizes):
            Booking.create(
                [
                    {
                        "sale_line_id": lines[i % 2].id,
                        "start": WEDNESDAY_9 + timedelta(hours=offset + i),
                        "resource_id": self.therapist.id,
                    }
                    for i in range(size)
                ]
            )
            offset += size
            self.env.flush_all()
            self.env.invalidate_all()
            with self.mock_mail_gateway(), self.mockSMSGateway():
                before = self.env.cr.sql_log_count
                sent, _remaining = Booking._fo_send_due_reminders(batch_size=size)
                self.env.flush_all()
                counts.append(self.env.cr.sql_log_count - before)
                self.assertEqual(sent, size)
                self.assertEqual(len(self._new_mails), size)
                sms_expected = size if self.company.fo_reminder_sms else 0
                self.assertEqual(len(self._new_sms), sms_expected)
        return counts[1:]

    # Core's mail composer works by chunks of ``mail.batch_size`` (50): a batch
    # costs the same within a chunk (20 or 50 sessions) and one chunk more
    # beyond (60 or 100 sessions).
    QUERY_SIZES = (1, 20, 50, 60, 100)

    def _assert_flat_by_chunk(self, counts):
        by_size = dict(zip(self.QUERY_SIZES, counts, strict=True))
        self.assertEqual(by_size[20], by_size[50], f"queries: {by_size}")
        # One query more or less in the second chunk, whose caches core clears.
        self.assertLessEqual(abs(by_size[60] - by_size[100]), 1, f"queries: {by_size}")
        return by_size

    def test_reminder_queries_do_not_grow_with_the_batch(self):
        """One batch of email reminders costs the same SQL queries for 20 or 50
        sessions: rendered together, mails created and traces logged at once."""
        by_size = self._assert_flat_by_chunk(
            self._reminder_batch_queries(self.QUERY_SIZES)
        )
        _logger.info("email reminder batch queries by sessions: %s", by_size)

    def test_sms_reminder_queries_do_not_grow_with_the_batch(self):
        """Likewise with the SMS: one note a session logged in one batch, the SMS
        and their status created at once."""
        self.company.fo_reminder_sms = True
        by_size = self._assert_flat_by_chunk(
            self._reminder_batch_queries(self.QUERY_SIZES)
        )
        _logger.info("email + SMS reminder batch queries by sessions: %s", by_size)

    def test_sms_reminders_leave_a_note_with_their_status(self):
        self.company.fo_reminder_sms = True
        booking = self._book_batch([WEDNESDAY_9])
        with (
            freeze_time(WEDNESDAY_9 - timedelta(hours=2)),
            self.mock_mail_gateway(),
            self.mockSMSGateway(),
        ):
            self.env["front.office.booking"].sudo()._fo_send_due_reminders()
        content = (
            "Wellness Centre: reminder of your session of Massage 50' on "
            "Wednesday 4 March 2026, 10:00."
        ).replace("Wellness Centre", self.company.name)
        mario = self.client_mario
        message = booking.message_ids.filtered(lambda m: m.message_type == "sms")
        self.assertEqual(len(message), 1)
        self.assertSMSNotification(
            [
                {
                    "partner": self.client_mario,
                    "number": mario._phone_format(number=mario.phone) or mario.phone,
                    "state": "ready",  # queued for the SMS gateway
                }
            ],
            content,
            messages=message,
        )

    def test_each_session_of_a_client_gets_its_own_sms(self):
        """Two sessions of one client in one batch: two reminders by SMS (the mass
        SMS composer would cancel the second as a duplicate)."""
        self.company.fo_reminder_sms = True
        self._book_batch([WEDNESDAY_9, WEDNESDAY_9 + timedelta(hours=2)])
        with (
            freeze_time(WEDNESDAY_9 - timedelta(hours=2)),
            self.mock_mail_gateway(),
            self.mockSMSGateway(),
        ):
            self.env["front.office.booking"].sudo()._fo_send_due_reminders()
            self.assertEqual(self._new_sms.mapped("state"), ["outgoing", "outgoing"])
            self.assertEqual(len(self._client_mails()), 2)

    def test_the_files_of_the_reminder_template_go_with_each_reminder(self):
        template = self.env.ref("front_office_quotes.mail_template_fo_booking_reminder")
        leaflet = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": "leaflet.txt",
                    "raw": b"What to bring to your session",
                    "res_model": "mail.template",
                    "res_id": template.id,
                }
            )
        )
        template.sudo().attachment_ids = leaflet
        self._book_batch([WEDNESDAY_9, WEDNESDAY_9 + timedelta(hours=2)])
        with freeze_time(WEDNESDAY_9 - timedelta(hours=2)), self.mock_mail_gateway():
            self.env["front.office.booking"].sudo()._fo_send_due_reminders()
            mails = self._client_mails(subject="reminder of your session")
            self.assertEqual(len(mails), 2)
            # Core's composer gives each mail its own copy of the file.
            for mail in mails:
                self.assertEqual(
                    mail.attachment_ids.mapped(lambda a: (a.name, a.raw)),
                    [(leaflet.name, leaflet.raw)],
                )

    def test_a_blacklisted_client_gets_no_reminder_email(self):
        """As with Odoo's mass mailing: the mail is cancelled, the session counts
        as reminded."""
        self.env["mail.blacklist"].sudo()._add(self.client_mario.email)
        booking = self._book_batch([WEDNESDAY_9])
        with freeze_time(WEDNESDAY_9 - timedelta(hours=2)), self.mock_mail_gateway():
            self.env["front.office.booking"].sudo()._fo_send_due_reminders()
            mails = self._client_mails(subject="reminder of your session")
            self.assertEqual((mails.state, mails.failure_type), ("cancel", "mail_bl"))
        self.assertTrue(booking.reminder_sent)

    def test_a_reminder_email_shows_its_delivery_status_in_the_chatter(self):
        booking = self._book_batch([WEDNESDAY_9])
        with freeze_time(WEDNESDAY_9 - timedelta(hours=2)), self.mock_mail_gateway():
            self.env["front.office.booking"].sudo()._fo_send_due_reminders()
        message = booking.message_ids.filtered(
            lambda m: "reminder of your session" in (m.subject or "")
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(
            message.notification_ids.mapped(
                lambda n: (n.res_partner_id, n.notification_type)
            ),
            [(self.client_mario, "email")],
        )

    def test_a_blacklisted_phone_gets_no_reminder_sms(self):
        self.company.fo_reminder_sms = True
        mario = self.client_mario
        self.env["phone.blacklist"].sudo().add(mario.phone_sanitized)
        booking = self._book_batch([WEDNESDAY_9])
        with (
            freeze_time(WEDNESDAY_9 - timedelta(hours=2)),
            self.mock_mail_gateway(),
            self.mockSMSGateway(),
        ):
            self.env["front.office.booking"].sudo()._fo_send_due_reminders()
            self.assertSMSCanceled(
                mario, mario.phone_sanitized, failure_type="sms_blacklist"
            )
        self.assertTrue(booking.reminder_sent)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestMoveNotices(FrontOfficeMessagesCommon):
    def _notices(self, partner=None):
        return self._client_mails(partner, subject="your sessions have been moved")

    def test_moving_sessions_of_one_client_sends_one_notice_listing_them(self):
        bookings = self._book_batch(
            [WEDNESDAY_9 + timedelta(days=7 * week) for week in range(3)]
        )
        with self.mock_mail_gateway():
            bookings.with_user(self.front_desk_user).write(
                {"resource_id": self.therapist.id}
            )
        notice = self._notices()
        self.assertEqual(len(notice), 1, "one notice for the whole move")
        text = self._text(notice)
        for day in (4, 11, 18):
            self.assertIn(
                f"Wednesday {day} March 2026, 10:00 (Massage Room) → "
                f"Wednesday {day} March 2026, 10:00",
                text,
            )
        self.assertEqual(text.count("Massage 50' (Giulia (therapist))"), 3)
        # Logged in the chatter of the first session.
        self.assertEqual(
            bookings[0].message_ids.mapped("subject").count(notice.subject), 1
        )

    def test_a_moved_session_shows_its_former_and_new_local_time(self):
        booking = self._book_batch([WEDNESDAY_9])
        with self.mock_mail_gateway():
            # 29 March 2026: Rome moves to summer time; 08:00 UTC = 10:00.
            booking.with_user(self.front_desk_user).start = datetime(2026, 3, 30, 8, 0)
        text = self._text(self._notices())
        self.assertIn(
            "Wednesday 4 March 2026, 10:00 → Monday 30 March 2026, 10:00", text
        )
        self.assertIn("Massage 50' (Massage Room)", text)

    def test_each_client_of_a_move_gets_their_own_notice(self):
        laura_line = self._confirmed_quote(
            partner=self.client_laura,
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=60),
        ).order_line
        bookings = self._book_batch([WEDNESDAY_9, WEDNESDAY_9 + timedelta(days=7)])
        bookings |= self._book_batch([WEDNESDAY_9 + timedelta(hours=2)], laura_line)
        with self.mock_mail_gateway():
            bookings.with_user(self.front_desk_user).write(
                {"resource_id": self.therapist.id}
            )
        self.assertEqual(len(self._notices(self.client_mario)), 1)
        self.assertEqual(len(self._notices(self.client_laura)), 1)
        self.assertEqual(self._text(self._notices(self.client_mario)).count("→"), 2)

    def test_a_client_without_email_gets_a_note_on_each_moved_session(self):
        bookings = self._book_batch([WEDNESDAY_9, WEDNESDAY_9 + timedelta(days=7)])
        self.client_mario.email = False
        with self.mock_mail_gateway():
            bookings.with_user(self.front_desk_user).write(
                {"resource_id": self.therapist.id}
            )
        self.assertFalse(self._new_mails)
        for booking in bookings:
            self.assertIn(
                "No move notice sent by email: Mario Rossi has no email address.",
                booking.message_ids.mapped("preview"),
            )

    def test_move_queries_do_not_grow_with_the_sessions_of_a_client(self):
        """Moving 3 or 9 sessions of one client in one write: the same queries
        (one notice, one overlap check, batched writes)."""
        line = self._confirmed_quote(
            lines=[(self.service_massage, 13)],
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=60),
        ).order_line
        counts = []
        offset = 0
        for size in (1, 3, 9):  # the first one warms the caches up
            bookings = self._book_batch(
                [WEDNESDAY_9 + timedelta(days=offset + day) for day in range(size)],
                line,
            )
            offset += size
            bookings = bookings.with_user(self.front_desk_user)
            self.env.flush_all()
            self.env.invalidate_all()
            with self.mock_mail_gateway():
                before = self.env.cr.sql_log_count
                bookings.write({"resource_id": self.therapist.id})
                self.env.flush_all()
                counts.append(self.env.cr.sql_log_count - before)
                self.assertEqual(len(self._notices()), 1)
        _logger.info("move queries, 1, 3 and 9 sessions: %s", counts)
        self.assertEqual(counts[1], counts[2], f"queries: {counts}")


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestMessageQueries(FrontOfficeMessagesCommon):
    """SQL queries of the client messages of one batch of 1, 20 and 60 sessions
    of one client, after a warm-up batch that fills Odoo's caches: one message
    per client, so the cost does not grow with the sessions."""

    SIZES = (1, 20, 60)

    def _measure(self, flow):
        """``flow(bookings)`` sends the messages of ``bookings``: its queries for
        each of ``SIZES`` sessions (booked silently beforehand)."""
        line = self._confirmed_quote(
            lines=[(self.service_physio, 1 + sum(self.SIZES))],
            validity_start_date=TODAY,
            validity_date=TODAY + timedelta(days=60),
        ).order_line
        Booking = (
            self.env["front.office.booking"]
            .with_user(self.front_desk_user)
            .with_context(fo_no_client_messages=True)
        )
        counts = []
        offset = 0
        for size in (1, *self.SIZES):
            bookings = Booking.create(
                [
                    {
                        "sale_line_id": line.id,
                        "start": WEDNESDAY_9 + timedelta(hours=offset + i),
                        "resource_id": self.therapist.id,
                    }
                    for i in range(size)
                ]
            ).with_context(fo_no_client_messages=False)
            offset += size
            self.env.flush_all()
            self.env.invalidate_all()
            with self.mock_mail_gateway():
                before = self.env.cr.sql_log_count
                flow(bookings)
                self.env.flush_all()
                counts.append(self.env.cr.sql_log_count - before)
        return counts[1:]

    def test_confirmation_queries_do_not_grow_with_the_sessions(self):
        counts = self._measure(lambda bookings: bookings._fo_after_booked())
        _logger.info("confirmation queries, 1/20/60 sessions: %s", counts)
        self.assertEqual(len(set(counts)), 1, f"queries: {counts}")

    def test_cancellation_queries_do_not_grow_with_the_sessions(self):
        def cancel(bookings):
            bookings.with_context(fo_no_client_messages=True).action_cancel()
            bookings._fo_after_cancelled()

        counts = self._measure(cancel)
        _logger.info("cancellation queries (with the cancel), 1/20/60: %s", counts)
        self.assertEqual(len(set(counts)), 1, f"queries: {counts}")

    def test_move_notice_queries_do_not_grow_with_the_sessions(self):
        def move(bookings):
            before = bookings._fo_before_move({"start": True})
            bookings.with_context(fo_no_client_messages=True).write(
                {"resource_id": self.room_physio.id}
            )
            bookings._fo_after_moved(before)

        counts = self._measure(move)
        _logger.info("move queries (with the write), 1/20/60: %s", counts)
        self.assertEqual(len(set(counts)), 1, f"queries: {counts}")
