"""The nightly peer-benchmark computation: load -> vectorised statistics -> disclosure -> release.

Each run replaces one day's release inside one transaction, so readers always see either
the previous release or the complete new one.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from sqlalchemy import delete, func, insert, select
from sqlmodel import Session

from app.domain.benchmarks import disclosure, membership
from app.domain.benchmarks.cohorts import (
    ALL,
    INDUSTRY_COHORTS,
    SIZE_COHORTS,
    Cohort,
    industry_codes,
    peer_count_band,
    size_codes,
)
from app.domain.benchmarks.membership import Membership
from app.domain.benchmarks.metrics import METRICS, Metric
from app.domain.benchmarks.quantiles import grouped_stats
from app.models import Organization, PeerBenchmark
from app.services.benchmarks.dto import RecomputeReport
from app.services.benchmarks.policy import disclosure_policy, value_window

RELEASE_COLUMNS = (PeerBenchmark.metric, PeerBenchmark.cohort_kind, PeerBenchmark.cohort_value, PeerBenchmark.as_of,
                   PeerBenchmark.status, PeerBenchmark.reason, PeerBenchmark.peer_count,
                   *(getattr(PeerBenchmark, name) for name in disclosure.RELEASED_NUMBERS))


@dataclass(frozen=True)
class Peers:
    """Active customer organizations as arrays sorted by id."""

    ids: np.ndarray
    industry: np.ndarray  # int8 index into INDUSTRIES
    size: np.ndarray  # int8 index into SIZE_RANGES


def recompute_benchmarks(*, session: Session, as_of: date, now: datetime) -> RecomputeReport:
    clock = time.perf_counter()
    peers = _load_peers(session)
    previous = _last_published(session, as_of)
    report = RecomputeReport(as_of=as_of, organizations=len(peers.ids))
    report.seconds["load"] += time.perf_counter() - clock
    rows = []
    for metric in METRICS:
        clock = time.perf_counter()
        member_idx, values = load_metric_values(session, peers, metric.key, as_of)
        earlier = _previous_memberships(session, metric.key, previous)
        report.seconds["load"] += time.perf_counter() - clock
        clock = time.perf_counter()
        current = Membership(peers.ids[member_idx], peers.industry[member_idx], peers.size[member_idx])
        # Cohorts of one metric usually share a reference day: count the changes once per day.
        changed = {day: membership.changes(before, current, len(INDUSTRY_COHORTS), len(SIZE_COHORTS))
                   for day, before in earlier.items()}
        figures = [_with_history(f, previous.get((metric.key, f.cohort)), changed)
                   for f in cohort_figures(peers, member_idx, values)]
        releases = disclosure.decide(metric, figures, disclosure_policy())
        report.seconds["compute"] += time.perf_counter() - clock
        clock = time.perf_counter()
        rows.extend(_rows(metric, as_of, now, figures, releases, current))
        report.seconds["write"] += time.perf_counter() - clock
    clock = time.perf_counter()
    session.execute(delete(PeerBenchmark).where(PeerBenchmark.as_of == as_of))
    for start in range(0, len(rows), 1000):
        session.execute(insert(PeerBenchmark), rows[start:start + 1000])
    session.flush()
    report.seconds["write"] += time.perf_counter() - clock
    for row in rows:
        setattr(report, row["status"], getattr(report, row["status"]) + 1)
    report.rows_written = len(rows)
    return report


def _load_peers(session: Session) -> Peers:
    rows = session.execute(
        select(Organization.id, Organization.industry, Organization.employee_count)
        .where(Organization.is_active, Organization.is_customer)
        .order_by(Organization.id)
    ).all()
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    return Peers(ids, industry_codes([r[1] for r in rows]),
                 size_codes(np.fromiter((r[2] for r in rows), dtype=np.int64, count=len(rows))))


# Day numbers computed by the database: building Python date objects per row costs
# more than the whole computation.
_DAY_NUMBER = {"postgresql": "(as_of - DATE '1970-01-01')", "sqlite": "CAST(julianday(as_of) - 2440587.5 AS INTEGER)"}


def load_metric_values(session: Session, peers: Peers, metric: str, as_of: date) -> tuple[np.ndarray, np.ndarray]:
    """Each peer's latest value within the window ending at ``as_of``: (peer index, value)."""
    connection = session.connection()
    dialect = connection.dialect.name
    marker = "%s" if dialect == "postgresql" else "?"
    start = value_window().start(as_of)  # the window's rule, in SQL: start < as_of <= as_of
    # The driver's own cursor (same transaction) hands back plain tuples, which numpy
    # converts many times faster than result rows.
    cursor = connection.connection.cursor()
    try:
        cursor.execute(
            f"SELECT organization_id, {_DAY_NUMBER[dialect]}, value FROM metric_snapshot "
            f"WHERE metric = {marker} AND as_of > {marker} AND as_of <= {marker}",
            (metric, start, as_of) if dialect == "postgresql" else (metric, start.isoformat(), as_of.isoformat()),
        )
        data = cursor.fetchall()
    finally:
        cursor.close()
    if not data:
        return np.empty(0, dtype=np.int64), np.empty(0)
    table = np.array(data, dtype=np.float64)
    org_ids, days, values = table[:, 0].astype(np.int64), table[:, 1].astype(np.int64), table[:, 2]
    position = np.searchsorted(peers.ids, org_ids)
    known = position < len(peers.ids)
    known[known] = peers.ids[position[known]] == org_ids[known]
    position, days, values = position[known], days[known], values[known]
    # Latest day per organization: sort by (organization, day) and keep each run's last row.
    order = np.lexsort((days, position))
    position, values = position[order], values[order]
    last = np.append(position[1:] != position[:-1], True)
    return position[last], values[last]


def cohort_figures(peers: Peers, member_idx: np.ndarray, values: np.ndarray) -> list[disclosure.CohortFigures]:
    """Statistics for every cohort from one value sort plus one code sort per partition."""
    order = np.argsort(values)
    sorted_values = values[order]
    sorted_members = member_idx[order]
    partitions = (
        ((ALL,), np.zeros(len(values), dtype=np.int8)),
        (INDUSTRY_COHORTS, peers.industry[sorted_members]),
        (SIZE_COHORTS, peers.size[sorted_members]),
    )
    figures = []
    for cohorts, codes in partitions:
        stats = grouped_stats(sorted_values, codes, len(cohorts))
        for k, cohort in enumerate(cohorts):
            n = int(stats.n[k])
            figures.append(disclosure.CohortFigures(
                cohort=cohort, n=n, knots=tuple(float(x) for x in stats.quantiles[k]),
                mean=float(stats.mean[k]), total=float(stats.total[k]), largest=float(stats.maximum[k]),
                second_largest=float(stats.second_largest[k]) if n > 1 else 0.0,
                minimum=float(stats.minimum[k]),
            ))
    return figures


@dataclass(frozen=True)
class PreviousRelease:
    release: disclosure.Release
    as_of: date


def _last_published(session: Session, as_of: date) -> dict[tuple[str, Cohort], PreviousRelease]:
    """Per metric and cohort, the latest published release before ``as_of`` (the R7 reference)."""
    latest = (
        select(PeerBenchmark.metric, PeerBenchmark.cohort_kind, PeerBenchmark.cohort_value,
               func.max(PeerBenchmark.as_of).label("day"))
        .where(PeerBenchmark.status == "published", PeerBenchmark.as_of < as_of)
        .group_by(PeerBenchmark.metric, PeerBenchmark.cohort_kind, PeerBenchmark.cohort_value)
        .subquery()
    )
    rows = session.execute(
        select(*RELEASE_COLUMNS).join(latest, (PeerBenchmark.metric == latest.c.metric)
                                      & (PeerBenchmark.cohort_kind == latest.c.cohort_kind)
                                      & (PeerBenchmark.cohort_value == latest.c.cohort_value)
                                      & (PeerBenchmark.as_of == latest.c.day))
    ).all()
    result = {}
    for row in rows:
        cohort = Cohort(row.cohort_kind, row.cohort_value)
        release = disclosure.Release(cohort, row.status, row.reason, row.peer_count,
                                     peer_count_band(row.peer_count), disclosure.released_values(row))
        result[(row.metric, cohort)] = PreviousRelease(release, row.as_of)
    return result


def _previous_memberships(session: Session, metric: str, previous: dict) -> dict[date, Membership]:
    """The stored memberships of the days this metric's cohorts are compared with."""
    days = {p.as_of for (key, _), p in previous.items() if key == metric}
    if not days:
        return {}
    rows = session.execute(
        select(PeerBenchmark.as_of, PeerBenchmark.members).where(
            PeerBenchmark.metric == metric, PeerBenchmark.cohort_kind == "all", PeerBenchmark.as_of.in_(days),
            PeerBenchmark.members.is_not(None))
    ).all()
    return {day: membership.decode(blob) for day, blob in rows}


def _with_history(fig: disclosure.CohortFigures, previous: PreviousRelease | None,
                  changed: dict[date, membership.Changes]) -> disclosure.CohortFigures:
    """Attach the last published release and how much the cohort changed since (R7)."""
    if previous is None or previous.as_of not in changed:
        return fig
    counted = changed[previous.as_of]
    cohort = fig.cohort
    if cohort.kind == "all":
        change = counted.all
    elif cohort.kind == "industry":
        change = int(counted.industry[INDUSTRY_COHORTS.index(cohort)])
    else:
        change = int(counted.size[SIZE_COHORTS.index(cohort)])
    return dataclasses.replace(fig, membership_change=change, previous=previous.release)


def _rows(metric: Metric, as_of: date, now: datetime, figures, releases, current: Membership) -> list[dict]:
    rows = []
    for fig in figures:
        release = releases[fig.cohort]
        row = {name: release.released.get(name) for name in disclosure.RELEASED_NUMBERS}
        row.update(
            metric=metric.key, cohort_kind=fig.cohort.kind, cohort_value=fig.cohort.value, as_of=as_of,
            peer_count=release.peer_count, status=release.status, reason=release.reason, computed_at=now,
            min=fig.minimum if fig.n else None, max=fig.largest if fig.n else None,
            # The day's membership of every cohort, kept once per metric on its "all" row.
            members=membership.encode(current) if fig.cohort == ALL else None,
        )
        rows.append(row)
    return rows
