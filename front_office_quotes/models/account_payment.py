# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dataclasses import dataclass, field

from odoo import models
from odoo.exceptions import UserError


@dataclass
class ReceiptRow:
    """One row of the receipt: a session paid, sessions of a package, a deposit."""

    label: str
    amount: float
    sessions: list = field(default_factory=list)


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def _fo_receipt_rows(self):
        """What this payment paid, for the receipt: per invoice line, the service
        and the sessions it carries (date, time, n/N), the sessions of a package
        paid up front, or the deposit. Read with elevated rights once the user
        may read the payment: the desk reads its payments, not the journal
        entries and bank statements behind them."""
        self.ensure_one()
        self.check_access("read")
        payment = self.sudo()
        rows = []
        for invoice in payment.reconciled_invoice_ids.sorted("id"):
            sign = -1 if invoice.move_type == "out_refund" else 1
            for line in invoice.invoice_line_ids.filtered(
                lambda aml: aml.display_type == "product"
            ):
                sessions = line.fo_booking_ids.sorted("start")
                if line.is_downpayment:
                    label = self.env._(
                        "Deposit on quote %(quote)s",
                        quote=", ".join(line.sale_line_ids.order_id.mapped("name")),
                    )
                elif sessions or not line.sale_line_ids.product_id.fo_is_bookable:
                    label = line.product_id.display_name or line.name
                else:
                    label = self.env._(
                        "%(service)s: %(count)s sessions of quote %(quote)s",
                        service=line.product_id.display_name,
                        count=int(line.quantity),
                        quote=", ".join(line.sale_line_ids.order_id.mapped("name")),
                    )
                rows.append(
                    ReceiptRow(
                        label=label,
                        amount=sign * line.price_total,
                        sessions=[
                            {
                                "when": session.fo_start_label,
                                "service": session.product_id.display_name,
                                "number": self.env._(
                                    "%(number)s/%(sold)s",
                                    number=session.session_number,
                                    sold=int(session.sale_line_id.product_uom_qty),
                                ),
                                "resource": session.resource_id.name,
                            }
                            for session in sessions
                        ],
                    )
                )
        return rows

    def _fo_receipt_orders(self):
        """The quotes this payment paid on, for their balance on the receipt."""
        self.ensure_one()
        self.check_access("read")
        invoices = self.sudo().reconciled_invoice_ids
        return invoices.invoice_line_ids.sale_line_ids.order_id.with_env(self.env)

    def action_fo_print_receipt(self):
        self.ensure_one()
        return self.env.ref(
            "front_office_quotes.action_report_fo_receipt"
        ).report_action(self)

    def action_fo_send_receipt(self):
        """Email the receipt to the client, in the client's language, with the
        centre's template; the message is logged on the payment. The desk reads
        payments only: the message is posted with elevated rights once the user
        may read the payment."""
        self.ensure_one()
        self.check_access("read")
        if not self.partner_id.email:
            raise UserError(
                self.env._(
                    "%(client)s has no email address: print the receipt instead.",
                    client=self.partner_id.name,
                )
            )
        template = self.env.ref("front_office_quotes.mail_template_fo_payment_receipt")
        self.sudo().message_post_with_source(
            template,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=self.env.user.partner_id.id,
            email_layout_xmlid="mail.mail_notification_light",
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Receipt sent to %(email)s.", email=self.partner_id.email
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
