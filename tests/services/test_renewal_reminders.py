"""Renewal reminders through a real SMTP server: 60, 30 and 7 days ahead and at expiry, each once,
also when several runs race; listed for admins when no SMTP is set; retried after a failed send."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from datetime import timedelta

import pytest
from sqlmodel import func, select

from app.db import session_scope
from app.domain.errors import PermissionDenied
from app.models import Certificate, RenewalReminder
from app.services.operations import nightly
from app.services.training import attempts, certificates, reminders
from app.settings import get_settings
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.smtp_server import free_port, inbox  # noqa: F401  (fixture)
from tests.training_fixtures import make_track

ISSUED = NOW - timedelta(days=700)  # valid two years: expires 30 days after NOW


@pytest.fixture
def holder(db):
    make_org("Acme Health")
    lena = make_user("lena@acme.test")
    track_id, keys = make_track()
    for key in keys:  # the last pass issues the certificate
        with session_scope() as s:
            attempt = attempts.start_attempt(session=s, user=lena, quiz_id=key.quiz_id, now=ISSUED)
            attempts.submit_attempt(session=s, user=lena, attempt_id=attempt.attempt_id, answers=key.answers(),
                                    submission_key=None, now=ISSUED)
    with session_scope() as s:
        cert = s.exec(select(Certificate)).one()
        return {"user": lena, "track": track_id, "number": cert.number, "expires": cert.expires_at}


def run(now):
    return reminders.send_due_reminders(now=now)


def test_each_reminder_goes_out_once_at_60_30_and_7_days_and_at_expiry(holder, inbox):
    expires = holder["expires"]
    for days_before in (61, 60, 59, 30, 30, 8, 7, 6, 0, -1, -40):
        run(expires - timedelta(days=days_before))
    subjects = [m["Subject"] for m in inbox.messages]
    assert subjects == ["Your Track basics certificate expires in 60 days",
                        "Your Track basics certificate expires in 30 days",
                        "Your Track basics certificate expires in 7 days",
                        "Your Track basics certificate has expired"]
    first = inbox.messages[0]
    assert first["To"] == "lena@acme.test" and first["From"] == "Success Portal Training <training@portal.example.com>"
    body = first.get_content()
    assert f"Renew it here: https://portal.example.com/certificates/{holder['number']}" in body
    assert f"expires on {expires.day} {expires:%b %Y}" in body
    with session_scope() as s:
        rows = s.exec(select(RenewalReminder.kind, RenewalReminder.status).order_by(RenewalReminder.id)).all()
    assert rows == [("60_days", "sent"), ("30_days", "sent"), ("7_days", "sent"), ("expired", "sent")]


def test_runs_racing_each_other_send_every_reminder_exactly_once(holder, inbox):
    when = holder["expires"] - timedelta(days=29)
    with ThreadPoolExecutor(max_workers=4) as pool:
        reports = list(pool.map(lambda _: run(when), range(4)))
    assert sum(r.sent for r in reports) == 1 and len(inbox.messages) == 1


def test_the_unique_key_refuses_a_second_row_for_the_same_reminder(holder):
    from sqlalchemy.exc import IntegrityError

    with session_scope() as s:
        cert_id = s.exec(select(Certificate.id)).one()
    for attempt in range(2):
        with pytest.raises(IntegrityError) if attempt else nullcontext():
            with session_scope() as s:
                s.add(RenewalReminder(certificate_id=cert_id, kind="30_days", status="sent", recipient="x@y.z",
                                      created_at=NOW))


def test_only_the_most_urgent_reminder_is_sent_when_earlier_ones_were_missed(holder, inbox):
    run(holder["expires"] - timedelta(days=5))
    assert [m["Subject"] for m in inbox.messages] == ["Your Track basics certificate expires in 5 days"]
    run(holder["expires"] - timedelta(days=4))
    assert len(inbox.messages) == 1


def test_renewed_and_revoked_certificates_get_no_reminder(holder, inbox):
    renewal_time = holder["expires"] - timedelta(days=45)
    with session_scope() as s:
        renewed, created = certificates.issue_certificate(session=s, user=holder["user"], track_id=holder["track"],
                                                          now=renewal_time)
    assert created
    run(holder["expires"] - timedelta(days=29))
    assert inbox.messages == []  # the old one is superseded; the new one is two years away
    admin = make_user("ada@acme.test", "admin")
    with session_scope() as s:
        certificates.revoke_certificate(session=s, actor=admin, number=renewed.number, reason="Issued in error",
                                        now=renewal_time)
    run(renewed.expires_at - timedelta(days=29))
    assert inbox.messages == []


def test_without_smtp_the_reminders_are_listed_for_admins_and_not_sent(holder, monkeypatch):
    monkeypatch.delenv("SMTP_URL", raising=False)
    get_settings.cache_clear()
    report = run(holder["expires"] - timedelta(days=29))
    assert (report.sent, report.listed) == (0, 1)
    admin = make_user("ada@acme.test", "admin")
    with session_scope() as s:
        (row,) = reminders.listed_reminders(session=s, actor=admin)
        assert (row.number, row.kind, row.status, row.recipient) == (holder["number"], "30_days", "listed",
                                                                     "lena@acme.test")
        with pytest.raises(PermissionDenied):
            reminders.listed_reminders(session=s, actor=holder["user"])
    assert run(holder["expires"] - timedelta(days=28)).listed == 0  # listed once, like a sent one


def test_a_failed_send_is_recorded_and_sent_once_by_the_next_run(holder, inbox, monkeypatch):
    monkeypatch.setenv("SMTP_URL", f"smtp://127.0.0.1:{free_port()}")  # nothing listens there
    get_settings.cache_clear()
    when = holder["expires"] - timedelta(days=29)
    assert run(when).failed == 1 and inbox.messages == []
    with session_scope() as s:
        status, detail = s.exec(select(RenewalReminder.status, RenewalReminder.detail)).one()
    assert status == "failed" and "ConnectionRefusedError" in detail
    monkeypatch.setenv("SMTP_URL", f"smtp://127.0.0.1:{inbox.port}")
    get_settings.cache_clear()
    assert run(when).sent == 1 and run(when).sent == 0
    assert len(inbox.messages) == 1
    with session_scope() as s:
        assert s.exec(select(func.count(RenewalReminder.id))).one() == 1


def test_the_nightly_job_sends_the_reminders_and_says_so(holder, inbox):
    finished = nightly.run_nightly(now=holder["expires"] - timedelta(days=7), slot="reminder-test")
    assert finished.status == "succeeded" and "renewal reminders 1 sent / 0 listed / 0 failed" in finished.detail
    assert [m["Subject"] for m in inbox.messages] == ["Your Track basics certificate expires in 7 days"]
