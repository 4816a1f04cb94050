# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The days of the week a client asks for, as seven ticks: what *Find a Slot*
searches and what a waitlist request waits for."""

from odoo import fields, models

# In Python's weekday order (0 = Monday), as ``date.weekday()`` counts.
WEEKDAY_FIELDS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)


class FrontOfficeWeekdaysMixin(models.AbstractModel):
    _name = "front.office.weekdays.mixin"
    _description = "Front Office: days of the week asked for"

    monday = fields.Boolean(string="Mon", default=True)
    tuesday = fields.Boolean(string="Tue", default=True)
    wednesday = fields.Boolean(string="Wed", default=True)
    thursday = fields.Boolean(string="Thu", default=True)
    friday = fields.Boolean(string="Fri", default=True)
    saturday = fields.Boolean(string="Sat", default=True)
    sunday = fields.Boolean(string="Sun", default=True)

    def _fo_weekdays(self):
        """The days ticked, 0 = Monday."""
        self.ensure_one()
        return [day for day, fname in enumerate(WEEKDAY_FIELDS) if self[fname]]

    def _fo_weekdays_label(self):
        """The days ticked in words, in the user's language: "Mon, Wed, Fri",
        or "every day"."""
        self.ensure_one()
        days = [
            self._fields[fname]._description_string(self.env)
            for fname in WEEKDAY_FIELDS
            if self[fname]
        ]
        return self.env._("every day") if len(days) == 7 else ", ".join(days)
