# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""*Find a Slot*: "when is the next free hot stone with Giulia, on a Tuesday
afternoon?" answered from the client, the quote or the booking wizard, and
booked with one click; and the booking wizard moving busy sessions to the first
free time before anything is written."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .test_availability import MONDAY, AvailabilityCommon, rome

TUESDAY = MONDAY + timedelta(days=1)


@tagged("post_install", "-at_install")
@freeze_time(MONDAY)
class TestFindSlot(AvailabilityCommon):
    def _finder(self, record, **vals):
        action = record.with_user(self.front_desk_user).action_fo_find_slot()
        finder = self.env[action["res_model"]].browse(action["res_id"])
        finder = finder.with_user(self.front_desk_user)
        if vals:
            finder.write(vals)
            finder.action_search()
        return finder

    def _times(self, records):
        return [(r.start, r.resource_id, r.room_id) for r in records]

    def test_free_slots_filtered_by_weekday_and_time_of_day(self):
        Booking = self.env["front.office.booking"].with_user(self.front_desk_user)
        slots = Booking._fo_find_free_slots(
            self.line,
            rome(MONDAY, 0),
            rome(MONDAY + timedelta(days=14), 0),
            self.giulia,
            limit=2,
            hours=(14.0, 18.0),
            weekdays=[1],  # Tuesdays
        )
        self.assertEqual(
            [s["start"] for s in slots], [rome(TUESDAY, 14), rome(TUESDAY, 14, 15)]
        )
        # The session and its clean-up end by closing time: 16:45 is the last start.
        late = Booking._fo_find_free_slots(
            self.line,
            rome(TUESDAY, 16),
            rome(TUESDAY, 23),
            self.giulia,
            limit=10,
            hours=(16.0, 18.0),
        )
        self.assertEqual(
            [s["start"] for s in late],
            [
                rome(TUESDAY, 16),
                rome(TUESDAY, 16, 15),
                rome(TUESDAY, 16, 30),
                rome(TUESDAY, 16, 45),
            ],
        )

    def test_find_a_slot_from_the_client_and_book_it_in_one_click(self):
        # Laura holds Giulia and Room A on Tuesday at 14:00.
        self._book(self.laura_line, rome(TUESDAY, 14), self.giulia)
        finder = self._finder(
            self.client_mario,
            time_of_day="afternoon",
            monday=False,
            wednesday=False,
            thursday=False,
            friday=False,
            saturday=False,
            sunday=False,
        )
        self.assertEqual(finder.sale_line_id, self.line)
        self.assertEqual(
            finder.result_label,
            "Afternoon · Tue · from 03/02/2026 · Giulia Conti, Marco Ferri",
        )
        self.assertEqual(finder.resource_ids, self.giulia | self.marco)
        self.assertEqual(
            self._times(finder.result_ids[:3]),
            [
                # Giulia is busy until 15:15 (clean-up): Marco takes Room B.
                (rome(TUESDAY, 14), self.marco, self.room_b),
                (rome(TUESDAY, 14, 15), self.marco, self.room_b),
                (rome(TUESDAY, 14, 30), self.marco, self.room_b),
            ],
        )
        # The day of the week, on the centre's clock, for the desk's question.
        self.assertEqual(set(finder.result_ids.mapped("weekday")), {"Tuesday"})
        finder.resource_ids = self.giulia
        finder.action_search()
        first = finder.result_ids[0]
        self.assertEqual(
            self._times(first), [(rome(TUESDAY, 15, 15), self.giulia, self.room_a)]
        )
        action = first.action_book()
        booking = self.line.fo_booking_ids
        self.assertEqual(
            (booking.start, booking.resource_id, booking.room_id, booking.state),
            (rome(TUESDAY, 15, 15), self.giulia, self.room_a, "booked"),
        )
        # The Diary opens on the session's day, where it shows.
        self.assertEqual(action["tag"], "front_office_quotes.diary")
        self.assertEqual(action["context"]["default_day"], "2026-03-03")
        day = booking.with_user(self.front_desk_user).fo_diary_data(day="2026-03-03")
        self.assertIn(booking.id, [b["id"] for b in day["bookings"]])

    def test_a_time_taken_meanwhile_is_refused_and_nothing_is_booked(self):
        finder = self._finder(self.quote, resource_ids=[(6, 0, self.giulia.ids)])
        first = finder.result_ids[0]
        self.assertEqual(first.start, rome(MONDAY, 9))
        # Another operator books Giulia at that time before the click.
        self._book(self.laura_line, rome(MONDAY, 9), self.giulia)
        with self.assertRaisesRegex(ValidationError, "Giulia Conti"):
            first.action_book()
        self.assertFalse(self.line.fo_booking_ids)

    def test_bad_choices_get_clear_errors(self):
        finder = self._finder(self.client_mario)
        with self.assertRaisesRegex(UserError, "at least one day"):
            finder.write(
                {
                    f"{day}day": False
                    for day in ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
                }
            )
            finder.action_search()
        finder.write(
            {"monday": True, "time_of_day": "custom", "hour_from": 18, "hour_to": 9}
        )
        with self.assertRaisesRegex(UserError, "the first before the second"):
            finder.action_search()
        # Another client's service cannot be searched (nor booked) from here.
        with self.assertRaisesRegex(UserError, "was not sold to"):
            finder.sale_line_id = self.laura_line
        # A client with nothing left to book.
        giovanni = self.env["res.partner"].create({"name": "Giovanni Neri"})
        with self.assertRaisesRegex(UserError, "no confirmed service"):
            self._finder(giovanni)

    def test_nothing_free_says_so(self):
        finder = self._finder(
            self.client_mario,
            sunday=True,
            **{
                f"{day}day": False
                for day in ("mon", "tues", "wednes", "thurs", "fri", "satur")
            },
        )
        self.assertTrue(finder.searched)
        self.assertFalse(finder.result_ids)

    def test_from_the_booking_wizard_line_the_time_becomes_its_first_session(self):
        action = self.quote.with_user(self.front_desk_user).action_fo_book_sessions()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        wizard = wizard.with_user(self.front_desk_user)
        wline = wizard.line_ids.filtered(lambda w: w.sale_line_id == self.line)
        wline.write({"resource_id": self.marco.id, "session_count": 2})
        finder_action = wline.action_fo_find_slot()
        finder = self.env[finder_action["res_model"]].browse(finder_action["res_id"])
        self.assertEqual(finder.booking_wizard_line_id, wline)
        self.assertEqual(finder.resource_ids, self.marco)
        chosen = finder.result_ids[0]
        back = chosen.with_user(self.front_desk_user).action_book()
        self.assertEqual((back["res_model"], back["res_id"]), (wizard._name, wizard.id))
        self.assertEqual(
            (wline.first_start, wline.resource_id, wline.room_id),
            (chosen.start, self.marco, chosen.room_id),
        )
        # Nothing is booked until the wizard's Book.
        self.assertFalse(self.line.fo_booking_ids)
        wizard.line_ids.filtered(lambda w: w != wline).session_count = 0
        wizard.action_confirm()
        self.assertEqual(len(self.line.fo_booking_ids), 2)
        self.assertEqual(self.line.fo_booking_ids[:1].resource_id, self.marco)


@tagged("post_install", "-at_install")
@freeze_time(MONDAY)
class TestMoveBusySessions(AvailabilityCommon):
    def test_busy_sessions_move_to_the_first_free_time_in_the_preview(self):
        next_monday = MONDAY + timedelta(days=7)
        # Laura holds Giulia on the second Monday at 10:00 (free again at 11:15);
        # the third Monday the centre is closed.
        self._book(self.laura_line, rome(next_monday, 10), self.giulia)
        self.env["resource.calendar.leaves"].sudo().create(
            {
                "name": "Closure",
                "calendar_id": self.calendar.id,
                "date_from": rome(MONDAY + timedelta(days=14), 0),
                "date_to": rome(MONDAY + timedelta(days=14), 23, 59),
            }
        )
        action = self.quote.with_user(self.front_desk_user).action_fo_book_sessions()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        wizard = wizard.with_user(self.front_desk_user)
        wline = wizard.line_ids.filtered(lambda w: w.sale_line_id == self.line)
        (wizard.line_ids - wline).session_count = 0
        wline.write(
            {
                "session_count": 4,
                "first_start": rome(MONDAY, 10),
                "resource_id": self.giulia.id,
            }
        )
        self.assertEqual(wizard.conflict_count, 2)
        # For all lines at once (the switch above the preview) or for this one.
        wizard.move_busy_all = True
        self.assertEqual(wizard.conflict_count, 0)
        moved_for_all = wizard.slot_ids.mapped("start")
        wizard.move_busy_all = False
        self.assertEqual(wizard.conflict_count, 2)
        wline.move_busy = True
        self.assertEqual(wizard.conflict_count, 0)
        self.assertEqual(wizard.slot_ids.mapped("start"), moved_for_all)
        self.assertEqual(
            [(s.number, s.start, s.moved_from, s.resource_id) for s in wizard.slot_ids],
            [
                (1, rome(MONDAY, 10), False, self.giulia),
                # Its day, after Laura's session and the clean-up.
                (2, rome(next_monday, 11, 15), rome(next_monday, 10), self.giulia),
                # The day after the closure, at opening time.
                (
                    3,
                    rome(MONDAY + timedelta(days=15), 9),
                    rome(MONDAY + timedelta(days=14), 10),
                    self.giulia,
                ),
                (4, rome(MONDAY + timedelta(days=21), 10), False, self.giulia),
            ],
        )
        self.assertEqual(
            wizard.slot_ids.mapped("weekday"), ["Monday", "Monday", "Tuesday", "Monday"]
        )
        # Nothing was written before Book; then exactly the preview is booked.
        self.assertFalse(self.line.fo_booking_ids)
        wizard.action_confirm()
        self.assertEqual(
            self.line.fo_booking_ids.sorted("start").mapped("start"),
            wizard.slot_ids.mapped("start"),
        )

    def test_moved_sessions_avoid_the_other_sessions_of_the_batch(self):
        # Laura holds Giulia on Monday 9:00 (free again at 10:15); Mario's physio
        # of the same batch is at 10:15-11:15, so the moved hot stone waits for it.
        self._book(self.laura_line, rome(MONDAY, 9), self.giulia)
        wizard = (
            self.env["front.office.booking.wizard"]
            .with_user(self.front_desk_user)
            .create({"sale_order_id": self.quote.id})
        )
        for wline in wizard.line_ids:
            hot_stone = wline.sale_line_id == self.line
            wline.write(
                {
                    "session_count": 1,
                    "first_start": rome(
                        MONDAY, 9 if hot_stone else 10, 0 if hot_stone else 15
                    ),
                    "resource_id": (self.giulia if hot_stone else self.room_physio).id,
                    "move_busy": True,
                }
            )
        slots = {s.sale_line_id: s for s in wizard.slot_ids}
        self.assertEqual(slots[self.physio_line].start, rome(MONDAY, 10, 15))
        self.assertFalse(slots[self.physio_line].moved_from)
        self.assertEqual(slots[self.line].start, rome(MONDAY, 11, 15))
        self.assertEqual(slots[self.line].moved_from, rome(MONDAY, 9))
        self.assertEqual(wizard.conflict_count, 0)
        wizard.action_confirm()
        self.assertEqual(self.line.fo_booking_ids.start, rome(MONDAY, 11, 15))
