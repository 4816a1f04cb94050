# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.planned_session import MAX_DURATION_HOURS as FO_MAX_HOURS
from ..tools.planned_session import MIN_DURATION_HOURS as FO_MIN_HOURS


class ProductTemplate(models.Model):
    _inherit = "product.template"

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

    fo_room_ids = fields.Many2many(
        comodel_name="resource.resource",
        relation="front_office_product_room_rel",
        column1="product_tmpl_id",
        column2="resource_id",
        string="Rooms",
        help="Rooms or equipment a session also occupies: one of them is booked "
        "together with the operator. Leave empty when no room is needed.",
    )
    fo_buffer_after = fields.Float(
        string="Clean-up Time",
        default=0.0,
        help="Time after each session during which its operator and room stay busy "
        "(the client does not), in hours.",
    )

    @api.constrains("fo_is_bookable", "fo_session_duration", "fo_buffer_after", "type")
    def _check_fo_session_duration(self):
        for product in self.filtered("fo_is_bookable"):
            if product.type != "service":
                raise ValidationError(
                    self.env._(
                        "%(product)s cannot be sold in sessions: only a service can.",
                        product=product.display_name,
                    )
                )
            if not 0 <= product.fo_buffer_after <= 24:
                raise ValidationError(
                    self.env._(
                        "%(service)s: the clean-up time is from 0 to 24 hours.",
                        service=product.display_name,
                    )
                )
            # Written so that NaN fails too: every comparison with it is false.
            if not FO_MIN_HOURS <= product.fo_session_duration <= FO_MAX_HOURS:
                raise ValidationError(
                    self.env._(
                        "%(service)s is sold in sessions: give it a session "
                        "duration from 5 minutes to 24 hours.",
                        service=product.display_name,
                    )
                )
