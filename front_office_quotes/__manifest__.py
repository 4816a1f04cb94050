# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Front Office Quotes",
    "summary": "Front desk for centres selling services in sessions: "
    "clients, quotes, bookings and payments",
    "version": "19.0.3.0.0",
    "category": "Services/Front Office",
    "author": "Front Office Quotes Team",
    "website": "https://github.com/front-office-quotes/front_office_quotes",
    "license": "LGPL-3",
    "depends": [
        "sale_management",
        "resource",
        "sms",
        "bus",
        "portal",
        "payment",
        "account_payment",
    ],
    "data": [
        "security/front_office_security.xml",
        "security/ir.model.access.csv",
        "reports/sale_order_reports.xml",
        "reports/sale_order_templates.xml",
        "data/mail_template_data.xml",
        "data/sms_template_data.xml",
        "data/ir_cron_data.xml",
        "views/front_office_booking_views.xml",
        "wizards/front_office_booking_wizard_views.xml",
        "wizards/front_office_payment_wizard_views.xml",
        "wizards/front_office_slot_finder_views.xml",
        "views/product_template_views.xml",
        "views/resource_resource_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_template_views.xml",
        "views/sale_order_views.xml",
        "views/account_payment_views.xml",
        "views/front_office_diary_views.xml",
        "views/menus.xml",
        "views/res_config_settings_views.xml",
        "views/front_office_booking_portal_templates.xml",
    ],
    "demo": [
        "demo/front_office_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "front_office_quotes/static/src/diary*/**/*",
        ],
        "web.assets_tests": [
            "front_office_quotes/static/tests/tours/**/*",
        ],
        "web.assets_unit_tests": [
            "front_office_quotes/static/tests/*.js",
        ],
    },
    "application": True,
}
