"""Metric snapshots: validated ingestion (API, CSV) and the nightly certification rate."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from typing import Any, Mapping

from sqlmodel import Session, func, or_, select

from app.domain.benchmarks.ingest import SnapshotRow, validate_rows
from app.models import Certificate, Organization, User
from app.services import audit
from app.services.accounts.users import require_role
from app.services.benchmarks.dto import ImportResult
from app.services.benchmarks.snapshots import upsert_snapshots
from app.services.dto import UserDTO

def import_snapshots(
    *, session: Session, actor: UserDTO | None, rows: list[Mapping[str, Any]], now: datetime, first_row: int = 1,
    on_progress=None,
) -> ImportResult:
    """Validate every row, then upsert all of them, or none when any row is bad."""
    if actor is not None:
        require_role(actor, "admin")
    orgs = session.exec(select(Organization.id, Organization.name)).all()
    clean = validate_rows(rows, {i for i, _ in orgs}, {name: i for i, name in orgs}, now.date(), first_row)
    upsert_snapshots(session, clean, on_progress)
    audit.record(session, action="metrics.import", subject=f"{len(clean)} rows", at=now,
                 actor_id=actor.id if actor else None,
                 detail={"metrics": sorted({r.metric for r in clean})})
    return ImportResult(len(clean), len({r.organization_id for r in clean}), sorted({r.metric for r in clean}))


def compute_certification_rates(*, session: Session, as_of: date) -> int:
    """Share of each organization's active learners holding a valid certificate at the end of ``as_of``.

    Organizations without learners get no value. Returns the number of values written.
    """
    moment = datetime.combine(as_of, time.max, tzinfo=timezone.utc)
    learners = dict(session.exec(
        select(User.organization_id, func.count(User.id))
        .join(Organization, Organization.id == User.organization_id)
        .where(User.role == "learner", User.is_active, Organization.is_customer, User.created_at <= moment)
        .group_by(User.organization_id)
    ).all())
    holders = dict(session.exec(
        select(User.organization_id, func.count(func.distinct(User.id)))
        .join(Certificate, Certificate.user_id == User.id)
        .where(
            User.role == "learner", User.is_active, User.created_at <= moment,
            Certificate.issued_at <= moment, Certificate.expires_at > moment,
            or_(Certificate.revoked_at.is_(None), Certificate.revoked_at > moment),
        )
        .group_by(User.organization_id)
    ).all())
    rows = [
        SnapshotRow(org_id, "certification_rate", as_of, round(100.0 * holders.get(org_id, 0) / count, 2))
        for org_id, count in learners.items() if count
    ]
    upsert_snapshots(session, rows)
    return len(rows)
