"""Renewal reminders: one row per certificate and reminder, so each goes out once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel


class RenewalReminder(SQLModel, table=True):
    """A reminder that a certificate expires (60, 30 or 7 days ahead) or has expired.

    The unique key on (certificate, kind) is what makes each reminder go out exactly once,
    whichever worker or run gets to it first: the row is claimed before the email is sent.
    """

    __tablename__ = "renewal_reminder"
    __table_args__ = (
        UniqueConstraint("certificate_id", "kind", name="uq_renewal_reminder_certificate_kind"),
        CheckConstraint("kind IN ('60_days', '30_days', '7_days', 'expired')", name="ck_renewal_reminder_kind"),
        CheckConstraint("status IN ('sending', 'sent', 'failed', 'listed')", name="ck_renewal_reminder_status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    certificate_id: int = Field(foreign_key="certificate.id", index=True)
    kind: str = Field(max_length=10)
    # sending (claimed, in flight) | sent | failed (tried again next run) | listed (no SMTP: shown to admins)
    status: str = Field(max_length=10)
    recipient: str = Field(max_length=254)
    created_at: datetime = Field(index=True)
    sent_at: datetime | None = None
    detail: str = Field(default="", max_length=500)
