# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A new client at the Italian desk: the centre's language, the fields the desk
asks first, the duplicate warning and the surname-first search."""

from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common import FrontOfficeCommon


@tagged("post_install", "-at_install")
class TestClient(FrontOfficeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("it_IT")
        cls.front_desk_user.lang = "it_IT"
        # Phones typed without the prefix are the centre's country's.
        cls.company.country_id = cls.env.ref("base.it")
        cls.Partner = cls.env["res.partner"].with_user(cls.front_desk_user)

    def _new_client_form(self, **context):
        return Form(self.Partner.with_context(default_is_company=False, **context))

    # -- language ----------------------------------------------------------

    def test_a_client_created_at_the_desk_speaks_the_operators_language(self):
        self.env["ir.default"].set("res.partner", "lang", "en_US")
        with self._new_client_form(front_office=True) as client:
            client.name = "Giovanni Neri"
        self.assertEqual(client.record.lang, "it_IT")

    def test_the_desk_may_still_choose_another_language(self):
        with self._new_client_form(front_office=True) as client:
            client.name = "John Smith"
            client.lang = "en_US"
        self.assertEqual(client.record.lang, "en_US")

    def test_contacts_created_elsewhere_keep_the_database_default(self):
        self.env["ir.default"].set("res.partner", "lang", "en_US")
        with self._new_client_form() as client:
            client.name = "Supplier Contact"
        self.assertEqual(client.record.lang, "en_US")

    # -- the desk's fields ---------------------------------------------------

    @freeze_time("2026-03-02")
    def test_consents_are_dated_the_day_they_are_given(self):
        with self._new_client_form(front_office=True) as form:
            form.name = "Giovanni Neri"
            form.fo_birthdate = "1980-05-17"
            form.fo_marketing_consent = True
            form.fo_health_consent = True
        client = form.record
        self.assertEqual(str(client.fo_birthdate), "1980-05-17")
        self.assertEqual(str(client.fo_marketing_consent_date), "2026-03-02")
        self.assertEqual(str(client.fo_health_consent_date), "2026-03-02")
        with freeze_time("2026-04-10"):
            client.fo_marketing_consent = False
        self.assertFalse(client.fo_marketing_consent_date)
        self.assertEqual(str(client.fo_health_consent_date), "2026-03-02")

    def test_consents_and_birthdate_are_tracked(self):
        for fname in (
            "fo_birthdate",
            "fo_marketing_consent",
            "fo_marketing_consent_date",
            "fo_health_consent",
            "fo_health_consent_date",
        ):
            with self.subTest(field=fname):
                self.assertTrue(self.Partner._fields[fname].tracking)

    # -- duplicates ------------------------------------------------------------

    def test_a_client_with_an_existing_phone_is_warned(self):
        with self._new_client_form(front_office=True) as form:
            form.name = "Mario Rossi"
            # Typed as the desk does, without the prefix: the same number.
            form.phone = "333 1234567"
            self.assertEqual(form.fo_duplicate_ids[:], self.client_mario)
        self.assertEqual(form.record.fo_duplicate_ids, self.client_mario)
        self.assertIn(form.record, self.client_mario.fo_duplicate_ids)

    def test_a_client_with_an_existing_email_is_warned(self):
        with self._new_client_form(front_office=True) as form:
            form.name = "L. Bianchi"
            form.email = "Laura.Bianchi@Example.com"
            self.assertEqual(form.fo_duplicate_ids[:], self.client_laura)

    def test_a_new_client_has_no_duplicates(self):
        with self._new_client_form(front_office=True) as form:
            form.name = "Giovanni Neri"
            form.phone = "+39 340 999 8888"
            form.email = "g.neri@example.com"
            self.assertFalse(form.fo_duplicate_ids[:])
        self.assertFalse(self.client_mario.fo_duplicate_ids)

    # -- surname first -------------------------------------------------------------

    def _quick_search(self, text):
        ours = self.client_mario | self.client_laura | self.client_giorgio
        return self.Partner.search(
            [("fo_client_search", "ilike", text), ("id", "in", ours.ids)]
        )

    def test_quick_search_finds_surname_first(self):
        for text, client in [
            ("Rossi Mario", self.client_mario),
            ("rossi m", self.client_mario),
            ("bianchi laura", self.client_laura),
            ("Mario Rossi", self.client_mario),
        ]:
            with self.subTest(search=text):
                self.assertEqual(self._quick_search(text), client)

    def test_quick_search_surname_first_is_not_a_pattern(self):
        self.assertFalse(self._quick_search("rossi %"))
        self.assertFalse(self._quick_search("rossi x"))
