"""The dashboard's reads: per-metric bands, 90-day trends with the rank change split."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.db import session_scope
from app.domain.errors import InvalidInput, PermissionDenied
from app.models import Organization
from app.services.benchmarks import views as benchmark_views
from app.services.benchmarks.dto import HistoryPoint
from app.services.benchmarks.views import rank_change
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.services.test_benchmarks import add_orgs, add_values, recompute

DAY = NOW.date()
KNOTS = {"p10": 10.0, "p25": 20.0, "median": 30.0, "p75": 40.0, "p90": 50.0}


@pytest.fixture
def staff(db):
    vendor = make_org("Vendor", "Software", 300)
    with session_scope() as s:
        s.get(Organization, vendor.id).is_customer = False
    return {"csm": make_user("cara@vendor.test", "csm", org="Vendor"),
            "learner": make_user("lena@vendor.test", "learner", org="Vendor")}


@pytest.fixture
def peers(staff):
    """40 customers with three days of health scores; the last one is strongest and rises."""
    ids = add_orgs(40)
    for offset in (2, 1, 0):
        add_values(ids, DAY - timedelta(days=offset))
        recompute(DAY - timedelta(days=offset))
    return ids


def point(day: date, value: float, knots: dict[str, float], rank: int | None) -> HistoryPoint:
    return HistoryPoint(day, "published", knots, value, rank, "")


def test_the_rank_change_splits_into_the_customer_move_and_the_peer_move():
    yesterday = point(DAY - timedelta(days=1), 30.0, KNOTS, 50)
    # Today the customer rose to 35 while every knot rose by 5: on yesterday's knots 35 ranks 62.5 -> 63.
    today = point(DAY, 35.0, {k: v + 5 for k, v in KNOTS.items()}, 50)
    change = rank_change([yesterday, today], higher_is_better=True)
    assert (change.previous_rank, change.current_rank) == (50, 50)
    assert (change.customer_moved, change.peers_moved) == (13, -13)
    assert change.since == yesterday.as_of and change.until == today.as_of


def test_for_lower_is_better_metrics_a_falling_value_counts_as_the_customer_improving():
    yesterday = point(DAY - timedelta(days=1), 30.0, KNOTS, 50)
    today = point(DAY, 25.0, KNOTS, 62)  # 25 sits at raw 37.5, rounds to 38, mirrored to 62
    change = rank_change([yesterday, today], higher_is_better=False)
    assert change.customer_moved == 12 and change.peers_moved == 0


def test_no_rank_change_without_two_ranked_days():
    assert rank_change([point(DAY, 30.0, KNOTS, 50)], True) is None
    assert rank_change([point(DAY - timedelta(days=1), 30.0, {}, None), point(DAY, 30.0, KNOTS, 50)], True) is None
    tier_only = {"median": 30.0}  # 5-9 peers: only above/below the median, no number to subtract
    assert rank_change([point(DAY - timedelta(days=1), 30.0, tier_only, None), point(DAY, 31.0, tier_only, None)],
                       True) is None


def test_the_rank_change_spans_the_window_from_its_earliest_ranked_day():
    first = point(DAY - timedelta(days=89), 20.0, KNOTS, 25)
    gap = point(DAY - timedelta(days=40), 25.0, {}, None)
    today = point(DAY, 30.0, KNOTS, 50)  # the same knots: all of the rise is the customer's
    change = rank_change([first, gap, today], higher_is_better=True)
    assert change.since == first.as_of and (change.previous_rank, change.current_rank) == (25, 50)
    assert (change.customer_moved, change.peers_moved) == (25, 0)
    assert rank_change([first, point(DAY, 30.0, {}, None)], True) is None  # today unranked: nothing to tell


def test_trends_hold_every_metric_with_released_numbers_only(peers, staff):
    with session_scope() as s:
        trends = benchmark_views.organization_trends(session=s, viewer=staff["csm"], organization_id=peers[0],
                                                     cohort_kind="all", days=90)
    assert [t.key for t in trends] == ["health_score", "adoption_rate", "certification_rate",
                                       "tickets_per_100_users", "resolution_hours"]
    health = trends[0]
    assert [p.as_of for p in health.points] == [DAY - timedelta(days=d) for d in (2, 1, 0)]
    assert all(set(p.released) == {"p10", "p25", "median", "p75", "p90"} for p in health.points)
    assert health.change is not None and health.change.customer_moved + health.change.peers_moved == (
        health.change.current_rank - health.change.previous_rank)
    adoption = trends[1]  # no values at all: suppressed every day, no rank and no change
    assert {p.status for p in adoption.points} == {"suppressed"} and adoption.change is None


def test_trends_match_the_single_metric_history(peers, staff):
    with session_scope() as s:
        trends = benchmark_views.organization_trends(session=s, viewer=staff["csm"], organization_id=peers[3],
                                                     cohort_kind="industry")
        history = benchmark_views.organization_history(session=s, viewer=staff["csm"], organization_id=peers[3],
                                                       metric="health_score", cohort_kind="industry")
    assert trends[0].points == history


def test_trends_are_refused_to_learners_and_check_the_day_count(peers, staff):
    with session_scope() as s, pytest.raises(PermissionDenied):
        benchmark_views.organization_trends(session=s, viewer=staff["learner"], organization_id=peers[0],
                                            cohort_kind="all")
    with session_scope() as s, pytest.raises(InvalidInput):
        benchmark_views.organization_trends(session=s, viewer=staff["csm"], organization_id=peers[0],
                                            cohort_kind="all", days=0)


def test_each_metric_carries_its_own_peer_band_and_none_when_suppressed(peers, staff):
    with session_scope() as s:
        report = benchmark_views.organization_benchmarks(session=s, viewer=staff["csm"], organization_id=peers[0],
                                                         cohort_kind="all")
    by_key = {m.key: m for m in report.metrics}
    assert by_key["health_score"].peer_count_band == "20-49"
    assert by_key["adoption_rate"].status == "suppressed" and by_key["adoption_rate"].peer_count_band is None
