"""Metric snapshots and the released peer benchmarks computed from them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Index, LargeBinary, UniqueConstraint
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
