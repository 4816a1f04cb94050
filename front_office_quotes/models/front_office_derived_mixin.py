# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fields that only the code writes.

A stored computed field without an inverse is derived: the ORM recomputes it from
its dependencies, but a ``write`` over JSON-RPC would still store any value in it
(a session's busy time shrunk, a line's invoiced quantity bent). The list of such
fields follows from the model itself, so a field added tomorrow is protected
without anyone remembering to; a model adds the fields its actions own (a state
changed by buttons) with ``_fo_owned_fields``.
"""

from odoo import api, models
from odoo.exceptions import UserError


class FrontOfficeDerivedMixin(models.AbstractModel):
    _name = "front.office.derived.mixin"
    _description = "Front Office: fields only the code writes"

    @api.model
    def _fo_owned_fields(self):
        """Stored fields that are not computed but that only actions change."""
        return set()

    @api.model
    def _fo_derived_fields(self):
        return {
            name
            for name, field in self._fields.items()
            if field.store and field.compute and not field.inverse and field.readonly
        } | self._fo_owned_fields()

    def _fo_check_derived_fields(self, fnames, derived=None):
        """Refuse, for users (the code runs as superuser when it derives), a
        create or write of derived fields among ``fnames``."""
        if self.env.su:
            return
        touched = sorted(
            (self._fo_derived_fields() if derived is None else derived) & set(fnames)
        )
        if touched:
            raise UserError(
                self._fo_derived_fields_message(
                    ", ".join(
                        self._fields[fname].get_description(self.env)["string"]
                        for fname in touched
                    )
                )
            )

    def _fo_derived_fields_message(self, labels):
        return self.env._(
            "%(fields)s cannot be changed by hand: they follow from other data.",
            fields=labels,
        )
