"""Percentile ranks of many organizations at once, equal to ``rank.percentile_rank`` value by value.

Labels are stored as small codes (LABELS); ``label_text`` gives the words back.
"""

from __future__ import annotations

import numpy as np

from app.domain.benchmarks.rank import KNOT_PERCENTILES, knot_runs, ordinal, percentile_rank

NO_RANK = -1  # stored as NULL
PERCENTILE, NO_DATA, NOT_SHOWN, ABOVE_MEDIAN, AT_MEDIAN, BELOW_MEDIAN = range(6)
_TAIL_PERCENTILES = (10, 25, 50, 75, 90)
LABELS: tuple[str, ...] = (
    "percentile", "no data", "not shown", "above the median", "at the median", "below the median",
    *(f"below p{p}" for p in _TAIL_PERCENTILES), *(f"above p{p}" for p in _TAIL_PERCENTILES),
)


def label_text(code: int, rank: int | None) -> str:
    """The label ``percentile_rank`` gives, from a stored code and rank."""
    return f"{ordinal(rank)} percentile" if code == PERCENTILE else LABELS[code]


def label_code(label: str) -> int:
    return PERCENTILE if label.endswith(" percentile") else LABELS.index(label)


def percentile_ranks(values: np.ndarray, present: np.ndarray, released: dict[str, float],
                     higher_is_better: bool) -> tuple[np.ndarray, np.ndarray]:
    """(rank as int16 with NO_RANK for none, label code as int8) per value; absent values get "no data"."""
    values = np.asarray(values, dtype=np.float64)
    ranks = np.full(len(values), NO_RANK, dtype=np.int16)
    codes = np.full(len(values), NO_DATA, dtype=np.int8)
    knots = sorted((KNOT_PERCENTILES[k], v) for k, v in released.items() if k in KNOT_PERCENTILES)
    if not knots or not present.any():
        return ranks, codes
    if len(knots) == 1 and knots[0][0] == 50:
        median = knots[0][1]
        above = (values > median) == higher_is_better
        codes[present] = np.where(values == median, AT_MEDIAN, np.where(above, ABOVE_MEDIAN, BELOW_MEDIAN))[present]
        return ranks, codes
    runs = knot_runs(knots)
    run_values = np.array([r[0] for r in runs])
    if np.any(np.diff(run_values) <= 0):
        return _one_by_one(values, present, released, higher_is_better)
    raw, below, above = _raw_ranks(values, runs, run_values)
    rank = np.floor(raw + 0.5).astype(np.int16)
    lowest, highest = runs[0][1], runs[-1][2]
    if higher_is_better:
        below_code, above_code = _tail_code("below", lowest), _tail_code("above", highest)
    else:
        # Mirror: a value below the lowest knot is among the best ("above p90").
        rank = 100 - rank
        below_code, above_code = _tail_code("above", 100 - lowest), _tail_code("below", 100 - highest)
    code = np.full(len(values), PERCENTILE, dtype=np.int8)
    code[below], code[above] = below_code, above_code
    if present.all():
        return rank, code
    ranks[present] = rank[present]
    codes[present] = code[present]
    return ranks, codes


def _tail_code(side: str, percentile: int) -> int:
    return LABELS.index(f"{side} p{percentile}")


def _raw_ranks(values: np.ndarray, runs, run_values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rank before rounding (as ``rank._raw_rank``), and which values lie below / above the knots."""
    first = np.array([r[1] for r in runs], dtype=np.float64)
    last = np.array([r[2] for r in runs], dtype=np.float64)
    count = len(runs)
    j = np.searchsorted(run_values, values, side="right") - 1  # the run at or below (-1: below all)
    below, above = j < 0, values > run_values[-1]
    np.clip(j, 0, count - 1, out=j)
    k = np.minimum(j + 1, count - 1)
    v0 = run_values[j]
    with np.errstate(invalid="ignore", divide="ignore"):
        # Same operations in the same order as the scalar function, so the rounding agrees.
        raw = last[j] + (values - v0) / (run_values[k] - v0) * (first[k] - last[j])
    on_knot = values == v0
    raw[on_knot] = ((first[j] + last[j]) / 2)[on_knot]
    raw[below] = first[0] / 2
    raw[above] = (last[-1] + 100) / 2
    return raw, below, above


def _one_by_one(values, present, released, higher_is_better):
    """Knots out of order never come from the quantiles; rank them with the scalar rule."""
    ranks = np.full(len(values), NO_RANK, dtype=np.int16)
    codes = np.full(len(values), NO_DATA, dtype=np.int8)
    for i in np.flatnonzero(present):
        found = percentile_rank(float(values[i]), released, higher_is_better)
        ranks[i] = NO_RANK if found.rank is None else found.rank
        codes[i] = label_code(found.label)
    return ranks, codes


def weakest(ranks: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per organization (rows) over metrics (columns, in METRICS order): the weakest metric's
    column (-1 none), rank and label code, as the customer list picks it: the lowest rank, the
    first metric on ties; without any rank, the first metric below the median."""
    rows, metrics = ranks.shape
    column = np.full(rows, -1, dtype=np.int64)
    rank = np.full(rows, NO_RANK, dtype=np.int16)
    # Column by column (a few passes over contiguous arrays beat a row-wise argmin).
    for j in range(metrics):
        candidate = ranks[:, j]
        better = (candidate != NO_RANK) & ((rank == NO_RANK) | (candidate < rank))
        column[better], rank[better] = j, candidate[better]
    for j in range(metrics):
        fallback = (column == -1) & (codes[:, j] == BELOW_MEDIAN)
        column[fallback] = j
    picked = np.maximum(column, 0)
    code = np.where(column >= 0, codes[np.arange(rows), picked], NO_DATA).astype(np.int8)
    return column, rank, code
