"""Disclosure control: which benchmark numbers may be released, as a pure function.

The promise: no combination of released numbers, together with what one customer knows
about itself, pins down another customer's value. docs/benchmarks.md gives the threat model
and why these rules keep it.

R1 a cohort with fewer than `min_peers` peers is suppressed.
R2 the median needs 5 peers, p25/p75 need 10, p10/p90 need 20.
R3 only quantiles are released: never a mean, total, minimum or maximum. Sums combine
   linearly across any number of cohorts and days, so any released mean could be completed
   by later releases into one customer's value; quantiles do not add up.
R5 one release per metric, cohort and run, the same for every viewer.
R6 released numbers are rounded to the metric's resolution; counts only as bands.
R7 neighbours: no two releases of a metric (any two cohorts, on any days, reruns and
   back-filled days included) may have memberships that differ by 1 to `min_peers - 1`
   organizations, because their numbers could be compared to single out the difference.
   A cohort close to an earlier release is held at its own last release (or suppressed when
   it has none); of two close cohorts on the same day, the smaller is suppressed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from app.domain.benchmarks.cohorts import ALL, Cohort, peer_count_band
from app.domain.benchmarks.metrics import Metric
from app.domain.benchmarks.quantiles import KNOT_NAMES
from app.domain.benchmarks.sketch import Sketch, may_differ_by_few

# What a release may hold: the five knots only; never a mean, min or max (R3).
RELEASED_NUMBERS = KNOT_NAMES

REASON_FEW = "fewer than {min} peers in this cohort"
REASON_COMPLEMENT = "the customers outside this cohort are fewer than {min}, so they could be worked out"
REASON_NEIGHBOUR = ("another cohort shown today differs from this one by fewer than {min} customers, "
                    "so comparing the two could single one out")
REASON_HELD = "held: this cohort changed by fewer than {min} customers since an earlier release"
REASON_NEW_AND_CLOSE = ("not shown yet: this cohort differs by fewer than {min} customers from an earlier "
                        "release and has no release of its own to show instead")


@dataclass(frozen=True)
class DisclosurePolicy:
    min_peers: int = 5
    quartiles_min_peers: int = 10
    deciles_min_peers: int = 20


@dataclass(frozen=True)
class Release:
    cohort: Cohort
    status: str  # published | suppressed | held
    reason: str
    peer_count: int  # stored for audit, released only as a band
    peer_count_band: str | None
    released: dict[str, float] = field(default_factory=dict)  # p10, p25, median, p75, p90


@dataclass(frozen=True)
class CohortFigures:
    """What the nightly computation knows about one cohort for one metric."""

    cohort: Cohort
    n: int
    knots: tuple[float, float, float, float, float]  # p10, p25, median, p75, p90
    sketch: Sketch  # who is in it, to compare with other releases (R7)
    previous: Release | None = None  # the cohort's own latest published release on or before this day


@dataclass(frozen=True)
class LoggedRelease:
    """An earlier publication of the same metric: any cohort, any day, any run."""

    cohort: Cohort
    sketch: Sketch


def released_values(row) -> dict[str, float]:
    """The numbers a stored release holds (any object with RELEASED_NUMBERS attributes), without the empty ones."""
    return {name: getattr(row, name) for name in RELEASED_NUMBERS if getattr(row, name) is not None}


def round_to(value: float, resolution: float) -> float:
    """Round half away from zero to the metric's resolution, without float noise."""
    steps = math.floor(abs(value) / resolution + 0.5)
    decimals = max(0, -math.floor(math.log10(resolution))) if resolution < 1 else 0
    return round(math.copysign(steps * resolution, value), decimals)


def decide(metric: Metric, figures: list[CohortFigures], logged: list[LoggedRelease] | tuple = (),
           policy: DisclosurePolicy = DisclosurePolicy()) -> dict[Cohort, Release]:
    """One release per cohort for one metric and run (R5), given every earlier release."""
    by_cohort = {f.cohort: f for f in figures}
    outcome: dict[Cohort, Release] = {}
    fresh = []
    for fig in by_cohort.values():
        if fig.n < policy.min_peers:
            outcome[fig.cohort] = _suppressed(fig, REASON_FEW.format(min=policy.min_peers))
        elif _close_to_any(fig, logged, policy):
            outcome[fig.cohort] = _held_or_suppressed(fig, policy)
        else:
            fresh.append(fig)
    # Same day: keep the larger of two close cohorts ("all" first), so no pair shown today is close.
    shown: list[CohortFigures] = []
    for fig in sorted(fresh, key=lambda f: (f.cohort != ALL, -f.n, f.cohort.kind, f.cohort.value)):
        rival = next((s for s in shown if _close(fig, s, policy)), None)
        if rival is None:
            shown.append(fig)
            outcome[fig.cohort] = Release(fig.cohort, "published", "", fig.n, peer_count_band(fig.n),
                                          released_numbers(metric, fig, policy))
        else:
            reason = REASON_COMPLEMENT if rival.cohort == ALL else REASON_NEIGHBOUR
            outcome[fig.cohort] = _suppressed(fig, reason.format(min=policy.min_peers))
    return {c: outcome[c] for c in by_cohort}


def released_numbers(metric: Metric, fig: CohortFigures, policy: DisclosurePolicy) -> dict[str, float]:
    thresholds = {
        "p10": policy.deciles_min_peers, "p25": policy.quartiles_min_peers, "median": policy.min_peers,
        "p75": policy.quartiles_min_peers, "p90": policy.deciles_min_peers,
    }
    return {name: round_to(value, metric.resolution) for name, value in zip(KNOT_NAMES, fig.knots)
            if fig.n >= thresholds[name]}


def _suppressed(fig: CohortFigures, reason: str) -> Release:
    return Release(fig.cohort, "suppressed", reason, fig.n, None)


def _held_or_suppressed(fig: CohortFigures, policy: DisclosurePolicy) -> Release:
    previous = fig.previous
    if previous is None:
        return _suppressed(fig, REASON_NEW_AND_CLOSE.format(min=policy.min_peers))
    # Everything shown, the peer count included, stays as it was at that release.
    return Release(fig.cohort, "held", REASON_HELD.format(min=policy.min_peers), previous.peer_count,
                   previous.peer_count_band, dict(previous.released))


def _close(a: CohortFigures, b: CohortFigures, policy: DisclosurePolicy) -> bool:
    return may_differ_by_few(a.sketch, b.sketch, policy.min_peers)


def _close_to_any(fig: CohortFigures, logged, policy: DisclosurePolicy) -> bool:
    return any(may_differ_by_few(fig.sketch, earlier.sketch, policy.min_peers) for earlier in logged)
