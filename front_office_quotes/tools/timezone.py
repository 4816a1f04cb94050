# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Local days and UTC moments: the database stores naive UTC datetimes, the centre
reads days and hours on the clock of a resource (its time zone). No ORM."""

from datetime import datetime, time

import pytz


def to_utc_naive(moment):
    """``moment`` (tz-aware) as the naive UTC datetime the ORM stores."""
    return moment.astimezone(pytz.utc).replace(tzinfo=None)


def local_midnight_utc(tz, day, at=None):
    """The moment ``day`` begins on the clock of ``tz`` (a pytz zone), as naive
    UTC; ``at`` (a ``time``) for another local hour of that day. Daylight-saving
    changes are pytz's: a local time that does not exist or exists twice is read
    as standard time."""
    return to_utc_naive(tz.localize(datetime.combine(day, at or time())))


def local_day(tz, moment):
    """The day ``moment`` (naive UTC) falls on, on the clock of ``tz``."""
    return pytz.utc.localize(moment).astimezone(tz).date()
