"""Training and health side by side: the bands of certification rate are released by the same rules
as every cohort, audited with them, and read back for one customer."""

from datetime import timedelta

import numpy as np
import pytest
from sqlmodel import select

from app.db import session_scope
from app.domain.benchmarks import disclosure
from app.domain.benchmarks.ingest import SnapshotRow
from app.domain.errors import NotFound, PermissionDenied
from app.models import BenchmarkRelease, Organization, PeerBenchmark, TrainingHealthBand
from app.services.benchmarks import metrics
from app.services.benchmarks.compute import recompute_benchmarks
from app.services.benchmarks.training_health import training_health
from app.services.dto import UserDTO
from tests.conftest import NOW
from tests.factories import make_org, make_user

DAY = NOW.date()
CSM = UserDTO(1, "cara@vendor.test", "Cara", "Tester", "csm", 1, "Vendor", True)
INDUSTRIES = ("Software", "Healthcare", "Retail")


def add_orgs(count: int, industry: str | None = None, start: int = 0) -> list[int]:
    with session_scope() as s:
        orgs = [Organization(name=f"Org {start + i:03d}", industry=industry or INDUSTRIES[i % 3],
                             employee_count=30 + 70 * (i % 4), created_at=NOW) for i in range(count)]
        s.add_all(orgs)
        s.flush()
        return [o.id for o in orgs]


def add(values: dict[int, float], metric: str, day=DAY) -> None:
    with session_scope() as s:
        metrics.upsert_snapshots(s, [SnapshotRow(i, metric, day, v) for i, v in values.items()])


def recompute(day=DAY, minutes=0):
    with session_scope() as s:
        return recompute_benchmarks(session=s, as_of=day, now=NOW + timedelta(minutes=minutes))


def bands_of(metric: str = "health_score", day=DAY) -> dict[str, TrainingHealthBand]:
    with session_scope() as s:
        rows = s.exec(select(TrainingHealthBand).where(TrainingHealthBand.metric == metric,
                                                       TrainingHealthBand.as_of == day)).all()
        return {r.band: r for r in rows}


@pytest.fixture
def four_bands(db):
    """46 customers: 12 under 25 %, 14 at 25-50 %, 3 at 50-75 % (too few), 13 at 75 % or more, and 4
    without learners; health rises with training, tickets and resolution time fall."""
    ids = add_orgs(46)
    rates = [10.0] * 12 + [40.0] * 14 + [60.0] * 3 + [90.0] * 13
    add({i: r for i, r in zip(ids, rates)}, "certification_rate")
    health = {i: 40.0 + rate / 2 + (k % 7) for k, (i, rate) in enumerate(zip(ids, rates + [50.0] * 4))}
    add(health, "health_score")
    add({i: 12.0 - rate / 10 + (k % 5) / 10 for k, (i, rate) in enumerate(zip(ids, rates + [5.0] * 4))},
        "tickets_per_100_users")
    add({i: 30.0 - rate / 5 for i, rate in zip(ids, rates + [20.0] * 4)}, "resolution_hours")
    report = recompute()
    return ids, rates, health, report


def test_each_band_releases_its_median_by_the_usual_rules(four_bands):
    ids, rates, health, report = four_bands
    rows = bands_of()
    assert set(rows) == {"0-25", "25-50", "50-75", "75-100"} and report.band_rows_written == 3 * 4
    low = [health[i] for i, r in zip(ids, rates) if r == 10.0]
    assert rows["0-25"].status == "published" and rows["0-25"].peer_count == 12
    assert rows["0-25"].median == round(float(np.median(low)))
    assert rows["0-25"].p25 is not None and rows["0-25"].p10 is None  # 12 peers: quartiles, no deciles (R2)
    assert rows["50-75"].status == "suppressed" and rows["50-75"].median is None
    assert rows["50-75"].reason == disclosure.REASON_FEW.format(min=5)
    # The dashboard's own releases are counted as before; bands are counted apart.
    assert report.rows_written == 5 * 13


def test_a_customer_sees_the_released_bands_its_own_band_and_values(four_bands):
    ids, rates, health, _ = four_bands
    with session_scope() as s:
        view = training_health(session=s, viewer=CSM, organization_id=ids[13])
    assert view.as_of == DAY and view.certification_rate == 40.0
    assert (view.band, view.band_label) == ("25-50", "25 to under 50 % certified")
    by_key = {m.key: m for m in view.metrics}
    assert list(by_key) == ["health_score", "tickets_per_100_users", "resolution_hours"]
    score = by_key["health_score"]
    assert score.value == health[ids[13]] and score.higher_is_better and score.unit == "points"
    bands = {b.key: b for b in score.bands}
    assert bands["25-50"].median == bands_of()["25-50"].median and bands["25-50"].peer_count_band == "10-19"
    withheld = bands["50-75"]
    assert (withheld.status, withheld.median, withheld.peer_count_band, withheld.released) == ("suppressed", None, None, {})
    assert "fewer than 5" in withheld.reason
    assert not by_key["resolution_hours"].higher_is_better


def test_a_customer_without_learners_has_no_band_and_says_why(four_bands):
    ids, *_ = four_bands
    with session_scope() as s:
        view = training_health(session=s, viewer=CSM, organization_id=ids[-1])
    assert view.certification_rate is None and view.band is None
    assert "no active learners" in view.band_reason
    assert all(len(m.bands) == 4 for m in view.metrics)  # the bands are still shown


def test_bands_join_the_release_log_that_every_later_audit_reads(four_bands):
    with session_scope() as s:
        logged = s.exec(select(BenchmarkRelease.metric, BenchmarkRelease.cohort_value).where(
            BenchmarkRelease.cohort_kind == "certification")).all()
    assert sorted(logged) == sorted((m, b) for m in ("health_score", "tickets_per_100_users", "resolution_hours")
                                    for b in ("0-25", "25-50", "75-100"))


def test_a_band_a_few_customers_away_from_a_dashboard_cohort_is_withheld_and_the_cohort_is_not(db):
    retail = add_orgs(10, "Retail")
    others = add_orgs(30, "Software", start=10)
    # The top band is Retail plus one customer: comparing the two medians could single that one out.
    add({i: 90.0 for i in retail + others[:1]} | {i: 10.0 for i in others[1:]}, "certification_rate")
    add({i: 50.0 + (k % 9) for k, i in enumerate(retail + others)}, "health_score")
    recompute()
    with session_scope() as s:
        shown = s.exec(select(PeerBenchmark).where(PeerBenchmark.cohort_kind == "industry",
                                                   PeerBenchmark.cohort_value == "Retail",
                                                   PeerBenchmark.metric == "health_score")).one()
    assert shown.status == "published"
    top = bands_of()["75-100"]
    assert top.status == "suppressed" and top.median is None and "differs by fewer than 5" in top.reason
    assert bands_of()["0-25"].status == "suppressed"  # and the other band is Software less that customer


def test_a_band_that_changed_by_one_customer_since_yesterday_is_held_at_yesterday(four_bands):
    ids, rates, health, _ = four_bands
    yesterday = bands_of()["0-25"]
    tomorrow = DAY + timedelta(days=1)
    # Everyone reports again; one customer's training moves it from the 25-50 % band to the lowest.
    add({i: (10.0 if i == ids[12] else r) for i, r in zip(ids, rates)}, "certification_rate", tomorrow)
    add({i: v for i, v in health.items()}, "health_score", tomorrow)
    recompute(tomorrow, minutes=1)
    today = bands_of(day=tomorrow)["0-25"]
    assert today.status == "held" and today.peer_count == yesterday.peer_count
    assert (today.p25, today.median, today.p75) == (yesterday.p25, yesterday.median, yesterday.p75)


def test_only_staff_may_read_it_and_the_customer_must_exist(four_bands):
    learner = UserDTO(9, "lena@acme.test", "Lena", "Tester", "learner", 1, "Acme", True)
    with session_scope() as s, pytest.raises(PermissionDenied):
        training_health(session=s, viewer=learner, organization_id=four_bands[0][0])
    with session_scope() as s, pytest.raises(NotFound):
        training_health(session=s, viewer=CSM, organization_id=99_999)


def test_before_any_run_with_bands_it_says_so(db):
    ids = add_orgs(1)
    with session_scope() as s:
        view = training_health(session=s, viewer=CSM, organization_id=ids[0])
    assert view.as_of is None and view.metrics == [] and "computed every night" in view.band_reason


def test_rates_come_from_the_training_data_in_the_nightly_step(db):
    """Learners without certificates give 0 % (the lowest band); an organization without learners none."""
    for name in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon"):
        make_org(name, "Software", 120)
        make_user(f"learner@{name.lower()}.test", org=name)
    without = ("Zeta", "Eta", "Theta", "Iota", "Kappa")  # enough that the band is 5 away from "all"
    for name in without:
        make_org(name, "Software", 120)
    with session_scope() as s:
        written = metrics.compute_certification_rates(session=s, as_of=DAY)
        orgs = {o.name: o.id for o in s.exec(select(Organization)).all()}
    assert written == 5
    add({orgs[n]: 60.0 + k for k, n in enumerate(("Alpha", "Beta", "Gamma", "Delta", "Epsilon", *without))},
        "health_score")
    recompute()
    with session_scope() as s:
        alpha = training_health(session=s, viewer=CSM, organization_id=orgs["Alpha"])
        zeta = training_health(session=s, viewer=CSM, organization_id=orgs["Zeta"])
    assert (alpha.certification_rate, alpha.band) == (0.0, "0-25")
    assert zeta.band is None
    lowest = next(b for b in alpha.metrics[0].bands if b.key == "0-25")
    assert lowest.status == "published" and lowest.median == 62.0 and lowest.peer_count_band == "5-9"
