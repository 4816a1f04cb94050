# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The centre's configuration screens: a service shows its session settings next to
its type, a resource shows when it works and its time off, which the front desk
reads and only managers record."""

from datetime import date, datetime

import pytz
from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import FrontOfficeCommon

MONDAY = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestServiceForm(FrontOfficeCommon):
    def test_session_settings_sit_next_to_the_product_type(self):
        arch = self.env["product.template"].get_view(view_type="form")["arch"]
        general = etree.fromstring(arch).xpath("//group[@name='group_general']")[0]
        names = [node.get("name") for node in general.iter("field")]
        fo_fields = [
            "fo_is_bookable",
            "fo_session_duration",
            "fo_buffer_after",
            "fo_resource_ids",
            "fo_room_ids",
        ]
        self.assertEqual([n for n in names if n in fo_fields], fo_fields)
        self.assertLess(names.index("type"), names.index("fo_is_bookable"))


@tagged("post_install", "-at_install")
@freeze_time(MONDAY)
class TestResourceTimeOff(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Centre hours",
                "tz": "Europe/Rome",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 9,
                            "hour_to": 18,
                        }
                    )
                    for day in range(6)
                ],
            }
        )
        cls.other_calendar = cls.calendar.copy({"name": "Gym hours"})
        # A therapist who is an Odoo user herself: core hides her leaves from
        # other employees.
        therapist_user = new_test_user(
            cls.env,
            login="fo_giulia",
            name="Giulia Conti",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        manager_env = cls.env(user=cls.front_office_manager)
        cls.giulia = manager_env["resource.resource"].create(
            {
                "name": "Giulia Conti",
                "resource_type": "user",
                "user_id": therapist_user.id,
                "tz": "Europe/Rome",
                "calendar_id": cls.calendar.id,
            }
        )
        Leave = manager_env["resource.calendar.leaves"]
        cls.holiday, cls.closure, cls.past_leave, cls.gym_closure = Leave.create(
            [
                {
                    "name": "Holiday",
                    "resource_id": cls.giulia.id,
                    "date_from": datetime(2026, 3, 9, 0, 0),
                    "date_to": datetime(2026, 3, 10, 20, 0),
                },
                {
                    "name": "Immacolata",
                    "calendar_id": cls.calendar.id,
                    "date_from": datetime(2026, 12, 7, 23, 0),
                    "date_to": datetime(2026, 12, 8, 22, 59),
                },
                {
                    "name": "Last year's holiday",
                    "resource_id": cls.giulia.id,
                    "date_from": datetime(2025, 8, 10, 0, 0),
                    "date_to": datetime(2025, 8, 20, 20, 0),
                },
                {
                    "name": "Gym closed",
                    "calendar_id": cls.other_calendar.id,
                    "date_from": datetime(2026, 3, 11, 0, 0),
                    "date_to": datetime(2026, 3, 11, 20, 0),
                },
            ]
        )
        cls.service_massage.fo_resource_ids = [Command.link(cls.giulia.id)]
        cls._setup_booking_quote(MONDAY, days=300)

    def test_the_front_desk_reads_working_hours_and_upcoming_time_off(self):
        giulia = self.giulia.with_user(self.front_desk_user)
        self.assertEqual(
            giulia.fo_attendance_ids.mapped("dayofweek"), [str(d) for d in range(6)]
        )
        self.assertEqual(giulia.fo_leave_ids, self.holiday | self.closure)
        self.assertEqual(giulia.fo_leave_count, 2)
        self.assertEqual(giulia.fo_leave_ids.mapped("name"), ["Holiday", "Immacolata"])

    def test_time_off_button_lists_past_and_future_leaves_and_creates_for_the_resource(
        self,
    ):
        action = self.giulia.with_user(self.front_desk_user).action_fo_view_leaves()
        Leave = self.env["resource.calendar.leaves"].with_user(self.front_desk_user)
        self.assertEqual(
            Leave.search(action["domain"]),
            self.past_leave | self.holiday | self.closure,
        )
        self.assertEqual(action["context"]["default_resource_id"], self.giulia.id)
        new = (
            self.env["resource.calendar.leaves"]
            .with_user(self.front_office_manager)
            .with_context(**action["context"])
            .create(
                {
                    "name": "Training",
                    "date_from": datetime(2026, 4, 1, 7, 0),
                    "date_to": datetime(2026, 4, 1, 17, 0),
                }
            )
        )
        self.assertEqual(new.resource_id, self.giulia)
        self.assertIn(new, Leave.search(action["domain"]))

    def test_a_resource_without_calendar_has_no_closures(self):
        self.assertFalse(self.therapist.calendar_id)
        self.assertFalse(self.therapist.with_user(self.front_desk_user).fo_leave_ids)

    def test_only_managers_record_a_therapists_time_off_and_the_closures(self):
        Leave = self.env["resource.calendar.leaves"]
        vals = {
            "date_from": datetime(2026, 5, 4, 7, 0),
            "date_to": datetime(2026, 5, 4, 17, 0),
        }
        for extra in (
            {"name": "Day off", "resource_id": self.giulia.id},
            {"name": "Closed", "calendar_id": self.calendar.id},
        ):
            with self.subTest(leave=extra["name"]):
                with self.assertRaises(AccessError):
                    Leave.with_user(self.front_desk_user).create({**vals, **extra})
                with self.assertRaises(AccessError):
                    self.holiday.with_user(self.front_desk_user).write(
                        {"name": "Changed"}
                    )
                leave = Leave.with_user(self.front_office_manager).create(
                    {**vals, **extra}
                )
                leave.with_user(self.front_office_manager).unlink()

    def test_the_front_desk_cannot_book_a_therapist_during_her_leave(self):
        """Her leave is hidden from other employees by core's rules; availability
        reads it all the same."""
        with self.assertRaisesRegex(ValidationError, "not available"):
            self._book(self.massage_line, datetime(2026, 3, 9, 9, 0), self.giulia)
        with self.assertRaisesRegex(ValidationError, "not available"):
            self._book(self.massage_line, datetime(2026, 12, 8, 9, 0), self.giulia)
        # Whoever asks, even a user who may not read her leaves.
        leaves = self.giulia.with_user(self.salesman)._fo_leave_intervals(
            pytz.utc.localize(datetime(2026, 3, 9)),
            pytz.utc.localize(datetime(2026, 3, 10)),
        )
        self.assertTrue(leaves[self.giulia.id])

    def test_the_resource_form_shows_hours_and_time_off_to_the_front_desk(self):
        arch = (
            self.env["resource.resource"]
            .with_user(self.front_desk_user)
            .get_view(view_type="form")["arch"]
        )
        form = etree.fromstring(arch)
        self.assertTrue(form.xpath("//button[@name='action_fo_view_leaves']"))
        self.assertTrue(form.xpath("//field[@name='fo_attendance_ids']"))
        self.assertTrue(form.xpath("//field[@name='fo_leave_ids']"))
        self.assertTrue(
            self.giulia.with_user(self.front_desk_user).read(
                ["fo_attendance_ids", "fo_leave_ids", "fo_leave_count"]
            )
        )
