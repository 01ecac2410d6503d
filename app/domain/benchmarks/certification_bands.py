"""Bands of certification rate: cohorts of customers grouped by how many of their active learners
hold a valid certificate, to compare health, tickets and resolution time across them.

A band cohort is a cohort like any other: it goes through the same disclosure rules and the same
release log (R1-R7 in ``disclosure``). Its members, for one compared metric, are the customers with
both a certification rate (so at least one active learner) and a value of that metric in the window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

COHORT_KIND = "certification"


@dataclass(frozen=True)
class CertificationBand:
    key: str
    label: str
    short: str  # for a chart's row
    lower: float  # included
    upper: float | None  # excluded; None = up to 100 % included


# Quarters of the 0-100 % scale, half-open so a rate such as 24.5 % has exactly one band.
BANDS: tuple[CertificationBand, ...] = (
    CertificationBand("0-25", "under 25 % certified", "under 25 %", 0.0, 25.0),
    CertificationBand("25-50", "25 to under 50 % certified", "25–50 %", 25.0, 50.0),
    CertificationBand("50-75", "50 to under 75 % certified", "50–75 %", 50.0, 75.0),
    CertificationBand("75-100", "75 % or more certified", "75 % +", 75.0, None),
)
BANDS_BY_KEY = {b.key: b for b in BANDS}
# The metrics compared across the bands (keys of ``metrics.METRICS``).
COMPARED_METRICS = ("health_score", "tickets_per_100_users", "resolution_hours")
_EDGES = np.array([b.lower for b in BANDS[1:]])
NO_BAND = -1


def band_codes(rates: np.ndarray) -> np.ndarray:
    """Each rate's band index (int8), vectorised; NaN (no learners, no rate) gives NO_BAND."""
    rates = np.asarray(rates, dtype=np.float64)
    codes = np.searchsorted(_EDGES, rates, side="right").astype(np.int8)
    return np.where(np.isnan(rates), np.int8(NO_BAND), codes).astype(np.int8)


def band_for(rate: float | None) -> CertificationBand | None:
    """The band of one rate in % (None without a rate: a customer with no active learners)."""
    if rate is None or rate != rate:
        return None
    if not 0.0 <= rate <= 100.0:
        raise ValueError(f"A certification rate is a share between 0 and 100 %, not {rate}.")
    return BANDS[int(band_codes(np.array([rate]))[0])]
