"""The portal's one way of writing dates for people: "30 Nov 2026", and "30 Nov 2026, 22:52 UTC"
where the time matters. Pure, so messages from rules, emails and pages all read the same."""

from __future__ import annotations

from datetime import date, datetime


def day(value: date | None) -> str:
    """'5 Mar 2026', for a date or a moment."""
    return f"{value.day} {value:%b %Y}" if value else ""


def moment(value: datetime | None) -> str:
    """'5 Mar 2026, 14:07 UTC'. Moments are stored in UTC, so this is what the server knows."""
    return f"{day(value)}, {value:%H:%M} UTC" if value else ""
