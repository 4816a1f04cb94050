# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import FrontOfficeCommon


@tagged("post_install", "-at_install")
class TestInstall(FrontOfficeCommon):
    def test_addon_is_installed(self):
        module = self.env["ir.module.module"].search(
            [("name", "=", "front_office_quotes")]
        )
        self.assertEqual(module.state, "installed")
        self.assertTrue(module.application)

    def test_front_office_menu_has_its_sections(self):
        root = self.env.ref("front_office_quotes.menu_front_office_root")
        self.assertEqual(root.name, "Front Office")
        self.assertEqual(
            root.child_id.mapped("name"),
            [
                "Diary",
                "Front Desk",
                "Quotes",
                "Services Planning",
                "Appointments",
                "Waitlist",
                "Payments",
                "Reports",
                "Configuration",
            ],
        )
        config = self.env.ref("front_office_quotes.menu_configuration")
        self.assertEqual(
            config.child_id.mapped("name"),
            ["Settings", "Quote Templates", "Services", "Resources"],
        )
        for menu in root.child_id | config.child_id:
            with self.subTest(menu=menu.name):
                self.assertTrue(
                    menu.action or menu.child_id, "every section leads somewhere"
                )

    def test_groups_are_declared_with_a_privilege(self):
        user_group = self.env.ref("front_office_quotes.group_front_office_user")
        manager_group = self.env.ref("front_office_quotes.group_front_office_manager")
        privilege = self.env.ref(
            "front_office_quotes.res_groups_privilege_front_office"
        )
        self.assertEqual(user_group.privilege_id, privilege)
        self.assertEqual(manager_group.privilege_id, privilege)
        self.assertEqual(
            privilege.category_id, self.env.ref("base.module_category_services")
        )

    def test_front_desk_group_implies_what_the_desk_needs(self):
        user_group = self.env.ref("front_office_quotes.group_front_office_user")
        self.assertEqual(
            set(user_group.implied_ids.get_external_id().values()),
            {
                "sales_team.group_sale_salesman_all_leads",
                "sale_management.group_sale_order_template",
                "base.group_partner_manager",
            },
        )
        self.assertTrue(
            self.front_desk_user.has_group("sale_management.group_sale_order_template"),
            "without it the quote template field is hidden from the desk",
        )
        self.assertFalse(
            self.front_desk_user.has_group("sales_team.group_sale_manager")
        )
        # Segregation of duties: invoices and payments are edited by billing.
        self.assertFalse(
            self.front_desk_user.has_group("account.group_account_invoice")
        )
        self.assertFalse(
            self.front_desk_user.has_group("account.group_account_manager")
        )

    def test_manager_group_implies_the_user_and_sales_administration(self):
        manager = self.front_office_manager
        self.assertTrue(
            manager.has_group("front_office_quotes.group_front_office_user")
        )
        self.assertTrue(manager.has_group("sales_team.group_sale_manager"))
