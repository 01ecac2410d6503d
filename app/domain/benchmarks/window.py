"""Which value of an organization counts for a day: its latest within the window ending that day.

The nightly computation applies this rule in SQL and numpy over every organization; the
pages apply it to one organization's series. Both take the window's bounds from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class ValueWindow:
    days: int

    def start(self, as_of: date) -> date:
        """Values dated after this day, and on or before ``as_of``, are within the window.

        Never before the calendar's first day: a request for year 1 finds no data rather than failing."""
        window = timedelta(days=self.days)
        return as_of - window if as_of - date.min >= window else date.min

    def contains(self, day: date, as_of: date) -> bool:
        return self.start(as_of) < day <= as_of

    def latest(self, series: list[tuple[date, float]], as_of: date) -> float | None:
        """The latest value within the window ending at ``as_of``; ``series`` is in date order."""
        found = [value for day, value in series if self.contains(day, as_of)]
        return found[-1] if found else None
