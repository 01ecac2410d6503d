"""The throttling counters: in one process, and in Redis shared by every process (one atomic call per hit)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from app.services.accounts.rate_limits import MemoryCounters, RedisCounters

REDIS_URL = "redis://127.0.0.1:6379/8"  # a logical database of its own, emptied first


@pytest.fixture
def redis_url():
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.ConnectionError:
        pytest.fail("These tests need Redis at 127.0.0.1:6379 (it runs on the development machines and in CI).")
    yield REDIS_URL
    redis.Redis.from_url(REDIS_URL).flushdb()


def test_memory_counters_count_within_a_window_and_start_over_after_it():
    now = [0.0]
    counters = MemoryCounters(clock=lambda: now[0])
    assert [c.count for c in counters.hit({"a": 60, "b": 10})] == [1, 1]
    now[0] = 5
    first, second = counters.hit({"a": 60, "b": 10})
    assert (first.count, first.seconds_left, second.count, second.seconds_left) == (2, 55, 2, 5)
    now[0] = 11
    assert [c.count for c in counters.peek(["a", "b", "never"])] == [2, 0, 0]


def test_redis_counters_are_shared_by_separate_clients_and_lose_no_hit_under_concurrency(redis_url):
    # Two clients stand for two worker processes (or hosts).
    first, second = RedisCounters(redis_url), RedisCounters(redis_url)
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda n: (first if n % 2 else second).hit({"login:portal": 60, "verify:x": 60}), range(200)))
    assert [c.count for c in first.peek(["login:portal", "verify:x"])] == [200, 200]
    assert 55 <= second.peek(["login:portal"])[0].seconds_left <= 60  # the window started at the first hit


def test_a_redis_counter_ends_with_its_window(redis_url):
    counters = RedisCounters(redis_url)
    counters.hit({"short": 1})
    key = next(iter(redis.Redis.from_url(redis_url).scan_iter("*short")))
    assert 0 < redis.Redis.from_url(redis_url).pttl(key) <= 1000
