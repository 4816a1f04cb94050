# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    _fo_session_duration_positive = models.Constraint(
        "CHECK(fo_is_bookable IS NOT TRUE OR fo_session_duration > 0)",
        "A service sold in sessions needs a session duration longer than zero.",
    )

    fo_is_bookable = fields.Boolean(
        string="Sold in Sessions",
        help="A service sold and delivered in sessions: the quantity on a quote "
        "is the number of sessions, each one booked on the services planning.",
    )
    fo_session_duration = fields.Float(
        string="Session Duration",
        default=1.0,
        help="Length of one session, in hours.",
    )
    fo_resource_ids = fields.Many2many(
        comodel_name="resource.resource",
        relation="front_office_product_resource_rel",
        column1="product_tmpl_id",
        column2="resource_id",
        string="Allowed Resources",
        help="Operators, rooms or equipment that may deliver this service. "
        "Leave empty to allow any resource.",
    )
