"""Who was in which cohort on a release day, stored compactly, to measure change (R7).

One record per metric and day: the member organization ids (as gaps) with each member's
industry and size-range code. Cohort changes are then counted for every cohort at once.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Membership:
    ids: np.ndarray  # ascending organization ids
    industry: np.ndarray  # int8 code per member
    size: np.ndarray  # int8 code per member


@dataclass(frozen=True)
class Changes:
    """Organizations that joined or left each cohort."""

    all: int
    industry: np.ndarray  # per industry code
    size: np.ndarray  # per size-range code


def encode(members: Membership) -> bytes:
    n = len(members.ids)
    gaps = np.diff(members.ids, prepend=0).astype("<u4")
    payload = np.array([n], dtype="<u4").tobytes() + gaps.tobytes()
    payload += members.industry.astype(np.int8).tobytes() + members.size.astype(np.int8).tobytes()
    return zlib.compress(payload, level=1)


def decode(blob: bytes) -> Membership:
    raw = zlib.decompress(blob)
    n = int(np.frombuffer(raw[:4], dtype="<u4")[0])
    gaps = np.frombuffer(raw[4:4 + 4 * n], dtype="<u4").astype(np.int64)
    codes = np.frombuffer(raw[4 + 4 * n:], dtype=np.int8)
    return Membership(np.cumsum(gaps), codes[:n].copy(), codes[n:].copy())


def changes(previous: Membership, current: Membership, industries: int, sizes: int) -> Changes:
    """Count joins and departures per cohort in one pass over the id space."""
    top = int(max(previous.ids.max(initial=0), current.ids.max(initial=0))) + 1
    result = []
    for prev_codes, cur_codes, groups in ((previous.industry, current.industry, industries),
                                          (previous.size, current.size, sizes)):
        before = np.full(top, -1, dtype=np.int8)
        after = np.full(top, -1, dtype=np.int8)
        before[previous.ids] = prev_codes
        after[current.ids] = cur_codes
        moved = before != after
        left = np.bincount(before[moved & (before >= 0)], minlength=groups)
        joined = np.bincount(after[moved & (after >= 0)], minlength=groups)
        result.append(left + joined)
        if len(result) == 1:
            was, now = before >= 0, after >= 0
            all_change = int(np.count_nonzero(was != now))
    return Changes(all_change, result[0], result[1])
