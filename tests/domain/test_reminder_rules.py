from datetime import datetime, timedelta, timezone

import pytest

from app.domain.training.reminders import due_kind, reminder_message

EXPIRES = datetime(2026, 11, 30, 22, 52, tzinfo=timezone.utc)


@pytest.mark.parametrize("before, kind", [
    (timedelta(days=61), None), (timedelta(days=60), "60_days"), (timedelta(days=31), "60_days"),
    (timedelta(days=30), "30_days"), (timedelta(days=8), "30_days"), (timedelta(days=7), "7_days"),
    (timedelta(hours=1), "7_days"), (timedelta(0), "expired"), (-timedelta(days=30), "expired"),
    (-timedelta(days=31), None),
])
def test_the_reminder_due_is_the_most_urgent_whose_moment_has_come(before, kind):
    assert due_kind(EXPIRES - before, EXPIRES) == kind


def test_the_message_names_the_certificate_the_date_and_the_renewal_link():
    soon = reminder_message(kind="30_days", first_name="Lena", track_title="Data Protection", number="CERT-2024-00042",
                            expires_at=EXPIRES, now=EXPIRES - timedelta(days=29, hours=23), portal_name="Success Portal",
                            renew_url="https://portal.example.com/certificates/CERT-2024-00042")
    assert soon.subject == "Your Data Protection certificate expires in 30 days"
    assert "Hello Lena," in soon.body and "expires on 30 Nov 2026, in 30 days" in soon.body
    assert "Renew it here: https://portal.example.com/certificates/CERT-2024-00042" in soon.body
    gone = reminder_message(kind="expired", first_name="Lena", track_title="Data Protection", number="CERT-2024-00042",
                            expires_at=EXPIRES, now=EXPIRES, portal_name="Success Portal", renew_url="https://x/")
    assert gone.subject == "Your Data Protection certificate has expired" and "expired on 30 Nov 2026" in gone.body
