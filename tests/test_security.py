# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import FrontOfficeCommon


@tagged("post_install", "-at_install")
class TestFrontOfficeAccess(FrontOfficeCommon):
    def _visible_menus(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_front_desk_user_reaches_the_front_office_menu(self):
        visible = self._visible_menus(self.front_desk_user)
        for xmlid in (
            "menu_front_office_root",
            "menu_front_desk",
            "menu_quotes",
            "menu_payments",
        ):
            with self.subTest(menu=xmlid):
                self.assertIn(self.env.ref(f"front_office_quotes.{xmlid}").id, visible)
        self.assertNotIn(
            self.env.ref("front_office_quotes.menu_configuration").id,
            visible,
            "configuration is for front office managers",
        )

    def test_users_without_front_office_rights_do_not_see_the_app(self):
        root = self.env.ref("front_office_quotes.menu_front_office_root")
        for user in (self.internal_user, self.salesman):
            with self.subTest(user=user.login):
                self.assertNotIn(root.id, self._visible_menus(user))

    def test_manager_reaches_the_configuration(self):
        visible = self._visible_menus(self.front_office_manager)
        for xmlid in ("menu_quote_templates", "menu_services", "menu_resources"):
            with self.subTest(menu=xmlid):
                self.assertIn(self.env.ref(f"front_office_quotes.{xmlid}").id, visible)

    def test_front_desk_user_adds_a_person(self):
        client = (
            self.env["res.partner"]
            .with_user(self.front_desk_user)
            .create({"name": "Giovanni Neri", "phone": "+39 333 000 1111"})
        )
        self.assertEqual(client.create_uid, self.front_desk_user)

    def test_only_managers_configure_resources_and_services(self):
        Resource = self.env["resource.resource"]
        with self.assertRaises(AccessError):
            Resource.with_user(self.front_desk_user).create({"name": "Sauna"})
        sauna = Resource.with_user(self.front_office_manager).create({"name": "Sauna"})
        self.assertEqual(sauna.name, "Sauna")

        service = self.service_massage.product_tmpl_id
        with self.assertRaises(AccessError):
            service.with_user(self.front_desk_user).write({"fo_session_duration": 2.0})
        service.with_user(self.front_office_manager).write(
            {"fo_resource_ids": [(4, sauna.id)], "fo_session_duration": 1.5}
        )
        self.assertIn(sauna, service.fo_resource_ids)
        self.assertEqual(service.fo_session_duration, 1.5)
