"""Compact storage of a cohort's member ids, to measure how much a cohort changed (R7)."""

from __future__ import annotations

import zlib

import numpy as np


def encode_members(member_ids: np.ndarray) -> bytes:
    """Sorted ids as zlib-compressed gaps: dense ids compress to a few bytes per thousand."""
    ids = np.unique(np.asarray(member_ids, dtype=np.int64))
    gaps = np.diff(ids, prepend=0).astype("<u8")
    return zlib.compress(gaps.tobytes(), level=1)


def decode_members(blob: bytes) -> np.ndarray:
    gaps = np.frombuffer(zlib.decompress(blob), dtype="<u8").astype(np.int64)
    return np.cumsum(gaps)


def membership_change(previous: np.ndarray, current: np.ndarray) -> int:
    """Organizations that joined or left."""
    return int(np.setxor1d(previous, current, assume_unique=True).size)
