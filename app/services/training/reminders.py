"""Renewal reminders: found, claimed, sent (or listed for admins when no SMTP is set), each once.

Exactly once across workers and runs: a reminder is claimed by inserting its row (unique on
certificate and kind) in a transaction of its own before anything is sent; whoever loses the
insert skips it. A send that failed is tried again by the next run; one whose sender died
mid-send stays "sending" and is not repeated (a missed email beats a duplicate).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.db import session_scope
from app.domain.training import reminders as rules
from app.models import Certificate, RenewalReminder, User
from app.services import mail
from app.services.accounts.users import require_role
from app.services.dto import UserDTO
from app.settings import get_settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReminderReport:
    sent: int = 0
    listed: int = 0  # no SMTP: recorded for the admin Jobs page
    failed: int = 0


@dataclass(frozen=True)
class ReminderRow:
    id: int
    kind: str
    status: str
    recipient: str
    number: str
    track_title: str
    expires_at: datetime
    created_at: datetime

    def as_dict(self) -> dict:
        return self.__dict__.copy()


@dataclass(frozen=True)
class _Due:
    certificate_id: int
    kind: str
    recipient: str
    first_name: str
    number: str
    track_title: str
    expires_at: datetime


def renewal_url(number: str) -> str:
    """The holder's certificate page, where "Renew now" waits once renewal is due."""
    return f"{get_settings().public_base_url}/certificates/{quote(number)}"


def send_due_reminders(*, now: datetime) -> ReminderReport:
    """Every reminder due now, each claimed in its own transaction, then sent or listed."""
    with session_scope() as session:
        due = _due(session, now)
    sent = listed = failed = 0
    for item in due:
        outcome = _deliver(item, now)
        sent, listed, failed = sent + (outcome == "sent"), listed + (outcome == "listed"), failed + (outcome == "failed")
    return ReminderReport(sent, listed, failed)


def _due(session: Session, now: datetime) -> list[_Due]:
    rows = session.exec(
        select(Certificate, User)
        .join(User, User.id == Certificate.user_id)
        .where(Certificate.superseded_by.is_(None), Certificate.revoked_at.is_(None), User.is_active,
               Certificate.expires_at <= now + rules.LOOK_AHEAD, Certificate.expires_at >= now - rules.LOOK_BACK)
        .order_by(Certificate.expires_at)
    ).all()
    done = {(r.certificate_id, r.kind) for r in session.exec(
        select(RenewalReminder).where(RenewalReminder.certificate_id.in_([c.id for c, _ in rows]),
                                      RenewalReminder.status != "failed"))} if rows else set()
    found = []
    for cert, user in rows:
        kind = rules.due_kind(now, cert.expires_at)
        if kind and (cert.id, kind) not in done:
            found.append(_Due(cert.id, kind, user.email, user.first_name, cert.number, cert.track_title,
                              cert.expires_at))
    return found


def _claim(item: _Due, status: str, now: datetime) -> int | None:
    """The reminder's row for this process, or None when another run has it."""
    with session_scope() as session:
        row = RenewalReminder(certificate_id=item.certificate_id, kind=item.kind, status=status,
                              recipient=item.recipient, created_at=now)
        try:
            with session.begin_nested():
                session.add(row)
            return row.id
        except IntegrityError:
            pass
        # A failed send is taken over by exactly one retry: the guarded update decides.
        taken = session.execute(
            update(RenewalReminder)
            .where(RenewalReminder.certificate_id == item.certificate_id, RenewalReminder.kind == item.kind,
                   RenewalReminder.status == "failed")
            .values(status=status, recipient=item.recipient, detail="")
        )
        if taken.rowcount != 1:
            return None
        return session.exec(select(RenewalReminder.id).where(
            RenewalReminder.certificate_id == item.certificate_id, RenewalReminder.kind == item.kind)).one()


def _deliver(item: _Due, now: datetime) -> str | None:
    configured = mail.mail_configured()
    reminder_id = _claim(item, "sending" if configured else "listed", now)
    if reminder_id is None:
        return None
    if not configured:
        return "listed"
    settings = get_settings()
    message = rules.reminder_message(kind=item.kind, first_name=item.first_name, track_title=item.track_title,
                                     number=item.number, expires_at=item.expires_at, now=now,
                                     renew_url=renewal_url(item.number), portal_name=settings.portal_name)
    try:
        mail.send_email(to=item.recipient, subject=message.subject, body=message.body)
        status, detail = "sent", ""
    except mail.MailNotSent as err:
        log.warning("renewal reminder %s for %s not sent: %s", item.kind, item.number, err)
        status, detail = "failed", str(err)
    with session_scope() as session:
        row = session.get(RenewalReminder, reminder_id)
        row.status, row.detail = status, detail[:500]
        row.sent_at = now if status == "sent" else None
        session.add(row)
    return status


def listed_reminders(*, session: Session, actor: UserDTO, limit: int = 50) -> list[ReminderRow]:
    """For admins: the reminders recorded but not sent (no SMTP), newest first."""
    require_role(actor, "admin")
    rows = session.exec(
        select(RenewalReminder, Certificate)
        .join(Certificate, Certificate.id == RenewalReminder.certificate_id)
        .where(RenewalReminder.status.in_(("listed", "failed")))
        .order_by(RenewalReminder.created_at.desc(), RenewalReminder.id.desc())
        .limit(limit)
    ).all()
    return [ReminderRow(r.id, r.kind, r.status, r.recipient, c.number, c.track_title, c.expires_at, r.created_at)
            for r, c in rows]
