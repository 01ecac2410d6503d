"""The fixed lattice of peer cohorts: all customers, each industry, each size range."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.domain.benchmarks import certification_bands
from app.domain.errors import InvalidInput
from app.domain.organizations import INDUSTRIES, SIZE_RANGES, size_range_for

COHORT_KINDS = ("all", "industry", "size")
PEER_COUNT_BANDS = ((5, 9, "5-9"), (10, 19, "10-19"), (20, 49, "20-49"), (50, 99, "50-99"), (100, None, "100+"))


@dataclass(frozen=True)
class Cohort:
    kind: str  # all | industry | size | certification (a band of certification rate, see certification_bands)
    value: str  # "all", an industry name, a size-range key or a band key

    @property
    def label(self) -> str:
        if self.kind == "all":
            return "All customers"
        if self.kind == "industry":
            return self.value
        if self.kind == certification_bands.COHORT_KIND:
            return certification_bands.BANDS_BY_KEY[self.value].label
        return next(r.label for r in SIZE_RANGES if r.key == self.value)


ALL = Cohort("all", "all")
INDUSTRY_COHORTS = tuple(Cohort("industry", name) for name in INDUSTRIES)
SIZE_COHORTS = tuple(Cohort("size", r.key) for r in SIZE_RANGES)
# The two partitions of "all": every customer is in exactly one industry and one size range.
PARTITIONS: dict[str, tuple[Cohort, ...]] = {"industry": INDUSTRY_COHORTS, "size": SIZE_COHORTS}
COHORTS: tuple[Cohort, ...] = (ALL, *INDUSTRY_COHORTS, *SIZE_COHORTS)
# Not a choice on the dashboard: released for the compared metrics only, side by side, and
# audited together with the cohorts above (every release of a metric against every other).
BAND_COHORTS: tuple[Cohort, ...] = tuple(Cohort(certification_bands.COHORT_KIND, b.key)
                                         for b in certification_bands.BANDS)


def check_cohort_kind(kind: str) -> str:
    """``kind`` itself when it names a kind of cohort; otherwise InvalidInput saying which ones do."""
    if kind not in COHORT_KINDS:
        raise InvalidInput("cohort", f"Unknown cohort {kind!r}; choose one of: {', '.join(COHORT_KINDS)}.")
    return kind


def cohort_for(kind: str, industry: str, employee_count: int) -> Cohort:
    """The cohort of ``kind`` that an organization belongs to."""
    check_cohort_kind(kind)
    if kind == "all":
        return ALL
    if kind == "industry":
        return Cohort("industry", industry)
    return Cohort("size", size_range_for(employee_count).key)


def industry_codes(industries: list[str] | np.ndarray) -> np.ndarray:
    """Index of each organization's industry in INDUSTRIES (int8)."""
    lookup = {name: i for i, name in enumerate(INDUSTRIES)}
    return np.fromiter((lookup[name] for name in industries), dtype=np.int8, count=len(industries))


def size_codes(employee_counts: np.ndarray) -> np.ndarray:
    """Index of each organization's size range in SIZE_RANGES (int8), vectorised."""
    upper_bounds = np.array([r.maximum for r in SIZE_RANGES[:-1]])
    return np.searchsorted(upper_bounds, np.asarray(employee_counts), side="left").astype(np.int8)


def peer_count_band(n: int) -> str:
    """Peer counts are released only as bands."""
    for low, high, label in PEER_COUNT_BANDS:
        if n >= low and (high is None or n <= high):
            return label
    return "fewer than 5"
