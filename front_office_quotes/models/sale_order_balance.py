# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One balance of a quote, read from accounting: what the package costs, what the
client paid on its invoices (down payments and credit notes included) and what is
left, and apart the price of the sessions booked and not paid yet. The client
record, the payment wizard, the printed quote and the receipt show these fields,
with these words."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL


class SaleOrder(models.Model):
    # One concern per file (CONVENTIONS): the balance is its own topic.
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    fo_amount_paid = fields.Monetary(
        string="Amount Paid",
        compute="_compute_fo_balance",
        help="Paid on the quote's posted invoices (deposits included), less what "
        "credit notes took back.",
    )
    fo_amount_due = fields.Monetary(
        string="Balance Due",
        compute="_compute_fo_balance",
        help="Package total less what was paid: what the client still owes for the "
        "whole package.",
    )
    fo_sessions_due = fields.Monetary(
        string="Sessions Booked to Pay",
        compute="_compute_fo_balance",
        help="Price of the sessions booked (attended, missed and late-cancelled "
        "included) and not paid yet: part of the balance due.",
    )

    @api.depends("amount_total", "state", "invoice_ids.payment_state")
    def _compute_fo_balance(self):
        paid = self._fo_amounts_paid()
        sessions_due = self._fo_sessions_due_amounts()
        for order in self:
            currency = order.currency_id
            order_paid = currency.round(paid.get(order._origin.id, 0.0))
            order.fo_amount_paid = order_paid
            order.fo_amount_due = (
                0.0 if order.state == "cancel" else order.amount_total - order_paid
            )
            order.fo_sessions_due = currency.round(
                sessions_due.get(order._origin.id, 0.0)
            )

    def _fo_amounts_paid(self):
        """{order id: amount paid} in one query for all the orders: each posted
        customer invoice (credit note: negative) counts the share of its lines
        that belong to the order, paid in the proportion of the invoice paid."""
        ids = tuple(self._origin.ids)
        if not ids:
            return {}
        self.env["account.move.line"].flush_model(["price_total", "move_id"])
        self.env["account.move"].flush_model(
            ["state", "move_type", "amount_total", "amount_residual"]
        )
        self.env["sale.order.line"].flush_model(["order_id", "invoice_lines"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT sol.order_id,
                       SUM(aml.price_total
                           * CASE WHEN m.move_type = 'out_refund' THEN -1 ELSE 1 END
                           * CASE WHEN m.amount_total = 0 THEN 1
                                  ELSE (m.amount_total - m.amount_residual)
                                       / m.amount_total END)
                  FROM sale_order_line_invoice_rel rel
                  JOIN sale_order_line sol ON sol.id = rel.order_line_id
                  JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                  JOIN account_move m ON m.id = aml.move_id
                 WHERE sol.order_id IN %s
                   AND m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                 GROUP BY sol.order_id
                """,
                ids,
            )
        )
        return {order_id: float(amount or 0.0) for order_id, amount in rows}

    def _fo_sessions_due_amounts(self):
        """{order id: price of its active sessions not paid}, one query."""
        if not self._origin.ids:
            return {}
        Booking = self.env["front.office.booking"].sudo()
        amounts = defaultdict(float)
        for line, count in Booking._read_group(
            [("sale_order_id", "in", self._origin.ids), *Booking._fo_unpaid_domain()],
            ["sale_line_id"],
            ["__count"],
        ):
            if line.product_uom_qty:
                amounts[line.order_id.id] += (
                    count * line.price_total / line.product_uom_qty
                )
        return amounts

    def _fo_open_deposit(self):
        """Down payments invoiced on this quote and not deducted yet (the final
        invoice deducts them, as core's invoicing does), tax included: the deposit
        invoice counts, a deduction line (negative) or a credit note takes back."""
        self.ensure_one()
        total = 0.0
        for aml in self.order_line.filtered("is_downpayment").sudo().invoice_lines:
            move = aml.move_id
            if move.state != "posted" or move.move_type not in (
                "out_invoice",
                "out_refund",
            ):
                continue
            sign = -1 if move.move_type == "out_refund" else 1
            total += sign * aml.price_total
        return self.currency_id.round(total)

    def _fo_deposit_uncovered(self, amount):
        """Whether invoicing ``amount`` more (tax included) on this quote would
        leave less to invoice than its deposits not deducted yet, so that the
        last invoice, which deducts them, would go negative.

        :return: ``(deposit, what would be left to invoice)`` if so, else ``None``
        """
        self.ensure_one()
        deposit = self._fo_open_deposit()
        left = self._fo_amount_not_invoiced() - amount
        currency = self.currency_id
        if (
            currency.compare_amounts(deposit, 0.0) > 0
            and currency.compare_amounts(left, deposit) < 0
        ):
            return deposit, max(left, 0.0)
        return None

    def _fo_amount_not_invoiced(self):
        """Tax included, what the quote's lines have not invoiced yet (down
        payments aside): the most a deposit may be, once earlier deposits are
        counted."""
        self.ensure_one()
        total = 0.0
        for line in self.order_line.filtered(
            lambda line: not line.display_type and not line.is_downpayment
        ):
            if line.product_uom_qty and line.product_uom_qty > line.qty_invoiced:
                total += (
                    line.price_total
                    * (line.product_uom_qty - line.qty_invoiced)
                    / line.product_uom_qty
                )
        return self.currency_id.round(total)
