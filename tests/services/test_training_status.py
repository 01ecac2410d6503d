"""A customer's certification status as a CSM sees it: each learner counted once, renewals listed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.db import session_scope
from app.domain.errors import NotFound, PermissionDenied
from app.models import Certificate, QuizAttempt, User
from app.services.accounts import users as accounts
from app.services.training.status import ATTENTION_LIMIT, organization_training_status
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.training_fixtures import make_track


@pytest.fixture
def org(db):
    acme = make_org("Acme Health")
    make_org("Vendor", "Software", 300)
    make_user("lena@vendor.test", "learner", org="Vendor")
    return acme


def csm():
    with session_scope() as s:
        try:
            return accounts.user_by_email(s, "cara@vendor.test")
        except NotFound:
            pass
    return make_user("cara@vendor.test", "csm", org="Vendor")


def add_certificate(email: str, track_id: int, expires_in: timedelta, number: str, **extra) -> None:
    with session_scope() as s:
        user = s.exec(User.__table__.select().where(User.email == email)).one()
        s.add(Certificate(number=number, user_id=user.id, track_id=track_id, issued_at=NOW - timedelta(days=300),
                          expires_at=NOW + expires_in, verification_code="x" * 32, holder_name=email,
                          track_title=f"Track {track_id}", **extra))


def start_attempt(email: str, quiz_id: int) -> None:
    with session_scope() as s:
        user = s.exec(User.__table__.select().where(User.email == email)).one()
        s.add(QuizAttempt(user_id=user.id, quiz_id=quiz_id, attempt_number=1, started_at=NOW, shuffle_seed=1))


def status(org_id: int, viewer=None):
    with session_scope() as s:
        return organization_training_status(session=s, viewer=viewer or csm(), organization_id=org_id, now=NOW)


def test_each_active_learner_is_counted_once_and_renewals_are_listed(org):
    track_id, keys = make_track()
    for name in ("valid", "soon", "expired", "revoked", "started", "idle"):
        make_user(f"{name}@acme.test")
    make_user("boss@acme.test", "csm", org="Acme Health")  # not a learner: not counted
    add_certificate("valid@acme.test", track_id, timedelta(days=400), "C-1")
    add_certificate("soon@acme.test", track_id, timedelta(days=30), "C-2")
    add_certificate("expired@acme.test", track_id, -timedelta(days=10), "C-3")
    add_certificate("revoked@acme.test", track_id, timedelta(days=400), "C-4", revoked_at=NOW - timedelta(days=1),
                    revoke_reason="misconduct")
    start_attempt("started@acme.test", keys[0].quiz_id)
    result = status(org.id)
    assert (result.learners, result.certified, result.expiring_soon, result.expired, result.in_progress,
            result.not_started) == (6, 2, 1, 1, 1, 2)  # revoked and idle: not started
    assert result.certified + result.expired + result.in_progress + result.not_started == result.learners
    assert [(c.name, c.status, c.expires_on) for c in result.to_contact] == [
        ("Expired Tester", "expired", (NOW - timedelta(days=10)).date()),
        ("Soon Tester", "expiring", (NOW + timedelta(days=30)).date()),
    ]
    assert result.to_contact_total == 2


def test_a_learner_with_attempts_but_no_certificate_is_in_progress(org):
    _track_id, keys = make_track()
    make_user("started@acme.test")
    start_attempt("started@acme.test", keys[0].quiz_id)
    assert (status(org.id).in_progress, status(org.id).not_started) == (1, 0)


def test_a_renewed_certificate_counts_as_certified_not_expired(org):
    track_id, _ = make_track()
    make_user("renewed@acme.test")
    add_certificate("renewed@acme.test", track_id, -timedelta(days=5), "C-1", superseded_by="C-2")
    add_certificate("renewed@acme.test", track_id, timedelta(days=700), "C-2")
    result = status(org.id)
    assert (result.certified, result.expired, result.to_contact) == (1, 0, [])


def test_the_contact_list_is_capped_but_the_total_is_kept(org):
    track_id, _ = make_track()
    for i in range(ATTENTION_LIMIT + 3):
        make_user(f"l{i:02d}@acme.test")
        add_certificate(f"l{i:02d}@acme.test", track_id, timedelta(days=5 + i), f"C-{i}")
    result = status(org.id)
    assert len(result.to_contact) == ATTENTION_LIMIT and result.to_contact_total == ATTENTION_LIMIT + 3
    assert result.expiring_soon == ATTENTION_LIMIT + 3


def test_an_organization_without_learners_has_all_zeros(org):
    assert status(org.id).learners == 0 and status(org.id).to_contact == []


def test_learners_and_unknown_organizations_are_refused(org):
    learner = make_user("lee@acme.test")
    with pytest.raises(PermissionDenied):
        status(org.id, viewer=learner)
    with pytest.raises(NotFound):
        status(999_999)
