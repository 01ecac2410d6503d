"""Admin reads and actions on certificates, the audit log and job runs."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlmodel import Session, col, func, or_, select

from app.domain.errors import InvalidInput, NotFound
from app.domain.spreadsheet import csv_text
from app.domain.training.numbering import normalize_certificate_number
from app.models import AuditEvent, Certificate, User
from app.services.accounts.users import require_role
from app.services.dto import UserDTO
from app.services.operations import audit_log, jobs, nightly
from app.services.operations.dto import AuditPage, AuditRow, CsvFile, JobRunDTO
from app.services.training.certificates import certificate_view

MAX_EXPORT_ROWS = 100_000
EXPORT_BATCH = 1_000
AUDIT_CSV_COLUMNS = ("when_utc", "actor_name", "actor_email", "action", "action_code", "subject", "subject_code",
                     "detail")


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


@dataclass(frozen=True)
class AuditFilter:
    """``actor`` matches part of the actor's email or name, ``action`` a prefix ("user." finds every
    user action), ``since`` and ``until`` whole UTC days; ``subject`` an exact subject."""

    actor: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None
    subject: str = ""


def _filtered(query, f: AuditFilter):
    if f.since and f.until and f.since > f.until:
        raise InvalidInput("since", "The start date is after the end date.")
    if f.actor.strip():
        pattern = f"%{f.actor.strip().lower()[:254]}%"
        query = query.where(or_(col(User.email).like(pattern),
                                func.lower(User.first_name + " " + User.last_name).like(pattern)))
    if f.action.strip():
        query = query.where(col(AuditEvent.action).like(f"{f.action.strip()[:60]}%"))
    if f.subject:
        query = query.where(AuditEvent.subject == f.subject)
    if f.since:
        query = query.where(AuditEvent.at >= datetime.combine(f.since, time.min, timezone.utc))
    if f.until and f.until < date.max:  # until the calendar's last day: no upper bound at all
        query = query.where(AuditEvent.at < datetime.combine(f.until + timedelta(days=1), time.min, timezone.utc))
    return query


def _rows(session: Session, f: AuditFilter, *, offset: int, limit: int) -> list[AuditRow]:
    query = _filtered(select(AuditEvent, User.email, User.first_name, User.last_name)
                      .outerjoin(User, User.id == AuditEvent.actor_id), f)
    rows = session.exec(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).offset(offset).limit(limit)).all()
    return [AuditRow(e.id, e.at, email or "", e.action, e.subject, e.detail or {},
                     actor_name=f"{first} {last}" if email else "") for e, email, first, last in rows]


def audit_events(*, session: Session, actor: UserDTO, actor_email: str = "", action: str = "",
                 since: date | None = None, until: date | None = None, subject: str = "",
                 limit: int = 200) -> list[AuditRow]:
    """Newest first, in words. ``actor_email`` matches part of the actor's email or name."""
    require_role(actor, "admin")
    f = AuditFilter(actor=actor_email, action=action, since=since, until=until, subject=subject)
    return audit_log.readable(session, _rows(session, f, offset=0, limit=limit))


def audit_page(*, session: Session, actor: UserDTO, filters: AuditFilter, page: int = 1,
               page_size: int = 50) -> AuditPage:
    """One page of the filtered log, newest first, in words; past the end, the last page."""
    require_role(actor, "admin")
    total = session.exec(_filtered(select(func.count()).select_from(AuditEvent)
                                   .outerjoin(User, User.id == AuditEvent.actor_id), filters)).one()
    page = min(max(1, page), max(1, -(-total // page_size)))
    rows = _rows(session, filters, offset=(page - 1) * page_size, limit=page_size)
    return AuditPage(rows=audit_log.readable(session, rows), total=total, page=page, page_size=page_size)


def audit_csv(*, session: Session, actor: UserDTO, filters: AuditFilter, now: datetime) -> CsvFile:
    """The filtered log (newest first, at most MAX_EXPORT_ROWS events) as CSV, in the words the page
    shows beside the stored action and subject; cells that could start a formula are neutralised."""
    require_role(actor, "admin")
    rows = _rows(session, filters, offset=0, limit=MAX_EXPORT_ROWS)
    lines = []
    for start in range(0, len(rows), EXPORT_BATCH):  # names resolved per batch: a few queries each
        for r in audit_log.readable(session, rows[start:start + EXPORT_BATCH]):
            lines.append((f"{r.at.astimezone(timezone.utc):%Y-%m-%d %H:%M:%S}", r.actor_name, r.actor_email,
                          r.action_label, r.action, r.subject_label, r.subject, r.detail_text))
    return CsvFile(f"audit-log-{now:%Y-%m-%d}.csv", csv_text(AUDIT_CSV_COLUMNS, lines))


def recent_job_runs(*, session: Session, actor: UserDTO, limit: int = 20) -> list[JobRunDTO]:
    require_role(actor, "admin")
    return jobs.recent_runs(session=session, job=nightly.JOB, limit=limit)
