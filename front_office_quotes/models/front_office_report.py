# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index

# Same labels as the session's own states (the analysis groups by them).
REPORT_STATES = [
    ("booked", "Booked"),
    ("done", "Attended"),
    ("no_show", "No-show"),
    ("late_cancel", "Late cancellation"),
    ("cancelled", "Cancelled"),
]
REPORT_PAYMENT_STATES = [
    ("not_paid", "Not Paid"),
    ("invoiced", "Invoiced"),
    ("paid", "Paid"),
]


class FrontOfficeReport(models.Model):
    """Session analysis: one row per session, read from the sessions themselves (a
    view, nothing copied), for pivots and graphs per operator, room, service and
    day."""

    _name = "front.office.report"
    _description = "Session Analysis"
    _auto = False
    _rec_name = "start"
    _order = "start desc, id desc"

    booking_id = fields.Many2one(
        comodel_name="front.office.booking", string="Session", readonly=True
    )
    date = fields.Date(
        string="Day",
        readonly=True,
        help="Day of the session on the clock of its operator (their time zone).",
    )
    start = fields.Datetime(readonly=True)
    resource_id = fields.Many2one(
        comodel_name="resource.resource", string="Operator", readonly=True
    )
    room_id = fields.Many2one(comodel_name="resource.resource", readonly=True)
    product_id = fields.Many2one(
        comodel_name="product.product", string="Service", readonly=True
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Client", readonly=True
    )
    sale_order_id = fields.Many2one(
        comodel_name="sale.order", string="Quote", readonly=True
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    state = fields.Selection(selection=REPORT_STATES, readonly=True)
    payment_state = fields.Selection(selection=REPORT_PAYMENT_STATES, readonly=True)
    hours = fields.Float(readonly=True, help="Length of the session, in hours.")
    busy_hours = fields.Float(
        readonly=True,
        help="Hours the operator and the room are held: the session plus the "
        "service's clean-up time.",
    )
    value = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="Price of one session of its quote line, taxes excluded, in the "
        "company's currency.",
    )
    rebooked = fields.Boolean(
        readonly=True,
        aggregator="bool_or",
        help="The client booked another, later session (any service) between the "
        "start of this one and the end of its day.",
    )

    def init(self):
        # The rebooking flag looks up, for each session, the sessions of the same
        # client created later that day: with this index each look-up is one
        # short range scan, not a scan of the whole history.
        create_index(
            self.env.cr,
            "front_office_booking_partner_create_date_index",
            "front_office_booking",
            ["partner_id", "create_date"],
        )

    @property
    def _table_query(self):
        return self._fo_query()

    @api.model
    def _fo_query(self):
        """One row per session. The day is cut on the operator's clock; the value
        is the quote line's untaxed price per session, in the company's currency
        (the quote's rate, as the sales analysis converts it)."""
        return SQL(
            """
            SELECT b.id AS id,
                   b.id AS booking_id,
                   local.day AS date,
                   b.start AS start,
                   b.resource_id AS resource_id,
                   b.room_id AS room_id,
                   b.product_id AS product_id,
                   b.partner_id AS partner_id,
                   b.sale_order_id AS sale_order_id,
                   b.company_id AS company_id,
                   company.currency_id AS currency_id,
                   b.state AS state,
                   b.payment_state AS payment_state,
                   b.duration AS hours,
                   EXTRACT(EPOCH FROM COALESCE(b.busy_stop, b.stop) - b.start)
                       / 3600.0 AS busy_hours,
                   COALESCE(
                       line.price_subtotal / NULLIF(line.product_uom_qty, 0)
                       / COALESCE(NULLIF(quote.currency_rate, 0), 1.0),
                       0.0
                   ) AS value,
                   EXISTS (
                       SELECT 1
                         FROM front_office_booking later
                        WHERE later.partner_id = b.partner_id
                          AND later.create_date >= b.start
                          AND later.create_date < local.day_end
                          AND later.start > b.start
                   ) AS rebooked
              FROM front_office_booking b
              JOIN resource_resource operator ON operator.id = b.resource_id
              JOIN res_company company ON company.id = b.company_id
         LEFT JOIN sale_order_line line ON line.id = b.sale_line_id
         LEFT JOIN sale_order quote ON quote.id = b.sale_order_id
              CROSS JOIN LATERAL (
                  SELECT COALESCE(operator.tz, 'UTC') AS tz
              ) AS clock
              CROSS JOIN LATERAL (
                  SELECT (b.start AT TIME ZONE 'UTC' AT TIME ZONE clock.tz)::date AS day
              ) AS local_day
              CROSS JOIN LATERAL (
                  SELECT local_day.day AS day,
                         ((local_day.day + 1)::timestamp AT TIME ZONE clock.tz)
                             AT TIME ZONE 'UTC' AS day_end
              ) AS local
            """
        )
