from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import select

from app.db import session_scope
from app.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied, TrackNotCompleted
from app.domain.training.numbering import NotACertificateNumber
from app.models import AuditEvent, CertificateCounter, QuizAttempt, User
from app.services.accounts import users as accounts
from app.services.training import certificates
from app.services.training.certificates import allocate_number
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.training_fixtures import make_track


@pytest.fixture
def setup(db):
    make_org("Acme Health")
    make_org("Vendor", "Software", 300)
    track_id, keys = make_track()
    return {
        "track": track_id,
        "keys": keys,
        "learner": make_user("lena@acme.test"),
        "admin": make_user("ada@vendor.test", "admin", org="Vendor"),
    }


def pass_all(user_id: int, keys, when=NOW) -> None:
    """Arrange: the learner has passed every quiz of the track."""
    with session_scope() as s:
        for key in keys:
            s.add(QuizAttempt(user_id=user_id, quiz_id=key.quiz_id, attempt_number=1, started_at=when,
                              submitted_at=when, earned_points=5, total_points=5, score=100.0, passed=True,
                              shuffle_seed=1))


def issue(user, track_id, now=NOW):
    with session_scope() as s:
        return certificates.issue_certificate(session=s, user=user, track_id=track_id, now=now)


def test_a_completed_track_earns_a_numbered_two_year_certificate_once(setup):
    pass_all(setup["learner"].id, setup["keys"])
    cert, created = issue(setup["learner"], setup["track"])
    assert created and cert.number == "CERT-2026-00001" and cert.status == "valid"
    assert cert.expires_at == NOW.replace(year=2028) and cert.holder_name == "Lena Tester"
    again, created_again = issue(setup["learner"], setup["track"], NOW + timedelta(days=3))
    assert not created_again and again.number == cert.number


def test_an_unfinished_track_is_refused_with_what_remains(setup):
    with pytest.raises(TrackNotCompleted, match="remaining 2"):
        issue(setup["learner"], setup["track"])


def test_fifty_concurrent_issuances_get_unique_numbers_without_gaps(setup):
    with session_scope() as s:
        org_id = setup["learner"].organization_id
        users = [User(organization_id=org_id, email=f"l{i}@acme.test", first_name=f"L{i}", last_name="T",
                      password_hash="x", role="learner", created_at=NOW) for i in range(50)]
        s.add_all(users)
        s.flush()
        ids = [u.id for u in users]
    for user_id in ids:
        pass_all(user_id, setup["keys"])
    with session_scope() as s:
        people = [accounts.user_by_id(s, i) for i in ids]
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda user: issue(user, setup["track"]), people))
    numbers = sorted(cert.number for cert, _ in results)
    assert numbers == [f"CERT-2026-{n:05d}" for n in range(1, 51)]
    with session_scope() as s:
        assert s.get(CertificateCounter, 2026).last_number == 50


def test_a_rolled_back_issuance_leaves_no_gap(setup):
    with pytest.raises(RuntimeError), session_scope() as s:
        assert allocate_number(s, 2026) == "CERT-2026-00001"
        raise RuntimeError("the insert failed")
    with session_scope() as s:
        assert allocate_number(s, 2026) == "CERT-2026-00001"


def test_numbering_restarts_each_utc_year_and_grows_past_five_digits(setup):
    with session_scope() as s:
        s.add(CertificateCounter(year=2026, last_number=99_999))
    with session_scope() as s:
        assert allocate_number(s, 2026) == "CERT-2026-100000"
        assert allocate_number(s, 2027) == "CERT-2027-00001"


def test_renewal_within_sixty_days_supersedes_the_old_certificate(setup):
    pass_all(setup["learner"].id, setup["keys"])
    old, _ = issue(setup["learner"], setup["track"])
    not_yet, created = issue(setup["learner"], setup["track"], old.expires_at - timedelta(days=61))
    assert not created and not_yet.number == old.number
    later = old.expires_at - timedelta(days=30)
    new, created = issue(setup["learner"], setup["track"], later)
    assert created and new.number == "CERT-2028-00001" and new.status == "valid"
    with session_scope() as s:
        mine = certificates.list_certificates(session=s, user=setup["learner"], now=later)
        verdict = certificates.verify_certificate(session=s, number=old.number, code=None, now=later)
        actions = s.exec(select(AuditEvent.action).where(AuditEvent.subject == new.number)).all()
    assert [(c.number, c.status) for c in mine] == [(new.number, "valid"), (old.number, "superseded")]
    assert verdict.status == "superseded" and verdict.superseded_by == new.number
    assert actions == ["certificate.renew"]


def test_an_expired_certificate_shows_expired_and_can_be_renewed(setup):
    pass_all(setup["learner"].id, setup["keys"])
    old, _ = issue(setup["learner"], setup["track"])
    after = old.expires_at + timedelta(days=1)
    with session_scope() as s:
        assert certificates.verify_certificate(session=s, number=old.number, code=None, now=after).status == "expired"
    assert issue(setup["learner"], setup["track"], after)[1]


def test_revocation_needs_an_admin_and_a_reason_and_happens_once(setup):
    pass_all(setup["learner"].id, setup["keys"])
    cert, _ = issue(setup["learner"], setup["track"])

    def revoke(actor, reason="Exam misconduct", now=NOW):
        with session_scope() as s:
            return certificates.revoke_certificate(session=s, actor=actor, number=cert.number, reason=reason, now=now)

    with pytest.raises(PermissionDenied):
        revoke(setup["learner"])
    with pytest.raises(InvalidInput, match="reason"):
        revoke(setup["admin"], reason="  ")
    first = revoke(setup["admin"])
    second = revoke(setup["admin"], reason="Another reason", now=NOW + timedelta(days=1))
    assert first.status == second.status == "revoked"
    assert second.revoked_at == NOW and second.revoke_reason == "Exam misconduct"
    with session_scope() as s:
        assert s.exec(select(AuditEvent.action).where(AuditEvent.action == "certificate.revoke")).all() == ["certificate.revoke"]
    with pytest.raises(Conflict, match="revoked"):
        issue(setup["learner"], setup["track"], NOW + timedelta(days=700))


def test_public_verification_shows_initials_unless_the_code_is_given(setup):
    pass_all(setup["learner"].id, setup["keys"])
    cert, _ = issue(setup["learner"], setup["track"])
    with session_scope() as s:
        # The holder's later name change does not alter the issued certificate.
        s.exec(select(User).where(User.email == "lena@acme.test")).one().last_name = "Renamed"
    with session_scope() as s:
        anonymous = certificates.verify_certificate(session=s, number=" cert-2026-00001 ", code=None, now=NOW)
        wrong_code = certificates.verify_certificate(session=s, number=cert.number, code="AAAA-BBBB-CCCC", now=NOW)
        with_code = certificates.verify_certificate(
            session=s, number=cert.number, code=cert.verification_code.lower(), now=NOW)
        with pytest.raises(NotFound):
            certificates.verify_certificate(session=s, number="CERT-2026-00002", code=None, now=NOW)
        with pytest.raises(NotACertificateNumber):
            certificates.verify_certificate(session=s, number="CERT-2026-１", code=None, now=NOW)
    assert anonymous.holder == wrong_code.holder == "L. T." and not anonymous.holder_is_full_name
    assert with_code.holder == "Lena Tester" and with_code.status == "valid"
    assert anonymous.track_title == "Track basics"


def test_issuance_uses_the_utc_year(setup):
    pass_all(setup["learner"].id, setup["keys"])
    new_year_eve_in_new_york = datetime(2027, 1, 1, 2, 0, tzinfo=timezone.utc)  # still 2026 locally
    cert, _ = issue(setup["learner"], setup["track"], new_year_eve_in_new_york)
    assert cert.number == "CERT-2027-00001"
