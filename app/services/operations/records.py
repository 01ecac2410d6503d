"""Admin reads and actions on certificates, the audit log and job runs."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, time, timedelta, timezone

from sqlmodel import Session, col, func, or_, select

from app.domain.errors import InvalidInput, NotFound
from app.domain.training.numbering import normalize_certificate_number
from app.models import AuditEvent, Certificate, User
from app.services.accounts.users import require_role
from app.services.dto import UserDTO
from app.services.operations import jobs, nightly
from app.services.operations.dto import AuditRow, JobRunDTO
from app.services.training.certificates import certificate_view


def find_certificates(*, session: Session, actor: UserDTO, query: str, now: datetime, limit: int = 50) -> list[dict]:
    """By number (exact or part) or by holder name or email."""
    require_role(actor, "admin")
    text = query.strip().lower()
    if not text:
        return []
    pattern = f"%{text}%"
    rows = session.exec(
        select(Certificate, User.email).join(User, User.id == Certificate.user_id).where(or_(
            func.lower(Certificate.number).like(pattern), func.lower(Certificate.holder_name).like(pattern),
            col(User.email).like(pattern)))
        .order_by(Certificate.issued_at.desc()).limit(limit)
    ).all()
    # The verification code stays out: an admin page has no need to show it.
    return [{k: v for k, v in asdict(certificate_view(cert, now)).items() if k != "verification_code"}
            | {"holder_email": email} for cert, email in rows]


def certificate_history(*, session: Session, actor: UserDTO, number: str) -> list[AuditRow]:
    """Everything the audit log knows about one certificate (issue, renewal, revocation).

    A number no certificate has is ``NotFound`` rather than an empty history: an empty
    list would read as "nothing happened to it" when the number is simply wrong.
    """
    require_role(actor, "admin")
    normalized = normalize_certificate_number(number)
    if session.exec(select(Certificate.id).where(Certificate.number == normalized)).first() is None:
        raise NotFound(f"No certificate has the number {normalized}; check the number, "
                       "or find the certificate by its holder's name or email.")
    return audit_events(session=session, actor=actor, subject=normalized, limit=100)


def audit_events(*, session: Session, actor: UserDTO, actor_email: str = "", action: str = "",
                 since: date | None = None, until: date | None = None, subject: str = "",
                 limit: int = 200) -> list[AuditRow]:
    """Newest first. ``action`` matches a prefix ("user." finds every user action)."""
    require_role(actor, "admin")
    if since and until and since > until:
        raise InvalidInput("since", "The start date is after the end date.")
    query = select(AuditEvent, User.email).outerjoin(User, User.id == AuditEvent.actor_id)
    if actor_email.strip():
        query = query.where(col(User.email).like(f"%{actor_email.strip().lower()}%"))
    if action.strip():
        query = query.where(col(AuditEvent.action).like(f"{action.strip()}%"))
    if subject:
        query = query.where(AuditEvent.subject == subject)
    if since:
        query = query.where(AuditEvent.at >= datetime.combine(since, time.min, timezone.utc))
    if until and until < date.max:  # until the calendar's last day: no upper bound at all
        query = query.where(AuditEvent.at < datetime.combine(until + timedelta(days=1), time.min, timezone.utc))
    rows = session.exec(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)).all()
    return [AuditRow(e.id, e.at, email or "", e.action, e.subject, e.detail or {}) for e, email in rows]


def recent_job_runs(*, session: Session, actor: UserDTO, limit: int = 20) -> list[JobRunDTO]:
    require_role(actor, "admin")
    return jobs.recent_runs(session=session, job=nightly.JOB, limit=limit)
