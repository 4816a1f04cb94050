# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo centre is one a user can trust: opening hours Monday to Saturday,
therapists with different schedules, a public holiday, two rooms, and bookings
that respect all of it. On a database without demo data, the demo file is loaded
in the test's transaction (the other tests never rely on it)."""

from lxml import etree

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_path
from odoo.tools.convert import convert_file


@tagged("post_install", "-at_install")
class TestDemoCentre(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        module = cls.env["ir.module.module"].search(
            [("name", "=", "front_office_quotes")]
        )
        if not module.demo:
            # A database without demo data (CI's): load the demo centre in this
            # test's transaction, as a fresh install with demo data would.
            convert_file(
                cls.env,
                "front_office_quotes",
                "demo/front_office_demo.xml",
                {},
                mode="init",
                noupdate=True,
            )

    def _demo(self, name):
        return self.env.ref(f"front_office_quotes.{name}_demo")

    def test_demo_bookings_break_no_rule(self):
        bookings = self.env["front.office.booking"].browse(
            self.env["ir.model.data"]
            .search(
                [
                    ("module", "=", "front_office_quotes"),
                    ("model", "=", "front.office.booking"),
                ]
            )
            .mapped("res_id")
        )
        self.assertGreaterEqual(len(bookings), 5)
        problems = self.env["front.office.booking"]._fo_slot_problems(
            bookings._fo_slots(), exclude_ids=bookings.ids
        )
        self.assertEqual(
            {bookings[idx].display_name: message for idx, message in problems.items()},
            {},
        )
        self.assertFalse(bookings.filtered("outside_hours"))
        # A session of a service with rooms holds one of them.
        with_rooms = bookings.filtered("product_id.fo_room_ids")
        self.assertTrue(with_rooms)
        self.assertTrue(all(b.room_id in b.product_id.fo_room_ids for b in with_rooms))

    def test_demo_centre_has_hours_schedules_a_holiday_and_two_rooms(self):
        centre = self._demo("resource_calendar_centre")
        self.assertEqual(
            sorted(set(centre.attendance_ids.mapped("dayofweek"))),
            ["0", "1", "2", "3", "4", "5"],
        )
        giulia = self._demo("resource_therapist_giulia")
        marco = self._demo("resource_therapist_marco")
        self.assertNotEqual(giulia.calendar_id, marco.calendar_id)
        rooms = self._demo("resource_room_massage") | self._demo("resource_room_physio")
        self.assertEqual(set(rooms.mapped("resource_type")), {"material"})
        holiday = self._demo("resource_calendar_leave_immacolata")
        self.assertFalse(holiday.resource_id)
        self.assertEqual((holiday.date_to.month, holiday.date_to.day), (12, 8))
        for resource in giulia | marco | rooms:
            with self.subTest(resource=resource.name):
                self.assertIn(holiday, resource.fo_leave_ids)

    def test_demo_changes_no_record_of_odoo(self):
        """Odoo's own tests run on demo databases too: the demo writes only its own
        records (its manager is Italian, Odoo's administrator stays as Odoo made it)."""
        path = file_path("front_office_quotes/demo/front_office_demo.xml")
        records = etree.parse(path).getroot().iter("record")
        self.assertEqual([r.get("id") for r in records if "." in r.get("id")], [])
        manager = self._demo("user_manager")
        self.assertEqual((manager.login, manager.lang), ("manager", "it_IT"))
        self.assertTrue(
            manager.has_group("front_office_quotes.group_front_office_manager")
        )

    def test_demo_company_of_an_italian_database_becomes_the_centre(self):
        company = self.env.company
        company.country_id = self.env.ref("base.it")
        self.env["res.company"]._fo_demo_italian_centre()
        self.assertEqual(company.name, "Centro Benessere Aurora")
        self.assertEqual(
            (company.street, company.city, company.vat),
            ("Borgo XX Marzo 15", "Parma", "IT02845530340"),
        )
        self.assertTrue(company.logo)
        self.assertEqual(company.currency_id, self.env.ref("base.EUR"))
