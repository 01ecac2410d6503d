"""Bands of certification rate: every rate has exactly one band; no rate (no learners) has none."""

import math

import numpy as np
import pytest

from app.domain.benchmarks.certification_bands import BANDS, NO_BAND, band_codes, band_for
from app.domain.benchmarks.cohorts import BAND_COHORTS, COHORT_KINDS, Cohort


@pytest.mark.parametrize(("rate", "key"), [
    (0.0, "0-25"), (24.99, "0-25"), (25.0, "25-50"), (49.5, "25-50"), (50.0, "50-75"),
    (74.99, "50-75"), (75.0, "75-100"), (100.0, "75-100"),
])
def test_a_rate_falls_in_one_half_open_band(rate, key):
    assert band_for(rate).key == key


def test_a_customer_without_learners_has_no_band():
    assert band_for(None) is None
    assert band_for(math.nan) is None


@pytest.mark.parametrize("rate", [-0.1, 100.1])
def test_a_rate_outside_zero_to_a_hundred_is_refused(rate):
    with pytest.raises(ValueError, match="between 0 and 100"):
        band_for(rate)


def test_the_vectorised_codes_agree_with_one_rate_at_a_time():
    rates = np.array([0.0, 12.5, 25.0, 33.33, 50.0, 66.67, 75.0, 99.0, 100.0, np.nan])
    codes = band_codes(rates)
    assert codes.dtype == np.int8
    assert codes[-1] == NO_BAND
    assert [BANDS[c].key for c in codes[:-1]] == [band_for(r).key for r in rates[:-1]]


def test_the_bands_cover_zero_to_a_hundred_without_gaps():
    assert BANDS[0].lower == 0.0 and BANDS[-1].upper is None
    for below, above in zip(BANDS, BANDS[1:]):
        assert below.upper == above.lower


def test_band_cohorts_are_labelled_but_not_a_choice_of_the_dashboard():
    assert [c.label for c in BAND_COHORTS] == [b.label for b in BANDS]
    assert Cohort("certification", "75-100").label == "75 % or more certified"
    assert "certification" not in COHORT_KINDS


@pytest.mark.parametrize("seed", range(5))
def test_group_quantiles_equal_numpys_type_7_and_the_cell_statistics(seed):
    from app.domain.benchmarks.quantiles import group_quantiles, partition_stats

    rng = np.random.default_rng(seed)
    codes = rng.integers(-1, 4, size=int(rng.integers(0, 400))).astype(np.int8)
    codes[codes == 2] = -1  # an empty group
    values = np.round(rng.normal(50, 20, size=len(codes)), int(rng.integers(0, 2)))
    n, quantiles = group_quantiles(values, codes, 4)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(5))
    cells = partition_stats(values[order], bounds, [np.arange(4)])[0]
    assert list(n) == [int(np.sum(codes == g)) for g in range(4)] == list(cells.n)
    for g in range(4):
        if n[g]:
            expected = np.percentile(values[codes == g], [10, 25, 50, 75, 90])
            assert np.array_equal(quantiles[g], cells.quantiles[g])
            np.testing.assert_allclose(quantiles[g], expected, rtol=0, atol=1e-9)
        else:
            assert np.isnan(quantiles[g]).all()
