"""Plain values the operations services return."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime


@dataclass(frozen=True)
class JobRunDTO:
    id: int
    job: str
    slot: str
    status: str  # running | succeeded | failed
    started_at: datetime
    finished_at: datetime | None
    detail: str

    @property
    def duration_seconds(self) -> float | None:
        return (self.finished_at - self.started_at).total_seconds() if self.finished_at else None

    def as_dict(self) -> dict:
        return asdict(self) | {"duration_seconds": self.duration_seconds}


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor_email: str
    action: str
    subject: str
    detail: dict

    def as_dict(self) -> dict:
        return asdict(self)
