# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The services planning's hours: what a week view of the bookings draws, from
the working time of the centre's resources on the user's clock. No ORM."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

# Drawn when no resource has a working calendar (the Diary's default too).
DEFAULT_OPENING = (time(8), time(20))


@dataclass
class PlanningHours:
    """The visible time range of the planning (whole hours, "HH:MM"; the end may
    be "24:00") and its working time, as FullCalendar's ``businessHours``
    (``False``: nothing to shade, no resource has a working calendar)."""

    slot_min: str
    slot_max: str
    business_hours: list | bool = field(default=False)

    def to_dict(self):
        return {
            "slot_min": self.slot_min,
            "slot_max": self.slot_max,
            "business_hours": self.business_hours,
        }


def _clock(moment, day):
    """``moment`` (local) as "HH:MM" of ``day``: the next midnight is "24:00"."""
    if moment.date() > day:
        return "24:00"
    return f"{moment:%H:%M}"


def _day_spans(spans):
    """Naive local ``(begin, end)`` spans cut at midnight: ``(day, begin, end)``."""
    for begin, end in spans:
        moment = begin
        while moment < end:
            cut = min(end, datetime.combine(moment.date() + timedelta(days=1), time()))
            yield moment.date(), moment, cut
            moment = cut


def planning_hours(spans):
    """The planning's hours from working spans on the user's clock.

    :param spans: ``(begin, end)`` naive datetimes on the user's clock during
        which at least one resource works, in any order.
    :return: a ``PlanningHours``: the range from the earliest opening (down to
        the hour) to the latest closing (up to the hour) of any day, or
        ``DEFAULT_OPENING`` without spans; each span a business-hours entry of
        its weekday (FullCalendar counts Sunday as 0).
    """
    pieces = sorted(_day_spans(spans))
    if not pieces:
        opening, closing = DEFAULT_OPENING
        return PlanningHours(f"{opening:%H:%M}", f"{closing:%H:%M}", False)
    first = min(begin.time() for _day, begin, _end in pieces)
    last = max(
        (24 * 60 if end.date() > day else end.hour * 60 + end.minute + bool(end.second))
        for day, _begin, end in pieces
    )
    last_hour = min(24, -(-last // 60))
    return PlanningHours(
        slot_min=f"{first.hour:02d}:00",
        slot_max=f"{last_hour:02d}:00",
        business_hours=[
            {
                "daysOfWeek": [(day.weekday() + 1) % 7],
                "startTime": _clock(begin, day),
                "endTime": _clock(end, day),
            }
            for day, begin, end in pieces
        ],
    )
