"""Signing keys, the signed Open Badges credential of each certificate, and the status lists."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, LargeBinary, Text, text
from sqlmodel import Field, SQLModel

CURRENT_KEY = text("retired_at IS NULL")


class SigningKey(SQLModel, table=True):
    """An RS256 key pair. Retired keys stay published so earlier credentials still verify."""

    __tablename__ = "signing_key"
    __table_args__ = (
        # Exactly one current key: two workers creating the first key at once cannot both win.
        Index("uq_signing_key_current", "algorithm", unique=True,
              sqlite_where=CURRENT_KEY, postgresql_where=CURRENT_KEY),
    )

    id: int | None = Field(default=None, primary_key=True)
    kid: str = Field(max_length=64, unique=True)
    algorithm: str = Field(default="RS256", max_length=10)
    created_at: datetime
    retired_at: datetime | None = None
    public_jwk: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    # PKCS#8 PEM encrypted with the signing-key passphrase (settings), never stored in clear.
    private_pem: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class CredentialStatusList(SQLModel, table=True):
    """A published Bitstring Status List: one revocation bit per credential placed in it.

    ``jwt`` is the list as a signed credential, re-signed in the transaction that changes a bit.
    """

    __tablename__ = "credential_status_list"

    id: int | None = Field(default=None, primary_key=True)
    purpose: str = Field(default="revocation", max_length=20)
    entries: int
    # Credentials placed so far; the next one gets the bit for this sequence number.
    allocated: int = Field(default=0)
    revision: int = Field(default=1)
    updated_at: datetime
    jwt: str = Field(sa_column=Column(Text, nullable=False))


class CertificateCredential(SQLModel, table=True):
    __tablename__ = "certificate_credential"
    __table_args__ = (
        # One bit per credential: two credentials never share a status.
        Index("uq_certificate_credential_status", "status_list_id", "status_index", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    certificate_id: int = Field(foreign_key="certificate.id", unique=True)
    kid: str = Field(max_length=64)
    jwt: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime
    # Empty for credentials signed before status lists existed (re-signed on their next request).
    status_list_id: int | None = Field(default=None, foreign_key="credential_status_list.id")
    status_index: int | None = None
