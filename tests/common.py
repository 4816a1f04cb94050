# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared fixtures of the front office tests: a wellness centre built from scratch.

Nothing here relies on demo data: the tests run on a database installed without it.
"""

from datetime import timedelta

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install")
class FrontOfficeCommon(TransactionCase):
    """A wellness centre in the database's own company: its staff, services, a
    quote template, resources and clients. Tests that invoice and pay use
    ``FrontOfficeAccountingCommon``, whose company has its own chart of accounts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        if not hasattr(cls, "company"):
            cls.company = cls.env.company
        user_vals = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.front_desk_user = new_test_user(
            cls.env,
            login="fo_front_desk",
            name="Anna Reception",
            groups="base.group_user,front_office_quotes.group_front_office_user",
            **user_vals,
        )
        cls.front_office_manager = new_test_user(
            cls.env,
            login="fo_manager",
            name="Paola Manager",
            groups="base.group_user,front_office_quotes.group_front_office_manager",
            **user_vals,
        )
        cls.salesman = new_test_user(
            cls.env,
            login="fo_salesman",
            name="Sam Salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
            **user_vals,
        )
        cls.billing_user = new_test_user(
            cls.env,
            login="fo_billing",
            name="Bruno Billing",
            groups="base.group_user,account.group_account_invoice",
            **user_vals,
        )
        cls.internal_user = new_test_user(
            cls.env,
            login="fo_internal",
            name="Ivo Internal",
            groups="base.group_user",
            **user_vals,
        )

        # The centre is configured by its front office manager, as in real life
        # (core lets nobody else create resources, see security/). Its resources
        # are always available (no working calendar): tests of working hours
        # give theirs.
        manager_env = cls.env(user=cls.front_office_manager)
        Resource = manager_env["resource.resource"]
        cls.room_massage, cls.room_physio, cls.therapist = Resource.create(
            [
                {
                    "name": "Massage Room",
                    "resource_type": "material",
                    "tz": "Europe/Rome",
                    "calendar_id": False,
                },
                {
                    "name": "Physio Room",
                    "resource_type": "material",
                    "tz": "Europe/Rome",
                    "calendar_id": False,
                },
                {
                    "name": "Giulia (therapist)",
                    "resource_type": "user",
                    "tz": "Europe/Rome",
                    "calendar_id": False,
                },
            ]
        )

        Product = manager_env["product.product"]
        cls.service_massage, cls.service_physio = Product.create(
            [
                {
                    "name": "Massage 50'",
                    "type": "service",
                    "list_price": 60.0,
                    "fo_is_bookable": True,
                    "fo_session_duration": 50 / 60,
                    "fo_resource_ids": [
                        Command.set((cls.room_massage | cls.therapist).ids)
                    ],
                },
                {
                    "name": "Physiotherapy",
                    "type": "service",
                    "list_price": 55.0,
                    "fo_is_bookable": True,
                    "fo_session_duration": 1.0,
                },
            ]
        )
        cls.template_relax = manager_env["sale.order.template"].create(
            {
                "name": "Relax Package",
                "fo_description": "Ten relaxing massages",
                "number_of_days": 90,
                "sale_order_template_line_ids": [
                    Command.create(
                        {"product_id": cls.service_massage.id, "product_uom_qty": 10}
                    ),
                ],
            }
        )
        cls.client_mario, cls.client_laura = cls.env["res.partner"].create(
            [
                {
                    "name": "Mario Rossi",
                    "phone": "+39 333 123 4567",
                    "email": "mario.rossi@example.com",
                    "lang": "en_US",
                },
                {
                    "name": "Laura Bianchi",
                    "phone": "+39 347 765 4321",
                    "email": "laura.bianchi@example.com",
                },
            ]
        )
        # A client and a product outside the sessions: a gift card sold at the
        # desk is not booked.
        cls.client_giorgio = cls.env["res.partner"].create({"name": "Giorgio Verdi"})
        cls.gift_card = manager_env["product.product"].create(
            {"name": "Gift Card", "type": "service", "list_price": 50.0}
        )

    @classmethod
    def _other_company(cls, name="Other Centre"):
        """A second centre, for what one company must not see of another."""
        return cls.env["res.company"].create({"name": name})

    @classmethod
    def _create_quote(cls, partner=None, lines=None, user=None, **vals):
        """A front office quote, created as the front desk does (context included).

        ``lines``: (product, sessions) pairs; default: 10 massages."""
        lines = lines or [(cls.service_massage, 10)]
        env = cls.env(user=user or cls.front_desk_user)
        return (
            env["sale.order"]
            .with_context(front_office=True)
            .create(
                {
                    "partner_id": (partner or cls.client_mario).id,
                    "order_line": [
                        Command.create({"product_id": p.id, "product_uom_qty": qty})
                        for p, qty in lines
                    ],
                    **vals,
                }
            )
        )

    @classmethod
    def _setup_booking_quote(cls, today, days=30):
        """A confirmed quote of 10 massages and 2 physiotherapy sessions, valid from
        ``today`` for ``days`` days: ``cls.quote``, ``cls.massage_line``,
        ``cls.physio_line``."""
        cls.quote = cls._confirmed_quote(
            lines=[(cls.service_massage, 10), (cls.service_physio, 2)],
            validity_start_date=today,
            validity_date=today + timedelta(days=days),
        )
        cls.massage_line, cls.physio_line = cls.quote.order_line

    @classmethod
    def _confirmed_quote(cls, partner=None, lines=None, **vals):
        order = cls._create_quote(partner=partner, lines=lines, **vals)
        order.with_user(cls.front_desk_user).action_confirm()
        return order

    @classmethod
    def _book(cls, line, start, resource=None, user=None, **vals):
        """One session of ``line`` at ``start`` (naive UTC), as the front desk."""
        env = cls.env(user=user or cls.front_desk_user)
        return env["front.office.booking"].create(
            {
                "sale_line_id": line.id,
                "start": start,
                "resource_id": (resource or cls.room_massage).id,
                **vals,
            }
        )

    def _send_held_confirmations(self):
        """Booking confirmations wait a little before they leave: let them go,
        as core's scheduled-message cron does when their time comes."""
        self.env["mail.message.schedule"].sudo().search([]).force_send()


@tagged("post_install", "-at_install")
class FrontOfficeAccountingCommon(FrontOfficeCommon, AccountTestInvoicingCommon):
    """The same centre in a company ready for accounting (its own chart of
    accounts, journals and sale tax, from ``AccountTestInvoicingCommon``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tests' own user (core's accountant) reads the sessions it checks,
        # whatever the cache holds: it runs the front office too. What the desk
        # may do is tested as the desk (``front_desk_user``).
        cls.env.user.group_ids = [
            Command.link(
                cls.env.ref("front_office_quotes.group_front_office_manager").id
            )
        ]

    @classmethod
    def _other_company(cls, name="Other Centre"):
        return cls.setup_other_company(name=name)["company"]
