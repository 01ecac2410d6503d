"""Membership sketches: tell whether two releases' cohorts differ by a few organizations,
without keeping the member lists.

A cohort's members are summarised in CELLS cells. Each member organization id is hashed to
64 bits; the top bits choose a cell and the cell keeps the sum of its members' hashes
(mod 2^64). Two releases of the same members have equal sketches. Each organization in one
release and not in the other changes exactly the one cell it falls in (two different 64-bit
hashes cancel with odds of about 2^-64), so the number of cells that differ never exceeds
the number of organizations that differ: it is a lower bound, which the difference of the
peer counts and the parity of the difference tighten.

The disclosure audit treats two releases as neighbours (and refuses one of them) when that
bound does not prove a difference of at least ``min_peers``. A bound below the truth only
makes it refuse more (about 4 % of pairs that differ by exactly 5 organizations, far fewer
for larger differences); it never lets a close pair through.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CELLS = 256
_CELL_SHIFT = np.uint64(64 - 8)  # log2(CELLS) top bits choose the cell
_LOW = np.uint64(0xFFFFFFFF)
_THIRTY_TWO = np.uint64(32)


@dataclass(frozen=True)
class Sketch:
    n: int  # members
    cells: np.ndarray  # uint64, shape (CELLS,)

    def to_bytes(self) -> bytes:
        return self.cells.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, n: int, blob: bytes) -> Sketch:
        return cls(n, np.frombuffer(blob, dtype="<u8").astype(np.uint64))


def organization_hashes(ids: np.ndarray) -> np.ndarray:
    """splitmix64 of each id: a fixed, well-mixed 64-bit hash (no secret is needed, ids are not chosen by customers)."""
    with np.errstate(over="ignore"):
        z = np.asarray(ids, dtype=np.uint64) + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def group_sketches(hashes: np.ndarray, groups: np.ndarray, group_count: int) -> list[Sketch]:
    """One sketch per group code (0 .. group_count-1) of the members whose hashes are given.

    Two weighted bincounts (the low and high 32 bits of the hashes) are exact in float64 up
    to 2^21 members per cell, then recombined modulo 2^64.
    """
    hashes = np.asarray(hashes, dtype=np.uint64)
    cell = (hashes >> _CELL_SHIFT).astype(np.int64)
    index = np.asarray(groups, dtype=np.int64) * CELLS + cell
    size = group_count * CELLS
    low = np.bincount(index, weights=(hashes & _LOW).astype(np.float64), minlength=size)
    high = np.bincount(index, weights=(hashes >> _THIRTY_TWO).astype(np.float64), minlength=size)
    with np.errstate(over="ignore"):
        cells = low.astype(np.uint64) + (high.astype(np.uint64) << _THIRTY_TWO)
    counts = np.bincount(np.asarray(groups, dtype=np.int64), minlength=group_count)
    cells = cells.reshape(group_count, CELLS)
    return [Sketch(int(counts[g]), cells[g].copy()) for g in range(group_count)]


def merged(sketches: list[Sketch]) -> Sketch:
    """The sketch of the union of disjoint cohorts: cells add up (mod 2^64)."""
    cells = np.zeros(CELLS, dtype=np.uint64)
    for sketch in sketches:
        cells += sketch.cells  # unsigned numpy arithmetic wraps modulo 2^64
    return Sketch(sum(s.n for s in sketches), cells)


def difference_lower_bound(a: Sketch, b: Sketch) -> int:
    """At most the number of organizations in exactly one of the two cohorts."""
    bound = max(int(np.count_nonzero(a.cells != b.cells)), abs(a.n - b.n))
    # |A xor B| = |A| + |B| - 2|A and B| has the parity of |A| - |B|.
    if (bound - (a.n - b.n)) % 2:
        bound += 1
    return bound


def may_differ_by_few(a: Sketch, b: Sketch, min_peers: int) -> bool:
    """True unless the two cohorts are provably identical or differ by at least ``min_peers``."""
    return 0 < difference_lower_bound(a, b) < min_peers
