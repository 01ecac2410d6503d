"""Certificate use cases: issue (and renew), list, verify publicly, revoke."""

from __future__ import annotations

import secrets
from datetime import datetime
from urllib.parse import quote, urlencode

from sqlalchemy import bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlmodel import Session, select

from app.domain.dates import day
from app.domain.errors import Conflict, InvalidInput, NotFound, TrackNotCompleted
from app.domain.training.certificates import (certificate_expiry, certificate_status, initials, renewal_due,
                                             verification_code_matches)
from app.domain.training.numbering import format_certificate_number, normalize_certificate_number
from app.models import Certificate, CertificateCounter, TrackCompletion
from app.services import audit
from app.services.accounts.users import require_role
from app.services.dto import UserDTO
from app.services.training import credential_status, credentials
from app.services.training.completion import all_quizzes_passed, record_completion_if_done
from app.services.training.dto import CertificateView, Verification
from app.services.training.queries import lock_learner, published_track
from app.settings import get_settings

# No 0/O or 1/I/L: the code is typed from a printed certificate.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_verification_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def current_certificate(session: Session, user_id: int, track_id: int) -> Certificate | None:
    return session.exec(
        select(Certificate).where(
            Certificate.user_id == user_id, Certificate.track_id == track_id, Certificate.superseded_by.is_(None)
        )
    ).first()


def track_is_completed(session: Session, user_id: int, track_id: int) -> bool:
    return session.exec(
        select(TrackCompletion.id).where(TrackCompletion.user_id == user_id, TrackCompletion.track_id == track_id)
    ).first() is not None


def certificate_available(session: Session, user_id: int, track_id: int, now: datetime) -> bool:
    """True when asking for a certificate now would issue a new one."""
    current = current_certificate(session, user_id, track_id)
    return current is None or (current.revoked_at is None and renewal_due(now, current.expires_at))


def allocate_number(session: Session, year: int) -> str:
    """Next number of ``year``, taken from the counter row inside the caller's transaction.

    The upsert locks the row until commit (PostgreSQL) or runs under SQLite's single
    writer, so concurrent issuances get consecutive numbers, and a rolled-back issuance
    gives its number back.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = CertificateCounter.__table__
    statement = (
        insert(table)
        .values(year=year, last_number=1)
        .on_conflict_do_update(index_elements=[table.c.year], set_={"last_number": table.c.last_number + 1})
        .returning(table.c.last_number)
    )
    return format_certificate_number(year, session.execute(statement).scalar_one())


def issue_certificate(*, session: Session, user: UserDTO, track_id: int, now: datetime) -> tuple[CertificateView, bool]:
    """Issue, return the existing one, or renew. Returns (certificate, newly issued)."""
    lock_learner(session, user.id)
    track = published_track(session, track_id)
    current = current_certificate(session, user.id, track_id)
    if current is not None and current.revoked_at is not None:
        raise Conflict(
            f"Your certificate {current.number} for this track was revoked on {day(current.revoked_at)}. "
            "Contact your administrator."
        )
    if current is not None and not renewal_due(now, current.expires_at):
        return certificate_view(current, now), False
    completed, remaining = all_quizzes_passed(session, user.id, track_id)
    if not completed:
        raise TrackNotCompleted(remaining)
    record_completion_if_done(session, user, track_id, now)
    number = allocate_number(session, now.year)
    if current is not None:
        current.superseded_by = number
        session.add(current)
        session.flush()  # free the "one current certificate" slot before inserting the new one
        # Verifiers reading the status list see the replaced credential withdrawn, in this transaction.
        credential_status.reflect_certificates(session=session, certificate_ids=[current.id], now=now)
    certificate = Certificate(
        number=number,
        user_id=user.id,
        track_id=track_id,
        issued_at=now,
        expires_at=certificate_expiry(now),
        verification_code=new_verification_code(),
        holder_name=user.full_name,
        track_title=track.title,
    )
    session.add(certificate)
    session.flush()
    # Sign the portable Open Badges credential in the same transaction as the certificate.
    credentials.credential_for(session=session, certificate=certificate, now=now)
    action = "certificate.renew" if current is not None else "certificate.issue"
    detail = {"track_id": track_id, "user_id": user.id} | ({"supersedes": current.number} if current else {})
    audit.record(session, action=action, subject=number, at=now, actor_id=user.id, detail=detail)
    return certificate_view(certificate, now), True


def list_certificates(*, session: Session, user: UserDTO, now: datetime) -> list[CertificateView]:
    rows = session.exec(
        select(Certificate).where(Certificate.user_id == user.id).order_by(Certificate.issued_at.desc())
    ).all()
    return [certificate_view(c, now) for c in rows]


def get_certificate(*, session: Session, viewer: UserDTO, number: str, now: datetime) -> CertificateView:
    """One certificate for its holder or an admin; anyone else is told it does not exist."""
    normalized = normalize_certificate_number(number)
    cert = session.exec(select(Certificate).where(Certificate.number == normalized)).first()
    # Someone else's certificate is indistinguishable from a missing one.
    if cert is None or (cert.user_id != viewer.id and viewer.role != "admin"):
        raise NotFound(f"No certificate {normalized} for you.")
    return certificate_view(cert, now)


def verification_url(number: str, code: str | None = None) -> str:
    """The public check of a certificate; with its code, the page shows the holder's full name."""
    url = f"{get_settings().public_base_url}/verify/{quote(number)}"
    return f"{url}?{urlencode({'code': code})}" if code else url


# Only the columns the public check shows, as a plain row; built once (the busiest query).
_VERIFY_QUERY = select(Certificate.number, Certificate.track_title, Certificate.issued_at, Certificate.expires_at,
                       Certificate.revoked_at, Certificate.superseded_by, Certificate.holder_name,
                       Certificate.verification_code).where(Certificate.number == bindparam("number"))


def verify_certificate(*, session: Session | Connection, number: str, code: str | None, now: datetime) -> Verification:
    """Public: status and dates; the holder's full name only with the certificate's code.

    Works on a plain connection too: the busiest public endpoint skips the ORM session.
    """
    normalized = normalize_certificate_number(number)
    cert = session.execute(_VERIFY_QUERY, {"number": normalized}).first()
    if cert is None:
        raise NotFound(f"No certificate has the number {normalized}.")
    code_ok = verification_code_matches(code, cert.verification_code)
    return Verification(
        number=cert.number,
        status=certificate_status(now, cert.expires_at, cert.revoked_at, cert.superseded_by),
        track_title=cert.track_title,
        issued_at=cert.issued_at,
        expires_at=cert.expires_at,
        revoked_at=cert.revoked_at,
        superseded_by=cert.superseded_by,
        holder=cert.holder_name if code_ok else initials(cert.holder_name),
        holder_is_full_name=code_ok,
    )


def revoke_certificate(*, session: Session, actor: UserDTO, number: str, reason: str, now: datetime) -> CertificateView:
    require_role(actor, "admin")
    reason = " ".join(reason.split())
    if not 3 <= len(reason) <= 500:
        raise InvalidInput("reason", "Give a reason for the revocation (3-500 characters); the holder may ask.")
    normalized = normalize_certificate_number(number)
    cert = session.exec(select(Certificate).where(Certificate.number == normalized).with_for_update()).first()
    if cert is None:
        raise NotFound(f"No certificate has the number {normalized}.")
    if cert.revoked_at is None:
        cert.revoked_at = now
        cert.revoke_reason = reason
        session.add(cert)
        # The published status list changes in the same transaction as the revocation.
        credential_status.reflect_certificates(session=session, certificate_ids=[cert.id], now=now)
        audit.record(session, action="certificate.revoke", subject=cert.number, at=now, actor_id=actor.id,
                     detail={"reason": reason})
    return certificate_view(cert, now)


def certificate_view(cert: Certificate, now: datetime) -> CertificateView:
    return CertificateView(
        number=cert.number,
        track_id=cert.track_id,
        track_title=cert.track_title,
        holder_name=cert.holder_name,
        issued_at=cert.issued_at,
        expires_at=cert.expires_at,
        status=certificate_status(now, cert.expires_at, cert.revoked_at, cert.superseded_by),
        revoked_at=cert.revoked_at,
        revoke_reason=cert.revoke_reason,
        superseded_by=cert.superseded_by,
        verification_code=cert.verification_code,
        renewal_due=cert.superseded_by is None and cert.revoked_at is None and renewal_due(now, cert.expires_at),
        days_to_expiry=max(0, (cert.expires_at - now).days),
    )
