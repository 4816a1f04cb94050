# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A service's resources as each centre sees them.

A service may be shared by several companies (no company on the product) and list
the operators and rooms of each. Everything that books reads the lists through the
variant, where they hold only the resources of the user's companies (and those of
no company): each company books its own resources of the service and never
stumbles on another's. The template keeps the whole lists, edited as before.
"""

from odoo import api, fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    fo_resource_ids = fields.Many2many(
        comodel_name="resource.resource",
        string="Allowed Resources",
        compute="_compute_fo_company_resources",
        inverse="_inverse_fo_resource_ids",
        search="_search_fo_resource_ids",
    )
    fo_room_ids = fields.Many2many(
        comodel_name="resource.resource",
        string="Rooms",
        compute="_compute_fo_company_resources",
        inverse="_inverse_fo_room_ids",
        search="_search_fo_room_ids",
    )

    @api.depends("product_tmpl_id.fo_resource_ids", "product_tmpl_id.fo_room_ids")
    @api.depends_context("allowed_company_ids")
    def _compute_fo_company_resources(self):
        # Ids only, in one query: the resources' rows are read later with the
        # rest of what the caller reads, so the query count does not change with
        # how many resources a service lists.
        templates = self.product_tmpl_id.sudo().with_context(active_test=False)
        listed = templates.fo_resource_ids | templates.fo_room_ids
        mine = set(
            self.env["resource.resource"]
            .sudo()
            .with_context(active_test=False)
            ._search(
                [
                    ("id", "in", listed.ids),
                    ("company_id", "in", [False, *self.env.companies.ids]),
                ]
            )
        )
        Resource = self.env["resource.resource"]
        for product in self:
            template = product.product_tmpl_id.sudo().with_context(active_test=False)
            for fname in ("fo_resource_ids", "fo_room_ids"):
                # sudo: the ids were filtered above; checking read access again
                # would read every resource's row on its own.
                product.sudo()[fname] = Resource.browse(
                    [rid for rid in template[fname].ids if rid in mine]
                )

    def _inverse_fo_resource_ids(self):
        self._fo_write_template_resources("fo_resource_ids")

    def _inverse_fo_room_ids(self):
        self._fo_write_template_resources("fo_room_ids")

    def _fo_write_template_resources(self, fname):
        """Through a variant, a user sets the resources of their companies; those
        of other companies on the service stay."""
        companies = self.env.companies
        for product in self:
            kept = product.product_tmpl_id.sudo()[fname].filtered(
                lambda r: r.company_id and r.company_id not in companies
            )
            product.product_tmpl_id[fname] = product[fname] | kept.with_env(self.env)

    def _search_fo_resource_ids(self, operator, value):
        return [("product_tmpl_id.fo_resource_ids", operator, value)]

    def _search_fo_room_ids(self, operator, value):
        return [("product_tmpl_id.fo_room_ids", operator, value)]
