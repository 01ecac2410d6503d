"""Which zone a rank falls in, for colour plus words: bottom quarter, below or above the median.

Ranks already run so that higher is better (lower-is-better metrics are mirrored by the rank
rules), so one rule serves every metric.
"""

from __future__ import annotations

BOTTOM_QUARTER, BELOW_MEDIAN, ABOVE_MEDIAN, NO_ZONE = "bottom_quarter", "below_median", "above_median", "none"
ZONES = (BOTTOM_QUARTER, BELOW_MEDIAN, ABOVE_MEDIAN, NO_ZONE)
ZONE_WORDS = {BOTTOM_QUARTER: "bottom quarter", BELOW_MEDIAN: "below the median",
              ABOVE_MEDIAN: "at or above the median", NO_ZONE: "no rank"}


def zone_for(rank: int | None, rank_label: str) -> str:
    """The zone of a rank (0-100, higher is better); without a rank, of the median tier words.

    A rank of exactly 25 is no longer in the bottom quarter and 50 sits on the median, which
    counts with the upper half: the zones split the ranks into [0, 25), [25, 50), [50, 100].
    """
    if rank is not None:
        return BOTTOM_QUARTER if rank < 25 else BELOW_MEDIAN if rank < 50 else ABOVE_MEDIAN
    if rank_label == "below the median":
        return BELOW_MEDIAN
    if rank_label in ("above the median", "at the median"):
        return ABOVE_MEDIAN
    return NO_ZONE
