"""The certification-rate bands in the nightly run: who is in each band for a compared metric,
the band statistics, and their disclosure decision against every other release of the metric.

The certification rate is a metric like the others (computed from the training data by the
nightly job's earlier step, ``metrics.compute_certification_rates``), so the bands are read from
the same inputs as every cohort: no training code is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.domain.benchmarks import disclosure
from app.domain.benchmarks.certification_bands import BANDS, COMPARED_METRICS, band_codes
from app.domain.benchmarks.cohorts import BAND_COHORTS, Cohort
from app.domain.benchmarks.metrics import Metric
from app.domain.benchmarks.quantiles import group_quantiles
from app.domain.benchmarks.sketch import group_sketches
from app.services.benchmarks.inputs import Inputs

@dataclass(frozen=True)
class BandFigures:
    """One compared metric's band cohorts: the figures to audit (one per band, in BANDS order)."""

    metric: str
    figures: list[disclosure.CohortFigures]


def peer_bands(inputs: Inputs) -> np.ndarray:
    """Each peer's band (NO_BAND without a certification rate in the window), one vector for all metrics."""
    rates = inputs.metrics["certification_rate"]
    codes = np.full(len(inputs.peers.ids), -1, dtype=np.int8)
    codes[rates.member_idx] = band_codes(rates.values)
    return codes


def band_figures(inputs: Inputs, bands_of_peers: np.ndarray, hashes: np.ndarray, metric: str,
                 previous: dict) -> BandFigures | None:
    """The band cohorts of ``metric``: members with both a band and a value. None for other metrics."""
    if metric not in COMPARED_METRICS:
        return None
    values = inputs.metrics[metric]
    codes = bands_of_peers[values.member_idx]
    inside = codes >= 0
    codes, member_values = codes[inside], values.values[inside]
    member_hashes = hashes[values.member_idx[inside]]
    n, quantiles = group_quantiles(member_values, codes, len(BANDS))
    sketches = group_sketches(member_hashes, codes, len(BANDS))
    figures = [disclosure.CohortFigures(cohort, int(n[k]), tuple(float(x) for x in quantiles[k]),
                                        sketches[k], previous.get((metric, cohort)))
               for k, cohort in enumerate(BAND_COHORTS)]
    return BandFigures(metric, figures)


def decide_bands(metric: Metric, bands: BandFigures, logged: list[disclosure.LoggedRelease],
                 figures: list[disclosure.CohortFigures], releases: dict[Cohort, disclosure.Release],
                 policy: disclosure.DisclosurePolicy) -> dict[Cohort, disclosure.Release]:
    """The bands' releases, decided after the dashboard's cohorts of the same run and metric.

    Today's publications of the other cohorts count as earlier releases here, so a band within
    a few organizations of any of them (or of any logged release) is held or suppressed, while
    the dashboard's cohorts keep their decisions: every pair of releases of the metric is still
    at least ``min_peers`` organizations apart, or identical.
    """
    shown_today = [disclosure.LoggedRelease(f.cohort, f.sketch) for f in figures
                   if releases[f.cohort].status == "published"]
    return disclosure.decide(metric, bands.figures, [*logged, *shown_today], policy)
