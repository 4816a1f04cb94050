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

import psycopg2

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
        cls.resource_id = (
            env["resource.resource"]
            .create({"name": f"{name} Room", "calendar_id": False})
            .id
        )
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

    def _race(self, operations, db_errors=None):
        """Run each operator's ``operation(env)`` in its own transaction; both pass
        a barrier together and wait a little before committing, so that the two
        transactions really overlap. As in a real request, a transaction that loses
        a serialisation conflict is retried (``retrying``).

        ``db_errors`` (a list) collects every database error an attempt met, even
        when a retry then succeeded.

        :return: {operator: "done" or the exception raised}
        """
        barrier = threading.Barrier(len(operations))
        outcome = {}

        def operator(name, operation):
            try:
                with self._env() as env:
                    barrier.wait(timeout=10)

                    def attempt():
                        try:
                            operation(env)
                            env.flush_all()
                        except psycopg2.Error as error:
                            if db_errors is not None:
                                db_errors.append(error)
                            raise
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


@tagged("post_install", "-at_install")
class TestNoDeadlock(RealTransactionsCase):
    """Cancelling a session while another operator pays or books on the same quote
    line: both paths lock the line first, so they wait for each other instead of
    deadlocking (Odoo would retry a deadlock, the log would show it)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls._env() as env:
            cls._create_sales(env, "Lock", partner_count=1, sessions=6)
        cls.addClassCleanup(cls._remove_sales)

    def setUp(self):
        super().setUp()
        # One session today (it can be checked in), two later.
        now = datetime.now().replace(second=0, microsecond=0)
        with self._env() as env:
            self.booking_ids = (
                env["front.office.booking"]
                .create(
                    [
                        {
                            "sale_line_id": self.line_ids[0],
                            "resource_id": self.resource_id,
                            "start": start,
                        }
                        for start in (now, SLOT, SLOT + timedelta(days=1))
                    ]
                )
                .ids
            )

    def tearDown(self):
        with self._env(force_delete=True) as env:
            payments = env["account.payment"].search(
                [("partner_id", "in", self.partner_ids)]
            )
            payments.action_draft()
            payments.unlink()
            invoices = env["sale.order"].browse(self.order_ids).invoice_ids
            invoices.button_draft()
            invoices.unlink()
            # Attended sessions are never deleted through the ORM: clean up in SQL.
            env.cr.execute(
                "DELETE FROM front_office_booking WHERE sale_line_id IN %s",
                [tuple(self.line_ids)],
            )
            env.invalidate_all()
            env["sale.order.line"].browse(self.line_ids)._compute_fo_sessions()
        super().tearDown()

    def _action(self, booking_id, action):
        def act(env):
            getattr(env["front.office.booking"].browse(booking_id), action)()

        return act

    def _pay(self, booking_ids):
        def pay(env):
            env["front.office.payment.wizard"].create(
                {
                    "partner_id": self.partner_ids[0],
                    "booking_ids": [Command.set(booking_ids)],
                }
            ).action_confirm()

        return pay

    def _assert_no_deadlock(self, operations):
        db_errors = []
        outcome = self._race(operations, db_errors)
        self.assertEqual(outcome, dict.fromkeys(operations, "done"))
        deadlocks = [
            e for e in db_errors if isinstance(e, psycopg2.errors.DeadlockDetected)
        ]
        self.assertFalse(deadlocks, db_errors)

    def test_check_in_and_payment_of_one_session_do_not_deadlock(self):
        today_id = self.booking_ids[0]
        self._assert_no_deadlock(
            {
                "anna": self._action(today_id, "action_check_in"),
                "paola": self._pay([today_id]),
            }
        )
        with self._env() as env:
            booking = env["front.office.booking"].browse(today_id)
            self.assertEqual((booking.state, booking.payment_state), ("done", "paid"))

    def test_cancel_and_payment_on_one_line_do_not_deadlock(self):
        self._assert_no_deadlock(
            {
                "anna": self._action(self.booking_ids[2], "action_cancel"),
                "paola": self._pay(self.booking_ids[:2]),
            }
        )
        with self._env() as env:
            bookings = env["front.office.booking"].browse(self.booking_ids)
            self.assertEqual(
                bookings.mapped("payment_state"), ["paid", "paid", "not_paid"]
            )
            self.assertEqual(bookings[2].state, "cancelled")

    def test_cancel_and_booking_on_one_line_do_not_deadlock(self):
        def book(env):
            env["front.office.booking"].create(
                {
                    "sale_line_id": self.line_ids[0],
                    "resource_id": self.resource_id,
                    "start": SLOT + timedelta(days=5),
                }
            )

        self._assert_no_deadlock(
            {"anna": self._action(self.booking_ids[1], "action_cancel"), "paola": book}
        )


@tagged("post_install", "-at_install")
class TestConcurrentRoom(RealTransactionsCase):
    """Two operators booking two therapists in the same room at the same moment:
    the room is held by both sessions' occupancy, PostgreSQL keeps one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls._env() as env:
            cls._create_sales(env, "Room race", partner_count=2, sessions=2)
            cls.room_id = cls.resource_id
            cls.therapist_ids = (
                env["resource.resource"]
                .create(
                    [
                        {"name": f"Room race therapist {i}", "calendar_id": False}
                        for i in range(2)
                    ]
                )
                .ids
            )
            env["product.product"].browse(cls.product_id).fo_room_ids = [
                Command.set([cls.room_id])
            ]
        cls.addClassCleanup(cls._remove_therapists)
        cls.addClassCleanup(cls._remove_sales)

    @classmethod
    def _remove_therapists(cls):
        with cls._env() as env:
            env["resource.resource"].browse(cls.therapist_ids).unlink()

    def _booking(self, line_id, therapist_id):
        def book(env):
            env["front.office.booking"].create(
                {
                    "sale_line_id": line_id,
                    "resource_id": therapist_id,
                    "room_id": self.room_id,
                    "start": SLOT,
                }
            )

        return book

    def test_two_operators_booking_one_room_at_once_only_one_succeeds(self):
        outcome = self._race(
            {
                "anna": self._booking(self.line_ids[0], self.therapist_ids[0]),
                "paola": self._booking(self.line_ids[1], self.therapist_ids[1]),
            }
        )
        self._assert_one_wins(outcome, ValidationError, "already booked")
        with self._env() as env:
            self.assertEqual(
                env["front.office.booking.occupancy"].search_count(
                    [("resource_id", "=", self.room_id)]
                ),
                1,
            )


@tagged("post_install", "-at_install")
class TestConcurrentWaitlistOffer(RealTransactionsCase):
    """A freed time offered to two waiting clients, who both click the offer's
    link at the same moment: first come, first served, PostgreSQL decides."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls._env() as env:
            cls._create_sales(env, "Waitlist race", partner_count=2, sessions=1)
            Waitlist = env["front.office.waitlist"]
            entries = Waitlist.create(
                [
                    {
                        "partner_id": partner_id,
                        "sale_line_id": line_id,
                        "date_until": SLOT.date() + timedelta(days=7),
                    }
                    for partner_id, line_id in zip(
                        cls.partner_ids, cls.line_ids, strict=True
                    )
                ]
            )
            resource = env["resource.resource"].browse(cls.resource_id)
            entries._fo_send_offer(SLOT, SLOT + timedelta(hours=1), resource)
            cls.entry_ids = entries.ids
        cls.addClassCleanup(cls._remove_sales)
        cls.addClassCleanup(cls._remove_entries)

    @classmethod
    def _remove_entries(cls):
        with cls._env() as env:
            env["front.office.waitlist"].browse(cls.entry_ids).unlink()

    def _take_offer(self, entry_id):
        def take(env):
            env["front.office.waitlist"].browse(entry_id)._fo_portal_take_offer()

        return take

    def test_two_clients_taking_one_freed_time_at_once_only_one_gets_it(self):
        outcome = self._race(
            {
                "mario": self._take_offer(self.entry_ids[0]),
                "sara": self._take_offer(self.entry_ids[1]),
            }
        )
        self._assert_one_wins(outcome, UserError, "just been taken")
        with self._env() as env:
            entries = env["front.office.waitlist"].browse(self.entry_ids)
            self.assertEqual(sorted(entries.mapped("state")), ["booked", "offered"])
            booking = entries.booking_id
            self.assertEqual(len(booking), 1)
            self.assertEqual((booking.start, booking.state), (SLOT, "booked"))
