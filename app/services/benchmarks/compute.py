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
    peer_count_band,
)
from app.domain.benchmarks.metrics import METRICS, Metric
from app.domain.benchmarks.quantiles import partition_stats
from app.domain.benchmarks.sketch import Sketch, group_sketches, merged, organization_hashes
from app.models import BenchmarkRelease, PeerBenchmark, TrainingHealthBand
from app.services.benchmarks import bands
from app.services.benchmarks.dto import RecomputeReport
from app.services.benchmarks.inputs import Peers, load_inputs
from app.services.benchmarks.policy import disclosure_policy
from app.services.benchmarks.ranks import customer_ranks, store_customer_ranks

RELEASED = disclosure.RELEASED_NUMBERS
RELEASE_COLUMNS = (BenchmarkRelease.metric, BenchmarkRelease.cohort_kind, BenchmarkRelease.cohort_value,
                   BenchmarkRelease.as_of, BenchmarkRelease.computed_at, BenchmarkRelease.peer_count,
                   *(getattr(BenchmarkRelease, name) for name in RELEASED))
# Two recomputes must not publish side by side without seeing each other's releases (R7).
_RECOMPUTE_LOCK = 0x5350_4245_4E43  # an arbitrary constant key for pg_advisory_xact_lock


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
    inputs = load_inputs(session, as_of)
    peers = inputs.peers
    hashes = organization_hashes(peers.ids)
    previous = _latest_releases(session, as_of)
    report = RecomputeReport(as_of=as_of, organizations=len(peers.ids))
    report.seconds["load"] += time.perf_counter() - clock
    policy = disclosure_policy()
    rows, band_rows, published, released_all = [], [], [], {}
    clock = time.perf_counter()
    bands_of_peers = bands.peer_bands(inputs)
    report.seconds["compute"] += time.perf_counter() - clock
    for metric in METRICS:
        member_idx, values = inputs.metrics[metric.key].member_idx, inputs.metrics[metric.key].values
        clock, cpu = time.perf_counter(), time.thread_time()
        stats = cohort_figures(peers, member_idx, values)
        report.seconds["compute"] += time.perf_counter() - clock
        report.compute_cpu_seconds += time.thread_time() - cpu
        clock = time.perf_counter()
        sketches = cohort_sketches(peers, member_idx, hashes[member_idx])
        figures = [disclosure.CohortFigures(s.cohort, s.n, s.knots, sketches[s.cohort],
                                            previous.get((metric.key, s.cohort))) for s in stats]
        # The bands of certification rate are cohorts of this metric too: one audit for all of them.
        band = bands.band_figures(inputs, bands_of_peers, hashes, metric.key, previous)
        band_counts = [f.n for f in band.figures] if band else []
        logged = _logged_releases(session, metric.key, [f.n for f in figures] + band_counts, policy.min_peers)
        releases = disclosure.decide(metric, figures, logged, policy)
        released_all[metric.key] = releases[ALL]
        band_releases = bands.decide_bands(metric, band, logged, figures, releases, policy) if band else {}
        report.seconds["audit"] += time.perf_counter() - clock
        clock = time.perf_counter()
        rows.extend(_rows(metric, as_of, now, stats, releases))
        published.extend(_log_rows(metric, as_of, now, figures, releases))
        if band:
            band_rows.extend(_band_rows(metric, as_of, now, band.figures, band_releases))
            published.extend(_log_rows(metric, as_of, now, band.figures, band_releases))
        report.seconds["write"] += time.perf_counter() - clock
    clock = time.perf_counter()
    ranks, codes = customer_ranks(peers, inputs.metrics, released_all)
    report.seconds["ranks"] += time.perf_counter() - clock
    clock = time.perf_counter()
    session.execute(delete(PeerBenchmark).where(PeerBenchmark.as_of == as_of))
    session.execute(delete(TrainingHealthBand).where(TrainingHealthBand.as_of == as_of))
    for table, batch in ((PeerBenchmark, rows), (TrainingHealthBand, band_rows), (BenchmarkRelease, published)):
        for start in range(0, len(batch), 1000):
            session.execute(insert(table), batch[start:start + 1000])
    report.customer_ranks_written = store_customer_ranks(session, as_of, peers, ranks, codes)
    session.flush()
    report.seconds["write"] += time.perf_counter() - clock
    for row in rows:
        setattr(report, row["status"], getattr(report, row["status"]) + 1)
    report.rows_written = len(rows)
    report.band_rows_written = len(band_rows)
    return report


def _serialize_recomputes(session: Session) -> None:
    """One recompute at a time. SQLite transactions already start with BEGIN IMMEDIATE."""
    if session.connection().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _RECOMPUTE_LOCK})


def cohort_figures(peers: Peers, member_idx: np.ndarray, values: np.ndarray) -> list[CohortStats]:
    """Statistics for every cohort of the three partitions; the members come grouped by cell."""
    sizes = len(SIZE_COHORTS)
    cells = np.arange(len(INDUSTRY_COHORTS) * sizes)
    partitions = (((ALL,), np.zeros(len(cells), dtype=np.int64)), (INDUSTRY_COHORTS, cells // sizes),
                  (SIZE_COHORTS, cells % sizes))
    bounds = np.searchsorted(member_idx, peers.cell_bounds)
    all_stats = partition_stats(values, bounds, [grouping for _, grouping in partitions])
    result = []
    for (cohorts, _), stats in zip(partitions, all_stats):
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


def _band_rows(metric: Metric, as_of: date, now: datetime, figures, releases) -> list[dict]:
    """What the training-and-health comparison shows for each band (released numbers only)."""
    rows = []
    for fig in figures:
        release = releases[fig.cohort]
        row = {name: release.released.get(name) for name in RELEASED}
        row.update(metric=metric.key, band=fig.cohort.value, as_of=as_of, peer_count=release.peer_count,
                   status=release.status, reason=release.reason, computed_at=now)
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
