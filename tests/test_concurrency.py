# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two operators at the same moment, in two real transactions.

These tests commit their data (each operator must see what the other committed) and
remove it afterwards.
"""

import threading
import unittest
from datetime import date, datetime, time, timedelta
from time import sleep

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import get_db_name, tagged

# Real transactions see the real date: book a month from now.
SLOT = datetime.combine(date.today() + timedelta(days=30), time(9))


@tagged("post_install", "-at_install")
class TestConcurrentBooking(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            cls.resource_id = env["resource.resource"].create({"name": "Race Room"}).id
            product = env["product.product"].create(
                {
                    "name": "Race Massage",
                    "type": "service",
                    "list_price": 10.0,
                    "fo_is_bookable": True,
                    "fo_session_duration": 1.0,
                }
            )
            cls.product_id = product.id
            cls.partner_ids = (
                env["res.partner"]
                .create([{"name": "Race Client A"}, {"name": "Race Client B"}])
                .ids
            )
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": partner_id,
                        "validity_start_date": date.today(),
                        "validity_date": date.today() + timedelta(days=90),
                        "order_line": [
                            Command.create(
                                {"product_id": product.id, "product_uom_qty": 1}
                            )
                        ],
                    }
                    for partner_id in cls.partner_ids
                ]
            )
            orders.action_confirm()
            cls.order_ids = orders.ids
            cls.line_ids = orders.order_line.ids
        cls.addClassCleanup(cls._remove_data)

    @classmethod
    def _remove_data(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            env["front.office.booking"].search(
                [("sale_line_id", "in", cls.line_ids)]
            ).unlink()
            orders = env["sale.order"].browse(cls.order_ids)
            orders._action_cancel()
            orders.unlink()
            env["product.product"].browse(cls.product_id).product_tmpl_id.unlink()
            env["res.partner"].browse(cls.partner_ids).unlink()
            env["resource.resource"].browse(cls.resource_id).unlink()

    def tearDown(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["front.office.booking"].search(
                [("sale_line_id", "in", self.line_ids)]
            ).unlink()
        super().tearDown()

    def _race(self, vals_by_operator):
        """Each operator creates their booking in their own transaction; both pass
        the barrier together, and each waits a little before committing, so that
        the two transactions really overlap. As in a real request, a transaction
        that loses a serialisation conflict is retried (``retrying``)."""
        barrier = threading.Barrier(len(vals_by_operator))
        outcome = {}

        def operator(name, vals):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
                    barrier.wait(timeout=10)

                    def book():
                        env["front.office.booking"].create(vals)
                        env.flush_all()
                        sleep(0.5)

                    retrying(book, env)
                outcome[name] = "booked"
            except ValidationError as error:
                outcome[name] = error
            except Exception as error:
                outcome[name] = error

        threads = [
            threading.Thread(target=operator, args=(name, vals))
            for name, vals in vals_by_operator.items()
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return outcome

    def _count_bookings(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["front.office.booking"].search_count(
                [("sale_line_id", "in", self.line_ids), ("state", "!=", "cancelled")]
            )

    def test_two_operators_booking_one_slot_at_once_only_one_succeeds(self):
        outcome = self._race(
            {
                name: {
                    "sale_line_id": line_id,
                    "resource_id": self.resource_id,
                    "start": SLOT,
                }
                for name, line_id in zip(("anna", "paola"), self.line_ids, strict=True)
            }
        )
        self.assertEqual(sorted(map(str, outcome)), ["anna", "paola"])
        succeeded = [name for name, result in outcome.items() if result == "booked"]
        refused = [result for result in outcome.values() if result != "booked"]
        self.assertEqual(len(succeeded), 1, outcome)
        self.assertIsInstance(refused[0], ValidationError, outcome)
        # Refused either by the database (the slot was taken while this transaction
        # ran) or, once retried, by the friendly check: the same words either way.
        self.assertIn("already booked", str(refused[0]))
        self.assertEqual(self._count_bookings(), 1)

    def test_two_operators_booking_the_last_session_at_once_only_one_succeeds(self):
        line_id = self.line_ids[0]  # one session sold
        outcome = self._race(
            {
                "anna": {
                    "sale_line_id": line_id,
                    "resource_id": self.resource_id,
                    "start": SLOT,
                },
                "paola": {
                    "sale_line_id": line_id,
                    "resource_id": self.resource_id,
                    "start": SLOT + timedelta(days=1),
                },
            }
        )
        succeeded = [name for name, result in outcome.items() if result == "booked"]
        refused = [result for result in outcome.values() if result != "booked"]
        self.assertEqual(len(succeeded), 1, outcome)
        self.assertIsInstance(refused[0], ValidationError, outcome)
        self.assertIn("only 1 sold", str(refused[0]))
        self.assertEqual(self._count_bookings(), 1)


@tagged("post_install", "-at_install")
class TestConcurrentPayment(unittest.TestCase):
    """Two operators registering the payment of the same sessions at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            cls.resource_id = env["resource.resource"].create({"name": "Pay Room"}).id
            product = env["product.product"].create(
                {
                    "name": "Pay Massage",
                    "type": "service",
                    "list_price": 50.0,
                    "taxes_id": [Command.clear()],
                    "fo_is_bookable": True,
                    "fo_session_duration": 1.0,
                }
            )
            cls.product_id = product.id
            cls.partner_id = env["res.partner"].create({"name": "Pay Client"}).id
            order = env["sale.order"].create(
                {
                    "partner_id": cls.partner_id,
                    "validity_start_date": date.today(),
                    "validity_date": date.today() + timedelta(days=90),
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 4})
                    ],
                }
            )
            order.action_confirm()
            cls.order_id = order.id
            cls.booking_ids = (
                env["front.office.booking"]
                .create(
                    [
                        {
                            "sale_line_id": order.order_line.id,
                            "resource_id": cls.resource_id,
                            "start": SLOT + timedelta(days=day),
                        }
                        for day in range(2)
                    ]
                )
                .ids
            )
        cls.addClassCleanup(cls._remove_data)

    @classmethod
    def _remove_data(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(
                cr, SUPERUSER_ID, {"tracking_disable": True, "force_delete": True}
            )
            order = env["sale.order"].browse(cls.order_id)
            invoices = order.invoice_ids
            payments = env["account.payment"].search(
                [("partner_id", "=", cls.partner_id)]
            )
            payments.action_draft()
            payments.unlink()
            invoices.button_draft()
            invoices.unlink()
            env["front.office.booking"].browse(cls.booking_ids).unlink()
            for wizard_model in (
                "account.payment.register",
                "front.office.payment.wizard",
            ):
                env[wizard_model].search([("partner_id", "=", cls.partner_id)]).unlink()
            order._action_cancel()
            order.unlink()
            env["product.product"].browse(cls.product_id).product_tmpl_id.unlink()
            env["res.partner"].browse(cls.partner_id).unlink()
            env["resource.resource"].browse(cls.resource_id).unlink()

    def test_two_operators_paying_the_same_sessions_at_once_charge_once(self):
        barrier = threading.Barrier(2)
        outcome = {}

        def operator(name):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
                    barrier.wait(timeout=10)

                    def pay():
                        wizard = (
                            env["front.office.payment.wizard"]
                            .with_context(fo_payment_booking_ids=self.booking_ids)
                            .create({"partner_id": self.partner_id})
                        )
                        wizard.action_confirm()
                        env.flush_all()
                        sleep(0.5)

                    retrying(pay, env)
                outcome[name] = "paid"
            except Exception as error:
                outcome[name] = error

        threads = [
            threading.Thread(target=operator, args=(n,)) for n in ("anna", "paola")
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

        succeeded = [name for name, result in outcome.items() if result == "paid"]
        refused = [result for result in outcome.values() if result != "paid"]
        self.assertEqual(len(succeeded), 1, outcome)
        self.assertIsInstance(refused[0], UserError, outcome)
        self.assertIn("Already paid", str(refused[0]))
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            order = env["sale.order"].browse(self.order_id)
            self.assertEqual(len(order.invoice_ids), 1, "invoiced once")
            self.assertEqual(order.order_line.qty_invoiced, 2)
            self.assertEqual(
                len(
                    env["account.payment"].search(
                        [("partner_id", "=", self.partner_id)]
                    )
                ),
                1,
                "paid once",
            )
            self.assertEqual(
                set(
                    env["front.office.booking"]
                    .browse(self.booking_ids)
                    .mapped("payment_state")
                ),
                {"paid"},
            )
