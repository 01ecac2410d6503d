"""Cohort order statistics by counting, for values that are decimals with few places.

Real metric values are decimals: a health score of 72.3, a rate of 33.33 %, 1.5 hours. Such
values are exactly ``code / scale`` for a whole number ``code`` and a power of ten ``scale``,
so each cell's values can be counted per code (a histogram) instead of sorted, in a few
passes over the values. Every cohort's histogram is the sum of its cells', and its order
statistics are read from the running totals. Sorting gains little from the many repeated
values inside a cell (a cell holds a few dozen copies of each value where the whole metric
holds a thousand), counting gains from them, and counting never looks at a value twice.

The counts are used only when every value is exactly ``code / scale`` (checked value by
value, so a bin's value is each of its members' value bit for bit) and the codes span a
bounded range; otherwise ``cell_histograms`` returns None and the caller sorts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SCALES = (1.0, 10.0, 100.0, 1000.0)  # up to three decimal places
MAX_BINS = 1 << 22  # codes spanned x cells: 32 MB of counts at most
_CHUNK = 1 << 15  # values handled at a time: the working arrays stay in the processor's cache
_EXACT = float(1 << 52)  # beyond this, value * scale is no longer exact to the unit


@dataclass(frozen=True)
class Histograms:
    """Per cell (rows) the count of each occupied value (columns, ascending)."""

    counts: np.ndarray  # int64, cells x values
    values: np.ndarray  # float64, the value of each column


def cell_histograms(values: np.ndarray, bounds: np.ndarray) -> Histograms | None:
    """Histograms of ``values[bounds[c]:bounds[c + 1]]`` per cell c, or None when the values are
    not all decimals of one scale within MAX_BINS (the caller then sorts)."""
    low, high = float(values.min()), float(values.max())
    if not (np.isfinite(low) and np.isfinite(high)):
        return None
    scale = _scale(values)
    while scale is not None:
        counted = _count(values, bounds, scale, low, high)
        if isinstance(counted, Histograms):
            return counted
        scale = counted  # a sample missed some values' decimal places: count again with more, or sort
    return None


def _count(values: np.ndarray, bounds: np.ndarray, scale: float, low: float, high: float) -> Histograms | float | None:
    """The histograms at ``scale``; else the larger scale the values need (None: none will do)."""
    cells = len(bounds) - 1
    lowest, highest = np.rint(low * scale), np.rint(high * scale)
    width = int(highest - lowest) + 1
    if max(abs(lowest), abs(highest)) >= _EXACT or width * cells > MAX_BINS:
        return None
    counts = np.zeros((cells, width), dtype=np.int64)
    chunk = min(_CHUNK, len(values))
    scaled, back = np.empty(chunk), np.empty(chunk)
    same, codes = np.empty(chunk, dtype=bool), np.empty(chunk, dtype=np.intp)
    for start, stop, first in _chunks(bounds, chunk):
        size = stop - start
        x, t, b, eq, c = values[start:stop], scaled[:size], back[:size], same[:size], codes[:size]
        np.multiply(x, scale, out=t)
        np.rint(t, out=t)
        np.divide(t, scale, out=b)
        np.equal(b, x, out=eq)
        if not eq.all():  # a bin's value must be each of its members' values, bit for bit
            needed = _scale(x[~eq])
            return needed if needed is not None and needed > scale else None
        # Each cell's codes counted in its own stretch of bins: one count for the whole chunk.
        cell = first
        while cell < cells and bounds[cell] < stop:
            a, z = max(int(bounds[cell]), start) - start, min(int(bounds[cell + 1]), stop) - start
            np.subtract(t[a:z], lowest - (cell - first) * width, out=t[a:z])
            cell += 1
        np.copyto(c, t, casting="unsafe")
        counts[first:cell] += np.bincount(c, minlength=(cell - first) * width).reshape(cell - first, width)
    occupied = np.flatnonzero(counts.any(axis=0))
    return Histograms(counts[:, occupied], (lowest + occupied) / scale)


def _scale(values: np.ndarray) -> float | None:
    """The fewest decimal places that a sample of the values needs (every value is checked later)."""
    sample = values[:: max(1, len(values) // 1024)]
    for scale in SCALES:
        if np.array_equal(np.rint(sample * scale) / scale, sample):
            return scale
    return None


def _chunks(bounds: np.ndarray, chunk: int):
    """(start, stop, first cell) of spans of at most ``chunk`` values, cut at cell bounds where they fit."""
    cells, start, cell = len(bounds) - 1, int(bounds[0]), 0
    end = int(bounds[-1])
    while start < end:
        while cell < cells and bounds[cell + 1] <= start:
            cell += 1
        stop = min(start + chunk, end)
        # End at the last cell bound inside the span, unless the span lies within one cell.
        inside = int(np.searchsorted(bounds, stop, side="right")) - 1
        if bounds[inside] > start:
            stop = int(bounds[inside])
        yield start, stop, cell
        start = stop


def group_totals(histograms: Histograms, grouping: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per group of cells (``grouping``: cell -> group): its count, and its running totals over the values."""
    groups = int(grouping.max(initial=-1)) + 1
    counts = np.zeros((groups, histograms.counts.shape[1]), dtype=np.int64)
    present, starts = np.unique(grouping, return_index=True)
    if len(present) and np.all(grouping[1:] >= grouping[:-1]):  # each group's rows side by side: one call
        counts[present] = np.add.reduceat(histograms.counts, starts, axis=0)
    else:
        for cell, group in enumerate(grouping.tolist()):  # row by row, without copying the histograms
            counts[group] += histograms.counts[cell]
    cumulative = np.cumsum(counts, axis=1)
    n = cumulative[:, -1].copy() if cumulative.shape[1] else np.zeros(groups, dtype=np.int64)
    return n, cumulative


def values_at(histograms: Histograms, cumulative: np.ndarray, ranks: np.ndarray) -> np.ndarray:
    """Per group (rows), the values of the 0-based ``ranks`` (groups x R). Every rank must lie
    below its group's count; rows of empty groups give NaN."""
    groups, width = cumulative.shape
    if width == 0:
        return np.full(ranks.shape, np.nan)
    n = cumulative[:, -1]
    # One search for every group: each group's running totals shifted above the previous group's.
    offsets = (np.arange(groups, dtype=np.int64) * (int(n.max()) + 1))[:, None]
    found = np.searchsorted((cumulative + offsets).ravel(), (ranks + offsets).ravel(), side="right")
    columns = found.reshape(ranks.shape) - (np.arange(groups) * width)[:, None]
    picked = histograms.values[np.clip(columns, 0, width - 1)]
    return np.where((n > 0)[:, None], picked, np.nan)
