"""Zones of a rank: bottom quarter, below the median, the median or above, not ranked."""

from __future__ import annotations

from app.domain.benchmarks.rank import percentile_rank
from app.domain.benchmarks.zones import ABOVE, BELOW, BOTTOM, NONE, ZONES, zone_for

KNOTS = {"p10": 10.0, "p25": 20.0, "median": 30.0, "p75": 40.0, "p90": 50.0}


def test_the_quarter_and_the_median_are_the_boundaries():
    assert [zone_for(r).key for r in (0, 5, 24, 25, 49, 50, 51, 100)] == [
        "bottom", "bottom", "bottom", "below", "below", "above", "above", "above"]


def test_median_only_tiers_give_the_side_never_the_quarter():
    assert zone_for(None, "below the median") is BELOW
    assert zone_for(None, "at the median") is ABOVE and zone_for(None, "above the median") is ABOVE
    assert zone_for(None, "no data") is NONE and zone_for(None, "not shown") is NONE


def test_a_lower_is_better_metric_is_zoned_on_its_mirrored_rank():
    # Many hours is bad: 45 hours sits above p75, which mirrored is the bottom quarter.
    slow = percentile_rank(45.0, KNOTS, higher_is_better=False)
    fast = percentile_rank(12.0, KNOTS, higher_is_better=False)
    assert zone_for(slow.rank, slow.label) is BOTTOM and zone_for(fast.rank, fast.label) is ABOVE


def test_every_zone_has_words_beside_its_colour():
    assert all(zone.words and zone.color and zone.hex.startswith("#") for zone in ZONES)
    assert len({zone.hex for zone in ZONES}) == len(ZONES)
