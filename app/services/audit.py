"""Writing audit events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from app.models import AuditEvent


def record(
    session: Session,
    *,
    action: str,
    subject: str,
    at: datetime,
    actor_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEvent(actor_id=actor_id, action=action, subject=subject[:255], detail=detail or {}, at=at)
    )
