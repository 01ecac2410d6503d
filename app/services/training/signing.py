"""The portal as a credential issuer: its profile, its signing keys (current and retired), and signing.

Each key is published at its own URL (the JWT header's ``kid``), which answers with that one
JWK, and in the key set at /.well-known/jwks.json. Retired keys stay published, so everything
they signed keeps verifying.
"""

from __future__ import annotations

import os
import secrets
import threading
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
from app.domain.errors import NotFound
from app.models import SigningKey
from app.services import audit
from app.settings import get_settings

PUBLIC_FIELDS = ("kty", "n", "e", "kid", "use", "alg")
KEYS_PATH = "/api/credentials/keys/"
# Credentials signed before keys had URLs of their own named them as a fragment of the key set.
LEGACY_KEYS_PATH = "/.well-known/jwks.json#"

_private_keys: dict[str, rsa.RSAPrivateKey] = {}
_passphrase_lock = threading.Lock()


def issuer() -> vc.Issuer:
    base = get_settings().public_base_url
    return vc.Issuer(id=f"{base}/api/credentials/issuer", name=get_settings().portal_name, url=base,
                     image=f"{base}/api/credentials/issuer/image.svg")


def key_url(kid: str) -> str:
    """Where one public key is published; dereferencing it gives exactly that JWK."""
    return f"{get_settings().public_base_url}{KEYS_PATH}{kid}"


def legacy_key_url(kid: str) -> str:
    return f"{get_settings().public_base_url}{LEGACY_KEYS_PATH}{kid}"


def key_id_from_url(url: str) -> str | None:
    """The key id a token's ``kid`` names, in either the current or the earlier form; None otherwise."""
    base = get_settings().public_base_url
    for path in (KEYS_PATH, LEGACY_KEYS_PATH):
        prefix = base + path
        if url.startswith(prefix) and url[len(prefix):].isalnum():
            return url[len(prefix):]
    return None


def passphrase() -> bytes:
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


def _new_key(now: datetime) -> SigningKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    kid = secrets.token_hex(8)
    public_jwk = RSAAlgorithm.to_jwk(private.public_key(), as_dict=True) | {"kid": kid, "use": "sig", "alg": "RS256"}
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.BestAvailableEncryption(passphrase()))
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


def _public(key: SigningKey, kid: str) -> dict:
    return {name: key.public_jwk[name] for name in PUBLIC_FIELDS if name in key.public_jwk} | {"kid": kid}


def published_keys(*, session: Session) -> dict:
    """The JWKS: every key's public half, current and retired; never a private field.

    Each key appears under its URL and under its earlier ``jwks.json#<id>`` name, so a library
    that picks keys by ``kid`` verifies credentials signed before keys had URLs of their own.
    """
    keys = session.exec(select(SigningKey).order_by(SigningKey.created_at)).all()
    return {"keys": [_public(key, url(key.kid)) for key in keys for url in (key_url, legacy_key_url)]}


def public_key(*, session: Session, kid: str) -> dict:
    """One published key as a JWK: what a credential's ``kid`` dereferences to."""
    key = session.exec(select(SigningKey).where(SigningKey.kid == kid)).first()
    if key is None:
        raise NotFound(f"No signing key {kid!r}. The key set at /.well-known/jwks.json lists every key.")
    return _public(key, key_url(key.kid))


def key_by_id(session: Session, kid: str) -> SigningKey | None:
    return session.exec(select(SigningKey).where(SigningKey.kid == kid)).first()


def private_key(key: SigningKey) -> rsa.RSAPrivateKey:
    if key.kid not in _private_keys:
        _private_keys[key.kid] = serialization.load_pem_private_key(key.private_pem, password=passphrase())
    return _private_keys[key.kid]


def sign(*, session: Session, payload: dict, now: datetime) -> tuple[str, SigningKey]:
    """A compact JWS with the current key. OB 3.0 allows only alg, kid and typ (which must be JWT)."""
    key = ensure_signing_key(session=session, now=now)
    token = jwt.encode(payload, private_key(key), algorithm="RS256", headers={"kid": key_url(key.kid), "typ": "JWT"})
    return token, key
