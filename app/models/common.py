"""Organizations, the audit log and job runs: tables every domain refers to."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class Organization(SQLModel, table=True):
    __tablename__ = "organization"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    industry: str = Field(max_length=40, index=True)
    employee_count: int = Field(index=True)
    is_active: bool = Field(default=True)
    # False for the vendor's own organization (home of CSMs and admins): never a peer.
    is_customer: bool = Field(default=True)
    created_at: datetime


class AuditEvent(SQLModel, table=True):
    """Who did what to what, when. Failed sign-ins are recorded here too."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_action_subject_at", "action", "subject", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    action: str = Field(max_length=60)
    subject: str = Field(max_length=255)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    at: datetime = Field(index=True)


class JobRun(SQLModel, table=True):
    """One run of a named job in one time slot; the unique key makes it run once."""

    __tablename__ = "job_run"
    __table_args__ = (UniqueConstraint("job", "slot", name="uq_job_run_job_slot"),)

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=60)
    slot: str = Field(max_length=40)
    started_at: datetime
    finished_at: datetime | None = None
    status: str = Field(max_length=20)
    detail: str = Field(default="", max_length=2000)
