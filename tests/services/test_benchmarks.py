from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest
from sqlalchemy import text
from sqlmodel import func, select

from app.db import get_engine, session_scope
from app.domain.benchmarks import disclosure
from app.domain.benchmarks.ingest import InvalidRows
from app.domain.benchmarks.ingest import SnapshotRow
from app.jobs.scheduler import build_scheduler
from app.models import JobRun, MetricSnapshot, Organization, PeerBenchmark
from app.services.benchmarks import metrics
from app.services.benchmarks.compute import recompute_benchmarks
from app.services.operations import nightly
from app.services.operations import jobs
from app.services.operations.nightly import catch_up, last_due_slot
from tests.conftest import NOW

DAY = NOW.date()
INDUSTRY_CYCLE = ["Software"] * 6 + ["Healthcare"] * 4 + ["Retail"] * 2


def add_orgs(count: int, start: int = 0) -> list[int]:
    with session_scope() as s:
        orgs = [Organization(name=f"Org {start + i:03d}", industry=INDUSTRY_CYCLE[(start + i) % len(INDUSTRY_CYCLE)],
                             employee_count=30 + 40 * ((start + i) % 5), created_at=NOW) for i in range(count)]
        s.add_all(orgs)
        s.flush()
        return [o.id for o in orgs]


def add_values(org_ids, day: date, metric: str = "health_score", base: float = 40.0) -> None:
    with session_scope() as s:
        metrics.upsert_snapshots(s, [SnapshotRow(i, metric, day, base + (i % 37)) for i in org_ids])


def recompute(day: date = DAY):
    with session_scope() as s:
        return recompute_benchmarks(session=s, as_of=day, now=NOW)


def release(cohort_kind="all", cohort_value="all", day=DAY, metric="health_score") -> PeerBenchmark:
    with session_scope() as s:
        return s.exec(select(PeerBenchmark).where(
            PeerBenchmark.metric == metric, PeerBenchmark.cohort_kind == cohort_kind,
            PeerBenchmark.cohort_value == cohort_value, PeerBenchmark.as_of == day)).one()


def test_recompute_stores_one_release_per_metric_and_cohort_and_keeps_history(db):
    ids = add_orgs(60)
    add_values(ids, DAY - timedelta(days=1))
    add_values(ids, DAY)
    recompute(DAY - timedelta(days=1))
    report = recompute(DAY)
    assert report.rows_written == 5 * 13 and report.organizations == 60
    everyone = release()
    assert everyone.status == "published" and everyone.peer_count == 60
    values = np.array([40.0 + (i % 37) for i in ids])
    assert everyone.median == round(np.percentile(values, 50))
    assert everyone.p10 == round(np.percentile(values, 10))
    with session_scope() as s:
        assert s.exec(select(func.count(PeerBenchmark.id))).one() == 2 * 5 * 13
    assert release("industry", "Retail").status == "published"  # 10 peers
    assert release(metric="adoption_rate").status == "suppressed"  # no values at all


def test_the_latest_value_within_seven_days_counts(db):
    ids = add_orgs(10)
    add_values(ids[:5], DAY - timedelta(days=6), base=10)
    add_values(ids[5:], DAY - timedelta(days=7), base=90)  # too old: excluded
    add_values(ids[:5], DAY - timedelta(days=2), base=20)  # newer than the day-6 values
    recompute()
    assert release().peer_count == 5 and release().median == round(np.median([20.0 + (i % 37) for i in ids[:5]]))


def test_a_rerun_replaces_the_day_and_a_failure_half_way_keeps_the_previous_release(db, monkeypatch):
    ids = add_orgs(30)
    add_values(ids, DAY)
    recompute()
    before = release().median
    add_values(ids, DAY, base=60)
    calls = {"n": 0}
    real_decide = disclosure.decide

    def failing_decide(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("power cut")
        return real_decide(*args, **kwargs)

    monkeypatch.setattr(disclosure, "decide", failing_decide)
    with pytest.raises(RuntimeError):
        recompute()
    assert release().median == before
    monkeypatch.setattr(disclosure, "decide", real_decide)
    recompute()
    assert release().median == before + 20
    with session_scope() as s:
        assert s.exec(select(func.count(PeerBenchmark.id)).where(PeerBenchmark.as_of == DAY)).one() == 65


def test_one_newcomer_holds_the_cohort_at_its_last_release(db):
    ids = add_orgs(30)
    add_values(ids, DAY - timedelta(days=1))
    recompute(DAY - timedelta(days=1))
    newcomer = add_orgs(1, start=30)
    add_values(ids, DAY)
    add_values(newcomer, DAY, base=99)
    recompute(DAY)
    today, yesterday = release(), release(day=DAY - timedelta(days=1))
    assert today.status == "held" and (today.median, today.p25) == (yesterday.median, yesterday.p25)
    assert today.peer_count == yesterday.peer_count
    # Six more join (7 changes against the held reference): new numbers are published.
    add_values(add_orgs(6, start=31), DAY + timedelta(days=1))
    add_values(ids + newcomer, DAY + timedelta(days=1))
    recompute(DAY + timedelta(days=1))
    assert release(day=DAY + timedelta(days=1)).status == "published"


def test_min_and_max_are_stored_but_never_in_the_released_columns(db):
    ids = add_orgs(25)
    add_values(ids, DAY)
    recompute()
    row = release()
    values = [40.0 + (i % 37) for i in ids]
    assert row.min == min(values) and row.max == max(values)
    from app.domain.benchmarks.disclosure import released_values

    assert set(released_values(row)) == {"p10", "p25", "median", "p75", "p90"}


def test_certification_rate_is_computed_from_learners_and_certificates(db):
    from tests.factories import make_org, make_user
    from tests.services.test_certificates import issue, pass_all
    from tests.training_fixtures import make_track

    make_org("Acme Health")
    make_org("Empty Org", "Retail", 10)
    track_id, keys = make_track()
    lena = make_user("lena@acme.test")
    make_user("otto@acme.test")
    pass_all(lena.id, keys)
    issue(lena, track_id)
    with session_scope() as s:
        assert metrics.compute_certification_rates(session=s, as_of=DAY) == 1
        rates = s.exec(select(MetricSnapshot.value).where(MetricSnapshot.metric == "certification_rate")).all()
    assert rates == [50.0]


def test_import_is_all_or_nothing_and_upserts(db):
    ids = add_orgs(2)
    good = {"organization_id": ids[0], "metric": "health_score", "as_of": "2026-06-01", "value": 70}
    with session_scope() as s:
        metrics.import_snapshots(session=s, actor=None, rows=[good], now=NOW)
    with pytest.raises(InvalidRows), session_scope() as s:
        metrics.import_snapshots(session=s, actor=None, now=NOW,
                                 rows=[good | {"value": 75}, {**good, "organization_id": 999}])
    with session_scope() as s:
        assert s.exec(select(MetricSnapshot.value)).all() == [70.0]
        metrics.import_snapshots(session=s, actor=None, rows=[good | {"value": 75}], now=NOW)
    with session_scope() as s:
        assert s.exec(select(MetricSnapshot.value)).all() == [75.0]


@pytest.mark.skipif(not get_engine().dialect.name == "postgresql", reason="compares with PostgreSQL's percentile_cont")
def test_quantiles_equal_postgresql_percentile_cont(db):
    ids = add_orgs(40)
    add_values(ids, DAY)
    with session_scope() as s:
        pg = s.execute(text(
            "SELECT percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY value) "
            "FROM metric_snapshot WHERE metric = 'health_score'")).scalar_one()
    from app.domain.benchmarks.quantiles import partition_stats

    values = np.array([40.0 + (i % 37) for i in ids])
    ours = partition_stats(values, np.array([0, len(values)]), [np.zeros(1, dtype=np.int64)])[0].quantiles[0]
    assert list(ours) == pytest.approx(pg)


def test_concurrent_workers_run_the_nightly_job_once_per_slot(db):
    ids = add_orgs(12)
    add_values(ids, DAY)
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(lambda _: nightly.run_nightly(now=NOW, as_of=DAY), range(4)))
    finished = [r for r in runs if r is not None]
    assert len(finished) == 1 and finished[0].status == "succeeded"
    with session_scope() as s:
        assert s.exec(select(func.count(JobRun.id))).one() == 1
    assert nightly.run_nightly(now=NOW + timedelta(hours=1), as_of=DAY) is None


def test_a_failed_or_abandoned_run_is_taken_over(db):
    with session_scope() as s:
        s.add(JobRun(job=nightly.JOB, slot="2026-06-14", started_at=NOW - timedelta(hours=5), status="running"))
        s.add(JobRun(job=nightly.JOB, slot="2026-06-13", started_at=NOW - timedelta(hours=1), status="failed"))
        s.add(JobRun(job=nightly.JOB, slot="2026-06-12", started_at=NOW - timedelta(minutes=5), status="running"))
    with session_scope() as s:
        assert jobs.claim_slot(session=s, job=nightly.JOB, slot="2026-06-14", now=NOW) is not None
        assert jobs.claim_slot(session=s, job=nightly.JOB, slot="2026-06-13", now=NOW) is not None
        assert jobs.claim_slot(session=s, job=nightly.JOB, slot="2026-06-12", now=NOW) is None


def test_a_slot_missed_while_down_runs_at_start_up(db):
    ids = add_orgs(12)
    add_values(ids, DAY)
    start_up = datetime.combine(DAY, datetime.min.time(), tzinfo=timezone.utc) + timedelta(hours=9)
    catch_up(start_up)
    with session_scope() as s:
        assert s.exec(select(JobRun.slot, JobRun.status)).all() == [(DAY.isoformat(), "succeeded")]
    catch_up(start_up + timedelta(minutes=5))  # already done: nothing new
    with session_scope() as s:
        assert s.exec(select(func.count(JobRun.id))).one() == 1


def test_start_up_runs_every_missed_day_in_order_and_each_is_audited_against_the_days_before(db):
    ids = add_orgs(30)
    last_night = DAY - timedelta(days=4)
    for offset in range(5):
        add_values(ids[:20] if offset < 2 else ids, last_night + timedelta(days=offset))
    with session_scope() as s:
        s.add(JobRun(job=nightly.JOB, slot=last_night.isoformat(), started_at=NOW, status="succeeded"))
        s.add(JobRun(job=nightly.JOB, slot="manual-2026-06-14T09:00:00Z-abcd", started_at=NOW, status="succeeded"))
    start_up = datetime.combine(DAY, datetime.min.time(), tzinfo=timezone.utc) + timedelta(hours=9)
    catch_up(start_up)
    with session_scope() as s:
        runs = s.exec(select(JobRun.slot).where(JobRun.status == "succeeded", JobRun.slot.not_like("manual-%"))
                      .order_by(JobRun.id)).all()
    assert runs == [(last_night + timedelta(days=k)).isoformat() for k in range(5)]
    # Run in order: the day ten organizations joined is published, the following days keep it.
    assert release(day=DAY - timedelta(days=2)).status == "published"
    assert release(day=DAY).peer_count == 30


def test_missed_days_are_counted_from_the_last_scheduled_run_and_capped():
    assert nightly.missed_days(last_done=None, due=DAY) == [DAY]
    assert nightly.missed_days(last_done=DAY, due=DAY) == []
    assert nightly.missed_days(last_done=DAY - timedelta(days=3), due=DAY) == [DAY - timedelta(days=k) for k in (2, 1, 0)]
    long_ago = nightly.missed_days(last_done=DAY - timedelta(days=400), due=DAY)
    assert len(long_ago) == nightly.CATCH_UP_DAYS and long_ago[-1] == DAY


def test_scheduler_slot_arithmetic_and_job_settings():
    at_one = datetime(2026, 6, 15, 1, 0, tzinfo=timezone.utc)
    assert last_due_slot(at_one, 2, 0) == date(2026, 6, 14)
    assert last_due_slot(at_one + timedelta(hours=1), 2, 0) == date(2026, 6, 15)
    job = build_scheduler().get_job(nightly.JOB)
    assert job.coalesce and job.misfire_grace_time == 3600 and job.max_instances == 1
    assert str(job.trigger).startswith("cron[") and "hour='2'" in str(job.trigger)
