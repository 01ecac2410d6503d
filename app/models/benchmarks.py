"""Metric snapshots and the released peer benchmarks computed from them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Index, LargeBinary, SmallInteger, UniqueConstraint, func, literal_column
from sqlmodel import Field, SQLModel


class MetricSnapshot(SQLModel, table=True):
    __tablename__ = "metric_snapshot"
    __table_args__ = (
        UniqueConstraint("organization_id", "metric", "as_of", name="uq_snapshot_org_metric_day"),
        # The nightly job reads one metric's recent days at a time.
        Index("ix_snapshot_metric_day", "metric", "as_of"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    metric: str = Field(max_length=40)
    as_of: date
    value: float


class PeerBenchmark(SQLModel, table=True):
    """The release shown for a metric, cohort and day: p10..p90 hold only the RELEASED (rounded)
    numbers, NULL when withheld; min, max and peer_count are kept for audit and never released.
    A rerun of the day replaces these rows; BenchmarkRelease keeps every publication."""

    __tablename__ = "peer_benchmark"
    __table_args__ = (
        UniqueConstraint(
            "metric", "cohort_kind", "cohort_value", "as_of", name="uq_benchmark_metric_cohort_day"
        ),
        CheckConstraint("cohort_kind IN ('all', 'industry', 'size')", name="ck_benchmark_cohort_kind"),
        CheckConstraint("status IN ('published', 'suppressed', 'held')", name="ck_benchmark_status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    metric: str = Field(max_length=40)
    cohort_kind: str = Field(max_length=20)
    cohort_value: str = Field(max_length=60)
    as_of: date = Field(index=True)
    peer_count: int
    p10: float | None = None
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    p90: float | None = None
    min: float | None = None
    max: float | None = None
    status: str = Field(max_length=20)
    reason: str = Field(default="", max_length=500)
    computed_at: datetime


class BenchmarkRelease(SQLModel, table=True):
    """Every publication of a cohort's numbers, appended and never replaced (reruns and
    back-filled days included): what anyone may have seen, for the neighbour rule (R7).
    Internal: never selected for an answer."""

    __tablename__ = "benchmark_release"
    __table_args__ = (
        # The audit reads one metric's releases whose peer count is close to today's cohorts.
        Index("ix_benchmark_release_metric_count", "metric", "peer_count"),
        Index("ix_benchmark_release_cohort_day", "metric", "cohort_kind", "cohort_value", "as_of"),
    )

    id: int | None = Field(default=None, primary_key=True)
    metric: str = Field(max_length=40)
    cohort_kind: str = Field(max_length=20)
    cohort_value: str = Field(max_length=60)
    as_of: date
    computed_at: datetime
    peer_count: int
    p10: float | None = None
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    p90: float | None = None
    # Membership sketch (app/domain/benchmarks/sketch.py): 256 cells of 8 bytes.
    sketch: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class LatestMetricValues(SQLModel, table=True):
    """Each organization's most recent snapshot per metric (value and its day), kept by every
    ingestion path, so the nightly computation reads one row per organization instead of the
    history. One pair of columns per metric of ``app.domain.benchmarks.metrics.METRICS``."""

    __tablename__ = "metric_latest"

    organization_id: int = Field(foreign_key="organization.id", primary_key=True)
    health_score: float | None = None
    health_score_as_of: date | None = None
    adoption_rate: float | None = None
    adoption_rate_as_of: date | None = None
    certification_rate: float | None = None
    certification_rate_as_of: date | None = None
    tickets_per_100_users: float | None = None
    tickets_per_100_users_as_of: date | None = None
    resolution_hours: float | None = None
    resolution_hours_as_of: date | None = None


class CustomerRank(SQLModel, table=True):
    """Each active customer's rank per metric against all customers on the latest computed day,
    from the released knots only (as ``app.domain.benchmarks.rank``), written by the nightly run
    for the customer list. ``<metric>_rank`` is NULL where the rank function gives none;
    ``<metric>_label`` is a code of ``app.domain.benchmarks.ranks.LABELS``."""

    __tablename__ = "customer_rank"

    # No foreign key: the nightly run rewrites a million rows at once, taken from the active
    # customers in the same transaction, and a per-row key check would double the write.
    organization_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    as_of: date
    health_score_rank: int | None = Field(default=None, sa_type=SmallInteger)
    health_score_label: int = Field(sa_type=SmallInteger)
    adoption_rate_rank: int | None = Field(default=None, sa_type=SmallInteger)
    adoption_rate_label: int = Field(sa_type=SmallInteger)
    certification_rate_rank: int | None = Field(default=None, sa_type=SmallInteger)
    certification_rate_label: int = Field(sa_type=SmallInteger)
    tickets_per_100_users_rank: int | None = Field(default=None, sa_type=SmallInteger)
    tickets_per_100_users_label: int = Field(sa_type=SmallInteger)
    resolution_hours_rank: int | None = Field(default=None, sa_type=SmallInteger)
    resolution_hours_label: int = Field(sa_type=SmallInteger)
    # The lowest rank of the five, so the list can open weakest first from an index; which metric
    # it is, or "below the median" without any rank, follows from the columns above
    # (``app.domain.benchmarks.ranks.weakest``).
    weakest_rank: int | None = Field(default=None, sa_type=SmallInteger)


# Sorts a customer without a rank after every rank (0-100), alike on SQLite and PostgreSQL (which
# disagree on where NULL sorts), as a constant the database can match to the index below.
RANK_LAST = literal_column("101")
# The customer list opens weakest first, a page at a time: this order (the lowest rank, none last,
# then the id) is the index's, so a page is read from the index instead of sorting 100,000 rows.
# Sorting by one metric's rank sorts the rows instead: an index per metric would double the
# nightly write (see docs/benchmarks.md).
WEAKEST_ORDER = (func.coalesce(CustomerRank.weakest_rank, RANK_LAST), CustomerRank.organization_id)
Index("ix_customer_rank_weakest_order", *WEAKEST_ORDER)


class TrainingHealthBand(SQLModel, table=True):
    """The release shown for a compared metric in a band of certification rate on a day
    (``app.domain.benchmarks.certification_bands``): released (rounded) knots only, NULL when
    withheld; peer_count is kept for audit and released only as a band. Decided by the same rules
    as PeerBenchmark, and logged in BenchmarkRelease (cohort_kind 'certification') like any cohort."""

    __tablename__ = "training_health_band"
    __table_args__ = (
        UniqueConstraint("metric", "band", "as_of", name="uq_training_health_band_metric_band_day"),
        CheckConstraint("status IN ('published', 'suppressed', 'held')", name="ck_training_health_band_status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    metric: str = Field(max_length=40)
    band: str = Field(max_length=20)
    as_of: date = Field(index=True)
    peer_count: int
    p10: float | None = None
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    p90: float | None = None
    status: str = Field(max_length=20)
    reason: str = Field(default="", max_length=500)
    computed_at: datetime
