# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class FrontOfficePaymentWizard(models.TransientModel):
    _name = "front.office.payment.wizard"
    _description = "Register the Payment of Booked Sessions"

    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Client", required=True, readonly=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, default=lambda self: self.env.company
    )
    booking_ids = fields.Many2many(
        comodel_name="front.office.booking",
        relation="front_office_payment_wizard_booking_rel",
        column1="wizard_id",
        column2="booking_id",
        string="Sessions",
        domain="[('partner_id', '=', partner_id), ('state', '!=', 'cancelled'), "
        "('payment_state', '!=', 'paid'), ('company_id', '=', company_id)]",
    )
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        string="Payment Method",
        required=True,
        compute="_compute_journal_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('type', 'in', ('cash', 'bank')), ('company_id', '=', company_id)]",
    )
    payment_date = fields.Date(required=True, default=fields.Date.context_today)
    fo_scope = fields.Selection(
        selection=[
            ("sessions", "Sessions picked"),
            ("package", "Whole package"),
            ("deposit", "Deposit"),
        ],
        string="Pay for",
        required=True,
        default="sessions",
        help="Sessions picked: the sessions listed below. Whole package: the balance "
        "due of the quote. Deposit: an amount on account of the quote, deducted "
        "from its final invoice.",
    )
    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Quote",
        compute="_compute_sale_order_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('partner_id', 'child_of', partner_id), ('state', '=', 'sale'), "
        "('company_id', '=', company_id)]",
    )
    fo_package_total = fields.Monetary(
        string="Package Total",
        related="sale_order_id.amount_total",
        currency_field="currency_id",
    )
    fo_amount_paid = fields.Monetary(
        string="Amount Paid",
        related="sale_order_id.fo_amount_paid",
        currency_field="currency_id",
    )
    fo_amount_due = fields.Monetary(
        string="Balance Due",
        related="sale_order_id.fo_amount_due",
        currency_field="currency_id",
    )
    fo_sessions_due = fields.Monetary(
        string="Sessions Booked to Pay",
        related="sale_order_id.fo_sessions_due",
        currency_field="currency_id",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency", compute="_compute_figures"
    )
    amount = fields.Monetary(
        compute="_compute_amount",
        store=True,
        readonly=False,
        currency_field="currency_id",
        help="What the client pays now: the sessions to invoice, plus the open "
        "invoices of the sessions already invoiced; the balance due of the quote; "
        "or the deposit the operator types.",
    )
    invoice_count = fields.Integer(
        string="Sessions to Invoice", compute="_compute_figures"
    )
    open_invoice_ids = fields.Many2many(
        comodel_name="account.move",
        string="Open Invoices to Settle",
        compute="_compute_figures",
    )

    @api.depends("company_id")
    def _compute_journal_id(self):
        for wizard in self:
            journals = self.env["account.journal"].search(
                [
                    ("type", "in", ("cash", "bank")),
                    ("company_id", "=", wizard.company_id.id),
                ]
            )
            wizard.journal_id = (
                journals.filtered(lambda j: j.type == "cash")[:1] or journals[:1]
            )

    @api.depends("booking_ids", "partner_id")
    def _compute_sale_order_id(self):
        for wizard in self:
            orders = wizard.booking_ids.sale_order_id
            if len(orders) == 1:
                wizard.sale_order_id = orders
            elif not wizard.sale_order_id and not orders:
                quotes = self.env["sale.order"].search(
                    [
                        ("partner_id", "child_of", wizard.partner_id.id),
                        ("state", "=", "sale"),
                        ("company_id", "=", wizard.company_id.id),
                    ],
                    limit=2,
                )
                wizard.sale_order_id = quotes if len(quotes) == 1 else False

    @api.depends("booking_ids", "fo_scope", "sale_order_id", "company_id")
    def _compute_figures(self):
        for wizard in self:
            if wizard.fo_scope == "sessions":
                bookings = wizard.booking_ids
                currency = bookings.sale_line_id.order_id.currency_id[:1]
                wizard.invoice_count = len(
                    bookings.filtered(lambda b: b.payment_state == "not_paid")
                )
                wizard.open_invoice_ids = wizard._fo_open_invoices(bookings)
            else:
                currency = wizard.sale_order_id.currency_id
                wizard.invoice_count = 0
                wizard.open_invoice_ids = False
            wizard.currency_id = currency or wizard.company_id.currency_id

    # Stored and editable (a deposit is typed), so computed apart from the
    # figures shown beside it.
    @api.depends("booking_ids", "fo_scope", "sale_order_id")
    def _compute_amount(self):
        for wizard in self:
            if wizard.fo_scope == "sessions":
                bookings = wizard.booking_ids
                new = bookings.filtered(lambda b: b.payment_state == "not_paid")
                wizard.amount = sum(new.mapped("price_per_session")) + sum(
                    wizard._fo_open_invoices(bookings).mapped("amount_residual")
                )
            elif wizard.fo_scope == "deposit":
                # A deposit is the amount the operator types.
                wizard.amount = 0.0
            else:
                wizard.amount = max(wizard.sale_order_id.fo_amount_due, 0.0)

    @api.model
    def _fo_open_invoices(self, bookings):
        """Posted customer invoices, not fully paid, of the invoiced sessions: the
        invoice that carries a session, else the open invoices of its line."""
        invoiced = bookings.filtered(lambda b: b.payment_state == "invoiced").sudo()

        def is_open(move):
            return (
                move.move_type == "out_invoice"
                and move.state == "posted"
                and move.payment_state in ("not_paid", "partial")
            )

        carried = invoiced.fo_invoice_line_ids.move_id.filtered(is_open)
        uncarried = invoiced.filtered(
            lambda b: not (b.fo_invoice_line_ids.move_id & carried)
        )
        moves = carried | uncarried.sale_line_id.invoice_lines.move_id.filtered(is_open)
        return moves.with_env(self.env)

    # ------------------------------------------------------------------

    def _fo_check_bookings(self, bookings):
        if not bookings:
            raise UserError(self.env._("Select the sessions the client pays for."))
        paid = bookings.filtered(lambda b: b.payment_state == "paid")
        if paid:
            raise UserError(
                self.env._(
                    "Already paid: %(sessions)s. Nothing is charged twice.",
                    sessions=", ".join(paid.mapped("display_name")),
                )
            )
        cancelled = bookings.filtered(lambda b: b.state == "cancelled")
        if cancelled:
            raise UserError(
                self.env._(
                    "Cancelled sessions are not paid: %(sessions)s.",
                    sessions=", ".join(cancelled.mapped("display_name")),
                )
            )
        if (
            bookings.company_id != self.company_id
            or self.company_id not in self.env.companies
            or self.journal_id.company_id != self.company_id
        ):
            raise UserError(
                self.env._(
                    "Sessions, payment method and company must all be of %(company)s.",
                    company=self.company_id.name,
                )
            )
        if bookings.partner_id != self.partner_id:
            raise UserError(
                self.env._(
                    "Every session must belong to %(client)s.",
                    client=self.partner_id.name,
                )
            )
        if len(bookings.sale_line_id.order_id.currency_id) > 1:
            raise UserError(
                self.env._(
                    "These sessions were sold in different currencies: register one "
                    "payment per currency."
                )
            )
        drafts = bookings.sale_line_id.invoice_lines.move_id.filtered(
            lambda m: m.state == "draft"
        )
        if drafts:
            raise UserError(
                self.env._(
                    "Invoice %(invoice)s of these sessions is still a draft: post or "
                    "delete it first.",
                    invoice=drafts[0].display_name,
                )
            )

    def _prepare_invoice_vals(self, sessions_by_line):
        orders = self.env["sale.order"].browse(
            {line.order_id.id for line in sessions_by_line}
        )
        vals = orders[0]._prepare_invoice()
        vals["invoice_origin"] = ", ".join(orders.mapped("name"))
        vals["invoice_line_ids"] = [
            Command.create(
                {
                    **line._prepare_invoice_line(quantity=len(sessions)),
                    "fo_booking_ids": [Command.set(sessions.ids)],
                }
            )
            for line, sessions in sessions_by_line.items()
        ]
        return vals

    def _fo_invoice_sessions(self):
        """The posted invoices to pay for the selected sessions: one new invoice
        whose lines carry the sessions not invoiced yet, and the open invoices of
        those already invoiced (so that nothing is invoiced or charged twice).
        The desk pays them here; the client pays them online on the invoice's
        portal page."""
        self.ensure_one()
        self.booking_ids.check_access("read")
        lines = self.booking_ids.sale_line_id
        if lines:
            # Two operators paying the same sessions are serialised here: the second
            # one reads what the first one invoiced and paid.
            lines._fo_lock()
            self.env.invalidate_all()
        bookings = self.booking_ids
        self._fo_check_bookings(bookings)

        sessions_by_line = defaultdict(lambda: self.env["front.office.booking"])
        for booking in bookings.filtered(lambda b: b.payment_state == "not_paid"):
            sessions_by_line[booking.sale_line_id] |= booking
        for line, sessions in sessions_by_line.items():
            if line.qty_invoiced + len(sessions) > line.product_uom_qty:
                raise UserError(
                    self.env._(
                        "%(service)s on quote %(quote)s: %(count)s more sessions would "
                        "exceed the %(sold)s sold.",
                        service=line.product_id.name,
                        quote=line.order_id.name,
                        count=len(sessions),
                        sold=int(line.product_uom_qty),
                    )
                )
        self._fo_check_deposit_covered(sessions_by_line)
        to_pay = self._fo_open_invoices(bookings).sudo()
        if sessions_by_line:
            invoice = (
                self.env["account.move"]
                .sudo()
                .with_company(self.company_id)
                .create(self._prepare_invoice_vals(sessions_by_line))
            )
            invoice.action_post()
            to_pay |= invoice
        return to_pay

    # -- whole package and deposit --------------------------------------

    def _fo_check_order(self):
        """The quote a package or deposit payment is for, locked: two operators
        taking money for the same quote are serialised, the second one reads
        what the first one invoiced and paid."""
        order = self.sale_order_id
        if not order:
            raise UserError(
                self.env._(
                    "Choose the quote the client pays the package or deposit of."
                )
            )
        order.check_access("read")
        order.order_line._fo_lock()
        self.env.invalidate_all()
        if order.state != "sale":
            raise UserError(
                self.env._(
                    "Quote %(quote)s is not confirmed: confirm it before taking money.",
                    quote=order.name,
                )
            )
        if (
            order.partner_id.commercial_partner_id
            != self.partner_id.commercial_partner_id
        ):
            raise UserError(
                self.env._(
                    "Quote %(quote)s is not one of %(client)s's.",
                    quote=order.name,
                    client=self.partner_id.name,
                )
            )
        if (
            order.company_id != self.company_id
            or self.company_id not in self.env.companies
            or self.journal_id.company_id != self.company_id
        ):
            raise UserError(
                self.env._(
                    "Quote, payment method and company must all be of %(company)s.",
                    company=self.company_id.name,
                )
            )
        drafts = order.sudo().invoice_ids.filtered(lambda m: m.state == "draft")
        if drafts:
            raise UserError(
                self.env._(
                    "Invoice %(invoice)s of quote %(quote)s is still a draft: post or "
                    "delete it first.",
                    invoice=drafts[0].display_name,
                    quote=order.name,
                )
            )
        # Nothing due but sessions not invoiced yet: the deposits paid cover
        # them, and the package's last invoice (of zero) settles them.
        if order.currency_id.compare_amounts(order.fo_amount_due, 0.0) <= 0 and (
            self.fo_scope != "package"
            or order.currency_id.compare_amounts(
                order.sudo()._fo_amount_not_invoiced(), 0.0
            )
            <= 0
        ):
            raise UserError(
                self.env._(
                    "Quote %(quote)s is paid: nothing is charged twice.",
                    quote=order.name,
                )
            )
        return order

    def _fo_open_order_invoices(self, order):
        return order.sudo().invoice_ids.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.state == "posted"
                and m.payment_state in ("not_paid", "partial")
            )
        )

    def _fo_invoice_package(self):
        """The invoices of the whole balance of the quote: one invoice of what its
        lines have not invoiced yet, less the deposits not deducted yet (as core's
        final invoice does), and the quote's open invoices. The new invoice's
        lines carry no session: accounting pays the sessions in start order."""
        order = self._fo_check_order()
        order_sudo = order.sudo().with_company(order.company_id)
        if order.partner_invoice_id.lang:
            order_sudo = order_sudo.with_context(lang=order.partner_invoice_id.lang)
        line_vals = []
        for line in order_sudo.order_line:
            if line.display_type or line.is_downpayment:
                continue
            quantity = line.product_uom_qty - line.qty_invoiced
            if line.product_uom_id.compare(quantity, 0.0) > 0:
                line_vals.append(line._prepare_invoice_line(quantity=quantity))
        deposits = order_sudo.order_line.filtered(
            lambda line: line.is_downpayment and line.qty_to_invoice < 0
        )
        if line_vals and deposits:
            line_vals.append(order_sudo._prepare_down_payment_section_line())
            Tax = self.env["account.tax"]
            for line in deposits:
                line_vals.extend(
                    line._prepare_invoice_lines_vals_list(
                        quantity=-1.0,
                        extra_tax_data=Tax._reverse_quantity_base_line_extra_tax_data(
                            line.extra_tax_data
                        ),
                    )
                )
        to_pay = self._fo_open_order_invoices(order)
        if line_vals:
            vals = order_sudo._prepare_invoice()
            vals["invoice_line_ids"] = [Command.create(v) for v in line_vals]
            invoice = self.env["account.move"].sudo().with_company(order.company_id)
            invoice = invoice.create(vals)
            invoice.action_post()
            to_pay |= invoice
        return to_pay

    def _fo_deposit_limit(self, order):
        """The most a deposit may be: the balance due, and no more than what the
        final invoice will still invoice once earlier deposits are deducted."""
        return max(
            min(
                order.fo_amount_due,
                order._fo_amount_not_invoiced() - order._fo_open_deposit(),
            ),
            0.0,
        )

    def _fo_invoice_deposit(self):
        """A down payment invoice of the typed amount, with core's down payment
        mechanism: its line is the quote's down payment line, not a session's,
        so no session is marked paid by it; the final invoice deducts it."""
        order = self._fo_check_order()
        currency = order.currency_id
        limit = self._fo_deposit_limit(order)
        if (
            currency.compare_amounts(self.amount, 0.0) <= 0
            or currency.compare_amounts(self.amount, limit) > 0
        ):
            raise UserError(
                self.env._(
                    "A deposit on quote %(quote)s is more than zero and at most "
                    "%(limit)s (its balance due).",
                    quote=order.name,
                    limit=format_amount(self.env, limit, currency),
                )
            )
        advance = (
            self.env["sale.advance.payment.inv"]
            .sudo()
            .with_company(order.company_id)
            .create(
                {
                    "advance_payment_method": "fixed",
                    "fixed_amount": self.amount,
                    "sale_order_ids": [Command.set(order.ids)],
                }
            )
        )
        invoice = advance._create_invoices(order.sudo())
        invoice.sudo().action_post()
        return invoice.sudo()

    def _fo_check_deposit_covered(self, sessions_by_line):
        """A deposit not deducted yet is deducted by the quote's last invoice
        (*Whole package*, as core's final invoice); sessions paid one by one
        meanwhile are invoiced in full, as long as what the quote still leaves
        to invoice covers its deposit: no invoice of the quote goes negative.

        :param sessions_by_line: {sale line: the sessions to invoice on it}
        """
        amounts = defaultdict(float)
        for line, sessions in sessions_by_line.items():
            amounts[line.order_id] += sum(sessions.mapped("price_per_session"))
        for order, amount in amounts.items():
            currency = order.currency_id
            uncovered = order.sudo()._fo_deposit_uncovered(amount)
            if uncovered:
                deposit, left = uncovered
                raise UserError(
                    self.env._(
                        "Quote %(quote)s has a deposit of %(deposit)s not deducted "
                        "yet, and after these sessions %(left)s would be left to "
                        'invoice: take the rest of its balance with "Whole '
                        'package", which deducts the deposit.',
                        quote=order.name,
                        deposit=format_amount(self.env, deposit, currency),
                        left=format_amount(self.env, left, currency),
                    )
                )

    def action_confirm(self):
        """Invoice what the client pays (the selected sessions not invoiced yet, in
        one posted invoice whose lines carry them; the whole package of a quote;
        or a deposit on it), then register one payment for it and for the open
        invoices concerned, reconciled; open the payment.

        The front desk takes payments but does not edit accounting (segregation of
        duties): once the sessions are checked here, the invoice and the payment
        are made with elevated rights, and stay as posted records that only
        Odoo's billing and accounting users can change."""
        self.ensure_one()
        if self.fo_scope == "package":
            to_pay = self._fo_invoice_package()
        elif self.fo_scope == "deposit":
            to_pay = self._fo_invoice_deposit()
        else:
            to_pay = self._fo_invoice_sessions()
        if not to_pay:
            raise UserError(
                self.env._("There is nothing left to pay for these sessions.")
            )
        settled = to_pay.filtered(lambda m: m.currency_id.is_zero(m.amount_residual))
        to_pay -= settled
        if not to_pay:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "success",
                    "message": self.env._(
                        "The deposits paid cover the rest of quote %(quote)s: its "
                        "last invoice %(invoice)s settles the package, nothing is "
                        "charged.",
                        quote=self.sale_order_id.name,
                        invoice=settled[:1].name,
                    ),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }

        register = (
            self.env["account.payment.register"]
            .sudo()
            .with_context(active_model="account.move", active_ids=to_pay.ids)
            .create(
                {
                    "journal_id": self.journal_id.id,
                    "payment_date": self.payment_date,
                    "group_payment": True,
                }
            )
        )
        payments = register._create_payments()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Payment"),
            "res_model": "account.payment",
            "res_id": payments[:1].id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "front_office_quotes.account_payment_view_form_front_office"
                    ).id,
                    "form",
                )
            ],
            "target": "current",
        }
