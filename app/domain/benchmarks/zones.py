"""Which zone a rank falls in, so every chart, chip and headline colours it the same way.

Ranks are already mirrored for lower-is-better metrics (see rank.py), so a higher rank is
always better and the zones need no direction of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

BOTTOM_QUARTER_BELOW = 25
MEDIAN = 50


@dataclass(frozen=True)
class Zone:
    key: str  # bottom | below | above | none
    words: str  # shown next to the colour: colour is never the only cue
    color: str  # a Radix colour scale name, for chips and callouts
    hex: str  # the same colour for figures
    icon: str  # the icon beside the colour on every chip (a Lucide name), so the zone reads without colour


BOTTOM = Zone("bottom", "Bottom quarter", "red", "#c62828", "triangle-alert")
BELOW = Zone("below", "Below median", "amber", "#b45309", "arrow-down")
ABOVE = Zone("above", "Median or above", "green", "#2e7d32", "check")
NONE = Zone("none", "Not ranked", "gray", "#64748b", "minus")
ZONES = (BOTTOM, BELOW, ABOVE, NONE)

# With 5-9 peers only the median is released: the tier tells the side, never the quarter.
_TIERS = {"below the median": BELOW, "at the median": ABOVE, "above the median": ABOVE}


def zone_for(rank: int | None, rank_label: str = "") -> Zone:
    """The zone of a percentile rank (0-100), or of a median-only tier when there is no rank."""
    if rank is None:
        return _TIERS.get(rank_label, NONE)
    if rank < BOTTOM_QUARTER_BELOW:
        return BOTTOM
    if rank < MEDIAN:
        return BELOW
    return ABOVE
