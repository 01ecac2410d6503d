"""Counters behind the sign-in throttle and the public certificate check, shared by every worker.

With ``REDIS_URL`` set, counters live in Redis, so every worker and host counts together;
each hit is one atomic script call (increment every key, start its window on the first
hit). Without Redis (one worker), they live in this process. A counter's window starts at
its first hit and the count starts over when the window ends.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from dataclasses import dataclass
from typing import Callable, Protocol

from app.settings import get_settings

# KEYS: the counters; ARGV: each one's window in milliseconds. Returns count and milliseconds
# left for each key. One script call is atomic: concurrent hits never lose a count.
_HIT = """
local out = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  local left = redis.call('PTTL', key)
  if left < 0 then redis.call('PEXPIRE', key, ARGV[i]); left = tonumber(ARGV[i]) end
  out[#out + 1] = count
  out[#out + 1] = left
end
return out
"""
_PEEK = """
local out = {}
for _, key in ipairs(KEYS) do
  out[#out + 1] = tonumber(redis.call('GET', key) or '0')
  out[#out + 1] = math.max(redis.call('PTTL', key), 0)
end
return out
"""


@dataclass(frozen=True)
class Count:
    count: int
    seconds_left: int  # until the window ends and the count starts over


class Counters(Protocol):
    def hit(self, windows: dict[str, int]) -> list[Count]: ...  # key -> window in seconds

    def peek(self, keys: list[str]) -> list[Count]: ...


class MemoryCounters:
    """One process's counters (no Redis): a dict under a lock."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000):
        self._clock, self._max_keys = clock, max_keys
        self._counts: dict[str, list[float]] = {}  # key -> [count, ends_at]
        self._lock = threading.Lock()

    def hit(self, windows: dict[str, int]) -> list[Count]:
        now, out = self._clock(), []
        with self._lock:
            if len(self._counts) > self._max_keys:
                self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
            for key, window in windows.items():
                entry = self._counts.get(key)
                if entry is None or entry[1] <= now:
                    entry = self._counts[key] = [0, now + window]
                entry[0] += 1
                out.append(Count(int(entry[0]), _seconds(entry[1] - now)))
        return out

    def peek(self, keys: list[str]) -> list[Count]:
        now = self._clock()
        with self._lock:
            entries = [self._counts.get(key) for key in keys]
        return [Count(int(e[0]), _seconds(e[1] - now)) if e and e[1] > now else Count(0, 0) for e in entries]

    def clear(self) -> None:
        with self._lock:
            self._counts.clear()


class RedisCounters:
    def __init__(self, url: str, prefix: str = "sp:limit:"):
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=2)
        self._hit, self._peek = self._redis.register_script(_HIT), self._redis.register_script(_PEEK)
        self._prefix = prefix

    def hit(self, windows: dict[str, int]) -> list[Count]:
        raw = self._hit(keys=[self._prefix + k for k in windows], args=[w * 1000 for w in windows.values()])
        return [Count(int(raw[i]), _seconds(int(raw[i + 1]) / 1000)) for i in range(0, len(raw), 2)]

    def peek(self, keys: list[str]) -> list[Count]:
        raw = self._peek(keys=[self._prefix + k for k in keys])
        return [Count(int(raw[i]), _seconds(int(raw[i + 1]) / 1000)) for i in range(0, len(raw), 2)]


def _seconds(left: float) -> int:
    return max(1, int(left + 0.999))


_counters: tuple[int, Counters] | None = None


def counters() -> Counters:
    """This process's counters, made on first use (workers fork after the app is imported)."""
    global _counters
    if _counters is None or _counters[0] != os.getpid():
        url = get_settings().redis_url
        _counters = (os.getpid(), RedisCounters(url) if url else MemoryCounters())
    return _counters[1]


def use_counters(replacement: Counters | None) -> None:
    """Tests: count with ``replacement`` (None: make them afresh from the settings)."""
    global _counters
    _counters = (os.getpid(), replacement) if replacement else None


def subject_key(text: str) -> str:
    """Emails are not kept in the counter store, only a digest of them."""
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:24]


def public_check_wait(address: str) -> int | None:
    """Seconds to wait, or None: one allowance per client for every public check (certificate
    numbers and credential files, on the page and through the API alike)."""
    from app.domain.ratelimit import verify_wait

    (count,) = counters().hit({f"verify:{address}": 60})
    return verify_wait(get_settings().verify_per_minute, count.count, count.seconds_left)
