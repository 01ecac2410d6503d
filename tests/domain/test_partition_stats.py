"""The histogram selection gives exactly the order statistics a full sort gives, whatever the data."""

import numpy as np
import pytest

from app.domain.benchmarks import counting
from app.domain.benchmarks.quantiles import PROBABILITIES, partition_stats

CELLS = 32
SIZES = 4
GROUPINGS = [np.zeros(CELLS, dtype=np.int64), np.arange(CELLS) // SIZES, np.arange(CELLS) % SIZES]


def _sorted_reference(members: np.ndarray):
    ordered = np.sort(members)
    n = len(ordered)
    knots = []
    for p in PROBABILITIES:
        h = (n - 1) * p
        low = int(np.floor(h))
        high = min(low + 1, n - 1)
        knots.append(ordered[low] + (h - low) * (ordered[high] - ordered[low]))
    return knots, ordered[0], ordered[-1]


def grouped_by_cell(values: np.ndarray, cells: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The values reordered cell by cell, with their cells and each cell's bounds."""
    order = np.argsort(cells, kind="stable")
    return values[order], cells[order], np.searchsorted(cells[order], np.arange(CELLS + 1))


def _assert_exact(values: np.ndarray, cells: np.ndarray) -> None:
    values, cells, bounds = grouped_by_cell(values, cells)
    before = values.copy()
    for grouping, stats in zip(GROUPINGS, partition_stats(values, bounds, GROUPINGS)):
        for group in range(int(grouping.max()) + 1):
            members = values[grouping[cells] == group]
            assert stats.n[group] == len(members)
            if not len(members):
                assert np.isnan(stats.quantiles[group]).all() and np.isnan(stats.minimum[group])
                continue
            knots, low, high = _sorted_reference(members)
            assert list(stats.quantiles[group]) == knots  # bit for bit, not approximately
            assert (stats.minimum[group], stats.maximum[group]) == (low, high)
    assert np.array_equal(values, before)  # the caller's array is left as it was


RNG = np.random.default_rng(11)


@pytest.mark.parametrize("values", [
    RNG.gamma(4.0, 12.0, 60_000),  # continuous
    np.round(RNG.gamma(4.0, 12.0, 40_000)),  # whole numbers: many ties
    np.concatenate([np.zeros(25_000), RNG.random(15_000) * 100, np.full(5_000, 100.0)]),  # piled at the bounds
    RNG.normal(0.0, 1.0, 20_000),  # negative values
    np.concatenate([RNG.random(3_000), [1e300, -1e300, 1e-300, -0.0, 0.0, 5e-324, 3.4e38, 3.5e38]]),  # extremes
    50.0 + RNG.random(10_000) * 1e-12,  # all within a hair of each other
    np.concatenate([RNG.random(50_000), np.full(200_000, 0.5)]),  # one value for most of the cohort
    np.full(2_000, 7.0),
    RNG.random(9),  # tiny cohorts, most cells empty
    RNG.random(1),
    np.round(RNG.normal(70.0, 12.0, 50_000), 1),  # decimals: counted, not sorted
    np.round(RNG.gamma(2.0, 5.0, 50_000) - 3.0, 2),  # two places, some negative
    np.concatenate([np.round(RNG.normal(50.0, 9.0, 30_000)), [12.5, 61.25]]),  # a sample misses the places
    np.concatenate([np.round(RNG.random(30_000) * 100, 1), [33.333333333333336]]),  # one value not a decimal
    np.concatenate([np.round(RNG.random(30_000), 3), [5e9]]),  # too many bins for counting
], ids=["continuous", "ties", "bounds", "negative", "extremes", "narrow", "mostly-one", "constant", "nine", "one",
        "decimals", "cents-negative", "rare-places", "one-not-decimal", "wide"])
def test_every_cohort_equals_the_sorted_computation(values):
    cells = RNG.integers(0, CELLS, len(values))
    cells[cells == 5] = 6  # one empty cell
    _assert_exact(values.copy(), cells)


def test_no_values_gives_empty_groups():
    stats = partition_stats(np.empty(0), np.zeros(CELLS + 1, dtype=np.int64), GROUPINGS)
    assert [len(s.n) for s in stats] == [1, 8, 4] and all((s.n == 0).all() for s in stats)


def test_decimals_are_counted_and_other_values_are_not():
    """The counting path must run on decimals (or the tests above would only check sorting)."""
    decimals = np.round(RNG.normal(70.0, 12.0, 10_000), 1)
    bounds = np.array([0, 4_000, 10_000])
    counted = counting.cell_histograms(decimals, bounds)
    assert counted is not None and counted.counts.sum() == len(decimals)
    assert set(counted.values) == set(decimals)  # every bin holds exactly its members' value
    assert counting.cell_histograms(np.round(np.arange(10_000) * 0.025 + 0.125, 3), bounds) is not None  # 3 places
    assert counting.cell_histograms(RNG.random(10_000), bounds) is None
    assert counting.cell_histograms(np.append(decimals[:-1], np.inf), bounds) is None
    assert counting.cell_histograms(np.append(decimals[:-1], np.nan), bounds) is None
