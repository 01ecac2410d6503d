"""Signing keys and the signed Open Badges credential of each certificate."""

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


class CertificateCredential(SQLModel, table=True):
    __tablename__ = "certificate_credential"

    id: int | None = Field(default=None, primary_key=True)
    certificate_id: int = Field(foreign_key="certificate.id", unique=True)
    kid: str = Field(max_length=64)
    jwt: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime
