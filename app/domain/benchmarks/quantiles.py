"""Cohort statistics for many cohorts at once, from one sort per partition.

Quantiles are type 7 (numpy's default "linear", PostgreSQL's percentile_cont): for n
sorted values and probability p, h = (n - 1) p and q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PROBABILITIES = (0.10, 0.25, 0.50, 0.75, 0.90)
KNOT_NAMES = ("p10", "p25", "median", "p75", "p90")


@dataclass(frozen=True)
class GroupStats:
    """Per-group arrays (index = group code). Groups with n == 0 hold NaN."""

    n: np.ndarray
    quantiles: np.ndarray  # shape (groups, 5) in PROBABILITIES order
    mean: np.ndarray
    minimum: np.ndarray
    maximum: np.ndarray
    total: np.ndarray
    second_largest: np.ndarray


def grouped_stats(sorted_values: np.ndarray, groups_in_value_order: np.ndarray, group_count: int) -> GroupStats:
    """Statistics per group, given values sorted ascending and each value's group code.

    A stable sort by group code keeps each group's values ascending; numpy sorts small
    integer codes with a radix sort, so this costs far less than sorting the values again.
    """
    order = np.argsort(groups_in_value_order, kind="stable")
    values = sorted_values[order]
    n = np.bincount(groups_in_value_order, minlength=group_count)
    totals = np.bincount(groups_in_value_order, weights=sorted_values, minlength=group_count)
    starts = np.concatenate(([0], np.cumsum(n)[:-1]))
    return _stats(values, n, starts, totals)


def _stats(values: np.ndarray, n: np.ndarray, starts: np.ndarray, totals: np.ndarray) -> GroupStats:
    groups = len(n)
    has = n > 0
    safe_n = np.where(has, n, 1)
    last = starts + safe_n - 1
    quantiles = np.full((groups, len(PROBABILITIES)), np.nan)
    for j, p in enumerate(PROBABILITIES):
        h = (safe_n - 1) * p
        lo = np.floor(h).astype(np.int64)
        hi = np.minimum(lo + 1, safe_n - 1)
        frac = h - lo
        below = values[np.minimum(starts + lo, len(values) - 1)] if len(values) else np.zeros(groups)
        above = values[np.minimum(starts + hi, len(values) - 1)] if len(values) else np.zeros(groups)
        quantiles[:, j] = np.where(has, below + frac * (above - below), np.nan)
    total = np.where(has, totals, np.nan)
    pick = (lambda idx: values[np.clip(idx, 0, max(len(values) - 1, 0))]) if len(values) else (lambda idx: np.zeros(groups))
    return GroupStats(
        n=n,
        quantiles=quantiles,
        mean=np.where(has, total / safe_n, np.nan),
        minimum=np.where(has, pick(starts), np.nan),
        maximum=np.where(has, pick(last), np.nan),
        total=total,
        second_largest=np.where(n > 1, pick(last - 1), np.nan),
    )
