"""The registry of customer-health metrics compared across peers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str  # shown after the number
    higher_is_better: bool
    resolution: float  # released numbers are rounded to this step
    lower_bound: float
    upper_bound: float | None  # None = no upper bound

    def in_bounds(self, value: float) -> bool:
        return value >= self.lower_bound and (self.upper_bound is None or value <= self.upper_bound)


METRICS: tuple[Metric, ...] = (
    Metric("health_score", "Health score", "points", True, 1.0, 0.0, 100.0),
    Metric("adoption_rate", "Seat adoption (30 days)", "%", True, 1.0, 0.0, 100.0),
    Metric("certification_rate", "Learners certified", "%", True, 1.0, 0.0, 100.0),
    Metric("tickets_per_100_users", "Support tickets per 100 users (30 days)", "tickets", False, 0.1, 0.0, None),
    Metric("resolution_hours", "Median case resolution time", "hours", False, 0.5, 0.0, None),
)
METRICS_BY_KEY: dict[str, Metric] = {m.key: m for m in METRICS}
