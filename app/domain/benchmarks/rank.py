"""Percentile rank of one value against a cohort's released knots only."""

from __future__ import annotations

import math
from dataclasses import dataclass

KNOT_PERCENTILES = {"p10": 10, "p25": 25, "median": 50, "p75": 75, "p90": 90}


@dataclass(frozen=True)
class Rank:
    rank: int | None  # 0-100; None for a tier or no data
    label: str  # "63rd percentile", "below p10", "above the median", "no data"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def percentile_rank(value: float | None, released: dict[str, float], higher_is_better: bool) -> Rank:
    """Piecewise-linear over the released knots; tails get the middle of the tail.

    Lower-is-better metrics rank as 100 minus the rank of the value.
    """
    knots = sorted((KNOT_PERCENTILES[k], v) for k, v in released.items() if k in KNOT_PERCENTILES)
    if value is None or not knots:
        return Rank(None, "no data")
    if len(knots) == 1 and knots[0][0] == 50:
        return _median_tier(value, knots[0][1], higher_is_better)
    raw, tail = _raw_rank(value, knots)
    rank = math.floor(raw + 0.5)
    if not higher_is_better:
        # Mirror: a value below the lowest knot is among the best.
        rank = 100 - rank
        if tail:
            tail = ("above" if tail[0] == "below" else "below", 100 - tail[1])
    if tail:
        return Rank(rank, f"{tail[0]} p{tail[1]}")
    return Rank(rank, f"{ordinal(rank)} percentile")


def _raw_rank(value: float, knots: list[tuple[int, float]]) -> tuple[float, tuple[str, int] | None]:
    """The rank before rounding, and the tail ("below"/"above", knot percentile) if outside."""
    runs = knot_runs(knots)  # [(value, first percentile, last percentile)] by value
    low_value, low_first, _ = runs[0]
    high_value, _, high_last = runs[-1]
    if value < low_value:
        return low_first / 2, ("below", low_first)
    if value > high_value:
        return (high_last + 100) / 2, ("above", high_last)
    for knot_value, first, last in runs:
        if value == knot_value:
            return (first + last) / 2, None
    for (v0, _, last0), (v1, first1, _) in zip(runs, runs[1:]):
        if v0 < value < v1:
            return last0 + (value - v0) / (v1 - v0) * (first1 - last0), None
    raise AssertionError("unreachable: value lies within the knots")


def knot_runs(knots: list[tuple[int, float]]) -> list[tuple[float, int, int]]:
    """Equal knot values merged into one run spanning their percentiles."""
    runs: list[list] = []
    for pct, val in knots:
        if runs and runs[-1][0] == val:
            runs[-1][2] = pct
        else:
            runs.append([val, pct, pct])
    return [tuple(r) for r in runs]


def _median_tier(value: float, median: float, higher_is_better: bool) -> Rank:
    if value == median:
        return Rank(None, "at the median")
    above = (value > median) == higher_is_better
    return Rank(None, "above the median" if above else "below the median")
