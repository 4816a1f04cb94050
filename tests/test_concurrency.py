# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two operators at the same moment, in two real transactions.

These tests commit their data (each operator must see what the other committed) and
remove it afterwards.
"""

import threading
import unittest
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from time import sleep

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import get_db_name, tagged

# Real transactions see the real date: book a month from now.
SLOT = datetime.combine(date.today() + timedelta(days=30), time(9))


class RealTransactionsCase(unittest.TestCase):
    """Committed data in the test database, and two operators racing on it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    @classmethod
    @contextmanager
    def _env(cls, **context):
        with cls.registry.cursor() as cr:
            yield api.Environment(
                cr, SUPERUSER_ID, {"tracking_disable": True, **context}
            )

    @classmethod
    def _create_sales(cls, env, name, partner_count, sessions):
        """A bookable service, a resource, clients and one confirmed quote each."""
        cls.resource_id = env["resource.resource"].create({"name": f"{name} Room"}).id
        product = env["product.product"].create(
            {
                "name": f"{name} Massage",
                "type": "service",
                "list_price": 50.0,
                "taxes_id": [Command.clear()],
                "fo_is_bookable": True,
                "fo_session_duration": 1.0,
            }
        )
        cls.product_id = product.id
        cls.partner_ids = (
            env["res.partner"]
            .create([{"name": f"{name} Client {i}"} for i in range(partner_count)])
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
                            {"product_id": product.id, "product_uom_qty": sessions}
                        )
                    ],
                }
                for partner_id in cls.partner_ids
            ]
        )
        orders.action_confirm()
        cls.order_ids = orders.ids
        cls.line_ids = orders.order_line.ids

    @classmethod
    def _remove_sales(cls):
        with cls._env(force_delete=True) as env:
            orders = env["sale.order"].browse(cls.order_ids)
            payments = env["account.payment"].search(
                [("partner_id", "in", cls.partner_ids)]
            )
            payments.action_draft()
            payments.unlink()
            orders.invoice_ids.button_draft()
            orders.invoice_ids.unlink()
            env["front.office.booking"].search(
                [("sale_line_id", "in", cls.line_ids)]
            ).unlink()
            for wizard_model in (
                "account.payment.register",
                "front.office.payment.wizard",
            ):
                env[wizard_model].search(
                    [("partner_id", "in", cls.partner_ids)]
                ).unlink()
            orders._action_cancel()
            orders.unlink()
            env["product.product"].browse(cls.product_id).product_tmpl_id.unlink()
            env["res.partner"].browse(cls.partner_ids).unlink()
            env["resource.resource"].browse(cls.resource_id).unlink()

    def _race(self, operations):
        """Run each operator's ``operation(env)`` in its own transaction; both pass
        a barrier together and wait a little before committing, so that the two
        transactions really overlap. As in a real request, a transaction that loses
        a serialisation conflict is retried (``retrying``).

        :return: {operator: "done" or the exception raised}
        """
        barrier = threading.Barrier(len(operations))
        outcome = {}

        def operator(name, operation):
            try:
                with self._env() as env:
                    barrier.wait(timeout=10)

                    def attempt():
                        operation(env)
                        env.flush_all()
                        sleep(0.5)

                    retrying(attempt, env)
                outcome[name] = "done"
            except Exception as error:  # reported by the assertions
                outcome[name] = error

        threads = [
            threading.Thread(target=operator, args=item) for item in operations.items()
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        return outcome

    def _assert_one_wins(self, outcome, error_type, message):
        self.assertEqual(len(outcome), 2, outcome)
        winners = [name for name, result in outcome.items() if result == "done"]
        losers = [result for result in outcome.values() if result != "done"]
        self.assertEqual(len(winners), 1, outcome)
        self.assertIsInstance(losers[0], error_type, outcome)
        self.assertIn(message, str(losers[0]))


@tagged("post_install", "-at_install")
class TestConcurrentBooking(RealTransactionsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls._env() as env:
            cls._create_sales(env, "Race", partner_count=2, sessions=1)
        cls.addClassCleanup(cls._remove_sales)

    def tearDown(self):
        with self._env() as env:
            env["front.office.booking"].search(
                [("sale_line_id", "in", self.line_ids)]
            ).unlink()
        super().tearDown()

    def _booking(self, line_id, start):
        def book(env):
            env["front.office.booking"].create(
                {
                    "sale_line_id": line_id,
                    "resource_id": self.resource_id,
                    "start": start,
                }
            )

        return book

    def _count_bookings(self):
        with self._env() as env:
            return env["front.office.booking"].search_count(
                [("sale_line_id", "in", self.line_ids), ("state", "!=", "cancelled")]
            )

    def test_two_operators_booking_one_slot_at_once_only_one_succeeds(self):
        """Two clients, one resource, the same hour."""
        outcome = self._race(
            {
                "anna": self._booking(self.line_ids[0], SLOT),
                "paola": self._booking(self.line_ids[1], SLOT),
            }
        )
        # Refused either by the database (the slot was taken while this transaction
        # ran) or, once retried, by the friendly check: the same words either way.
        self._assert_one_wins(outcome, ValidationError, "already booked")
        self.assertEqual(self._count_bookings(), 1)

    def test_two_operators_booking_the_last_session_at_once_only_one_succeeds(self):
        """One session left, booked at two different hours."""
        line_id = self.line_ids[0]
        outcome = self._race(
            {
                "anna": self._booking(line_id, SLOT),
                "paola": self._booking(line_id, SLOT + timedelta(days=1)),
            }
        )
        self._assert_one_wins(outcome, ValidationError, "only 1 sessions sold")
        self.assertEqual(self._count_bookings(), 1)


@tagged("post_install", "-at_install")
class TestConcurrentPayment(RealTransactionsCase):
    """Two operators registering the payment of the same sessions at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls._env() as env:
            cls._create_sales(env, "Pay", partner_count=1, sessions=4)
            cls.booking_ids = (
                env["front.office.booking"]
                .create(
                    [
                        {
                            "sale_line_id": cls.line_ids[0],
                            "resource_id": cls.resource_id,
                            "start": SLOT + timedelta(days=day),
                        }
                        for day in range(2)
                    ]
                )
                .ids
            )
        cls.addClassCleanup(cls._remove_sales)

    def test_two_operators_paying_the_same_sessions_at_once_charge_once(self):
        def pay(env):
            wizard = env["front.office.payment.wizard"].create(
                {
                    "partner_id": self.partner_ids[0],
                    "booking_ids": [Command.set(self.booking_ids)],
                }
            )
            wizard.action_confirm()

        outcome = self._race({"anna": pay, "paola": pay})
        self._assert_one_wins(outcome, UserError, "Already paid")
        with self._env() as env:
            order = env["sale.order"].browse(self.order_ids)
            self.assertEqual(len(order.invoice_ids), 1, "invoiced once")
            self.assertEqual(order.order_line.qty_invoiced, 2)
            payments = env["account.payment"].search(
                [("partner_id", "in", self.partner_ids)]
            )
            self.assertEqual(len(payments), 1, "paid once")
            bookings = env["front.office.booking"].browse(self.booking_ids)
            self.assertEqual(set(bookings.mapped("payment_state")), {"paid"})
