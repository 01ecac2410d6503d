"""The ranks the nightly run stores are the ones the dashboard computes with the rank function."""

from datetime import timedelta

import numpy as np
from sqlmodel import func, select

from app.db import session_scope
from app.domain.benchmarks.ingest import SnapshotRow
from app.domain.benchmarks.metrics import METRICS
from app.domain.benchmarks.ranks import NO_RANK, label_text, weakest
from app.domain.benchmarks.zones import zone_for
from app.models import CustomerRank, Organization
from app.services.benchmarks import customer_list, snapshots, views as benchmark_views
from app.services.benchmarks.compute import recompute_benchmarks
from tests.conftest import NOW
from tests.factories import make_org, make_user

DAY = NOW.date()


def _customers(count: int) -> list[int]:
    with session_scope() as s:
        orgs = [Organization(name=f"Customer {i:03d}", industry=("Software", "Retail", "Healthcare", "Energy")[i % 4],
                             employee_count=(20, 120, 600, 5000)[i % 4] + i, created_at=NOW) for i in range(count)]
        s.add_all(orgs)
        s.flush()
        return [o.id for o in orgs]


def _values(ids: list[int], day, rng) -> None:
    rows = []
    for org in ids:
        for m in METRICS:
            if rng.random() < 0.85:
                # Whole numbers, so some values land exactly on a knot.
                rows.append(SnapshotRow(org, m.key, day, float(rng.integers(0, 60))))
    with session_scope() as s:
        snapshots.upsert_snapshots(s, rows)


def _recompute(day):
    with session_scope() as s:
        return recompute_benchmarks(session=s, as_of=day, now=NOW)


def _stored() -> dict[int, CustomerRank]:
    with session_scope() as s:
        return {r.organization_id: r for r in s.exec(select(CustomerRank)).all()}


def _row_arrays(row: CustomerRank) -> tuple[np.ndarray, np.ndarray]:
    ranks = [getattr(row, f"{m.key}_rank") for m in METRICS]
    return (np.array([[NO_RANK if r is None else r for r in ranks]], dtype=np.int16),
            np.array([[getattr(row, f"{m.key}_label") for m in METRICS]], dtype=np.int8))


def test_stored_ranks_and_weakest_metric_equal_the_dashboards(db):
    rng = np.random.default_rng(8)
    make_org("Vendor", "Software", 300)
    with session_scope() as s:
        s.exec(select(Organization).where(Organization.name == "Vendor")).one().is_customer = False
    csm = make_user("cara@vendor.test", "csm", org="Vendor")
    ids = _customers(60)  # 15 in Energy: a cohort too small for deciles
    _values(ids, DAY - timedelta(days=2), rng)
    _values(ids[:40], DAY, rng)
    report = _recompute(DAY)
    stored = _stored()
    assert report.customer_ranks_written == 60 and set(stored) == set(ids)
    with session_scope() as s:
        listed = {o.id: o for o in customer_list.list_customers(session=s, viewer=csm, page_size=100).items}
        for org in ids:
            row = stored[org]
            assert row.as_of == DAY
            shown = benchmark_views.organization_benchmarks(session=s, viewer=csm, organization_id=org,
                                                            cohort_kind="all")
            chips = listed[org].ranks  # what the customer list shows
            for metric, chip in zip(shown.metrics, chips, strict=True):
                rank = getattr(row, f"{metric.key}_rank")
                assert (rank, label_text(getattr(row, f"{metric.key}_label"), rank)) == (metric.rank, metric.rank_label)
                assert (chip.metric, chip.rank, chip.rank_label) == (metric.key, metric.rank, metric.rank_label)
                assert chip.zone == zone_for(metric.rank, metric.rank_label).key
            _, rank, _ = weakest(*_row_arrays(row))
            ranked = [m.rank for m in shown.metrics if m.rank is not None]
            assert row.weakest_rank == (None if rank[0] == NO_RANK else int(rank[0])) == (min(ranked) if ranked else None)


def test_a_suppressed_cohort_shows_no_rank(db):
    ids = _customers(3)  # fewer than 5 customers: everything is suppressed
    _values(ids, DAY, np.random.default_rng(1))
    _recompute(DAY)
    rows = _stored().values()
    assert {r.health_score_rank for r in rows} == {None}
    assert {label_text(r.health_score_label, None) for r in rows} == {"not shown"}


def test_an_earlier_day_leaves_the_latest_ranks_and_a_later_day_replaces_them(db):
    rng = np.random.default_rng(2)
    ids = _customers(30)
    for back in (3, 1, 0):
        _values(ids, DAY - timedelta(days=back), rng)
    _recompute(DAY - timedelta(days=1))
    _recompute(DAY)
    before = {org: (r.as_of, r.health_score_rank) for org, r in _stored().items()}
    assert _recompute(DAY - timedelta(days=3)).customer_ranks_written == 0  # a backfill
    assert {org: (r.as_of, r.health_score_rank) for org, r in _stored().items()} == before
    with session_scope() as s:
        s.get(Organization, ids[0]).is_active = False
    _values(ids, DAY + timedelta(days=1), rng)
    assert _recompute(DAY + timedelta(days=1)).customer_ranks_written == 29
    with session_scope() as s:
        assert s.exec(select(func.count()).select_from(CustomerRank)).one() == 29
        assert s.exec(select(func.min(CustomerRank.as_of))).one() == DAY + timedelta(days=1)
