"""A sliding-window request limiter kept in memory (time is passed in)."""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta


class SlidingWindowLimiter:
    def __init__(self, limit: int, window: timedelta, max_keys: int = 100_000):
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._hits: dict[str, deque[datetime]] = {}

    def hit(self, key: str, now: datetime) -> int | None:
        """Record a request; return seconds to wait when over the limit, else None."""
        hits = self._hits.setdefault(key, deque())
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return max(1, int((hits[0] + self.window - now).total_seconds() + 0.999))
        hits.append(now)
        if len(self._hits) > self.max_keys:
            self._forget_idle(now)
        return None

    def clear(self) -> None:
        self._hits.clear()

    def _forget_idle(self, now: datetime) -> None:
        for key in [k for k, h in self._hits.items() if not h or now - h[-1] >= self.window]:
            del self._hits[key]
