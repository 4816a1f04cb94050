# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .sale_order import check_fo_description_length


class SaleOrderTemplate(models.Model):
    _inherit = "sale.order.template"

    fo_description = fields.Char(
        string="Quote Description",
        translate=True,
        help="Default short description of the quotes made from this template.",
    )

    @api.constrains("fo_description")
    def _check_fo_description_length(self):
        check_fo_description_length(self)
