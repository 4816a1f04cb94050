# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrderTemplate(models.Model):
    _inherit = "sale.order.template"

    fo_description = fields.Char(
        string="Quote Description",
        translate=True,
        help="Default short description of the quotes made from this template.",
    )
