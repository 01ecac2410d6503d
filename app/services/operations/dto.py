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
    """One audit event: as stored (action, subject, detail) and in words (the ``*_label`` and
    ``detail_text`` fields, filled in by ``audit_log.readable``)."""

    id: int
    at: datetime
    actor_email: str
    action: str
    subject: str
    detail: dict
    actor_name: str = ""  # empty with actor_email: the system (command line, nightly job)
    action_label: str = ""
    subject_label: str = ""
    detail_text: str = ""
    # The admin page that shows the subject: kind "track", "course", "user", "organization",
    # "certificate" or "job" with its key (id, email, name or number); empty when there is none.
    link_kind: str = ""
    link_key: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class CsvFile:
    filename: str
    text: str
