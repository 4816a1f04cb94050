# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The client's waitlist requests, on the client record."""

from odoo import fields, models


# The client record is split by concern, one file each.
# pylint: disable=consider-merging-classes-inherited
class ResPartner(models.Model):
    _inherit = "res.partner"

    fo_waitlist_count = fields.Integer(
        string="Waitlist",
        compute="_compute_fo_waitlist_count",
        groups="front_office_quotes.group_front_office_user",
        help="Requests of this client still waiting for a time or offered one.",
    )

    def _compute_fo_waitlist_count(self):
        counts = dict(
            self.env["front.office.waitlist"]._read_group(
                [
                    ("partner_id", "in", self.ids),
                    ("state", "in", ("waiting", "offered")),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.fo_waitlist_count = counts.get(partner._origin, 0)

    def action_fo_view_waitlist(self):
        """The client's waitlist requests; a new one is for this client."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "front_office_quotes.front_office_waitlist_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_fo_add_to_waitlist(self):
        """A new waitlist request for this client."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add to Waitlist"),
            "res_model": "front.office.waitlist",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_partner_id": self.id},
        }
