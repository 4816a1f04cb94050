# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Busy and working time as plain interval arithmetic: half-open ``[begin, end)``
periods of comparable values (naive UTC datetimes in the addon), no ORM.

Every overlap test of the addon in Python goes through :func:`overlaps` or
:class:`FreeTime`, so that "busy" means the same thing as in the EXCLUDE
constraints PostgreSQL enforces (``tsrange(start, stop, '[)') && ...``)."""

from bisect import bisect_left, bisect_right


def overlaps(begin, end, other_begin, other_end):
    """Whether ``[begin, end)`` and ``[other_begin, other_end)`` share a moment:
    a session may start the very moment another one ends."""
    return begin < other_end and end > other_begin


def overlaps_among(periods):
    """Which of ``periods`` (a list of ``(begin, end)``) overlap an earlier one.

    :return: ``{index: other index}``: for each period overlapping one that begins
        before it (or at the same time, listed before it), one such period.
        Linear after a sort: the period ending last so far is the one to ask."""
    found = {}
    latest = None
    for index in sorted(range(len(periods)), key=lambda i: periods[i][0]):
        begin, end = periods[index]
        if latest is not None and overlaps(begin, end, *periods[latest]):
            found[index] = latest
        if latest is None or end > periods[latest][1]:
            latest = index
    return found


class FreeTime:
    """Periods as sorted, merged ``(begin, end)`` pairs, asked with bisection:
    whether they cover an interval (working time) or leave it free (busy time).
    Touching periods merge: working 9-13 and 13-18 covers 12-14."""

    __slots__ = ("begins", "ends")

    def __init__(self, periods=()):
        self.begins = []
        self.ends = []
        for begin, end in sorted(periods):
            if self.ends and begin <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.begins.append(begin)
                self.ends.append(end)

    def __bool__(self):
        return bool(self.begins)

    def __iter__(self):
        return zip(self.begins, self.ends, strict=True)

    def covers(self, begin, end):
        """Whether one period holds the whole of ``[begin, end)``."""
        index = bisect_right(self.begins, begin) - 1
        return index >= 0 and self.ends[index] >= end

    def is_free(self, begin, end):
        """Whether no period overlaps ``[begin, end)``."""
        index = bisect_right(self.ends, begin)
        return index == len(self.begins) or self.begins[index] >= end

    def without(self, periods):
        """A new FreeTime: these periods minus ``periods`` (any ``(begin, end)``
        pairs, or a FreeTime). Working time without busy time is the time a
        resource is available: one ``covers`` then answers both questions."""
        busy = periods if isinstance(periods, FreeTime) else FreeTime(periods)
        result = FreeTime()
        first = 0
        for begin, end in self:
            while first < len(busy.ends) and busy.ends[first] <= begin:
                first += 1
            moment = begin
            index = first
            while index < len(busy.begins) and busy.begins[index] < end:
                if busy.begins[index] > moment:
                    result.begins.append(moment)
                    result.ends.append(busy.begins[index])
                moment = max(moment, busy.ends[index])
                index += 1
            if moment < end:
                result.begins.append(moment)
                result.ends.append(end)
        return result

    def add(self, begin, end):
        """Add ``[begin, end)``, merged with the periods it overlaps or touches."""
        low = bisect_left(self.ends, begin)
        high = bisect_right(self.begins, end)
        if low < high:
            begin = min(begin, self.begins[low])
            end = max(end, self.ends[high - 1])
        self.begins[low:high] = [begin]
        self.ends[low:high] = [end]
