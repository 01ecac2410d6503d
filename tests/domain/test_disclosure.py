"""Disclosure control, with a reproduction of each known attack and proof it is blocked."""

import math

import numpy as np
import pytest

from app.domain.benchmarks.cohorts import ALL, INDUSTRY_COHORTS, SIZE_COHORTS, Cohort
from app.domain.benchmarks.disclosure import CohortFigures, DisclosurePolicy, Release, decide, round_to
from app.domain.benchmarks.metrics import METRICS_BY_KEY

HEALTH = METRICS_BY_KEY["health_score"]  # bounded 0-100, resolution 1
TICKETS = METRICS_BY_KEY["tickets_per_100_users"]  # unbounded, resolution 0.1
SOFTWARE, HEALTHCARE, ENERGY, RETAIL = (Cohort("industry", n) for n in ("Software", "Healthcare", "Energy", "Retail"))


def figures(cohort: Cohort, values, **extra) -> CohortFigures:
    v = np.sort(np.asarray(values, dtype=float))
    return CohortFigures(
        cohort=cohort, n=len(v), knots=tuple(np.percentile(v, [10, 25, 50, 75, 90])) if len(v) else (math.nan,) * 5,
        mean=float(v.mean()) if len(v) else math.nan, total=float(v.sum()), largest=float(v[-1]) if len(v) else 0.0,
        second_largest=float(v[-2]) if len(v) > 1 else 0.0, **extra)


def test_attack_five_peers_quartiles_and_extremes_would_be_the_five_values():
    values = [12, 40, 55, 71, 98]
    # Unprotected, min/p25/median/p75/max of 5 values ARE the values.
    assert list(np.percentile(values, [0, 25, 50, 75, 100])) == values
    release = decide(HEALTH, [figures(ALL, values)])[ALL]
    assert release.status == "published"
    assert set(release.released) == {"median", "mean"}  # no p25/p75, no p10/p90, never min/max


def test_attack_all_minus_one_industry_isolates_one_customer_through_the_means():
    software = [50 + i for i in range(20)]
    lone = [99.0]
    all_values = software + lone
    # Unprotected: 21 x mean(all) - 20 x mean(software) = the lone customer's value.
    assert 21 * np.mean(all_values) - 20 * np.mean(software) == pytest.approx(99.0)
    releases = decide(HEALTH, [figures(ALL, all_values), figures(SOFTWARE, software), figures(ENERGY, lone)])
    assert releases[SOFTWARE].status == "suppressed" and "outside this cohort" in releases[SOFTWARE].reason
    assert releases[ENERGY].status == "suppressed"


def test_attack_partition_differencing_recovers_a_suppressed_industry_from_its_siblings():
    healthcare, retail, energy = [60.0] * 30, [70.0] * 12, [10.0, 20.0, 30.0]
    everyone = healthcare + retail + energy
    # Unprotected: total(all) - total(healthcare) - total(retail) = total(energy), n known from counts.
    assert sum(everyone) - sum(healthcare) - sum(retail) == sum(energy)
    releases = decide(HEALTH, [figures(ALL, everyone), figures(HEALTHCARE, healthcare), figures(RETAIL, retail),
                               figures(ENERGY, energy)])
    assert releases[ENERGY].status == "suppressed"
    assert releases[RETAIL].status == "suppressed" and "smaller cohort" in releases[RETAIL].reason
    assert releases[HEALTHCARE].status == "published"


def test_suppressed_members_totalling_fewer_than_five_pull_in_another_sibling():
    big, a, b = [50.0] * 40, [1.0, 2.0], [3.0]
    small_two = [Cohort("industry", "Energy"), Cohort("industry", "Public Sector")]
    releases = decide(HEALTH, [figures(ALL, big + a + b + [60.0] * 9), figures(SOFTWARE, big),
                               figures(small_two[0], a), figures(small_two[1], b), figures(RETAIL, [60.0] * 9)])
    assert releases[RETAIL].status == "suppressed"  # 2 + 1 peers hidden together would still be too few
    assert releases[SOFTWARE].status == "published"


def test_attack_temporal_differencing_when_one_organization_joins():
    yesterday = [float(v) for v in range(40, 60)]
    previous = decide(HEALTH, [figures(ALL, yesterday)])[ALL]
    today = figures(ALL, yesterday + [99.0], membership_change=1, previous=previous)
    # Unprotected: 21 x mean(today) - 20 x mean(yesterday) = the newcomer's value.
    release = decide(HEALTH, [today])[ALL]
    assert release.status == "held" and "changed" in release.reason
    assert release.released == previous.released and release.peer_count_band == previous.peer_count_band


def test_a_large_membership_change_publishes_new_numbers():
    previous = decide(HEALTH, [figures(ALL, list(range(40, 60)))])[ALL]
    release = decide(HEALTH, [figures(ALL, list(range(40, 70)), membership_change=10, previous=previous)])[ALL]
    assert release.status == "published" and release.released != previous.released


def test_dominance_withholds_the_mean_of_unbounded_metrics():
    dominated = [0.1] * 10 + [500.0]  # one customer holds > 85 % of all tickets
    assert "mean" not in decide(TICKETS, [figures(ALL, dominated)])[ALL].released
    p_rule = [0.1] * 8 + [100.0, 95.0]  # the others add up to less than 10 % of the largest
    assert "mean" not in decide(TICKETS, [figures(ALL, p_rule)])[ALL].released
    spread = [float(v) for v in range(1, 31)]
    assert "mean" in decide(TICKETS, [figures(ALL, spread)])[ALL].released
    assert "mean" in decide(HEALTH, [figures(ALL, [1.0] * 10 + [100.0])])[ALL].released  # bounded: no R8


def test_knots_need_ten_and_twenty_peers_and_are_rounded_to_the_resolution():
    values = [10.04 + i * 0.37 for i in range(20)]
    release = decide(TICKETS, [figures(ALL, values)])[ALL]
    assert set(release.released) == {"p10", "p25", "median", "p75", "p90", "mean"}
    assert all(round(v * 10) == pytest.approx(v * 10) for v in release.released.values())
    assert set(decide(TICKETS, [figures(ALL, values[:12])])[ALL].released) == {"p25", "median", "p75", "mean"}
    assert release.peer_count_band == "20-49" and release.peer_count == 20


def test_fewer_than_five_is_suppressed_and_the_threshold_is_configurable_upwards():
    assert decide(HEALTH, [figures(ALL, [1, 2, 3, 4])])[ALL].reason == "fewer than 5 peers in this cohort"
    strict = DisclosurePolicy(min_peers=8)
    assert decide(HEALTH, [figures(ALL, [1, 2, 3, 4, 5, 6, 7])], strict)[ALL].status == "suppressed"


def test_the_release_is_the_same_whoever_asks():
    inputs = [figures(ALL, list(range(30))), *(figures(c, list(range(6))) for c in SIZE_COHORTS)]
    assert decide(HEALTH, inputs) == decide(HEALTH, list(reversed(inputs)))


@pytest.mark.parametrize("value, resolution, expected", [(12.25, 0.5, 12.5), (12.24, 0.5, 12.0), (7.05, 0.1, 7.1),
                                                          (66.5, 1.0, 67.0)])
def test_rounding_half_away_from_zero(value, resolution, expected):
    assert round_to(value, resolution) == expected


def test_a_held_release_never_carries_raw_numbers():
    previous = Release(ALL, "published", "", 20, "20-49", {"median": 50.0})
    fig = figures(ALL, list(range(21)), membership_change=1, previous=previous)
    assert decide(HEALTH, [fig])[ALL].released == {"median": 50.0}
    assert len(INDUSTRY_COHORTS) == 8
