# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


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
    currency_id = fields.Many2one(
        comodel_name="res.currency", compute="_compute_amount"
    )
    amount = fields.Monetary(
        compute="_compute_amount",
        currency_field="currency_id",
        help="What the client pays now: the sessions to invoice, plus the open "
        "invoices of the sessions already invoiced.",
    )
    invoice_count = fields.Integer(
        string="Sessions to Invoice", compute="_compute_amount"
    )
    open_invoice_ids = fields.Many2many(
        comodel_name="account.move",
        string="Open Invoices to Settle",
        compute="_compute_amount",
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

    @api.depends("booking_ids")
    def _compute_amount(self):
        for wizard in self:
            bookings = wizard.booking_ids
            currency = bookings.sale_line_id.order_id.currency_id[:1]
            wizard.currency_id = currency or wizard.company_id.currency_id
            new = bookings.filtered(lambda b: b.payment_state == "not_paid")
            open_invoices = wizard._fo_open_invoices(bookings)
            wizard.invoice_count = len(new)
            wizard.open_invoice_ids = open_invoices
            wizard.amount = sum(new.mapped("price_per_session")) + sum(
                open_invoices.mapped("amount_residual")
            )

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

    def action_confirm(self):
        """Invoice the selected sessions not invoiced yet (one posted invoice whose
        lines carry them), then register one payment for them and for the open
        invoices of the selected sessions already invoiced, reconciled; open the
        payment.

        The front desk takes payments but does not edit accounting (segregation of
        duties): once the sessions are checked here, the invoice and the payment
        are made with elevated rights, and stay as posted records that only
        Odoo's billing and accounting users can change."""
        self.ensure_one()
        to_pay = self._fo_invoice_sessions()
        if not to_pay:
            raise UserError(
                self.env._("There is nothing left to pay for these sessions.")
            )

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
