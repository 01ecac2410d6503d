from collections import Counter
from datetime import timedelta

import pytest
from sqlmodel import func, select

from app import demo
from app.db import session_scope
from app.domain.errors import Conflict
from app.domain.training.numbering import parse_certificate_number
from app.models import AuditEvent, Certificate, CertificateCounter, MetricSnapshot, Organization, PeerBenchmark, Track, User
from app.services.accounts import users as accounts
from tests.conftest import NOW


def _seed(orgs=40, seed=3):
    with session_scope() as s:
        return demo.seed_demo(session=s, organizations=orgs, seed=seed, now=NOW)


def test_demo_data_has_organizations_metrics_tracks_and_sign_ins(db):
    summary = _seed()
    assert summary.organizations == 40 and summary.tracks == 3
    with session_scope() as s:
        assert s.exec(select(func.count(MetricSnapshot.id))).one() == summary.snapshots
        # Four metrics are generated for every organization and day; certification_rate is
        # computed from the learners, so only organizations with learners have it.
        generated = s.exec(select(func.count(MetricSnapshot.id)).where(MetricSnapshot.metric != "certification_rate")).one()
        rated = s.exec(select(func.count(func.distinct(MetricSnapshot.organization_id)))
                       .where(MetricSnapshot.metric == "certification_rate")).one()
        released_days = s.exec(select(func.count(func.distinct(PeerBenchmark.as_of)))).one()
    assert generated == 40 * 90 * 4 and rated == demo.LEARNER_ORGS and released_days == 90
    with session_scope() as s:
        days = s.exec(select(func.min(MetricSnapshot.as_of), func.max(MetricSnapshot.as_of))).one()
        assert days == (NOW.date() - timedelta(days=89), NOW.date())
        assert s.exec(select(func.count(Track.id)).where(Track.is_published)).one() == 3
        roles = {u.email: u.role for u in s.exec(select(User).where(User.email.like("%@demo.test"))).all()}
        learners = s.exec(select(func.count(User.id)).where(User.role == "learner")).one()
    assert roles == {"admin@demo.test": "admin", "csm@demo.test": "csm", "learner@demo.test": "learner"}
    assert learners == 1 + demo.LEARNER_ORGS * demo.LEARNERS_PER_ORG
    for email in roles:
        with session_scope() as s:
            assert accounts.login(session=s, email=email, password=demo.DEMO_PASSWORD, now=NOW).user.email == email


def test_industries_are_skewed_and_some_are_too_small_to_publish(db):
    _seed(orgs=300)
    with session_scope() as s:
        counts = Counter(s.exec(select(Organization.industry).where(Organization.is_customer)).all())
    assert len(counts) == 8
    assert max(counts.values()) > 60 and min(counts.values()) < 5


def test_certificates_are_numbered_sequentially_within_each_year(db):
    _seed()
    with session_scope() as s:
        certs = s.exec(select(Certificate).order_by(Certificate.issued_at)).all()
        counters = {c.year: c.last_number for c in s.exec(select(CertificateCounter)).all()}
    assert certs, "the demo should include certificates"
    by_year: dict[int, list[int]] = {}
    for cert in certs:
        year, seq = parse_certificate_number(cert.number)
        assert year == cert.issued_at.year
        by_year.setdefault(year, []).append(seq)
    for year, seqs in by_year.items():
        assert seqs == list(range(1, len(seqs) + 1))
        assert counters[year] == len(seqs)
    with session_scope() as s:  # each has its issue in the audit log, as a real one would
        issued = s.exec(select(AuditEvent.subject, AuditEvent.at).where(AuditEvent.action == "certificate.issue")).all()
    assert sorted(issued) == sorted((c.number, c.issued_at) for c in certs)


def test_the_same_seed_gives_the_same_data(db):
    _seed(seed=11)
    with session_scope() as s:
        first = s.exec(select(Organization.name, Organization.employee_count).order_by(Organization.id)).all()
    from tests.conftest import _empty_all_tables

    _empty_all_tables()
    _seed(seed=11)
    with session_scope() as s:
        second = s.exec(select(Organization.name, Organization.employee_count).order_by(Organization.id)).all()
    assert first == second


def test_seeding_refuses_a_database_that_already_has_data(db):
    _seed()
    with pytest.raises(Conflict, match="empty database"):
        _seed()


def test_demo_certificates_have_codes_in_the_printed_format_that_unlock_their_credential(db):
    import re

    from app.services.training import credentials

    _seed()
    with session_scope() as s:
        certs = s.exec(select(Certificate)).all()
        assert certs and all(re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){2}", c.verification_code) for c in certs)
        cert = certs[0]
        typed = cert.verification_code.lower()  # as someone might type it from the printed certificate
        assert credentials.get_credential(session=s, number=cert.number, viewer=None, code=typed, now=NOW).jwt
