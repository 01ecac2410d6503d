"""Reads behind the learner pages: one certificate for its holder, and a quiz's place in its track."""

from datetime import timedelta

import pytest

from app.db import session_scope
from app.domain.errors import NotFound
from app.domain.training.numbering import NotACertificateNumber
from app.services.training import catalog as training
from app.services.training import attempts, certificates
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.services.test_certificates import issue, pass_all
from tests.training_fixtures import make_track


@pytest.fixture
def people(db):
    make_org("Acme Health")
    make_org("Vendor", "Software", 300)
    track_id, keys = make_track(courses=3, questions=3)
    return {"track": track_id, "keys": keys, "lena": make_user("lena@acme.test"), "otto": make_user("otto@acme.test"),
            "admin": make_user("ada@vendor.test", "admin", org="Vendor"), "csm": make_user("cy@vendor.test", "csm", org="Vendor")}


def get(viewer, number):
    with session_scope() as s:
        return certificates.get_certificate(session=s, viewer=viewer, number=number, now=NOW)


def test_the_holder_and_admins_open_a_certificate_nobody_else_does(people):
    pass_all(people["lena"].id, people["keys"])
    cert, _ = issue(people["lena"], people["track"])
    assert get(people["lena"], cert.number.lower()).verification_code == cert.verification_code
    assert get(people["admin"], cert.number).holder_name == "Lena Tester"
    for outsider in (people["otto"], people["csm"]):
        with pytest.raises(NotFound):
            get(outsider, cert.number)
    with pytest.raises(NotFound):
        get(people["lena"], "CERT-2026-00999")
    with pytest.raises(NotACertificateNumber):
        get(people["lena"], "not-a-number")


def place(viewer, quiz_id, now=NOW):
    with session_scope() as s:
        return training.get_quiz_place(session=s, viewer=viewer, quiz_id=quiz_id, now=now)


def test_a_quiz_place_names_its_track_course_and_the_next_unpassed_course(people):
    keys, lena = people["keys"], people["lena"]
    first = place(lena, keys[0].quiz_id)
    assert (first.track_id, first.course_position, first.courses_total) == (people["track"], 1, 3)
    assert first.course_title == "Course 0" and first.next_course_title == "Course 1"
    assert first.quiz.status.attempts_used == 0 and first.track_status == "not_started"
    with session_scope() as s:
        view = attempts.start_attempt(session=s, user=lena, quiz_id=keys[1].quiz_id, now=NOW)
        attempts.submit_attempt(session=s, user=lena, attempt_id=view.attempt_id, answers=keys[1].answers(),
                                submission_key=None, now=NOW + timedelta(minutes=1))
    # Course 1 is passed now, so after course 0 the next one to do is course 2.
    assert place(lena, keys[0].quiz_id).next_course_title == "Course 2"
    last = place(lena, keys[2].quiz_id)
    assert last.next_course_title is None and last.track_status == "in_progress"


def test_a_quiz_of_an_unpublished_track_has_no_place(people):
    _track, hidden = make_track("hidden", courses=1, published=False)
    with pytest.raises(NotFound):
        place(people["lena"], hidden[0].quiz_id)
