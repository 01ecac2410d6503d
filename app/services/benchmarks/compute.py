"""The nightly peer-benchmark computation: load -> vectorised statistics -> disclosure -> release.

Each run replaces one day's release inside one transaction, so readers always see either
the previous release or the complete new one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from sqlalchemy import delete, func, insert, or_, select, text
from sqlmodel import Session

from app.domain.benchmarks import disclosure
from app.domain.benchmarks.cohorts import (
    ALL,
    INDUSTRY_COHORTS,
    SIZE_COHORTS,
    Cohort,
    industry_codes,
    peer_count_band,
    size_codes,
)
from app.domain.benchmarks.metrics import METRICS, Metric
from app.domain.benchmarks.quantiles import grouped_stats
from app.domain.benchmarks.sketch import Sketch, group_sketches, merged, organization_hashes
from app.models import BenchmarkRelease, Organization, PeerBenchmark
from app.services.benchmarks.dto import RecomputeReport
from app.services.benchmarks.policy import disclosure_policy, value_window

RELEASED = disclosure.RELEASED_NUMBERS
RELEASE_COLUMNS = (BenchmarkRelease.metric, BenchmarkRelease.cohort_kind, BenchmarkRelease.cohort_value,
                   BenchmarkRelease.as_of, BenchmarkRelease.computed_at, BenchmarkRelease.peer_count,
                   *(getattr(BenchmarkRelease, name) for name in RELEASED))
# Two recomputes must not publish side by side without seeing each other's releases (R7).
_RECOMPUTE_LOCK = 0x5350_4245_4E43  # an arbitrary constant key for pg_advisory_xact_lock


@dataclass(frozen=True)
class Peers:
    """Active customer organizations as arrays sorted by id."""

    ids: np.ndarray
    industry: np.ndarray  # int8 index into INDUSTRIES
    size: np.ndarray  # int8 index into SIZE_RANGES


@dataclass(frozen=True)
class CohortStats:
    """A cohort's statistics: the knots to release, and extremes stored for audit only (R3)."""

    cohort: Cohort
    n: int
    knots: tuple[float, float, float, float, float]
    minimum: float
    maximum: float


def recompute_benchmarks(*, session: Session, as_of: date, now: datetime) -> RecomputeReport:
    """Compute, audit and release one day for every metric, in the caller's transaction.

    Every earlier publication (other days, earlier runs of this day, later days when
    back-filling) takes part in the audit, so the nightly job, "Run now", reruns and
    backfills all follow the same rule.
    """
    _serialize_recomputes(session)
    clock = time.perf_counter()
    peers = _load_peers(session)
    hashes = organization_hashes(peers.ids)
    previous = _latest_releases(session, as_of)
    report = RecomputeReport(as_of=as_of, organizations=len(peers.ids))
    report.seconds["load"] += time.perf_counter() - clock
    policy = disclosure_policy()
    rows, published = [], []
    for metric in METRICS:
        clock = time.perf_counter()
        member_idx, values = load_metric_values(session, peers, metric.key, as_of)
        report.seconds["load"] += time.perf_counter() - clock
        clock = time.perf_counter()
        stats = cohort_figures(peers, member_idx, values)
        report.seconds["compute"] += time.perf_counter() - clock
        clock = time.perf_counter()
        sketches = cohort_sketches(peers, member_idx, hashes[member_idx])
        figures = [disclosure.CohortFigures(s.cohort, s.n, s.knots, sketches[s.cohort],
                                            previous.get((metric.key, s.cohort))) for s in stats]
        logged = _logged_releases(session, metric.key, [f.n for f in figures], policy.min_peers)
        releases = disclosure.decide(metric, figures, logged, policy)
        report.seconds["audit"] += time.perf_counter() - clock
        clock = time.perf_counter()
        rows.extend(_rows(metric, as_of, now, stats, releases))
        published.extend(_log_rows(metric, as_of, now, figures, releases))
        report.seconds["write"] += time.perf_counter() - clock
    clock = time.perf_counter()
    session.execute(delete(PeerBenchmark).where(PeerBenchmark.as_of == as_of))
    for table, batch in ((PeerBenchmark, rows), (BenchmarkRelease, published)):
        for start in range(0, len(batch), 1000):
            session.execute(insert(table), batch[start:start + 1000])
    session.flush()
    report.seconds["write"] += time.perf_counter() - clock
    for row in rows:
        setattr(report, row["status"], getattr(report, row["status"]) + 1)
    report.rows_written = len(rows)
    return report


def _serialize_recomputes(session: Session) -> None:
    """One recompute at a time. SQLite transactions already start with BEGIN IMMEDIATE."""
    if session.connection().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _RECOMPUTE_LOCK})


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


def cohort_figures(peers: Peers, member_idx: np.ndarray, values: np.ndarray) -> list[CohortStats]:
    """Statistics for every cohort from one value sort plus one code sort per partition."""
    order = np.argsort(values)
    sorted_values = values[order]
    sorted_members = member_idx[order]
    partitions = (
        ((ALL,), np.zeros(len(values), dtype=np.int8)),
        (INDUSTRY_COHORTS, peers.industry[sorted_members]),
        (SIZE_COHORTS, peers.size[sorted_members]),
    )
    result = []
    for cohorts, codes in partitions:
        stats = grouped_stats(sorted_values, codes, len(cohorts))
        for k, cohort in enumerate(cohorts):
            result.append(CohortStats(cohort, int(stats.n[k]), tuple(float(x) for x in stats.quantiles[k]),
                                      float(stats.minimum[k]), float(stats.maximum[k])))
    return result


def cohort_sketches(peers: Peers, member_idx: np.ndarray, member_hashes: np.ndarray) -> dict[Cohort, Sketch]:
    """Who is in each cohort, as membership sketches: one pass over the members sketches every
    industry-and-size cell; cohorts are unions of cells, and sketches of disjoint sets add up."""
    sizes = len(SIZE_COHORTS)
    cells = group_sketches(member_hashes, peers.industry[member_idx].astype(np.int64) * sizes + peers.size[member_idx],
                           len(INDUSTRY_COHORTS) * sizes)
    sketches = {ALL: merged(cells)}
    for g, cohort in enumerate(INDUSTRY_COHORTS):
        sketches[cohort] = merged(cells[g * sizes:(g + 1) * sizes])
    for s, cohort in enumerate(SIZE_COHORTS):
        sketches[cohort] = merged(cells[s::sizes])
    return sketches


def _latest_releases(session: Session, as_of: date) -> dict[tuple[str, Cohort], disclosure.Release]:
    """Per metric and cohort, its latest publication on or before ``as_of`` (what a held cohort shows)."""
    keys = (BenchmarkRelease.metric, BenchmarkRelease.cohort_kind, BenchmarkRelease.cohort_value)
    latest_day = (select(*keys, func.max(BenchmarkRelease.as_of).label("day"))
                  .where(BenchmarkRelease.as_of <= as_of).group_by(*keys).subquery())
    rows = session.execute(
        select(*RELEASE_COLUMNS).join(latest_day, (BenchmarkRelease.metric == latest_day.c.metric)
                                      & (BenchmarkRelease.cohort_kind == latest_day.c.cohort_kind)
                                      & (BenchmarkRelease.cohort_value == latest_day.c.cohort_value)
                                      & (BenchmarkRelease.as_of == latest_day.c.day))
        .order_by(BenchmarkRelease.computed_at, BenchmarkRelease.id)
    ).all()
    result = {}
    for row in rows:  # the day's last run wins
        cohort = Cohort(row.cohort_kind, row.cohort_value)
        result[(row.metric, cohort)] = disclosure.Release(cohort, "published", "", row.peer_count,
                                                          peer_count_band(row.peer_count), disclosure.released_values(row))
    return result


def _logged_releases(session: Session, metric: str, counts: list[int], min_peers: int) -> list[disclosure.LoggedRelease]:
    """Earlier publications of ``metric`` whose peer count is close enough to today's cohorts to matter.

    Cohorts whose counts differ by ``min_peers`` or more cannot be neighbours, so the
    database returns only the few releases that could be.
    """
    spans = _merged_spans(sorted(n for n in counts if n >= min_peers), min_peers - 1)
    if not spans:
        return []
    near = or_(*(BenchmarkRelease.peer_count.between(low, high) for low, high in spans))
    rows = session.execute(
        select(BenchmarkRelease.cohort_kind, BenchmarkRelease.cohort_value, BenchmarkRelease.peer_count,
               BenchmarkRelease.sketch).where(BenchmarkRelease.metric == metric, near)
    ).all()
    return [disclosure.LoggedRelease(Cohort(kind, value), Sketch.from_bytes(n, blob)) for kind, value, n, blob in rows]


def _merged_spans(counts: list[int], slack: int) -> list[tuple[int, int]]:
    spans: list[list[int]] = []
    for n in counts:
        if spans and n - slack <= spans[-1][1] + 1:
            spans[-1][1] = n + slack
        else:
            spans.append([n - slack, n + slack])
    return [(low, high) for low, high in spans]


def _rows(metric: Metric, as_of: date, now: datetime, stats: list[CohortStats], releases) -> list[dict]:
    rows = []
    for item in stats:
        release = releases[item.cohort]
        row = {name: release.released.get(name) for name in RELEASED}
        row.update(
            metric=metric.key, cohort_kind=item.cohort.kind, cohort_value=item.cohort.value, as_of=as_of,
            peer_count=release.peer_count, status=release.status, reason=release.reason, computed_at=now,
            min=item.minimum if item.n else None, max=item.maximum if item.n else None,
        )
        rows.append(row)
    return rows


def _log_rows(metric: Metric, as_of: date, now: datetime, figures, releases) -> list[dict]:
    """The publications of this run, for every later audit."""
    rows = []
    for fig in figures:
        release = releases[fig.cohort]
        if release.status != "published":
            continue
        row = {name: release.released.get(name) for name in RELEASED}
        row.update(metric=metric.key, cohort_kind=fig.cohort.kind, cohort_value=fig.cohort.value, as_of=as_of,
                   computed_at=now, peer_count=fig.n, sketch=fig.sketch.to_bytes())
        rows.append(row)
    return rows
