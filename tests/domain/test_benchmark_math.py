import numpy as np
import pytest

from app.domain.benchmarks.cohorts import peer_count_band, size_codes
from app.domain.benchmarks.ingest import InvalidRows, validate_rows
from app.domain.benchmarks.quantiles import partition_stats
from app.domain.benchmarks.rank import percentile_rank
from app.domain.organizations import size_range_for, SIZE_RANGES
from datetime import date

KNOTS = {"p10": 10, "p25": 20, "median": 30, "p75": 40, "p90": 50}
TIES = {"p10": 0, "p25": 0, "median": 0, "p75": 3, "p90": 10}


@pytest.mark.parametrize("value, rank", [(30, 50), (35, 63), (0, 5), (99, 95)])
def test_rank_reference_points(value, rank):
    assert percentile_rank(value, KNOTS, True).rank == rank
    assert percentile_rank(value, KNOTS, False).rank == 100 - rank


@pytest.mark.parametrize("value, rank", [(0, 30), (3, 75)])
def test_rank_with_tied_knots_takes_the_middle_of_the_run(value, rank):
    assert percentile_rank(value, TIES, True).rank == rank
    assert percentile_rank(value, TIES, False).rank == 100 - rank


def test_tails_are_labelled_and_never_zero_or_hundred():
    assert percentile_rank(-1, KNOTS, True).label == "below p10"
    assert percentile_rank(1000, KNOTS, True).label == "above p90"
    only_quartiles = {"p25": 20, "median": 30, "p75": 40}
    assert percentile_rank(0, only_quartiles, True).rank == 13
    assert percentile_rank(99, only_quartiles, True).rank == 88
    assert percentile_rank(0, KNOTS, False).label == "above p90"


def test_only_a_median_gives_a_tier_and_no_value_gives_no_data():
    assert percentile_rank(10, {"median": 30}, True).label == "below the median"
    assert percentile_rank(10, {"median": 30}, False).label == "above the median"
    assert percentile_rank(30, {"median": 30}, True).label == "at the median"
    assert percentile_rank(None, KNOTS, True).label == "no data"
    assert percentile_rank(35, KNOTS, True).label == "63rd percentile"


def test_grouped_type7_quantiles_match_numpy_for_every_group():
    rng = np.random.default_rng(3)
    values = rng.gamma(2.0, 10.0, 5000)
    groups = rng.integers(0, 9, 5000)
    groups[groups == 7] = 8  # group 7 stays empty
    order = np.argsort(groups, kind="stable")
    values, groups = values[order], groups[order]
    stats = partition_stats(values, np.searchsorted(groups, np.arange(10)), [np.arange(9)])[0]
    for k in range(9):
        member = values[groups == k]
        if member.size == 0:
            assert stats.n[k] == 0 and np.isnan(stats.quantiles[k]).all()
            continue
        assert stats.quantiles[k] == pytest.approx(np.percentile(member, [10, 25, 50, 75, 90]))
        assert stats.minimum[k] == member.min() and stats.maximum[k] == member.max()


def test_size_codes_agree_with_the_size_ranges():
    counts = np.array([1, 50, 51, 200, 201, 1000, 1001, 90000])
    assert [SIZE_RANGES[c].key for c in size_codes(counts)] == [size_range_for(int(c)).key for c in counts]


def test_peer_counts_are_released_as_bands():
    assert [peer_count_band(n) for n in (4, 5, 9, 10, 49, 50, 100, 5000)] == [
        "fewer than 5", "5-9", "5-9", "10-19", "20-49", "50-99", "100+", "100+"]


TODAY = date(2026, 6, 1)


def test_valid_rows_pass_and_names_resolve():
    rows = validate_rows([{"organization_name": "Acme", "metric": "health_score", "as_of": "2026-05-31", "value": "71.5"}],
                         {1}, {"Acme": 1}, TODAY)
    assert rows[0].organization_id == 1 and rows[0].value == 71.5


def test_every_bad_row_is_listed_with_its_reason():
    rows = [
        {"organization_id": 99, "metric": "health_score", "as_of": "2026-05-01", "value": 1},
        {"organization_id": 1, "metric": "happiness", "as_of": "2026-05-01", "value": 1},
        {"organization_id": 1, "metric": "health_score", "as_of": "2026-05-01", "value": 101},
        {"organization_id": 1, "metric": "adoption_rate", "as_of": "2026-05-01", "value": "NaN"},
        {"organization_id": 1, "metric": "tickets_per_100_users", "as_of": "2026-05-01", "value": "inf"},
        {"organization_id": 1, "metric": "health_score", "as_of": "2026-07-01", "value": 5},
        {"organization_id": 1, "metric": "health_score", "as_of": "yesterday", "value": 5},
        {"organization_id": 1, "organization_name": "Acme", "metric": "health_score", "as_of": "2026-05-01", "value": 5},
        {"organization_id": 1, "metric": "resolution_hours", "as_of": "2026-05-02", "value": -3},
        {"organization_id": 1, "metric": "health_score", "as_of": "2026-05-03", "value": 5},
        {"organization_id": 1, "metric": "health_score", "as_of": "2026-05-03", "value": 6},
    ]
    with pytest.raises(InvalidRows) as err:
        validate_rows(rows, {1}, {"Acme": 1}, TODAY)
    text = str(err.value)
    for expected in ("row 1: unknown organization id '99'", "row 2: unknown metric 'happiness'",
                     "row 3: value 101 is out of bounds", "row 4: value must be a finite number",
                     "row 5: value must be a finite number", "row 6: as_of 2026-07-01 is in the future",
                     "row 7: as_of 'yesterday' is not a date", "row 8: give organization_id or organization_name",
                     "row 9: value -3 is out of bounds", "row 11: repeats row 10"):
        assert expected in text
    assert len(err.value.problems) == 10
