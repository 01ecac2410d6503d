"""Signed Open Badges 3.0 credentials: issuing, fetching, verification.

Keys and the issuer profile live in ``signing``; revocation status lists in ``credential_status``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from datetime import datetime

import jwt
from jwt.algorithms import RSAAlgorithm
from sqlmodel import Session, select

from app.domain import credentials as vc
from app.domain.training.certificates import certificate_status, verification_code_matches
from app.domain.training.numbering import normalize_certificate_number
from app.domain.errors import NotFound
from app.models import Certificate, CertificateCredential, Track, User
from app.services.dto import UserDTO
from app.services.training import credential_status, signing
from app.services.training.dto import CredentialVerdict, SignedCredential
from app.settings import get_settings


def _subject_id(user_id: int) -> str:
    """A stable, opaque learner identifier: it reveals neither the id nor the email."""
    digest = hmac.new(signing.passphrase(), f"learner:{user_id}".encode(), hashlib.sha256).digest()
    return uuid.UUID(bytes=digest[:16], version=4).urn


def _decoded(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def _stored(session: Session, certificate_id: int, *, lock: bool) -> CertificateCredential | None:
    query = select(CertificateCredential).where(CertificateCredential.certificate_id == certificate_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.exec(query).first()


def credential_for(*, session: Session, certificate: Certificate, now: datetime) -> SignedCredential:
    """The certificate's signed credential, built and stored on first request.

    A credential stored before status lists existed is signed again (same id and dates, now with
    ``credentialStatus``); the earlier token keeps verifying, since its key stays published.
    """
    stored = _stored(session, certificate.id, lock=False)
    if stored is None or stored.status_list_id is None:
        stored = _stored(session, certificate.id, lock=True)  # one request signs; a concurrent one waits
    if stored is not None and stored.status_list_id is not None:
        return SignedCredential(certificate.number, stored.jwt, _decoded(stored.jwt))
    list_id, index = credential_status.place_credential(session=session, now=now)
    token, key = _sign_certificate(session, certificate, credential_status.entry_for(list_id, index), now)
    row = stored or CertificateCredential(certificate_id=certificate.id, kid=key.kid, jwt=token, created_at=now)
    row.kid, row.jwt, row.status_list_id, row.status_index = key.kid, token, list_id, index
    session.add(row)
    session.flush()
    if certificate.revoked_at is not None or certificate.superseded_by is not None:
        credential_status.reflect_certificates(session=session, certificate_ids=[certificate.id], now=now)
    return SignedCredential(certificate.number, token, _decoded(token))


def _sign_certificate(session: Session, certificate: Certificate, status: dict, now: datetime):
    user = session.get(User, certificate.user_id)
    track = session.get(Track, certificate.track_id)
    facts = vc.CertificateFacts(certificate.number, track.slug, certificate.track_title, track.description,
                                certificate.issued_at, certificate.expires_at)
    body = vc.build_credential(signing.issuer(), facts, _subject_id(user.id), user.email, secrets.token_hex(8),
                               get_settings().public_base_url, status)
    return signing.sign(session=session, payload=body | vc.claims_for(body), now=now)


def get_credential(*, session: Session, number: str, viewer: UserDTO | None, code: str | None,
                   now: datetime) -> SignedCredential:
    """For the holder, an admin, or anyone with the verification code; otherwise not found."""
    normalized = normalize_certificate_number(number)
    cert = session.exec(select(Certificate).where(Certificate.number == normalized)).first()
    allowed = cert is not None and (
        (viewer is not None and (viewer.id == cert.user_id or viewer.role == "admin"))
        or verification_code_matches(code, cert.verification_code)
    )
    if not allowed:
        raise NotFound(f"No credential for {normalized} is available to you. The holder can share the verification "
                       "link, which includes its code.")
    return credential_for(session=session, certificate=cert, now=now)


def verify_credential(*, session: Session, token: str, now: datetime) -> CredentialVerdict:
    """Check the signature with a published key (RS256 only), then the certificate's status."""
    payload, reason = _verified_payload(session, token)
    if payload is None:
        return CredentialVerdict("invalid", "not_found", None, reason)
    number = vc.number_from_credential(payload)
    cert = session.exec(select(Certificate).where(Certificate.number == number)).first() if number else None
    if cert is None:
        return CredentialVerdict("valid", "not_found", payload, "no certificate has this number")
    return CredentialVerdict("valid", certificate_status(now, cert.expires_at, cert.revoked_at, cert.superseded_by),
                             payload)


def _verified_payload(session: Session, token: str) -> tuple[dict | None, str]:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        return None, "not a JWT"
    if header.get("alg") not in vc.ALLOWED_ALGORITHMS:
        return None, f"algorithm {header.get('alg')!r} is not accepted"
    if any(name in header for name in vc.FORBIDDEN_HEADERS):
        return None, "tokens may not carry their own key"
    kid = signing.key_id_from_url(str(header.get("kid", "")))
    key = signing.key_by_id(session, kid) if kid else None
    if key is None:
        return None, "signed with an unknown key"
    try:
        payload = jwt.decode(
            token, RSAAlgorithm.from_jwk(json.dumps(key.public_jwk)), algorithms=list(vc.ALLOWED_ALGORITHMS),
            options={"verify_exp": False, "verify_nbf": False, "verify_aud": False,
                     "require": ["iss", "jti", "nbf", "exp", "sub"]},
        )
    except jwt.PyJWTError:
        return None, "the signature does not match"
    if not vc.claims_agree(payload):
        return None, "the token's claims disagree with its credential"
    return payload, ""
