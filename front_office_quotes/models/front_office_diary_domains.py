# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The searches of the Diary's booking dialog, written once on the server.

The Diary receives them with its day as domains in the syntax of view domains
(``"[('field', '=', variable)]"``), evaluated in the browser with the values the
operator picks, as a field's ``domain`` attribute is: the client's typed text
(``query``), the client (``partner_id``), the clicked column (``resource_id``)
and the day (``day``, "YYYY-MM-DD").
"""

from odoo import api, models


# One concern of the booking model in a file of its own.
# pylint: disable=consider-merging-classes-inherited
class FrontOfficeBooking(models.Model):
    _inherit = "front.office.booking"

    @api.model
    def fo_diary_data(self, day=None, resource_ids=None):
        data = super().fo_diary_data(day=day, resource_ids=resource_ids)
        data["domains"] = self._get_fo_diary_domains()
        return data

    @api.model
    def _get_fo_diary_domains(self):
        """:return: ``{"clients": res.partner, "lines": sale.order.line,
        "services": product.product}`` domains of the booking dialog."""
        # A service without resources of its own is delivered by any of them.
        by_resource = (
            "'|', ('{prefix}fo_resource_ids', '=', False), "
            "('{prefix}fo_resource_ids', 'in', [resource_id])"
        )
        return {
            # The desk's one search box: name, phone whatever its spacing, email,
            # fiscal code.
            "clients": "[('fo_client_search', 'ilike', query)]",
            # The client's sessions left on confirmed quotes valid that day.
            "lines": "[('order_partner_id', '=', partner_id), "
            "('fo_bookable_on', '=', day), "
            f"{by_resource.format(prefix='product_id.')}]",
            # What can be sold and booked on the spot.
            "services": "[('fo_is_bookable', '=', True), ('sale_ok', '=', True), "
            f"{by_resource.format(prefix='')}]",
        }
