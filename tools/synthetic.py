"""Synthetic organizations with daily metric history, written like real data (through the snapshots service).

Each metric has a per-organization level and a daily drift; 3 % of organizations never report a
metric, 8 % of organization-days are missing, and 2 % of organizations stop reporting at some
day of the history (their latest value ages out of the window). The certification rate is a
share of a few learners, so it piles up at 0 %, 100 % and simple fractions, as in life.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timezone

import numpy as np

from app.domain.organizations import INDUSTRIES
from app.demo.organizations import INDUSTRY_SHARE

MISSING_METRIC = 0.03
MISSING_DAY = 0.08
STOPS_REPORTING = 0.02


def fill(organizations: int, days: int, as_of: date) -> None:
    from app.db import session_scope
    from app.migrations import upgrade_head
    from app.services.benchmarks import snapshots

    upgrade_head()
    rng = np.random.default_rng(42)
    with session_scope() as session:
        _organizations(session, organizations, rng)
    first_day = snapshots.day_number(as_of) - days + 1
    history = {key: _history(key, organizations, days, first_day, rng) for key in _GENERATORS}
    _say(f"writing {sum(len(h[0]) for h in history.values()):,} snapshots")
    with session_scope() as session:
        snapshots.insert_history(session, history)
    _say("analyzing")  # as autovacuum would soon after a bulk load
    from sqlalchemy import text

    from app.db import get_engine

    with get_engine().connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))


def _say(text: str) -> None:
    print(f"bench fill: {text}", file=sys.stderr, flush=True)


def _organizations(session, count: int, rng: np.random.Generator) -> None:
    _say(f"writing {count:,} organizations")
    industries = rng.choice(len(INDUSTRIES), size=count, p=np.array(INDUSTRY_SHARE) / sum(INDUSTRY_SHARE))
    sizes = np.clip(np.round(np.exp(rng.normal(np.log(180), 1.35, count))), 1, 500_000).astype(np.int64)
    ids = np.arange(1, count + 1)
    names = np.char.add(b"Synthetic Org ", np.char.zfill(ids.astype("S7"), 7))
    created = datetime(2024, 1, 1, tzinfo=timezone.utc)
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        from app.services import copy_binary

        micros = int((created - datetime(2000, 1, 1, tzinfo=timezone.utc)).total_seconds() * 1_000_000)
        columns = [
            copy_binary.column(ids, ">i4"), copy_binary.Column(names),
            copy_binary.text_column(industries, list(INDUSTRIES)), copy_binary.column(sizes, ">i4"),
            copy_binary.column(np.full(count, micros), ">i8"),
            copy_binary.column(np.ones(count, dtype=bool), "?"), copy_binary.column(np.ones(count, dtype=bool), "?"),
        ]
        with connection.connection.cursor() as cursor:
            copy_binary.write_copy(cursor, "organization (id, name, industry, employee_count, created_at, is_active, "
                                           "is_customer)", columns)
            cursor.execute("SELECT setval('organization_id_seq', %s)", (count,))
        return
    cursor = connection.connection.cursor()
    try:
        cursor.executemany(
            "INSERT INTO organization (id, name, industry, employee_count, created_at, is_active, is_customer) "
            "VALUES (?, ?, ?, ?, ?, 1, 1)",
            zip(ids.tolist(), names.astype(str).tolist(), np.array(INDUSTRIES)[industries].tolist(), sizes.tolist(),
                [created.isoformat(sep=" ")] * count))
    finally:
        cursor.close()


def _bounded(values: np.ndarray, low: float, high: float | None) -> np.ndarray:
    return np.clip(values, low, high if high is not None else np.inf)


def _walk(rng, count: int, days: int, start: np.ndarray, step: float) -> np.ndarray:
    """A daily random walk from each organization's level (organizations x days)."""
    steps = rng.normal(0.0, step, (count, days))
    steps[:, 0] = 0.0
    return start[:, None] + np.cumsum(steps, axis=1)


def _health(rng, count, days):
    return np.round(_bounded(_walk(rng, count, days, rng.normal(70, 12, count), 0.8), 0, 100), 1)


def _adoption(rng, count, days):
    return np.round(_bounded(_walk(rng, count, days, 100 * rng.beta(5, 2, count), 1.0), 0, 100), 1)


def _certification(rng, count, days):
    learners = 1 + rng.poisson(8, count)
    certified = rng.binomial(learners, rng.beta(2, 3, count))
    # A learner now and then earns (or lets lapse) a certificate.
    changes = rng.choice([-1, 0, 1], size=(count, days), p=[0.03, 0.94, 0.03])
    changes[:, 0] = 0
    held = np.clip(certified[:, None] + np.cumsum(changes, axis=1), 0, learners[:, None])
    return np.round(100.0 * held / learners[:, None], 2)


def _tickets(rng, count, days):
    level = np.exp(rng.normal(1.8, 0.6, count))
    return np.round(level[:, None] * np.exp(_walk(rng, count, days, np.zeros(count), 0.05)), 2)


def _resolution(rng, count, days):
    level = np.exp(rng.normal(np.log(18), 0.5, count))
    return np.round(level[:, None] * np.exp(_walk(rng, count, days, np.zeros(count), 0.04)), 1)


_GENERATORS = {
    "health_score": _health, "adoption_rate": _adoption, "certification_rate": _certification,
    "tickets_per_100_users": _tickets, "resolution_hours": _resolution,
}


def _history(metric: str, count: int, days: int, first_day: int, rng: np.random.Generator):
    """(organization ids, day numbers, values) of one metric's reported snapshots."""
    _say(f"generating {metric}")
    values = _GENERATORS[metric](rng, count, days)
    reported = rng.random((count, days)) >= MISSING_DAY
    reported[rng.random(count) < MISSING_METRIC] = False
    stopping = np.flatnonzero(rng.random(count) < STOPS_REPORTING)
    last_day = rng.integers(0, days, len(stopping))
    reported[stopping] &= np.arange(days)[None, :] <= last_day[:, None]
    org_index, day_index = np.nonzero(reported)
    return org_index + 1, first_day + day_index, values[org_index, day_index]
