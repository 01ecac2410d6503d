"""Rank zones: bottom quarter, below the median, at or above it; no zone without a rank or tier."""

import pytest

from app.domain.benchmarks.zones import ABOVE_MEDIAN, BELOW_MEDIAN, BOTTOM_QUARTER, NO_ZONE, zone_for


@pytest.mark.parametrize(("rank", "zone"), [(0, BOTTOM_QUARTER), (5, BOTTOM_QUARTER), (24, BOTTOM_QUARTER),
                                            (25, BELOW_MEDIAN), (49, BELOW_MEDIAN), (50, ABOVE_MEDIAN),
                                            (95, ABOVE_MEDIAN), (100, ABOVE_MEDIAN)])
def test_a_rank_falls_in_its_quarter_and_the_median_counts_with_the_upper_half(rank, zone):
    assert zone_for(rank, "any words") == zone


@pytest.mark.parametrize(("label", "zone"), [("below the median", BELOW_MEDIAN), ("at the median", ABOVE_MEDIAN),
                                             ("above the median", ABOVE_MEDIAN), ("no data", NO_ZONE),
                                             ("not shown", NO_ZONE)])
def test_without_a_rank_the_median_tier_words_decide(label, zone):
    assert zone_for(None, label) == zone
