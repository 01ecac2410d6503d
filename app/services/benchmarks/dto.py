"""Plain values the benchmark services return: released numbers only, never raw peer values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class CohortView:
    kind: str
    value: str
    label: str
    peer_count_band: str
    as_of: date | None


@dataclass(frozen=True)
class MetricBenchmark:
    key: str
    label: str
    unit: str
    higher_is_better: bool
    value: float | None
    rank: int | None
    rank_label: str
    released: dict[str, float]
    status: str  # published | suppressed | held | no_release
    reason: str | None
    # Per metric, because a metric's cohort can be smaller than the organization's cohort
    # (only organizations with learners have a certification rate). None when suppressed.
    peer_count_band: str | None = None


@dataclass(frozen=True)
class OrganizationBenchmarks:
    organization: dict
    cohort: dict
    as_of: date
    metrics: list[MetricBenchmark]


@dataclass(frozen=True)
class HistoryPoint:
    as_of: date
    status: str
    released: dict[str, float]
    value: float | None
    rank: int | None
    rank_label: str


@dataclass(frozen=True)
class RankChange:
    since: date
    until: date
    previous_rank: int
    current_rank: int
    customer_moved: int  # today's value on the earlier knots, minus the earlier rank
    peers_moved: int  # today's rank, minus today's value on the earlier knots


@dataclass(frozen=True)
class MetricTrend:
    key: str
    label: str
    unit: str
    higher_is_better: bool
    points: list[HistoryPoint]
    change: RankChange | None


@dataclass(frozen=True)
class RankChip:
    """One metric's stored rank against all customers (higher is better for every metric)."""

    metric: str
    label: str  # the metric's name, "Health score"
    rank: int | None  # 0-100; None without a rank
    rank_label: str  # "23rd percentile", "below p10", "below the median", "no data", "not shown"
    zone: str  # the key of app.domain.benchmarks.zones' zone: bottom, below, above, none


@dataclass(frozen=True)
class CustomerRow:
    id: int
    name: str
    industry: str
    size_range: str  # the range's label, "1,001+ employees"
    ranks: list[RankChip]  # one per metric, in the metric registry's order


@dataclass(frozen=True)
class CustomerPage:
    items: list[CustomerRow]
    total: int  # every customer matching the filters, on all pages
    page: int  # 1-based; a page past the end answers the last one
    page_size: int
    pages: int
    ranks_as_of: date | None  # the day of the stored ranks; None before the first nightly run


@dataclass
class RecomputeReport:
    as_of: date
    organizations: int
    published: int = 0
    suppressed: int = 0
    held: int = 0
    rows_written: int = 0
    band_rows_written: int = 0  # training_health_band rows (not counted in published/held/suppressed)
    customer_ranks_written: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(
        ("load", "audit", "compute", "ranks", "write"), 0.0))
    # The statistics' processor time: unlike the wall clock, other processes on the machine do not inflate it.
    compute_cpu_seconds: float = 0.0


@dataclass(frozen=True)
class CsvExport:
    filename: str
    text: str


@dataclass(frozen=True)
class ImportResult:
    rows: int
    organizations: int
    metrics: list[str]


@dataclass(frozen=True)
class BandRelease:
    """One band of certification rate for one metric: released numbers only, or why none."""

    key: str
    label: str
    status: str  # published | suppressed | held | no_release
    reason: str | None
    peer_count_band: str | None  # None when suppressed
    median: float | None
    released: dict[str, float]  # the knots released for this band (the median first of all)
    short_label: str = ""  # the band in a few characters, for a chart's row


@dataclass(frozen=True)
class TrainingHealthMetric:
    key: str
    label: str
    unit: str
    higher_is_better: bool
    value: float | None  # this customer's own latest value in the window
    bands: list[BandRelease]


@dataclass(frozen=True)
class TrainingHealth:
    """Health, tickets and resolution time across bands of certification rate, and where one customer sits."""

    organization: dict
    as_of: date | None  # None before the first nightly run with bands
    certification_rate: float | None  # this customer's own, None without active learners
    band: str | None  # key of this customer's band
    band_label: str | None
    band_reason: str | None  # why the customer has no band
    metrics: list[TrainingHealthMetric]
