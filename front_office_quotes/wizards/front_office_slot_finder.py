# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, format_duration

from ..tools import local_day, local_midnight_utc

# Morning and afternoon, on the operator's clock.
TIMES_OF_DAY = {"morning": (0.0, 13.0), "afternoon": (13.0, 24.0)}
# How far ahead the finder looks, and how many free times it shows.
SEARCH_DAYS = 60
RESULT_COUNT = 12


class FrontOfficeSlotFinder(models.TransientModel):
    """*Find a Slot*: the desk's answer to "when is the next free massage with
    Giulia, in the afternoon?". The free times come from the booking's rule book
    (``front.office.booking._fo_find_free_slots``); booking one is a click."""

    _name = "front.office.slot.finder"
    _description = "Find a Slot"
    _inherit = ["front.office.weekdays.mixin"]

    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Client", required=True, readonly=True
    )
    booking_wizard_line_id = fields.Many2one(
        comodel_name="front.office.booking.wizard.line",
        readonly=True,
        ondelete="cascade",
        help="The booking wizard line the chosen time goes back to.",
    )
    sale_line_id = fields.Many2one(
        comodel_name="sale.order.line",
        string="Service",
        required=True,
        domain="[('order_id.partner_id', '=', partner_id), "
        "('order_id.state', '=', 'sale'), ('product_id.fo_is_bookable', '=', True), "
        "('fo_sessions_remaining', '>', 0)]",
    )
    sale_order_id = fields.Many2one(related="sale_line_id.order_id", string="Quote")
    sessions_remaining = fields.Integer(
        related="sale_line_id.fo_sessions_remaining", string="Sessions Left"
    )
    date_from = fields.Date(
        string="From", required=True, default=fields.Date.context_today
    )
    resource_ids = fields.Many2many(
        comodel_name="resource.resource",
        string="Operators",
        help="Whom to look for (empty: any operator of the service).",
    )
    allowed_resource_ids = fields.Many2many(
        related="sale_line_id.product_id.fo_resource_ids"
    )
    time_of_day = fields.Selection(
        selection=[
            ("any", "Any Time"),
            ("morning", "Morning"),
            ("afternoon", "Afternoon"),
            ("custom", "From–To"),
        ],
        string="Time of Day",
        required=True,
        default="any",
    )
    hour_from = fields.Float(string="From Hour", default=9.0)
    hour_to = fields.Float(string="To Hour", default=19.0)
    result_ids = fields.One2many(
        comodel_name="front.office.slot.finder.result",
        inverse_name="finder_id",
        string="Free Times",
        readonly=True,
    )
    searched = fields.Boolean(string="Search Done", compute="_compute_searched")
    result_label = fields.Char(
        string="Searched",
        readonly=True,
        help="What the free times listed answer (the choices of the last search).",
    )

    @api.depends("result_label")
    def _compute_searched(self):
        for finder in self:
            finder.searched = bool(finder.result_label)

    @api.model
    def _fo_open(self, partner, order=None, wizard_line=None):
        """Open a saved finder (its result rows are real records, so that their
        Book button acts on them) for the client, a quote or a wizard line."""
        partner.check_access("read")
        if wizard_line:
            order_lines = wizard_line.sale_line_id
        elif order:
            order_lines = order.order_line
        else:
            order_lines = self.env["sale.order.line"].search(
                [
                    ("order_id.partner_id", "=", partner.id),
                    ("order_id.state", "=", "sale"),
                    ("company_id", "in", self.env.companies.ids),
                ],
                order="order_id desc, sequence, id",
            )
        line = order_lines.filtered(
            lambda sol: sol.product_id.fo_is_bookable and sol.fo_sessions_remaining
        )[:1]
        if not line:
            raise UserError(
                self.env._(
                    "%(client)s has no confirmed service with sessions left to book.",
                    client=partner.display_name,
                )
            )
        vals = {"partner_id": partner.id, "sale_line_id": line.id}
        if wizard_line:
            vals["booking_wizard_line_id"] = wizard_line.id
            if wizard_line.resource_id:
                vals["resource_ids"] = [fields.Command.set(wizard_line.resource_id.ids)]
            if wizard_line.first_start:
                vals["date_from"] = fields.Datetime.context_timestamp(
                    self, wizard_line.first_start
                ).date()
        finder = self.create(vals)
        finder._fo_search()
        return finder._fo_action()

    def _fo_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Find a Slot"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    @api.onchange("sale_line_id")
    def _onchange_sale_line_id(self):
        self.resource_ids = self.sale_line_id.product_id.fo_resource_ids

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "resource_ids" not in vals and vals.get("sale_line_id"):
                line = self.env["sale.order.line"].browse(vals["sale_line_id"])
                vals["resource_ids"] = [
                    fields.Command.set(line.product_id.fo_resource_ids.ids)
                ]
        finders = super().create(vals_list)
        finders._fo_check_line()
        return finders

    def write(self, vals):
        result = super().write(vals)
        if "sale_line_id" in vals or "partner_id" in vals:
            self._fo_check_line()
        return result

    def _fo_check_line(self):
        """The service line belongs to the client, and the operator may read it."""
        for finder in self:
            line = finder.sale_line_id
            line.check_access("read")
            if line.order_id.partner_id != finder.partner_id:
                raise UserError(
                    self.env._(
                        "%(service)s was not sold to %(client)s.",
                        service=line.display_name,
                        client=finder.partner_id.display_name,
                    )
                )

    def _fo_hours(self):
        if self.time_of_day == "custom":
            if not 0 <= self.hour_from < self.hour_to <= 24:
                raise UserError(
                    self.env._(
                        "Choose hours from 00:00 to 24:00, the first before the second."
                    )
                )
            return (self.hour_from, self.hour_to)
        return TIMES_OF_DAY.get(self.time_of_day)

    def _fo_weekdays(self):
        days = super()._fo_weekdays()
        if not days:
            raise UserError(self.env._("Choose at least one day of the week."))
        return days

    def _fo_search(self):
        """Fill the results: the first free times from the chosen day on."""
        self.ensure_one()
        self.env["front.office.arguments"]._fo_day(
            self.date_from, self._fields["date_from"]._description_string(self.env)
        )
        self._fo_check_line()
        line = self.sale_line_id
        operators = self.resource_ids or line.product_id.fo_resource_ids
        start = max(
            fields.Datetime.now(),
            local_midnight_utc(operators[:1]._fo_tz(), self.date_from),
        )
        slots = operators._fo_find_free_slots(
            line,
            start,
            start + timedelta(days=SEARCH_DAYS),
            limit=RESULT_COUNT,
            hours=self._fo_hours(),
            weekdays=self._fo_weekdays(),
        )
        self.write(
            {
                "result_label": self._fo_result_label(operators),
                "result_ids": [fields.Command.clear()]
                + [
                    fields.Command.create(
                        {
                            "weekday": operators.browse(
                                slot["resource_id"]
                            )._fo_weekday(slot["start"]),
                            "start": slot["start"],
                            "stop": slot["stop"],
                            "resource_id": slot["resource_id"],
                            "room_id": slot["room_id"],
                        }
                    )
                    for slot in slots
                ],
            }
        )

    def _fo_result_label(self, operators):
        """The last search in words: "Afternoon · Mon, Tue · from 03/03/2026 ·
        Giulia Conti"."""
        parts = [
            dict(self._fields["time_of_day"]._description_selection(self.env))[
                self.time_of_day
            ]
            if self.time_of_day != "custom"
            else self.env._(
                "%(start)s–%(stop)s",
                start=format_duration(self.hour_from),
                stop=format_duration(self.hour_to),
            ),
            self._fo_weekdays_label(),
            self.env._("from %(day)s", day=format_date(self.env, self.date_from)),
            ", ".join(operators.mapped("name")),
        ]
        return " · ".join(part for part in parts if part)

    def action_search(self):
        self._fo_search()
        return self._fo_action()


class FrontOfficeSlotFinderResult(models.TransientModel):
    _name = "front.office.slot.finder.result"
    _description = "Free Time"
    _order = "start, id"

    finder_id = fields.Many2one(
        comodel_name="front.office.slot.finder", required=True, ondelete="cascade"
    )
    weekday = fields.Char(string="Day", readonly=True)
    start = fields.Datetime(string="Date and Time", readonly=True)
    stop = fields.Datetime(string="Until", readonly=True)
    resource_id = fields.Many2one(
        comodel_name="resource.resource", string="Operator", readonly=True
    )
    room_id = fields.Many2one(comodel_name="resource.resource", readonly=True)

    def action_book(self):
        """Book this free time: the booking's own rules check it again (someone
        may have taken it since), then the Diary opens on its day. From a booking
        wizard line, the time becomes the line's first session instead."""
        self.ensure_one()
        finder = self.finder_id
        finder._fo_check_line()
        wizard_line = finder.booking_wizard_line_id
        if wizard_line:
            wizard_line.write(
                {
                    "first_start": self.start,
                    "resource_id": self.resource_id.id,
                    "room_id": self.room_id.id,
                }
            )
            wizard = wizard_line.wizard_id
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Book Sessions"),
                "res_model": wizard._name,
                "res_id": wizard.id,
                "view_mode": "form",
                "views": [(False, "form")],
                "target": "new",
                "context": {"dialog_size": "extra-large"},
            }
        line = finder.sale_line_id
        booking = self.env["front.office.booking"].create(
            {
                "sale_line_id": line.id,
                "partner_id": finder.partner_id.id,
                "resource_id": self.resource_id.id,
                "room_id": self.room_id.id,
                "start": self.start,
                "duration": line.product_id.fo_session_duration or 1.0,
            }
        )
        day = local_day(booking.resource_id._fo_tz(), booking.start)
        action = self.env["ir.actions.actions"]._for_xml_id(
            "front_office_quotes.action_fo_diary"
        )
        action["context"] = {"default_day": fields.Date.to_string(day)}
        return action
