"""Dates and durations as people read them. Times are shown in UTC, which the server knows."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.dates import day, moment  # noqa: F401  (the one format, shared with messages and emails)


def stamp(value: datetime) -> str:
    """'2026-03-05 14:07:09': for tables of events, where rows line up and sort as text."""
    return f"{value:%Y-%m-%d %H:%M:%S}"


def duration(delta: timedelta) -> str:
    """'3 minutes', '2 hours 5 minutes', '45 days': rounded up, so "0 minutes" never shows while waiting."""
    minutes = max(1, -(-int(delta.total_seconds()) // 60))
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours, rest = divmod(minutes, 60)
    if hours < 48:
        tail = f" {rest} minute{'s' if rest != 1 else ''}" if rest else ""
        return f"{hours} hour{'s' if hours != 1 else ''}{tail}"
    days = hours // 24
    return f"{days} days"


def time_to_expiry(days: int) -> str:
    if days <= 0:
        return "expires today"
    if days < 60:
        return f"expires in {days} day{'s' if days != 1 else ''}"
    months = days // 30
    if months < 24:
        return f"expires in {months} months"
    return f"expires in {days // 365} years"
