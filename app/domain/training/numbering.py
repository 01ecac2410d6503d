"""Certificate numbers: CERT-YYYY-NNNNN, sequential within a UTC year, never reused."""

from __future__ import annotations

import re

from app.domain.errors import InvalidInput

# ASCII digits only: Python's \d would also accept full-width and other scripts' digits.
# At most 12 sequence digits: a trillion certificates a year is plenty, and an unbounded
# run of digits would make int() refuse the string (over 4300 digits) with a server error.
CERTIFICATE_PATTERN = re.compile(r"^CERT-([0-9]{4})-([0-9]{5,12})$", re.IGNORECASE)


class NotACertificateNumber(InvalidInput):
    def __init__(self, raw: str):
        shown = raw.strip()[:40]
        super().__init__("number", f"{shown!r} is not a certificate number; they look like CERT-2026-00042.")


def format_certificate_number(year: int, sequence: int) -> str:
    """Zero-padded to five digits; past 99999 the number simply grows (it never wraps)."""
    if sequence < 1:
        raise InvalidInput("number", "Certificate sequence numbers start at 1.")
    return f"CERT-{year:04d}-{sequence:05d}"


def parse_certificate_number(raw: str) -> tuple[int, int]:
    match = CERTIFICATE_PATTERN.match(raw.strip())
    if not match or (len(match.group(2)) > 5 and match.group(2).startswith("0")):
        raise NotACertificateNumber(raw)
    return int(match.group(1)), int(match.group(2))


def normalize_certificate_number(raw: str) -> str:
    year, sequence = parse_certificate_number(raw)
    return format_certificate_number(year, sequence)
