# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    fo_booking_ids = fields.Many2many(
        comodel_name="front.office.booking",
        relation="front_office_booking_account_move_line_rel",
        column1="move_line_id",
        column2="booking_id",
        string="Sessions",
        copy=False,
        readonly=True,
        help="The sessions this line invoices (or refunds): they take its state.",
    )

    @api.constrains("fo_booking_ids", "sale_line_ids", "quantity")
    def _check_fo_booking_ids(self):
        for line in self.sudo().filtered("fo_booking_ids"):
            strangers = line.fo_booking_ids.filtered(
                lambda b, line=line: b.sale_line_id not in line.sale_line_ids
            )
            if strangers or len(line.fo_booking_ids) > line.quantity:
                raise ValidationError(
                    self.env._(
                        "Invoice line %(line)s carries sessions that are not its own "
                        "or more sessions than its quantity.",
                        line=line.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # The sessions are linked with elevated rights: billing users create and
        # reverse invoices without access to the front office's sessions.
        vals_list = [dict(vals) for vals in vals_list]
        carried = [vals.pop("fo_booking_ids", None) for vals in vals_list]
        lines = super().create(vals_list)
        for line, commands in zip(lines, carried, strict=True):
            if commands:
                line.sudo().write({"fo_booking_ids": commands})
        return lines

    def write(self, vals):
        if (
            "fo_booking_ids" in vals
            and not self.env.su
            and any(line.parent_state == "posted" for line in self)
        ):
            raise UserError(
                self.env._("The sessions of a posted invoice cannot be changed.")
            )
        return super().write(vals)

    def _copy_data_extend_business_fields(self, values):
        # A credit note carries the sessions of the line it reverses: they are no
        # longer paid (sudo: billing users may not read the sessions).
        result = super()._copy_data_extend_business_fields(values)
        sessions = self.sudo().fo_booking_ids
        if sessions:
            values["fo_booking_ids"] = [Command.set(sessions.ids)]
        return result
