"""What CSMs read: released benchmarks only, with one organization's value and rank."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, func, select

from app.domain.accounts import STAFF_ROLES
from app.domain.benchmarks.cohorts import COHORTS, Cohort, cohort_for, peer_count_band
from app.domain.benchmarks.disclosure import RELEASED_NUMBERS, released_values
from app.domain.benchmarks.metrics import METRICS, METRICS_BY_KEY
from app.domain.benchmarks.rank import percentile_rank
from app.domain.errors import InvalidInput, NotFound, PermissionDenied
from app.domain.organizations import size_range_for
from app.models import MetricSnapshot, Organization, PeerBenchmark
from app.services.benchmarks.dto import (
    CohortView,
    HistoryPoint,
    MetricBenchmark,
    MetricTrend,
    OrganizationBenchmarks,
    RankChange,
)
from app.services.benchmarks.policy import value_window
from app.services.dto import UserDTO

RELEASED_COLUMNS = (PeerBenchmark.metric, PeerBenchmark.as_of, PeerBenchmark.peer_count, PeerBenchmark.status,
                    PeerBenchmark.reason, *(getattr(PeerBenchmark, name) for name in RELEASED_NUMBERS))


def _require_staff(viewer: UserDTO) -> None:
    if viewer.role not in STAFF_ROLES:
        raise PermissionDenied("Peer benchmarks are for customer success managers and admins.")


def latest_as_of(session: Session) -> date | None:
    return session.exec(select(func.max(PeerBenchmark.as_of))).one()


def list_cohorts(*, session: Session, viewer: UserDTO) -> list[CohortView]:
    _require_staff(viewer)
    orgs = session.exec(
        select(Organization.industry, Organization.employee_count).where(Organization.is_active, Organization.is_customer)
    ).all()
    counts = {c: 0 for c in COHORTS}
    for industry, employees in orgs:
        for kind in ("all", "industry", "size"):
            counts[cohort_for(kind, industry, employees)] += 1
    as_of = latest_as_of(session)
    return [CohortView(c.kind, c.value, c.label, peer_count_band(counts[c]), as_of) for c in COHORTS]


def _organization(session: Session, organization_id: int) -> Organization:
    org = session.get(Organization, organization_id)
    if org is None:
        raise NotFound(f"No organization with id {organization_id}.")
    return org


def _releases(session: Session, cohort: Cohort, days: list[date], metric: str | None = None) -> dict:
    query = select(*RELEASED_COLUMNS).where(
        PeerBenchmark.cohort_kind == cohort.kind, PeerBenchmark.cohort_value == cohort.value,
        PeerBenchmark.as_of.in_(days),
    )
    if metric:
        query = query.where(PeerBenchmark.metric == metric)
    return {(row.metric, row.as_of): row for row in session.exec(query).all()}


def _values(session: Session, organization_id: int, metric: str | None, start: date, end: date) -> dict:
    query = select(MetricSnapshot.metric, MetricSnapshot.as_of, MetricSnapshot.value).where(
        MetricSnapshot.organization_id == organization_id, MetricSnapshot.as_of >= start, MetricSnapshot.as_of <= end)
    if metric:
        query = query.where(MetricSnapshot.metric == metric)
    series: dict[str, list[tuple[date, float]]] = {}
    for key, day, value in session.exec(query.order_by(MetricSnapshot.as_of)).all():
        series.setdefault(key, []).append((day, value))
    return series


def _metric_view(metric_key: str, row, value: float | None) -> MetricBenchmark:
    metric = METRICS_BY_KEY[metric_key]
    if row is None:
        status, reason, released = "no_release", "no benchmark was computed for this day", {}
    else:
        status, reason, released = row.status, row.reason or None, released_values(row)
    rank = percentile_rank(value, released, metric.higher_is_better) if status != "suppressed" else None
    band = peer_count_band(row.peer_count) if row is not None and status != "suppressed" else None
    return MetricBenchmark(metric.key, metric.label, metric.unit, metric.higher_is_better, value,
                           rank.rank if rank else None, rank.label if rank else "not shown", released, status, reason,
                           band)


def organization_benchmarks(
    *, session: Session, viewer: UserDTO, organization_id: int, cohort_kind: str, as_of: date | None = None
) -> OrganizationBenchmarks:
    _require_staff(viewer)
    org = _organization(session, organization_id)
    cohort = cohort_for(cohort_kind, org.industry, org.employee_count)
    as_of = as_of or latest_as_of(session)
    if as_of is None:
        raise NotFound("No benchmarks have been computed yet. They are computed every night; an admin can also "
                       "start the computation now (POST /api/benchmarks/recompute).")
    releases = _releases(session, cohort, [as_of])
    window = value_window()  # each organization's latest value within it, as the nightly job compares
    series = _values(session, organization_id, None, window.start(as_of), as_of)
    metrics = [_metric_view(m.key, releases.get((m.key, as_of)), window.latest(series.get(m.key, []), as_of))
               for m in METRICS]
    counts = [r.peer_count for r in releases.values() if r.status != "suppressed"]
    return OrganizationBenchmarks(
        organization={"id": org.id, "name": org.name, "industry": org.industry,
                      "size_range": size_range_for(org.employee_count).key},
        cohort={"kind": cohort.kind, "value": cohort.value, "label": cohort.label,
                "peer_count_band": peer_count_band(max(counts)) if counts else None},
        as_of=as_of,
        metrics=metrics,
    )


def organization_history(
    *, session: Session, viewer: UserDTO, organization_id: int, metric: str, cohort_kind: str, days: int = 90
) -> list[HistoryPoint]:
    _require_staff(viewer)
    if metric not in METRICS_BY_KEY:
        raise InvalidInput("metric", f"Unknown metric {metric!r}; choose one of: {', '.join(METRICS_BY_KEY)}.")
    return _history(session, organization_id, cohort_kind, days, metric).get(metric, [])


def organization_trends(
    *, session: Session, viewer: UserDTO, organization_id: int, cohort_kind: str, days: int = 90
) -> list[MetricTrend]:
    """Every metric's released history, read in two queries, with the rank change over the window split."""
    _require_staff(viewer)
    history = _history(session, organization_id, cohort_kind, days, None)
    return [MetricTrend(m.key, m.label, m.unit, m.higher_is_better, history.get(m.key, []),
                        rank_change(history.get(m.key, []), m.higher_is_better)) for m in METRICS]


def _history(session: Session, organization_id: int, cohort_kind: str, days: int,
             metric: str | None) -> dict[str, list[HistoryPoint]]:
    if not 1 <= days <= 366:
        raise InvalidInput("days", "days must be between 1 and 366.")
    org = _organization(session, organization_id)
    cohort = cohort_for(cohort_kind, org.industry, org.employee_count)
    end = latest_as_of(session)
    if end is None:
        return {}
    day_list = [end - timedelta(days=i) for i in range(days - 1, -1, -1)]
    releases = _releases(session, cohort, day_list, metric)
    window = value_window()
    series = _values(session, organization_id, metric, window.start(day_list[0]), end)
    history: dict[str, list[HistoryPoint]] = {}
    for key in [metric] if metric else [m.key for m in METRICS]:
        for day in day_list:
            row = releases.get((key, day))
            if row is None:
                continue
            view = _metric_view(key, row, window.latest(series.get(key, []), day))
            history.setdefault(key, []).append(
                HistoryPoint(day, view.status, view.released, view.value, view.rank, view.rank_label))
    return history


def rank_change(points: list[HistoryPoint], higher_is_better: bool) -> RankChange | None:
    """Split the rank change over the window into the customer's move and the peers' move.

    From the earliest ranked day to the latest day: the latest value placed on the earliest
    day's knots isolates the customer's own change; the rest of the change comes from the
    released knots moving. None when the latest day or no earlier day has a rank.
    """
    if len(points) < 2 or points[-1].rank is None:
        return None
    now = points[-1]
    before = next((p for p in points[:-1] if p.rank is not None), None)
    if before is None:
        return None
    bridge = percentile_rank(now.value, before.released, higher_is_better).rank
    if bridge is None:
        return None
    return RankChange(before.as_of, now.as_of, before.rank, now.rank, bridge - before.rank, now.rank - bridge)
