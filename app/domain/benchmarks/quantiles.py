"""Cohort statistics for every cohort of every partition at once, from one sort's worth of work.

Quantiles are type 7 (numpy's default "linear", PostgreSQL's percentile_cont): for n
sorted values and probability p, h = (n - 1) p and q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).

The values arrive grouped by cell (industry x size range: every cohort is a union of cells).
Decimal values (the usual case) are counted per cell instead of sorted (``counting``); a
cohort's histogram is the sum of its cells'. Other values: each cell's run is sorted: together about one sort of all values. A cohort's
order statistic is then the k-th smallest of a union of sorted runs, found without merging
them: splitter values cut every run into the same value intervals (one binary search per
run), interval counts say which interval holds rank k, and only that interval's few values
are looked at.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.domain.benchmarks import counting

PROBABILITIES = (0.10, 0.25, 0.50, 0.75, 0.90)
KNOT_NAMES = ("p10", "p25", "median", "p75", "p90")
SPLITTERS = 512  # value intervals; a wanted interval holds about n / SPLITTERS values of a cohort
_SAMPLE = 8192


@dataclass(frozen=True)
class GroupStats:
    """Per-group arrays (index = group code). Groups with n == 0 hold NaN."""

    n: np.ndarray
    quantiles: np.ndarray  # shape (groups, 5) in PROBABILITIES order
    minimum: np.ndarray
    maximum: np.ndarray


def partition_stats(values: np.ndarray, bounds: np.ndarray, groupings: list[np.ndarray]) -> list[GroupStats]:
    """Statistics for each grouping of the cells.

    ``values`` are grouped by cell: cell c holds ``values[bounds[c]:bounds[c + 1]]`` (any order
    within). Each grouping maps a cell code to a group (an array of length C): all zeros for
    "all customers", ``cell // sizes`` for industries, ``cell % sizes`` for size ranges.
    """
    bounds = np.asarray(bounds, dtype=np.int64)
    if bounds[-1] == bounds[0]:
        return [_empty(int(np.max(g, initial=-1)) + 1) for g in groupings]
    histograms = counting.cell_histograms(values, bounds)
    if histograms is not None:
        return [_counted_stats(histograms, np.asarray(g, dtype=np.int64)) for g in groupings]
    runs = np.array(values, dtype=np.float64)  # a copy: the caller keeps its order
    sizes = np.diff(bounds)
    for c in np.flatnonzero(sizes > 1):
        runs[bounds[c]:bounds[c + 1]].sort()
    cells = _Cells(runs, bounds)
    return [_grouping_stats(cells, np.asarray(g, dtype=np.int64)) for g in groupings]


def _empty(groups: int) -> GroupStats:
    nan = np.full(groups, np.nan)
    return GroupStats(np.zeros(groups, dtype=np.int64), np.full((groups, len(PROBABILITIES)), np.nan), nan, nan)


class _Cells:
    """The sorted runs, cut into the same value intervals by splitters."""

    def __init__(self, runs: np.ndarray, bounds: np.ndarray):
        self.runs, self.bounds = runs, bounds
        self.n = np.diff(bounds)
        first, last = np.minimum(bounds[:-1], len(runs) - 1), np.maximum(bounds[1:] - 1, 0)
        self.minimum = np.where(self.n > 0, runs[first], np.nan)
        self.maximum = np.where(self.n > 0, runs[last], np.nan)
        sample = np.unique(runs[:: max(1, len(runs) // _SAMPLE)])
        if len(sample) > SPLITTERS:
            sample = sample[np.linspace(0, len(sample) - 1, SPLITTERS).astype(np.int64)]
        self.splitters = sample
        # cuts[c, k]: where interval k starts in the runs array (interval 0 lies below the first
        # splitter, interval k >= 1 in [splitter k-1, splitter k)); cuts[c, -1] is the run's end.
        self.cuts = np.empty((len(self.n), len(sample) + 2), dtype=np.int64)
        self.cuts[:, 0] = bounds[:-1]
        self.cuts[:, -1] = bounds[1:]
        for c in range(len(self.n)):
            self.cuts[c, 1:-1] = bounds[c] + np.searchsorted(runs[bounds[c]:bounds[c + 1]], sample, side="left")
        self.counts = np.diff(self.cuts, axis=1)


def _counted_stats(histograms: counting.Histograms, grouping: np.ndarray) -> GroupStats:
    n, cumulative = counting.group_totals(histograms, grouping)
    last = np.maximum(n, 1) - 1
    h, low = _positions(last)
    # Ranks: the knots' two neighbours, then the minimum and the maximum.
    ranks = np.concatenate([low, np.minimum(low + 1, last[:, None]), np.zeros_like(last)[:, None], last[:, None]],
                           axis=1)
    picked = counting.values_at(histograms, cumulative, ranks)
    k = len(PROBABILITIES)
    return _group_stats(n, h, low, picked[:, :2 * k], picked[:, 2 * k], picked[:, 2 * k + 1])


def _positions(last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Type 7: each knot's fractional position h = (n - 1) p and the rank below it."""
    h = np.outer(last, PROBABILITIES)
    return h, np.floor(h).astype(np.int64)


def _group_stats(n, h, low, picked, minimum, maximum) -> GroupStats:
    """Knots interpolated between the order statistics ``picked`` (ranks low, then low + 1)."""
    k = len(PROBABILITIES)
    has = n > 0
    quantiles = picked[:, :k] + (h - low) * (picked[:, k:] - picked[:, :k])
    return GroupStats(n=n, quantiles=np.where(has[:, None], quantiles, np.nan),
                      minimum=np.where(has, minimum, np.nan), maximum=np.where(has, maximum, np.nan))


def _grouping_stats(cells: _Cells, grouping: np.ndarray) -> GroupStats:
    groups = int(grouping.max(initial=-1)) + 1
    member = grouping[None, :] == np.arange(groups)[:, None]  # groups x cells
    n = member.astype(np.int64) @ cells.n
    has = n > 0
    filled = member & (cells.n > 0)
    minimum = np.where(filled, cells.minimum, np.inf).min(axis=1)
    maximum = np.where(filled, cells.maximum, -np.inf).max(axis=1)
    last = np.maximum(n, 1) - 1
    h, low = _positions(last)
    picked = _order_statistics(cells, member, np.concatenate([low, np.minimum(low + 1, last[:, None])], axis=1), has)
    return _group_stats(n, h, low, picked, minimum, maximum)


def _order_statistics(cells: _Cells, member: np.ndarray, ranks: np.ndarray, has: np.ndarray) -> np.ndarray:
    """Per group (rows of ``member``, groups x cells), the values of the given ranks (groups x R)."""
    groups = len(member)
    counts = member.astype(np.float64) @ cells.counts  # groups x intervals (exact: counts < 2**53)
    cumulative = np.cumsum(counts, axis=1)
    stride = float(cumulative[:, -1].max(initial=0)) + 1
    offsets = (np.arange(groups) * stride)[:, None]
    intervals = np.searchsorted((cumulative + offsets).ravel(), (ranks + offsets).ravel(), side="right")
    intervals = intervals.reshape(ranks.shape) - (np.arange(groups) * counts.shape[1])[:, None]
    intervals = np.where(has[:, None], np.minimum(intervals, counts.shape[1] - 1), 0)
    below = np.take_along_axis(cumulative - counts, intervals, axis=1)
    within = (ranks - below).astype(np.int64)
    found = np.full(ranks.shape, np.nan)
    # Each (group, interval) once: the union of the group's cells' slices of that interval.
    pairs, slot = np.unique(np.stack([np.repeat(np.arange(groups), ranks.shape[1]), intervals.ravel()], axis=1)[
        has.repeat(ranks.shape[1])], axis=0, return_inverse=True)
    wanted_within = within[has].ravel()
    rows, columns = np.nonzero(np.broadcast_to(has[:, None], ranks.shape))
    slot = slot.ravel()
    for p, (g, interval) in enumerate(pairs):
        starts, ends = cells.cuts[member[g], interval], cells.cuts[member[g], interval + 1]
        filled = ends > starts
        starts, ends = starts[filled], ends[filled]
        hit = slot == p
        offsets_here = wanted_within[hit]
        if cells.runs[starts].min() == cells.runs[ends - 1].max():
            value = cells.runs[starts[0]]  # every value of the interval is the same (ties)
            result = np.full(len(offsets_here), value)
        elif len(starts) == 1:  # one run: already in order
            result = cells.runs[starts[0] + offsets_here]
        else:
            joined = np.concatenate([cells.runs[a:b] for a, b in zip(starts, ends)])
            joined.partition(np.unique(offsets_here))
            result = joined[offsets_here]
        found[rows[hit], columns[hit]] = result
    return found


def group_quantiles(values: np.ndarray, codes: np.ndarray, groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Member count and type-7 quantiles (groups x 5, NaN when empty) of each group code 0..groups-1
    (codes outside that range are ignored), the same numbers ``partition_stats`` gives.

    For a few groups that are not unions of cells (the bands of certification rate): one radix
    sort of the codes, then a selection (``np.partition``, linear time) of the few order statistics
    each group needs instead of sorting its values.
    """
    codes = np.asarray(codes)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(groups + 1))
    grouped = np.asarray(values, dtype=np.float64)[order]
    n = np.diff(bounds)
    quantiles = np.full((groups, len(PROBABILITIES)), np.nan)
    for g in np.flatnonzero(n):
        run = grouped[bounds[g]:bounds[g + 1]]  # a copy of this group's values, free to reorder
        h = (n[g] - 1) * np.asarray(PROBABILITIES)
        low = np.floor(h).astype(np.int64)
        high = np.minimum(low + 1, n[g] - 1)
        run.partition(np.unique(np.concatenate([low, high])))
        quantiles[g] = run[low] + (h - low) * (run[high] - run[low])
    return n, quantiles
