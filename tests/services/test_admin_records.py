"""Admin reads: find a certificate, see its history; the audit log's date filter."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.db import session_scope
from app.domain.errors import PermissionDenied
from app.services.operations import records as admin_records
from app.services.training import attempts, certificates
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.training_fixtures import make_track


@pytest.fixture
def issued(db):
    make_org("Acme Health")
    make_org("Vendor", "Software", 300)
    admin = make_user("ada@vendor.test", "admin", org="Vendor")
    learner = make_user("lena@acme.test")
    track_id, (key,) = make_track(courses=1, questions=2)
    with session_scope() as s:
        view = attempts.start_attempt(session=s, user=learner, quiz_id=key.quiz_id, now=NOW)
        attempts.submit_attempt(session=s, user=learner, attempt_id=view.attempt_id, answers=key.answers(),
                                submission_key=None, now=NOW)
        cert, _ = certificates.issue_certificate(session=s, user=learner, track_id=track_id, now=NOW)
    return admin, learner, cert.number


def test_a_certificate_is_found_by_number_name_or_email_and_its_history_shows_the_revocation(issued):
    admin, _, number = issued
    with session_scope() as s:
        for query in (number, number[-5:], "lena tester", "LENA@ACME"):
            assert [c["number"] for c in admin_records.find_certificates(session=s, actor=admin, query=query,
                                                                          now=NOW)] == [number], query
        found = admin_records.find_certificates(session=s, actor=admin, query=number, now=NOW)[0]
        assert "verification_code" not in found
        certificates.revoke_certificate(session=s, actor=admin, number=number, reason="Shared answers", now=NOW)
    with session_scope() as s:
        history = admin_records.certificate_history(session=s, actor=admin, number=number.lower())
    assert [h.action for h in history][0] == "certificate.revoke" and history[0].detail == {"reason": "Shared answers"}
    assert len(history) == 2  # issued, then revoked


def test_the_audit_log_filters_by_day(issued):
    admin, _, _ = issued
    with session_scope() as s:
        today = admin_records.audit_events(session=s, actor=admin, since=NOW.date(), until=NOW.date())
        tomorrow = admin_records.audit_events(session=s, actor=admin, since=NOW.date() + timedelta(days=1))
    assert today and tomorrow == []


def test_learners_cannot_read_records(issued):
    _, learner, number = issued
    with session_scope() as s:
        for call in (lambda: admin_records.find_certificates(session=s, actor=learner, query=number, now=NOW),
                     lambda: admin_records.certificate_history(session=s, actor=learner, number=number),
                     lambda: admin_records.audit_events(session=s, actor=learner),
                     lambda: admin_records.recent_job_runs(session=s, actor=learner)):
            with pytest.raises(PermissionDenied):
                call()
