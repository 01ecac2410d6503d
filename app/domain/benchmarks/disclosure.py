"""Disclosure control: which benchmark numbers may be released, as a pure function.

R1 a cohort with fewer than `min_peers` peers is suppressed.
R2 median and mean need 5 peers, p25/p75 need 10, p10/p90 need 20.
R3 min and max are never released (they are not even an input here).
R4 a child cohort is suppressed when "all" minus it leaves 1-4 peers; inside a partition
   (industries, size ranges) a lone suppressed member, or suppressed members totalling
   fewer than 5 peers, also suppress the smallest released sibling.
R6 released numbers are rounded to the metric's resolution; counts only as bands.
R7 a cohort whose membership changed by 1-4 organizations since its last published
   release is held at that release.
R8 for unbounded metrics the mean is withheld when one value dominates the total
   (largest > 85 %) or the p% rule fails.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from app.domain.benchmarks.cohorts import ALL, PARTITIONS, Cohort, peer_count_band
from app.domain.benchmarks.metrics import Metric
from app.domain.benchmarks.quantiles import KNOT_NAMES

# What a release may hold: the five knots and the mean; min and max never (R3).
RELEASED_NUMBERS = (*KNOT_NAMES, "mean")

REASON_FEW = "fewer than {min} peers in this cohort"
REASON_COMPLEMENT = "the customers outside this cohort are fewer than {min}, so they could be worked out"
REASON_PARTITION = "suppressed so that a smaller cohort cannot be worked out from the others"
REASON_HELD = "held: this cohort changed by fewer than {min} organizations since the last release"


@dataclass(frozen=True)
class DisclosurePolicy:
    min_peers: int = 5
    quartiles_min_peers: int = 10
    deciles_min_peers: int = 20
    dominance_share: float = 0.85
    p_percent: float = 10.0


@dataclass(frozen=True)
class Release:
    cohort: Cohort
    status: str  # published | suppressed | held
    reason: str
    peer_count: int  # stored for audit, released only as a band
    peer_count_band: str | None
    released: dict[str, float] = field(default_factory=dict)  # some of RELEASED_NUMBERS


@dataclass(frozen=True)
class CohortFigures:
    """What the nightly computation knows about one cohort for one metric."""

    cohort: Cohort
    n: int
    knots: tuple[float, float, float, float, float]  # p10, p25, median, p75, p90
    mean: float
    total: float
    largest: float
    second_largest: float
    minimum: float = float("nan")  # stored for audit, never released (R3)
    membership_change: int | None = None  # vs the last published release; None = none exists
    previous: Release | None = None  # that last published release


def released_values(row) -> dict[str, float]:
    """The numbers a stored release holds (any object with RELEASED_NUMBERS attributes), without the empty ones."""
    return {name: getattr(row, name) for name in RELEASED_NUMBERS if getattr(row, name) is not None}


def round_to(value: float, resolution: float) -> float:
    """Round half away from zero to the metric's resolution, without float noise."""
    steps = math.floor(abs(value) / resolution + 0.5)
    decimals = max(0, -math.floor(math.log10(resolution))) if resolution < 1 else 0
    return round(math.copysign(steps * resolution, value), decimals)


def decide(metric: Metric, figures: list[CohortFigures], policy: DisclosurePolicy = DisclosurePolicy()) -> dict[Cohort, Release]:
    """One release per cohort for one metric and day, the same for every viewer (R5)."""
    by_cohort = {f.cohort: f for f in figures}
    suppressed = _suppressed(by_cohort, policy)
    releases = {}
    for cohort, fig in by_cohort.items():
        if cohort in suppressed:
            releases[cohort] = Release(cohort, "suppressed", suppressed[cohort], fig.n, None)
        elif fig.previous is not None and fig.membership_change is not None and 0 < fig.membership_change < policy.min_peers:
            # Everything shown, the peer count included, stays as it was at the last release.
            releases[cohort] = Release(cohort, "held", REASON_HELD.format(min=policy.min_peers),
                                       fig.previous.peer_count, fig.previous.peer_count_band,
                                       dict(fig.previous.released))
        else:
            releases[cohort] = Release(cohort, "published", "", fig.n, peer_count_band(fig.n),
                                       _released_numbers(metric, fig, policy))
    return releases


def _suppressed(by_cohort: dict[Cohort, CohortFigures], policy: DisclosurePolicy) -> dict[Cohort, str]:
    minimum = policy.min_peers
    reasons = {c: REASON_FEW.format(min=minimum) for c, f in by_cohort.items() if f.n < minimum}
    n_all = by_cohort[ALL].n if ALL in by_cohort else 0
    for cohort, fig in by_cohort.items():
        if cohort != ALL and cohort not in reasons and 0 < n_all - fig.n < minimum:
            reasons[cohort] = REASON_COMPLEMENT.format(min=minimum)
    for members in PARTITIONS.values():
        present = [by_cohort[c] for c in members if c in by_cohort and by_cohort[c].n > 0]
        hidden = [f for f in present if f.cohort in reasons]
        shown = sorted((f for f in present if f.cohort not in reasons), key=lambda f: (f.n, f.cohort.value))
        # Suppressed members could be recovered as "all" minus the released siblings
        # unless they hide together with enough peers.
        while hidden and shown and (len(hidden) == 1 or sum(f.n for f in hidden) < minimum):
            smallest = shown.pop(0)
            reasons[smallest.cohort] = REASON_PARTITION
            hidden.append(smallest)
    return reasons


def _released_numbers(metric: Metric, fig: CohortFigures, policy: DisclosurePolicy) -> dict[str, float]:
    thresholds = {
        "p10": policy.deciles_min_peers, "p25": policy.quartiles_min_peers, "median": policy.min_peers,
        "p75": policy.quartiles_min_peers, "p90": policy.deciles_min_peers,
    }
    released = {
        name: round_to(value, metric.resolution)
        for name, value in zip(KNOT_NAMES, fig.knots)
        if fig.n >= thresholds[name]
    }
    if fig.n >= policy.min_peers and not _mean_dominated(metric, fig, policy):
        released["mean"] = round_to(fig.mean, metric.resolution)
    return released


def _mean_dominated(metric: Metric, fig: CohortFigures, policy: DisclosurePolicy) -> bool:
    """R8, for metrics without an upper bound, where one customer can swamp the total."""
    if metric.upper_bound is not None:
        return False
    if fig.largest > policy.dominance_share * fig.total:
        return True
    others = fig.total - fig.largest - fig.second_largest
    return others < policy.p_percent / 100 * fig.largest
