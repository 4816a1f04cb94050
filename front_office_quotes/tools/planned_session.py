# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A session as the rule book reads it before it is written, and what it
conflicts with. Plain values: ids and naive UTC datetimes; ``line`` is the
caller's quote line record, carried along untouched."""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

# A session lasts at most a day: longer is a typing error.
MAX_DURATION_HOURS = 24
# The shortest session: five minutes (a shorter one is a typing error that would
# still use up a session of the package).
MIN_DURATION_HOURS = 5 / 60


def duration_is_valid(duration):
    """Whether ``duration`` (hours) can be a session's length."""
    return (
        isinstance(duration, (int, float))
        and math.isfinite(duration)
        and MIN_DURATION_HOURS <= duration <= MAX_DURATION_HOURS
    )


def whole_minutes(hours):
    """``hours`` as a timedelta of whole minutes: a 50' session is 5/6 of an hour,
    which as a float ends a hair before 09:50 and would be stored as 09:49:59."""
    return timedelta(minutes=round((hours or 0.0) * 60))


def session_times(start, duration, buffer_hours):
    """``(stop, busy_stop)`` of a session starting at ``start`` and lasting
    ``duration`` hours followed by ``buffer_hours`` of clean-up time; ``(False,
    False)`` when the duration is not usable or the end is out of range."""
    if not start or not duration_is_valid(duration):
        return False, False
    try:
        stop = start + whole_minutes(duration)
        return stop, stop + whole_minutes(buffer_hours)
    except OverflowError:
        return False, False


@dataclass
class PlannedSession:
    """One session create, write, reopening or a wizard would make.

    ``stop`` and ``busy_stop`` are False when the duration is not usable; the
    operator and the room are busy until ``busy_stop``, the client until
    ``stop``. ``origin``, ``number`` and ``moved_from`` belong to the caller
    that planned it (the booking wizard: its line, the session's rank, the time
    first planned when the session was moved to a free one)."""

    line: object
    resource_id: int | bool
    partner_id: int | bool
    start: datetime | bool
    duration: float
    state: str = "booked"
    room_id: int | bool = False
    outside_hours: bool = False
    stop: datetime | bool = False
    busy_stop: datetime | bool = False
    origin: object = None
    number: int = 0
    moved_from: datetime | bool = False
    # Put back as it was (the desk undoing its cancellation or no-show), not a
    # new session: having begun is no reason to refuse it.
    restored: bool = False

    @property
    def held_resource_ids(self):
        """The resources the session keeps busy: its operator and its room."""
        return [rid for rid in dict.fromkeys((self.resource_id, self.room_id)) if rid]


@dataclass(frozen=True)
class Conflict:
    """Why a planned session is not free: ``kind`` "resource" (``resource_id``
    is busy, whatever role it plays) or "client"; with either a session in the
    database (``booking``) or another planned session of the same batch
    (``session``)."""

    kind: str
    resource_id: int | bool = False
    booking: object = None
    session: PlannedSession | None = None
