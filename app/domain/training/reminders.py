"""When a certificate's holder is reminded to renew it, and what the reminder says.

Four reminders per certificate: 60, 30 and 7 days before it expires, and when it has expired.
Each is sent once. A reminder whose moment passed unsent (the portal was down, or the
certificate was issued with less time left) is not sent late: only the most urgent one
due now goes out, so a learner never gets three emails in one night.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.dates import day

# (kind, how long before expiry it is due), most urgent last.
STAGES = (("60_days", timedelta(days=60)), ("30_days", timedelta(days=30)), ("7_days", timedelta(days=7)))
EXPIRED = "expired"
KINDS = (*(kind for kind, _ in STAGES), EXPIRED)
# An expiry reminder is news only for a while: certificates expired long before reminders
# existed are not announced now.
EXPIRED_NOTICE_WINDOW = timedelta(days=30)
# The oldest expiry any reminder can be about, and the furthest ahead one can look.
LOOK_BACK, LOOK_AHEAD = EXPIRED_NOTICE_WINDOW, STAGES[0][1]


def due_kind(now: datetime, expires_at: datetime) -> str | None:
    """The reminder due now for a certificate expiring at ``expires_at``, if any."""
    if now >= expires_at:
        return EXPIRED if now - expires_at <= EXPIRED_NOTICE_WINDOW else None
    due = [kind for kind, ahead in STAGES if expires_at - now <= ahead]
    return due[-1] if due else None


@dataclass(frozen=True)
class Reminder:
    subject: str
    body: str


def reminder_message(*, kind: str, first_name: str, track_title: str, number: str, expires_at: datetime,
                     now: datetime, renew_url: str, portal_name: str) -> Reminder:
    """The email: what expires when, and the one link that renews it."""
    if kind == EXPIRED:
        subject = f"Your {track_title} certificate has expired"
        news = (f"Your certificate {number} for {track_title} expired on {day(expires_at)}. Anyone who checks it "
                "now sees that it has expired.")
    else:
        days = max(1, -(-int((expires_at - now).total_seconds()) // 86400))
        subject = f"Your {track_title} certificate expires in {days} day{'s' if days != 1 else ''}"
        news = f"Your certificate {number} for {track_title} expires on {day(expires_at)}, in {days} day{'s' if days != 1 else ''}."
    body = "\n".join([
        f"Hello {first_name},",
        "",
        news,
        "",
        f"Renew it here: {renew_url}",
        "Renewing issues a new certificate, valid for two more years; your passed quizzes still count.",
        "",
        portal_name,
        "",
    ])
    return Reminder(subject, body)
