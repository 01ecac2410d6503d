"""Account rules: roles, email and name validation, sessions (sign-in throttling: app.domain.ratelimit)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from app.domain.errors import InvalidInput
from app.domain.text import check_text

ROLES: tuple[str, ...] = ("learner", "csm", "admin")
STAFF_ROLES: frozenset[str] = frozenset({"csm", "admin"})
MIN_PASSWORD_LENGTH = 10

# Deliberately simple: one @, a dot in the domain, no spaces. Delivery proves the rest.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalize_email(raw: str) -> str:
    """Emails compare case-insensitively, so they are stored lower-cased."""
    return raw.strip().lower()


def validate_email(raw: str) -> str:
    email = normalize_email(check_text("email", raw))
    if len(email) > 254 or not _EMAIL.match(email):
        raise InvalidInput("email", f"{raw.strip()!r} is not a valid email address.")
    return email


def validate_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput("role", f"Unknown role {role!r}; choose one of: {', '.join(ROLES)}.")
    return role


def validate_name(field: str, raw: str) -> str:
    name = " ".join(check_text(field, raw).split())
    if not name or len(name) > 100:
        raise InvalidInput(field, f"{field.replace('_', ' ').capitalize()} must be 1-100 characters.")
    return name


def validate_password(password: str) -> str:
    check_text("password", password)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            "password", f"Password must be at least {MIN_PASSWORD_LENGTH} characters long."
        )
    if len(password) > 1024:
        raise InvalidInput("password", "Password must be at most 1024 characters long.")
    return password


def session_expiry(now: datetime, session_hours: int) -> datetime:
    return now + timedelta(hours=session_hours)


def session_is_live(now: datetime, expires_at: datetime, revoked_at: datetime | None) -> bool:
    return revoked_at is None and now < expires_at


def can_view_organization(role: str, own_organization_id: int, organization_id: int) -> bool:
    """Learners see only their own organization; staff see every organization."""
    return role in STAFF_ROLES or own_organization_id == organization_id
