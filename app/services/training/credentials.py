"""Signed Open Badges 3.0 credentials: keys, issuing, the published key set, verification."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
import uuid
from datetime import datetime
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.domain import credentials as vc
from app.domain.training.certificates import certificate_status
from app.domain.training.numbering import normalize_certificate_number
from app.domain.errors import NotFound
from app.models import Certificate, CertificateCredential, SigningKey, Track, User
from app.services import audit
from app.services.dto import UserDTO
from app.services.training.dto import CredentialVerdict, SignedCredential
from app.settings import get_settings

_private_keys: dict[str, rsa.RSAPrivateKey] = {}
_passphrase_lock = threading.Lock()


def _passphrase() -> bytes:
    """The secret that encrypts signing keys at rest: from settings, else a private local file."""
    settings = get_settings()
    if settings.signing_key_passphrase:
        return settings.signing_key_passphrase.encode()
    path: Path = settings.signing_key_passphrase_file
    with _passphrase_lock:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(32))
        return path.read_text().strip().encode()


def key_url(kid: str) -> str:
    return f"{get_settings().public_base_url}/.well-known/jwks.json#{kid}"


def issuer() -> vc.Issuer:
    settings = get_settings()
    return vc.Issuer(id=f"{settings.public_base_url}/api/credentials/issuer", name=settings.portal_name,
                     url=settings.public_base_url)


def _new_key(now: datetime) -> SigningKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    kid = secrets.token_hex(8)
    public_jwk = RSAAlgorithm.to_jwk(private.public_key(), as_dict=True) | {"kid": kid, "use": "sig", "alg": "RS256"}
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.BestAvailableEncryption(_passphrase()))
    return SigningKey(kid=kid, created_at=now, public_jwk=public_jwk, private_pem=pem)


def ensure_signing_key(*, session: Session, now: datetime) -> SigningKey:
    """The current key, created on first use; concurrent first uses agree on one key."""
    current = session.exec(select(SigningKey).where(SigningKey.retired_at.is_(None))).first()
    if current is not None:
        return current
    key = _new_key(now)
    try:
        with session.begin_nested():
            session.add(key)
    except IntegrityError:
        return session.exec(select(SigningKey).where(SigningKey.retired_at.is_(None))).one()
    return key


def rotate_signing_key(*, session: Session, now: datetime) -> str:
    """Retire the current key (it stays published) and make a new one current."""
    session.execute(update(SigningKey).where(SigningKey.retired_at.is_(None)).values(retired_at=now))
    key = _new_key(now)
    session.add(key)
    session.flush()
    audit.record(session, action="signing_key.rotate", subject=key.kid, at=now)
    return key.kid


def published_keys(*, session: Session) -> dict:
    """The JWKS: every key's public half, current and retired; never a private field."""
    keys = session.exec(select(SigningKey).order_by(SigningKey.created_at)).all()
    public_fields = ("kty", "n", "e", "kid", "use", "alg")
    return {"keys": [{name: key.public_jwk[name] for name in public_fields if name in key.public_jwk}
                     | {"kid": key_url(key.kid)} for key in keys]}


def _private_key(key: SigningKey) -> rsa.RSAPrivateKey:
    if key.kid not in _private_keys:
        _private_keys[key.kid] = serialization.load_pem_private_key(key.private_pem, password=_passphrase())
    return _private_keys[key.kid]


def _subject_id(user_id: int) -> str:
    """A stable, opaque learner identifier: it reveals neither the id nor the email."""
    digest = hmac.new(_passphrase(), f"learner:{user_id}".encode(), hashlib.sha256).digest()
    return uuid.UUID(bytes=digest[:16], version=4).urn


def credential_for(*, session: Session, certificate: Certificate, now: datetime) -> SignedCredential:
    """The certificate's signed credential, built and stored on first request."""
    stored = session.exec(select(CertificateCredential).where(CertificateCredential.certificate_id == certificate.id)).first()
    if stored is not None:
        return SignedCredential(certificate.number, stored.jwt, jwt.decode(stored.jwt, options={"verify_signature": False}))
    user = session.get(User, certificate.user_id)
    track = session.get(Track, certificate.track_id)
    facts = vc.CertificateFacts(certificate.number, certificate.track_title, track.description if track else "",
                                certificate.issued_at, certificate.expires_at)
    body = vc.build_credential(issuer(), facts, _subject_id(user.id), user.email, secrets.token_hex(8),
                               get_settings().public_base_url)
    key = ensure_signing_key(session=session, now=now)
    token = jwt.encode(body | vc.claims_for(body), _private_key(key), algorithm="RS256",
                       headers={"kid": key_url(key.kid), "typ": "vc+jwt"})
    session.add(CertificateCredential(certificate_id=certificate.id, kid=key.kid, jwt=token, created_at=now))
    session.flush()
    return SignedCredential(certificate.number, token, body | vc.claims_for(body))


def get_credential(*, session: Session, number: str, viewer: UserDTO | None, code: str | None,
                   now: datetime) -> SignedCredential:
    """For the holder, an admin, or anyone with the verification code; otherwise not found."""
    normalized = normalize_certificate_number(number)
    cert = session.exec(select(Certificate).where(Certificate.number == normalized)).first()
    allowed = cert is not None and (
        (viewer is not None and (viewer.id == cert.user_id or viewer.role == "admin"))
        or (bool(code) and hmac.compare_digest(code.strip().upper().encode(), cert.verification_code.encode()))
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
    kid = str(header.get("kid", "")).rsplit("#", 1)[-1]
    key = session.exec(select(SigningKey).where(SigningKey.kid == kid)).first()
    if key is None or header.get("kid") != key_url(kid):
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
