# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.phone_validation.models.mail_thread_phone import PHONE_REGEX_PATTERN

PHONE_MIN_DIGITS = 3
# A phone core cannot sanitise is compared by its digits, if it has enough of
# them to mean something.
DUPLICATE_MIN_DIGITS = 6
# How far back no-shows and late cancellations count against a client.
NO_SHOW_WINDOW = relativedelta(months=12)


class ResPartner(models.Model):
    _inherit = "res.partner"

    fo_client_search = fields.Char(
        string="Client",
        compute="_compute_fo_client_search",
        search="_search_fo_client_search",
        help="Name, phone, email or VAT/fiscal code.",
    )

    fo_birthdate = fields.Date(string="Date of Birth", tracking=True)
    fo_marketing_consent = fields.Boolean(
        string="Marketing Consent",
        tracking=True,
        help="The client agrees to receive offers and news.",
    )
    fo_marketing_consent_date = fields.Date(
        string="Marketing Consent Date",
        compute="_compute_fo_marketing_consent_date",
        store=True,
        readonly=False,
        tracking=True,
    )
    fo_health_consent = fields.Boolean(
        string="Health Data Consent",
        tracking=True,
        help="The client agrees to the processing of their health data (GDPR, art. 9).",
    )
    fo_health_consent_date = fields.Date(
        string="Health Data Consent Date",
        compute="_compute_fo_health_consent_date",
        store=True,
        readonly=False,
        tracking=True,
    )
    fo_duplicate_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Possible Duplicates",
        compute="_compute_fo_duplicate_ids",
        help="Other clients with the same phone number or email.",
    )

    fo_quote_count = fields.Integer(
        string="Quotes",
        compute="_compute_fo_quote_count",
        groups="front_office_quotes.group_front_office_user",
    )

    fo_booking_ids = fields.One2many(
        comodel_name="front.office.booking",
        inverse_name="partner_id",
        string="Appointments & Visits",
        # Salespeople and accountants read quotes and clients as before.
        groups="front_office_quotes.group_front_office_user",
    )

    fo_booking_count = fields.Integer(
        string="Appointments",
        compute="_compute_fo_booking_count",
        groups="front_office_quotes.group_front_office_user",
    )

    fo_sessions_remaining = fields.Integer(
        string="Sessions Left",
        compute="_compute_fo_sessions_remaining",
        groups="front_office_quotes.group_front_office_user",
        help="Sessions sold on confirmed, still valid quotes and not booked yet.",
    )

    fo_amount_to_pay = fields.Monetary(
        string="Sessions Booked to Pay",
        compute="_compute_fo_amount_to_pay",
        currency_field="fo_currency_id",
        groups="front_office_quotes.group_front_office_user",
        help="Price of the client's booked sessions not paid yet.",
    )
    fo_amount_due = fields.Monetary(
        string="Balance Due",
        compute="_compute_fo_amount_to_pay",
        currency_field="fo_currency_id",
        groups="front_office_quotes.group_front_office_user",
        help="What the client still owes for the packages of the confirmed quotes: "
        "package total less what was paid (deposits included).",
    )

    fo_currency_id = fields.Many2one(
        comodel_name="res.currency",
        string="Currency to Pay",
        compute="_compute_fo_amount_to_pay",
        groups="front_office_quotes.group_front_office_user",
    )

    # -- defaults ------------------------------------------------------------

    @api.model
    def default_get(self, fields):
        """A client created at the front desk speaks the centre's language:
        the operator's, else the company's, rather than the database default
        (often English), so quotes and messages go out in it."""
        values = super().default_get(fields)
        if (
            "lang" in fields
            and self.env.context.get("front_office")
            and "default_lang" not in self.env.context
            and not values.get("parent_id")
        ):
            installed = dict(self.env["res.lang"].get_installed())
            lang = next(
                (
                    code
                    for code in (self.env.user.lang, self.env.company.partner_id.lang)
                    if code in installed
                ),
                None,
            )
            if lang:
                values["lang"] = lang
        return values

    # -- computes and searches ------------------------------------------

    @api.depends("fo_marketing_consent")
    def _compute_fo_marketing_consent_date(self):
        # A consent is dated the day it is given; withdrawn, it has no date.
        today = fields.Date.context_today(self)
        for partner in self:
            if not partner.fo_marketing_consent:
                partner.fo_marketing_consent_date = False
            elif not partner.fo_marketing_consent_date:
                partner.fo_marketing_consent_date = today

    @api.depends("fo_health_consent")
    def _compute_fo_health_consent_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if not partner.fo_health_consent:
                partner.fo_health_consent_date = False
            elif not partner.fo_health_consent_date:
                partner.fo_health_consent_date = today

    @api.depends("phone", "phone_sanitized", "email_normalized")
    def _compute_fo_duplicate_ids(self):
        """Clients with the same phone (as core's phone validation sanitises
        it, or typed alike but for spaces and dots when it cannot) or the same
        email, in one search for all the records shown."""
        phones = {p.phone_sanitized for p in self if p.phone_sanitized}
        # Core's phone search compares the numbers without their separators.
        unsanitised = {
            p.phone
            for p in self
            if not p.phone_sanitized
            and len(re.sub(r"\D", "", p.phone or "")) >= DUPLICATE_MIN_DIGITS
        }
        emails = {p.email_normalized for p in self if p.email_normalized}
        domain = Domain.OR(
            [
                Domain("phone_sanitized", "in", list(phones))
                if phones
                else Domain.FALSE,
                Domain("phone_mobile_search", "in", list(unsanitised))
                if unsanitised
                else Domain.FALSE,
                Domain("email_normalized", "in", list(emails))
                if emails
                else Domain.FALSE,
            ]
        )
        candidates = (
            self.search(domain & Domain("id", "not in", self._origin.ids))
            if not domain.is_false()
            else self.browse()
        )

        def bare(phone):
            return re.sub(PHONE_REGEX_PATTERN, "", phone or "")

        for partner in self:
            partner.fo_duplicate_ids = candidates.filtered(
                lambda other, p=partner: (
                    other.commercial_partner_id != p._origin.commercial_partner_id
                    and (
                        (
                            p.phone_sanitized
                            and other.phone_sanitized == p.phone_sanitized
                        )
                        or (
                            p.phone in unsanitised
                            and bare(other.phone) == bare(p.phone)
                        )
                        or (
                            p.email_normalized
                            and other.email_normalized == p.email_normalized
                        )
                    )
                )
            )

    def _compute_fo_client_search(self):
        self.fo_client_search = False

    def _compute_fo_amount_to_pay(self):
        amounts = defaultdict(float)
        Booking = self.env["front.office.booking"]
        for partner, line, count in Booking._read_group(
            [("partner_id", "in", self.ids), *Booking._fo_unpaid_domain()],
            ["partner_id", "sale_line_id"],
            ["__count"],
        ):
            if line.product_uom_qty:
                amounts[partner] += count * line.price_total / line.product_uom_qty
        currency = self.env.company.currency_id
        due = defaultdict(float)
        orders = self.env["sale.order"].search(
            [
                ("partner_id", "in", self._origin.ids),
                ("state", "=", "sale"),
                ("company_id", "=", self.env.company.id),
            ]
        )
        for order in orders:
            due[order.partner_id] += order.fo_amount_due
        for partner in self:
            partner.fo_currency_id = currency
            partner.fo_amount_to_pay = currency.round(amounts.get(partner._origin, 0.0))
            partner.fo_amount_due = currency.round(due.get(partner._origin, 0.0))

    def _compute_fo_booking_count(self):
        counts = dict(
            self.env["front.office.booking"]._read_group(
                [("partner_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.fo_booking_count = counts.get(partner._origin, 0)

    def _compute_fo_sessions_remaining(self):
        today = fields.Date.context_today(self)
        remaining = dict(
            self.env["sale.order.line"]._read_group(
                Domain(
                    [
                        ("order_partner_id", "in", self.ids),
                        ("order_id.state", "=", "sale"),
                        ("product_id.fo_is_bookable", "=", True),
                    ]
                )
                & (
                    Domain("order_id.validity_date", "=", False)
                    | Domain("order_id.validity_date", ">=", today)
                ),
                ["order_partner_id"],
                ["fo_sessions_remaining:sum"],
            )
        )
        for partner in self:
            partner.fo_sessions_remaining = remaining.get(partner._origin, 0)

    def _compute_fo_quote_count(self):
        counts = dict(
            self.env["sale.order"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.fo_quote_count = counts.get(partner._origin, 0)

    def _search_fo_client_search(self, operator, value):
        """One search box for the front desk (Ricerca Rapida): name, email,
        VAT/fiscal code, reference and phone, the latter whatever its spacing."""
        # Any text operator searches the same way ("=" arrives as "in" with one
        # value): the box takes a fragment of text, not an exact value.
        if operator in ("in", "not in") and isinstance(value, (list, tuple, set)):
            value = next(iter(value)) if len(value) == 1 else None
        positive = operator in ("ilike", "like", "=ilike", "=like", "=", "in")
        negative = operator in ("not ilike", "not like", "!=", "not in")
        if not (positive or negative) or not isinstance(value, str):
            raise UserError(
                self.env._(
                    "The quick search looks for a piece of text (a name, a phone...)."
                )
            )
        fnames = ["complete_name", "email", "vat", "ref", "phone"]
        # The codice fiscale of Italian e-invoicing, when it is installed.
        if "l10n_it_codice_fiscale" in self._fields:
            fnames.append("l10n_it_codice_fiscale")
        domain = Domain.OR(Domain(fname, "ilike", value) for fname in fnames)
        domain |= self._fo_surname_first_domain(value)
        # A phone however it is spaced or dotted, through core's phone search
        # (which needs a few digits, and is not meant for names).
        digits = re.sub(r"\D", "", value)
        if len(digits) >= PHONE_MIN_DIGITS and not re.search(r"[^\d\s()./+-]", value):
            domain |= Domain("phone_mobile_search", "ilike", value.strip())
        return ~domain if negative else domain

    @api.model
    def _fo_surname_first_domain(self, value):
        """The Italian desk types the surname first: "Rossi Mario" and
        "rossi m" find Mario Rossi, "De Luca A" finds Anna De Luca (the last
        words start the first name)."""
        # Wildcards typed by the user are taken as text, not as patterns.
        words = [re.sub(r"[%_\\]", "", word) for word in value.split()]
        words = [word for word in words if word]
        return Domain.OR(
            Domain(
                "complete_name",
                "=ilike",
                f"{' '.join(words[split:])}% {' '.join(words[:split])}%",
            )
            for split in range(1, len(words))
        )

    # -- actions ---------------------------------------------------------

    def _fo_quote_action(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "front_office_quotes.sale_order_action_front_office"
        )

    def action_fo_register_payment(self):
        """Take payment for the client's booked sessions."""
        self.ensure_one()
        Booking = self.env["front.office.booking"]
        bookings = Booking.search(
            [
                ("partner_id", "=", self.id),
                ("company_id", "=", self.env.company.id),
                *Booking._fo_unpaid_domain(),
            ]
        )
        return bookings.with_context(
            default_partner_id=self.id
        ).action_fo_register_payment()

    def action_fo_find_slot(self):
        """Find a Slot for the client's services with sessions left."""
        self.ensure_one()
        return self.env["front.office.slot.finder"]._fo_open(self)

    def action_fo_view_bookings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "front_office_quotes.front_office_booking_action_appointments"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_fo_view_quotes(self):
        self.ensure_one()
        action = self._fo_quote_action()
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {
            "front_office": True,
            "default_partner_id": self.id,
        }
        return action

    def action_fo_new_quote(self):
        """The quote form, empty but for the client: step 2 of the front desk."""
        self.ensure_one()
        action = self._fo_quote_action()
        action.update(
            {
                "views": [
                    (
                        self.env.ref("front_office_quotes.sale_order_view_form").id,
                        "form",
                    )
                ],
                "view_mode": "form",
                "target": "current",
                "context": {"front_office": True, "default_partner_id": self.id},
            }
        )
        return action

    # -- attendance: no-shows and late cancellations -------------------------

    fo_no_show_count = fields.Integer(
        string="No-shows",
        compute="_compute_fo_no_show_count",
        groups="front_office_quotes.group_front_office_user",
        help="No-shows and late cancellations of the last 12 months.",
    )

    @api.model
    def _fo_no_show_domain(self):
        """No-shows and late cancellations of the last 12 months."""
        return [
            ("state", "in", ("no_show", "late_cancel")),
            ("start", ">=", fields.Datetime.now() - NO_SHOW_WINDOW),
        ]

    def _compute_fo_no_show_count(self):
        counts = self._fo_no_show_counts()
        for partner in self:
            partner.fo_no_show_count = counts.get(partner._origin.id, 0)

    def _fo_no_show_counts(self):
        """``{partner id: no-shows and late cancellations}`` within the window,
        in one query (the Diary's cards show it too)."""
        if not self.ids:
            return {}
        return {
            partner.id: count
            for partner, count in self.env["front.office.booking"]._read_group(
                [("partner_id", "in", self.ids), *self._fo_no_show_domain()],
                ["partner_id"],
                ["__count"],
            )
        }

    def action_fo_view_no_shows(self):
        self.ensure_one()
        action = self.action_fo_view_bookings()
        action["domain"] = [("partner_id", "=", self.id), *self._fo_no_show_domain()]
        return action
