# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The arguments of the methods the web client calls, checked in one place.

Anything can arrive over JSON-RPC: a day that does not exist, a list where an id
belongs, a time zone from another planet. Each reader below turns one kind of
argument into what the code works with, or answers a ``UserError`` in the user's
language, so that bad input never reaches the ORM or PostgreSQL as a traceback.
"""

import math
from datetime import date, datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.planned_session import MAX_DURATION_HOURS as FO_MAX_HOURS
from ..tools.planned_session import MIN_DURATION_HOURS as FO_MIN_HOURS

# The calendar the centre plans in: far enough for any real booking, near enough
# that adding a day, a week or the longest setting never overflows a datetime.
FO_FIRST_DAY = date(1900, 1, 1)
FO_LAST_DAY = date(2999, 12, 31)


class FrontOfficeArguments(models.AbstractModel):
    _name = "front.office.arguments"
    _description = "Front Office: checks of the arguments of client calls"

    @api.model
    def _fo_day(self, value, label=None):
        """A date from "YYYY-MM-DD" (or a date), within the planning calendar."""
        label = label or self.env._("day")
        if isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, (str, date)):
            raise UserError(self._fo_not_a_day_message(value, label))
        try:
            day = fields.Date.to_date(value)
        except (ValueError, TypeError):
            day = None
        if not day:
            raise UserError(self._fo_not_a_day_message(value, label))
        self._fo_check_in_calendar(day, label)
        return day

    @api.model
    def _fo_datetime(self, value, label=None):
        """A naive UTC datetime from "YYYY-MM-DD HH:MM:SS" (or a datetime), within
        the planning calendar."""
        label = label or self.env._("time")
        moment = None
        if isinstance(value, (str, datetime)):
            try:
                moment = fields.Datetime.to_datetime(value)
            except (ValueError, TypeError):
                moment = None
        if not moment:
            raise UserError(
                self.env._(
                    "The %(label)s %(value)r is not a date and time "
                    "(expected YYYY-MM-DD HH:MM:SS).",
                    label=label,
                    value=value,
                )
            )
        if moment.tzinfo:
            moment = moment.astimezone(pytz.utc).replace(tzinfo=None)
        self._fo_check_in_calendar(moment.date(), label)
        return moment

    @api.model
    def _fo_record(self, model, value, label=None):
        """One existing record of ``model`` from its id."""
        if not (isinstance(value, int) and not isinstance(value, bool) and value > 0):
            raise UserError(
                self.env._(
                    "Choose one %(label)s.",
                    label=label or self.env[model]._description,
                )
            )
        return self._fo_ids(model, [value], label)

    @api.model
    def _fo_ids(self, model, value, label=None):
        """The existing records of ``model`` from a list of ids; ids that do not
        exist (or were deleted) answer an error rather than an empty result."""
        label = label or self.env[model]._description
        if value in (None, False):
            return self.env[model]
        if not isinstance(value, (list, tuple)) or not all(
            isinstance(rid, int) and not isinstance(rid, bool) and rid > 0
            for rid in value
        ):
            raise UserError(
                self.env._(
                    "%(value)r is not a list of %(label)s.", value=value, label=label
                )
            )
        records = self.env[model].browse(value)
        existing = records.exists()
        if len(existing) != len(set(value)):
            raise UserError(
                self.env._(
                    "Some %(label)s no longer exist: reload the page.", label=label
                )
            )
        return existing

    @api.model
    def _fo_hours(self, value, label=None, minimum=FO_MIN_HOURS, maximum=FO_MAX_HOURS):
        """A finite number of hours between ``minimum`` and ``maximum``."""
        label = label or self.env._("duration")
        hours = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            hours = float(value)
        if hours is None or not math.isfinite(hours) or not minimum <= hours <= maximum:
            raise UserError(
                self.env._(
                    "The %(label)s must be between %(minimum)s and %(maximum)s hours "
                    "(%(value)r given).",
                    label=label,
                    minimum=round(minimum, 2),
                    maximum=round(maximum, 2),
                    value=value,
                )
            )
        return hours

    @api.model
    def _fo_user_tz(self):
        """The time zone the user's day is cut in: the context's, the user's, or
        UTC; a name pytz does not know is an error, not a silent UTC."""
        name = self.env.context.get("tz") or self.env.user.tz or "UTC"
        try:
            return pytz.timezone(name)
        except (pytz.UnknownTimeZoneError, AttributeError, TypeError) as error:
            raise UserError(
                self.env._("%(tz)r is not a time zone.", tz=name)
            ) from error

    def _fo_check_in_calendar(self, day, label):
        if not FO_FIRST_DAY <= day <= FO_LAST_DAY:
            raise UserError(
                self.env._(
                    "The %(label)s must fall between %(first)s and %(last)s.",
                    label=label,
                    first=FO_FIRST_DAY.isoformat(),
                    last=FO_LAST_DAY.isoformat(),
                )
            )

    def _fo_not_a_day_message(self, value, label):
        return self.env._(
            "The %(label)s %(value)r is not a date (expected YYYY-MM-DD).",
            label=label,
            value=value,
        )
