# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .free_time import FreeTime, overlaps, overlaps_among
from .planned_session import Conflict, PlannedSession, session_times, whole_minutes
from .timezone import local_day, local_midnight_utc, to_utc_naive
from .planning_hours import DEFAULT_OPENING, PlanningHours, planning_hours
