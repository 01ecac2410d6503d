"""Users and their sign-in sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel


class User(SQLModel, table=True):
    __tablename__ = "user"
    __table_args__ = (
        # Emails are stored lower-cased so the unique index is case-insensitive.
        CheckConstraint("email = lower(email)", name="ck_user_email_lowercase"),
        CheckConstraint("role IN ('learner', 'csm', 'admin')", name="ck_user_role"),
        # The admins' user list is ordered by name: a page is a range of this index, at any size.
        Index("ix_user_name_order", "last_name", "first_name", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    email: str = Field(max_length=254, unique=True)
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    password_hash: str = Field(max_length=255)
    role: str = Field(max_length=20, index=True)
    is_active: bool = Field(default=True)
    created_at: datetime


class AuthSession(SQLModel, table=True):
    """A sign-in. Only the SHA-256 of the bearer token is stored."""

    __tablename__ = "auth_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
