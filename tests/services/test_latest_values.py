"""metric_latest stays equal to the history on every ingestion path, and the nightly inputs equal
the straightforward window computation, from metric_latest and from the history alike."""

from datetime import date, timedelta
from pathlib import Path

import numpy as np
from sqlmodel import select

from app import cli, demo
from app.db import session_scope
from app.domain.benchmarks.ingest import SnapshotRow
from app.domain.benchmarks.metrics import METRICS
from app.models import LatestMetricValues, MetricSnapshot, Organization
from app.services.benchmarks import metrics, snapshots
from app.services.benchmarks.inputs import load_inputs
from app.settings import get_settings
from tests.conftest import NOW
from tests.factories import make_org

DAY = NOW.date()


def _latest_table(session) -> dict[tuple[int, str], tuple[date, float]]:
    found = {}
    for row in session.exec(select(LatestMetricValues)).all():
        for m in METRICS:
            if getattr(row, f"{m.key}_as_of") is not None:
                found[(row.organization_id, m.key)] = (getattr(row, f"{m.key}_as_of"), getattr(row, m.key))
    return found


def _latest_in_history(session, until: date | None = None, since: date | None = None) -> dict:
    """The straightforward way: every snapshot, the latest per organization and metric."""
    latest = {}
    for s in session.exec(select(MetricSnapshot)).all():
        if (until is None or s.as_of <= until) and (since is None or s.as_of > since):
            key = (s.organization_id, s.metric)
            if key not in latest or s.as_of > latest[key][0]:
                latest[key] = (s.as_of, s.value)
    return latest


def assert_latest_matches_history() -> None:
    with session_scope() as s:
        assert _latest_table(s) == _latest_in_history(s)


def _orgs(count: int) -> list[int]:
    with session_scope() as s:
        orgs = [Organization(name=f"Org {i:03d}", industry=("Software", "Retail", "Healthcare")[i % 3],
                             employee_count=20 + 70 * (i % 6), created_at=NOW) for i in range(count)]
        s.add_all(orgs)
        s.flush()
        return [o.id for o in orgs]


def _store(rows) -> None:
    with session_scope() as s:
        metrics.import_snapshots(session=s, actor=None, rows=rows, now=NOW)


def test_a_newer_day_replaces_the_latest_value_an_older_one_does_not_the_same_day_updates_it(db):
    org = _orgs(1)[0]
    row = {"organization_id": org, "metric": "health_score"}
    _store([row | {"as_of": DAY - timedelta(days=2), "value": 50}])
    _store([row | {"as_of": DAY, "value": 60}, {**row, "metric": "adoption_rate", "as_of": DAY, "value": 7}])
    _store([row | {"as_of": DAY - timedelta(days=1), "value": 55}])  # arrives late
    with session_scope() as s:
        assert _latest_table(s)[(org, "health_score")] == (DAY, 60.0)
    _store([row | {"as_of": DAY, "value": 61}])  # a correction of the same day
    with session_scope() as s:
        latest = _latest_table(s)
    assert latest[(org, "health_score")] == (DAY, 61.0) and latest[(org, "adoption_rate")] == (DAY, 7.0)
    assert_latest_matches_history()


def test_csv_imports_keep_the_latest_values(db, tmp_path: Path, capsys):
    make_org("Vendor", "Software", 300)
    make_org("Acme Health")
    csv_file = tmp_path / "metrics.csv"
    csv_file.write_text("organization_name,metric,as_of,value\n"
                        f"Acme Health,health_score,{DAY},71\nAcme Health,health_score,{DAY - timedelta(days=4)},65\n"
                        f"Vendor,resolution_hours,{DAY - timedelta(days=1)},12.5\n")
    assert cli.main(["import-metrics", str(csv_file)]) == 0
    assert_latest_matches_history()


def test_the_nightly_certification_rate_and_demo_data_keep_the_latest_values(db):
    with session_scope() as s:
        demo.seed_demo(session=s, organizations=30, seed=2, now=NOW)  # computes certification rates too
    with session_scope() as s:
        assert metrics.compute_certification_rates(session=s, as_of=DAY + timedelta(days=1)) > 0
        assert any(metric == "certification_rate" for _, metric in _latest_table(s))
    assert_latest_matches_history()


def test_the_benchmark_fill_keeps_the_latest_values(db):
    from tools.synthetic import fill

    fill(300, 12, DAY)
    assert_latest_matches_history()


def _window_values(until: date) -> dict[str, dict[int, float]]:
    """Each active customer's latest value per metric within the window ending at ``until``."""
    start = until - timedelta(days=get_settings().benchmark_window_days)
    with session_scope() as s:
        peers = {o.id for o in s.exec(select(Organization).where(Organization.is_active, Organization.is_customer))}
        latest = _latest_in_history(s, until=until, since=start)
    expected = {m.key: {} for m in METRICS}
    for (org, metric), (_, value) in latest.items():
        if org in peers:
            expected[metric][org] = value
    return expected


def _loaded(day: date) -> tuple[dict[str, dict[int, float]], set[bool]]:
    with session_scope() as s:
        inputs = load_inputs(s, day)
    values = {key: dict(zip(inputs.peers.ids[v.member_idx].tolist(), v.values.tolist()))
              for key, v in inputs.metrics.items()}
    return values, {v.from_history for v in inputs.metrics.values()}


def test_inputs_equal_the_window_computation_today_from_metric_latest_and_earlier_from_the_history(db):
    ids = _orgs(40)
    rng = np.random.default_rng(4)
    rows = [SnapshotRow(org, m.key, DAY - timedelta(days=d), float(rng.integers(0, 100)))
            for org in ids for m in METRICS for d in range(12) if rng.random() > 0.3 and (org % 7 or d > 8)]
    with session_scope() as s:
        snapshots.upsert_snapshots(s, rows)
        s.get(Organization, ids[0]).is_active = False
        s.get(Organization, ids[1]).is_customer = False
    today, sources = _loaded(DAY)
    assert today == _window_values(DAY) and sources == {False}
    for back in (1, 3, 8):
        earlier, sources = _loaded(DAY - timedelta(days=back))
        assert earlier == _window_values(DAY - timedelta(days=back)) and sources == {True}
    later, sources = _loaded(DAY + timedelta(days=5))  # the window has moved past most values
    assert later == _window_values(DAY + timedelta(days=5)) and sources == {False}


def test_only_the_snapshots_service_writes_snapshots_or_latest_values():
    """Every other writer would leave metric_latest behind the history."""
    root = Path(__file__).resolve().parents[2] / "app"
    allowed = {root / "services" / "benchmarks" / "snapshots.py", root / "models" / "benchmarks.py"}
    patterns = ("MetricSnapshot(", "LatestMetricValues(", "insert(MetricSnapshot", "insert(LatestMetricValues", "MetricSnapshot.__table__",
                "LatestMetricValues.__table__", "metric_snapshot (", "metric_latest (", "INTO metric_snapshot",
                "INTO metric_latest", "UPDATE metric_latest", "UPDATE metric_snapshot", "delete(MetricSnapshot",
                "delete(LatestMetricValues")
    offenders = [f"{path.relative_to(root.parent)}: {p}" for path in root.rglob("*.py") if path not in allowed
                 for p in patterns if p in path.read_text()]
    assert offenders == []
