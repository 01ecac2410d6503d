"""Certificate validity, status, renewal and what the public may see."""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta

VALIDITY_YEARS = 2
RENEWAL_WINDOW = timedelta(days=60)


def certificate_expiry(issued_at: datetime) -> datetime:
    """Valid for two years; a certificate issued on 29 February expires on 28 February."""
    try:
        return issued_at.replace(year=issued_at.year + VALIDITY_YEARS)
    except ValueError:
        return issued_at.replace(year=issued_at.year + VALIDITY_YEARS, day=28)


def certificate_status(
    now: datetime, expires_at: datetime, revoked_at: datetime | None, superseded_by: str | None
) -> str:
    """valid | expired | revoked | superseded. Revocation wins over everything else."""
    if revoked_at is not None and revoked_at <= now:
        return "revoked"
    if superseded_by:
        return "superseded"
    if now >= expires_at:
        return "expired"
    return "valid"


def renewal_due(now: datetime, expires_at: datetime) -> bool:
    """A learner may renew once the certificate has expired or expires within 60 days."""
    return expires_at - now <= RENEWAL_WINDOW


def initials(full_name: str) -> str:
    """'Jane van Doe' -> 'J. v. D.': enough to match a person you know, not to find one."""
    parts = [p for p in full_name.replace("-", " ").split() if p]
    return " ".join(f"{p[0]}." for p in parts) if parts else "?"


def verification_code_matches(given: str | None, stored: str) -> bool:
    """The one comparison of a typed or linked verification code with the stored one: spaces
    around it and letter case do not matter; the comparison takes the same time whatever
    the input, so it cannot be guessed character by character."""
    if not given:
        return False
    return hmac.compare_digest(given.strip().upper().encode("utf-8", "replace"), stored.strip().upper().encode())
