"""Disclosure control, with a reproduction of each known attack and proof it is blocked."""

import numpy as np
import pytest

from app.domain.benchmarks.cohorts import ALL, SIZE_COHORTS, Cohort
from app.domain.benchmarks.disclosure import CohortFigures, DisclosurePolicy, LoggedRelease, Release, decide, round_to
from app.domain.benchmarks.metrics import METRICS_BY_KEY
from app.domain.benchmarks.sketch import group_sketches, organization_hashes

HEALTH = METRICS_BY_KEY["health_score"]  # bounded 0-100, resolution 1
TICKETS = METRICS_BY_KEY["tickets_per_100_users"]  # unbounded, resolution 0.1
SOFTWARE, HEALTHCARE, ENERGY, RETAIL = (Cohort("industry", n) for n in ("Software", "Healthcare", "Energy", "Retail"))
SMALL, MID = SIZE_COHORTS[0], SIZE_COHORTS[1]


def figures(cohort: Cohort, members: dict[int, float], previous: Release | None = None) -> CohortFigures:
    """A cohort's figures from its members (organization id -> value)."""
    ids = np.array(sorted(members), dtype=np.int64)
    values = np.sort(np.array([members[i] for i in ids], dtype=float))
    sketch = group_sketches(organization_hashes(ids), np.zeros(len(ids), dtype=np.int8), 1)[0]
    knots = tuple(np.percentile(values, [10, 25, 50, 75, 90])) if len(values) else (float("nan"),) * 5
    return CohortFigures(cohort, len(ids), knots, sketch, previous)


def orgs(values, start: int = 1) -> dict[int, float]:
    return {start + i: float(v) for i, v in enumerate(values)}


def logged(*figs: CohortFigures) -> list[LoggedRelease]:
    return [LoggedRelease(f.cohort, f.sketch) for f in figs]


def test_attack_five_peers_quartiles_and_extremes_would_be_the_five_values():
    values = [12, 40, 55, 71, 98]
    # Unprotected, min/p25/median/p75/max of 5 values ARE the values.
    assert list(np.percentile(values, [0, 25, 50, 75, 100])) == values
    release = decide(HEALTH, [figures(ALL, orgs(values))])[ALL]
    assert release.status == "published"
    assert set(release.released) == {"median"}  # no p25/p75, no p10/p90, never min/max or a mean


def test_attack_all_minus_one_industry_isolates_one_customer():
    software = orgs(50 + i for i in range(20))
    lone = {100: 99.0}
    releases = decide(HEALTH, [figures(ALL, software | lone), figures(SOFTWARE, software), figures(ENERGY, lone)])
    assert releases[SOFTWARE].status == "suppressed" and "outside this cohort" in releases[SOFTWARE].reason
    assert releases[ENERGY].status == "suppressed"
    assert releases[ALL].status == "published"


def test_attack_overlapping_cohorts_an_industry_one_organization_larger_than_a_size_range():
    # Healthcare = every 1-50 customer plus one 51-200 customer: comparing the two releases singles it out.
    small = orgs(range(40, 60))
    outsider = {500: 97.0}
    others = orgs(range(10, 40), start=1000)
    releases = decide(HEALTH, [figures(ALL, small | outsider | others), figures(HEALTHCARE, small | outsider),
                               figures(SMALL, small), figures(MID, outsider | others),
                               figures(RETAIL, others)])
    shown = [c for c in (HEALTHCARE, SMALL) if releases[c].status == "published"]
    assert len(shown) == 1, "never both of two cohorts that differ by one organization"
    assert releases[SMALL].status == "suppressed" and "differs from this one" in releases[SMALL].reason
    assert releases[ALL].status == releases[MID].status == "published"


def test_attack_insider_plus_overlap_two_organizations_apart_is_blocked_too():
    # An insider in Healthcare outside 1-50 knows its own value: only one unknown would remain.
    small = orgs(range(40, 60))
    insider, other = {500: 80.0}, {501: 97.0}
    releases = decide(HEALTH, [figures(HEALTHCARE, small | insider | other), figures(SMALL, small)])
    assert {releases[HEALTHCARE].status, releases[SMALL].status} == {"published", "suppressed"}


def test_cohorts_five_or_more_organizations_apart_are_both_shown():
    small = orgs(range(40, 60))
    five_more = orgs(range(90, 95), start=500)
    releases = decide(HEALTH, [figures(HEALTHCARE, small | five_more), figures(SMALL, small)])
    assert releases[HEALTHCARE].status == releases[SMALL].status == "published"


def test_no_total_or_mean_is_ever_released_so_siblings_cannot_rebuild_a_hidden_industry():
    healthcare, retail, energy = orgs([60.0] * 30), orgs([70.0] * 12, start=100), orgs([10.0, 20.0, 30.0], start=200)
    releases = decide(HEALTH, [figures(ALL, healthcare | retail | energy), figures(HEALTHCARE, healthcare),
                               figures(RETAIL, retail), figures(ENERGY, energy)])
    assert releases[ENERGY].status == "suppressed"
    assert all(set(r.released) <= {"p10", "p25", "median", "p75", "p90"} for r in releases.values())
    assert releases[HEALTHCARE].status == releases[RETAIL].status == "published"


def test_dominant_customers_are_harmless_without_means():
    dominated = orgs([0.1] * 10 + [500.0])
    release = decide(TICKETS, [figures(ALL, dominated)])[ALL]
    assert release.status == "published" and "mean" not in release.released
    assert max(release.released.values()) < 500.0  # quantiles do not follow the largest customer


def test_attack_temporal_one_organization_joins_overnight():
    yesterday = orgs(range(40, 60))
    published = figures(ALL, yesterday)
    previous = decide(HEALTH, [published])[ALL]
    today = figures(ALL, yesterday | {99: 99.0}, previous=previous)
    release = decide(HEALTH, [today], logged(published))[ALL]
    assert release.status == "held" and "changed" in release.reason
    assert release.released == previous.released and release.peer_count_band == previous.peer_count_band


def test_attack_temporal_day_one_against_day_three_when_day_two_changed_a_lot():
    day1 = orgs(range(40, 60))
    day2 = day1 | orgs(range(70, 80), start=100)  # ten joined: published
    day3 = day1 | {300: 99.0}  # the ten left, one other joined: one away from day 1
    p1 = figures(ALL, day1)
    p2 = figures(ALL, day2, previous=decide(HEALTH, [p1])[ALL])
    assert decide(HEALTH, [p2], logged(p1))[ALL].status == "published"
    previous = decide(HEALTH, [p2], logged(p1))[ALL]
    release = decide(HEALTH, [figures(ALL, day3, previous=previous)], logged(p1, p2))[ALL]
    assert release.status == "held" and release.released == previous.released


def test_attack_a_rerun_of_the_same_day_after_one_more_organization_was_imported():
    morning = figures(ALL, orgs(range(40, 60)))
    morning_release = decide(HEALTH, [morning])[ALL]
    afternoon = figures(ALL, orgs(range(40, 60)) | {77: 12.0}, previous=morning_release)
    assert decide(HEALTH, [afternoon], logged(morning))[ALL].status == "held"


def test_attack_backfill_a_day_without_a_release_of_its_own_is_suppressed():
    later = figures(ALL, orgs(range(40, 60)))
    earlier_day = figures(ALL, orgs(range(40, 59)))  # one fewer, computed after the later day, nothing before it
    release = decide(HEALTH, [earlier_day], logged(later))[ALL]
    assert release.status == "suppressed" and "earlier release" in release.reason


def test_a_large_membership_change_publishes_new_numbers():
    before = figures(ALL, orgs(range(40, 60)))
    previous = decide(HEALTH, [before])[ALL]
    release = decide(HEALTH, [figures(ALL, orgs(range(40, 70)), previous=previous)], logged(before))[ALL]
    assert release.status == "published" and release.released != previous.released


def test_the_same_members_with_new_values_publish_new_numbers():
    before = figures(ALL, orgs(range(40, 60)))
    release = decide(HEALTH, [figures(ALL, orgs(range(50, 70)))], logged(before))[ALL]
    assert release.status == "published" and release.released["median"] == 60.0


def test_knots_need_ten_and_twenty_peers_and_are_rounded_to_the_resolution():
    values = [10.04 + i * 0.37 for i in range(20)]
    release = decide(TICKETS, [figures(ALL, orgs(values))])[ALL]
    assert set(release.released) == {"p10", "p25", "median", "p75", "p90"}
    assert all(round(v * 10) == pytest.approx(v * 10) for v in release.released.values())
    assert set(decide(TICKETS, [figures(ALL, orgs(values[:12]))])[ALL].released) == {"p25", "median", "p75"}
    assert release.peer_count_band == "20-49" and release.peer_count == 20


def test_fewer_than_five_is_suppressed_and_the_threshold_is_configurable_upwards():
    assert decide(HEALTH, [figures(ALL, orgs([1, 2, 3, 4]))])[ALL].reason == "fewer than 5 peers in this cohort"
    strict = DisclosurePolicy(min_peers=8)
    assert decide(HEALTH, [figures(ALL, orgs(range(1, 8)))], policy=strict)[ALL].status == "suppressed"


def test_the_release_is_the_same_whoever_asks_and_in_whatever_order():
    inputs = [figures(ALL, orgs(range(30))), *(figures(c, orgs(range(6), start=10 * k))
                                              for k, c in enumerate(SIZE_COHORTS))]
    assert decide(HEALTH, inputs) == decide(HEALTH, list(reversed(inputs)))


@pytest.mark.parametrize("value, resolution, expected", [(12.25, 0.5, 12.5), (12.24, 0.5, 12.0), (7.05, 0.1, 7.1),
                                                          (66.5, 1.0, 67.0)])
def test_rounding_half_away_from_zero(value, resolution, expected):
    assert round_to(value, resolution) == expected


def test_a_held_release_never_carries_raw_numbers():
    before = figures(ALL, orgs(range(20)))
    previous = Release(ALL, "published", "", 20, "20-49", {"median": 50.0})
    held = decide(HEALTH, [figures(ALL, orgs(range(21)), previous=previous)], logged(before))[ALL]
    assert held.status == "held" and held.released == {"median": 50.0} and held.peer_count == 20
