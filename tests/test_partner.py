# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The client record (anagrafica), its quick search and smart buttons."""

from odoo.tests import Form, tagged

from .common import FrontOfficeCommon


@tagged("post_install", "-at_install")
class TestClientRecord(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_giuseppe = cls.env["res.partner"].create(
            {
                "name": "Giuseppe Verdi",
                "phone": "0521.555-0101",
                "email": "gverdi@example.org",
                "vat": "IT12345670017",
            }
        )

    def _quick_search(self, text):
        """The clients of this test that the quick search finds (the database may
        hold others, e.g. demo data)."""
        ours = self.client_mario | self.client_laura | self.client_giuseppe
        return (
            self.env["res.partner"]
            .with_user(self.front_desk_user)
            .search([("fo_client_search", "ilike", text), ("id", "in", ours.ids)])
        )

    def test_quick_search_finds_the_client_by_name_phone_email_or_vat(self):
        for text, client in [
            ("rossi", self.client_mario),
            ("3331234567", self.client_mario),
            ("333 123 4567", self.client_mario),
            ("+39 333-1234567", self.client_mario),
            ("0039 333 1234567", self.client_mario),
            ("333 12", self.client_mario),
            ("laura.bianchi@", self.client_laura),
            ("05215550101", self.client_giuseppe),
            ("IT1234567", self.client_giuseppe),
        ]:
            with self.subTest(search=text):
                self.assertEqual(self._quick_search(text), client)

    def test_quick_search_does_not_match_digits_of_a_name(self):
        self.assertFalse(self._quick_search("Mario 333"))

    def test_front_desk_adds_a_first_time_visitor(self):
        Partner = self.env["res.partner"].with_user(self.front_desk_user)
        with Form(Partner.with_context(default_is_company=False)) as person:
            person.name = "Giovanni Neri"
            person.phone = "+39 340 111 2222"
        found = (
            self.env["res.partner"]
            .with_user(self.front_desk_user)
            .search([("fo_client_search", "ilike", "3401112222")])
        )
        self.assertEqual(found, person.record)

    def test_quotes_smart_button_counts_and_opens_the_client_quotes(self):
        quotes = self._create_quote() | self._create_quote()
        self._create_quote(partner=self.client_laura)
        partners = (
            self.client_mario | self.client_laura | self.client_giuseppe
        ).with_user(self.front_desk_user)
        self.assertEqual(partners.mapped("fo_quote_count"), [2, 1, 0])

        action = self.client_mario.with_user(
            self.front_desk_user
        ).action_fo_view_quotes()
        self.assertEqual(self.env["sale.order"].search(action["domain"]), quotes)

    def test_quote_count_is_batched(self):
        self._create_quote()
        partners = self.env["res.partner"].with_user(self.front_desk_user)
        few = partners.browse((self.client_mario | self.client_laura).ids)
        many = partners.browse(
            (self.client_mario | self.client_laura | self.client_giuseppe).ids
            + self.env["res.partner"].create([{"name": f"C{i}"} for i in range(20)]).ids
        )
        few.mapped("fo_quote_count")  # warm the caches of access rules
        counts = []
        for batch in (few, many):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            batch.mapped("fo_quote_count")
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])

    def test_new_quote_opens_the_quote_form_for_the_client(self):
        action = self.client_mario.with_user(self.front_desk_user).action_fo_new_quote()
        self.assertEqual(action["res_model"], "sale.order")
        self.assertEqual(action["context"]["default_partner_id"], self.client_mario.id)
        self.assertTrue(action["context"]["front_office"])
        form_view = self.env.ref("front_office_quotes.sale_order_view_form")
        self.assertEqual(action["views"], [(form_view.id, "form")])

    def test_client_form_of_users_without_front_office_rights_is_unchanged(self):
        arch = (
            self.env["res.partner"]
            .with_user(self.salesman)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("fo_quote_count", arch)
        self.assertNotIn("action_fo_new_quote", arch)
        arch = (
            self.env["res.partner"]
            .with_user(self.front_desk_user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("fo_quote_count", arch)
        self.assertIn("action_fo_new_quote", arch)
