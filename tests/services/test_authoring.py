"""Authoring use cases: build a track, check it before publishing, keep history intact."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.db import session_scope
from app.domain.errors import InvalidInput, PermissionDenied
from app.domain.training.authoring import NotPublishable, parse_choice_lines
from app.domain.training.content import QuestionSpec
from app.models import AuditEvent
from app.services.training import catalog as training
from app.services.training import attempts, authoring, certificates, content
from tests.conftest import NOW
from tests.factories import admin_csm_and_learner
from tests.training_fixtures import make_track


@pytest.fixture
def people(db):
    return admin_csm_and_learner()


def _q(prompt: str, lines: str, kind: str = "single_choice") -> QuestionSpec:
    return QuestionSpec(kind, prompt, 1, "", parse_choice_lines(lines))


def test_an_admin_builds_a_track_which_publishes_only_when_complete(people):
    admin = people["admin"]
    with session_scope() as s:
        track_id = authoring.create_track(session=s, actor=admin, slug="renewals", title="Renewals", description="",
                                          now=NOW)
        with pytest.raises(NotPublishable, match="has no courses"):
            authoring.set_published(session=s, actor=admin, track_id=track_id, published=True, now=NOW)
        course_id = authoring.add_course(session=s, actor=admin, track_id=track_id, slug="basics", title="Basics",
                                         now=NOW)
        authoring.update_course(session=s, actor=admin, course_id=course_id, title="Basics", summary="",
                                content="# Read\nthis", now=NOW)
        problems = authoring.track_detail(session=s, actor=admin, track_id=track_id)["problems"]
        assert problems == ["Track “Renewals”: every course is a draft; publish at least one course first"]
        problems = authoring.course_detail(session=s, actor=admin, course_id=course_id)["problems"]
        assert problems == ["Course 1 “Basics” › quiz: has no questions; add at least one"]
        with pytest.raises(NotPublishable, match="course cannot be published yet"):
            authoring.set_course_published(session=s, actor=admin, course_id=course_id, published=True, now=NOW)
        authoring.save_question(session=s, actor=admin, course_id=course_id, question_id=None,
                                spec=_q("Capital of France?", "* Paris\nLyon"), now=NOW)
        authoring.set_course_published(session=s, actor=admin, course_id=course_id, published=True, now=NOW)
        authoring.set_published(session=s, actor=admin, track_id=track_id, published=True, now=NOW)
        assert authoring.track_detail(session=s, actor=admin, track_id=track_id)["is_published"]
        actions = s.exec(select(AuditEvent.action).where(AuditEvent.actor_id == admin.id)).all()
    assert {"track.create", "course.create", "course.update", "question.save", "course.publish",
            "track.publish"} <= set(actions)


def test_a_question_without_a_correct_choice_is_not_saved(people):
    with session_scope() as s:
        track_id = authoring.create_track(session=s, actor=people["admin"], slug="t", title="T", description="", now=NOW)
        course_id = authoring.add_course(session=s, actor=people["admin"], track_id=track_id, slug="c", title="C",
                                         now=NOW)
        with pytest.raises(InvalidInput, match="needs exactly one correct choice"):
            authoring.save_question(session=s, actor=people["admin"], course_id=course_id, question_id=None,
                                    spec=_q("Pick", "a\nb"), now=NOW)


def test_courses_are_reordered_by_swapping_neighbours(people):
    admin = people["admin"]
    with session_scope() as s:
        track_id = authoring.create_track(session=s, actor=admin, slug="t", title="T", description="", now=NOW)
        first = authoring.add_course(session=s, actor=admin, track_id=track_id, slug="one", title="One", now=NOW)
        authoring.add_course(session=s, actor=admin, track_id=track_id, slug="two", title="Two", now=NOW)
        authoring.move_course(session=s, actor=admin, course_id=first, offset=1, now=NOW)
        authoring.move_course(session=s, actor=admin, course_id=first, offset=1, now=NOW)  # already last
        courses = authoring.track_detail(session=s, actor=admin, track_id=track_id)["courses"]
    assert [c["slug"] for c in courses] == ["two", "one"]


@pytest.mark.parametrize("role", ["csm", "learner"])
def test_only_admins_may_author(people, role):
    with session_scope() as s, pytest.raises(PermissionDenied):
        authoring.create_track(session=s, actor=people[role], slug="t", title="T", description="", now=NOW)
    with session_scope() as s, pytest.raises(PermissionDenied):
        authoring.list_tracks(session=s, actor=people[role])


def test_replacing_a_question_keeps_the_old_one_for_attempts_and_certificates_keep_their_titles(people):
    admin, learner = people["admin"], people["learner"]
    track_id, keys = make_track(courses=1, questions=2)
    with session_scope() as s:
        attempt = attempts.start_attempt(session=s, user=learner, quiz_id=keys[0].quiz_id, now=NOW)
        attempts.submit_attempt(session=s, user=learner, attempt_id=attempt.attempt_id, answers=keys[0].answers(),
                                submission_key=None, now=NOW)
        cert, _ = certificates.issue_certificate(session=s, user=learner, track_id=track_id, now=NOW)
        course_id = authoring.track_detail(session=s, actor=admin, track_id=track_id)["courses"][0]["id"]
        old_id = sorted(keys[0].correct)[0]
        authoring.save_question(session=s, actor=admin, course_id=course_id, question_id=old_id,
                                spec=_q("Rewritten?", "* yes\nno"), now=NOW)
        authoring.update_track(session=s, actor=admin, track_id=track_id, title="Renamed", description="", now=NOW)
    with session_scope() as s:
        again = attempts.get_attempt(session=s, user=learner, attempt_id=attempt.attempt_id, now=NOW)
        prompts = [q["prompt"] for q in authoring.course_detail(session=s, actor=admin, course_id=course_id)["questions"]]
        assert certificates.get_certificate(session=s, viewer=learner, number=cert.number, now=NOW).track_title == cert.track_title
    assert again.result.passed and old_id in {q.id for q in again.questions}
    assert "Rewritten?" in prompts and len(prompts) == 2


def test_tracks_are_listed_in_the_order_admins_choose_for_learners_too(people):
    admin, learner = people["admin"], people["learner"]
    first, _ = make_track("first", courses=1, questions=1)
    second, _ = make_track("second", courses=1, questions=1)
    with session_scope() as s:
        third = authoring.create_track(session=s, actor=admin, slug="third", title="Third", description="", now=NOW)
        authoring.move_track(session=s, actor=admin, track_id=second, offset=-1, now=NOW)
        authoring.move_track(session=s, actor=admin, track_id=second, offset=-1, now=NOW)  # already first
        authoring.move_track(session=s, actor=admin, track_id=third, offset=1, now=NOW)  # already last
        assert [t.slug for t in authoring.list_tracks(session=s, actor=admin)] == ["second", "first", "third"]
        listed = [t.slug for t in training.list_track_progress(session=s, viewer=learner, now=NOW)]
        exported = [t["slug"] for t in content.export_content(session=s, actor=admin)["tracks"]]
    assert listed == ["second", "first"]  # the draft stays hidden
    assert exported == ["second", "first", "third"]
    with session_scope() as s, pytest.raises(PermissionDenied):
        authoring.move_track(session=s, actor=learner, track_id=first, offset=-1, now=NOW)
