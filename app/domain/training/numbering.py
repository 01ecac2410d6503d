"""Certificate numbers (CERT-YYYY-NNNNN, sequential within a year) and validity."""

from __future__ import annotations

import re
from datetime import datetime

from app.domain.errors import InvalidInput

CERTIFICATE_PATTERN = re.compile(r"^CERT-(\d{4})-(\d{5})$")
VALIDITY_YEARS = 2
MAX_PER_YEAR = 99_999


def format_certificate_number(year: int, sequence: int) -> str:
    if not 1 <= sequence <= MAX_PER_YEAR:
        raise InvalidInput("number", f"Certificate sequence {sequence} is outside 1-{MAX_PER_YEAR}.")
    return f"CERT-{year:04d}-{sequence:05d}"


def parse_certificate_number(raw: str) -> tuple[int, int]:
    match = CERTIFICATE_PATTERN.match(raw.strip().upper())
    if not match:
        raise InvalidInput("number", f"{raw.strip()!r} is not a certificate number; they look like CERT-2026-00042.")
    return int(match.group(1)), int(match.group(2))


def certificate_expiry(issued_at: datetime) -> datetime:
    """Valid for two years; a certificate issued on 29 February expires on 28 February."""
    try:
        return issued_at.replace(year=issued_at.year + VALIDITY_YEARS)
    except ValueError:
        return issued_at.replace(year=issued_at.year + VALIDITY_YEARS, day=28)
