"""Publishing single courses: a draft is hidden from learners and does not count towards completion."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from app.db import session_scope
from app.domain.errors import Conflict, NotFound, PermissionDenied
from app.models import AuditEvent, Course, QuizAttempt
from app.services.training import catalog as training
from app.services.training import attempts, authoring, certificates
from tests.conftest import NOW
from tests.factories import admin_csm_and_learner
from tests.training_fixtures import make_track


@pytest.fixture
def people(db):
    return admin_csm_and_learner()


def _course_ids(track_id: int) -> list[int]:
    with session_scope() as s:
        return list(s.exec(select(Course.id).where(Course.track_id == track_id).order_by(Course.position)).all())


def _set(people, course_id: int, published: bool) -> None:
    with session_scope() as s:
        authoring.set_course_published(session=s, actor=people["admin"], course_id=course_id, published=published,
                                       now=NOW)


def _pass(learner, quiz) -> None:
    with session_scope() as s:
        attempt = attempts.start_attempt(session=s, user=learner, quiz_id=quiz.quiz_id, now=NOW)
        attempts.submit_attempt(session=s, user=learner, attempt_id=attempt.attempt_id, answers=quiz.answers(),
                                submission_key=None, now=NOW)


def test_a_draft_course_is_hidden_from_learners_and_not_needed_to_complete_the_track(people):
    learner = people["learner"]
    track_id, (first, middle, last) = make_track(courses=3, questions=2)
    _set(people, _course_ids(track_id)[1], False)

    with session_scope() as s:
        detail = training.get_track(session=s, viewer=learner, track_id=track_id, now=NOW)
        (progress,) = training.list_track_progress(session=s, viewer=learner, now=NOW)
        with pytest.raises(NotFound):
            attempts.start_attempt(session=s, user=learner, quiz_id=middle.quiz_id, now=NOW)
    # The learner sees two courses numbered 1 and 2, without a gap where the draft sits.
    assert [(c.position, c.title) for c in detail.courses] == [(1, "Course 0"), (2, "Course 2")]
    assert progress.courses_total == 2

    _pass(learner, first)
    _pass(learner, last)
    with session_scope() as s:
        assert certificates.track_is_completed(s, learner.id, track_id)
        # The last pass issued it; asking again returns that one.
        certificate, created = certificates.issue_certificate(session=s, user=learner, track_id=track_id, now=NOW)
    assert not created and certificate.number.startswith(f"CERT-{NOW.year}-")


def test_a_course_published_later_is_required_from_then_on(people):
    learner = people["learner"]
    track_id, (first, second) = make_track(courses=2, questions=2)
    second_course = _course_ids(track_id)[1]
    _set(people, second_course, False)
    _set(people, second_course, True)
    _pass(learner, first)
    with session_scope() as s:
        assert not certificates.track_is_completed(s, learner.id, track_id)
        (progress,) = training.list_track_progress(session=s, viewer=learner, now=NOW)
    assert (progress.courses_passed, progress.courses_total) == (1, 2)
    actions = _actions(people["admin"])
    assert actions.count("course.unpublish") == 1 and actions.count("course.publish") == 1


def _actions(admin) -> list[str]:
    with session_scope() as s:
        return list(s.exec(select(AuditEvent.action).where(AuditEvent.actor_id == admin.id)).all())


def test_a_published_track_keeps_at_least_one_published_course(people):
    track_id, _ = make_track(courses=2, questions=1)
    first, second = _course_ids(track_id)
    _set(people, first, False)
    with pytest.raises(Conflict, match="only published course of a published track"):
        _set(people, second, False)
    with session_scope() as s:
        assert s.get(Course, second).is_published


def test_a_published_course_cannot_lose_its_last_question_or_its_text(people):
    admin = people["admin"]
    track_id, (quiz,) = make_track(courses=1, questions=1)
    (course_id,) = _course_ids(track_id)
    (question_id,) = quiz.correct
    with pytest.raises(Conflict, match="has no questions.*Unpublish the course first"), session_scope() as s:
        authoring.remove_question(session=s, actor=admin, course_id=course_id, question_id=question_id, now=NOW)
    with pytest.raises(Conflict, match="the reading text is empty"), session_scope() as s:
        authoring.update_course(session=s, actor=admin, course_id=course_id, title="Course 0", summary="",
                                content="  ", now=NOW)
    with session_scope() as s:
        questions = authoring.course_detail(session=s, actor=admin, course_id=course_id)["questions"]
        assert [q["id"] for q in questions] == [question_id]
        assert s.get(Course, course_id).content_md == "Read this."


def test_an_open_attempt_on_an_unpublished_course_is_still_graded_by_the_nightly_job(people):
    learner = people["learner"]
    track_id, (first, second) = make_track(courses=2, questions=2, time_limit_minutes=5)
    with session_scope() as s:
        attempt = attempts.start_attempt(session=s, user=learner, quiz_id=second.quiz_id, now=NOW)
    _set(people, _course_ids(track_id)[1], False)
    later = NOW + timedelta(hours=1)
    with session_scope() as s:
        assert attempts.finalize_overdue_attempts(session=s, now=later) == 1
        assert s.get(QuizAttempt, attempt.attempt_id).submitted_at == attempt.deadline


@pytest.mark.parametrize("role", ["csm", "learner"])
def test_only_admins_publish_courses(people, role):
    track_id, _ = make_track(courses=2, questions=1)
    with session_scope() as s, pytest.raises(PermissionDenied):
        authoring.set_course_published(session=s, actor=people[role], course_id=_course_ids(track_id)[0],
                                       published=False, now=NOW)


def test_an_attempt_on_a_course_unpublished_since_still_shows_its_place_and_result(people):
    learner = people["learner"]
    track_id, (first, second) = make_track(courses=2, questions=2)
    with session_scope() as s:
        attempt = attempts.start_attempt(session=s, user=learner, quiz_id=second.quiz_id, now=NOW)
    _set(people, _course_ids(track_id)[1], False)
    with session_scope() as s:
        place = training.get_quiz_place(session=s, viewer=learner, quiz_id=second.quiz_id, now=NOW)
        result = attempts.submit_attempt(session=s, user=learner, attempt_id=attempt.attempt_id,
                                         answers=second.answers(), submission_key=None, now=NOW)
    assert place.withdrawn and place.course_title == "Course 1" and not place.quiz.status.can_start
    assert result.passed and not result.track_completed  # a withdrawn course does not count
    with session_scope() as s, pytest.raises(NotFound):
        attempts.start_attempt(session=s, user=learner, quiz_id=second.quiz_id, now=NOW)


def test_the_result_page_does_not_promise_a_certificate_once_a_new_course_is_required(people):
    learner = people["learner"]
    track_id, (first, second) = make_track(courses=2, questions=2)
    _set(people, _course_ids(track_id)[1], False)
    _pass(learner, first)  # completes the track as it was
    _set(people, _course_ids(track_id)[1], True)
    with session_scope() as s:
        retake = attempts.start_attempt(session=s, user=learner, quiz_id=first.quiz_id, now=NOW)
        result = attempts.submit_attempt(session=s, user=learner, attempt_id=retake.attempt_id,
                                         answers=first.answers(), submission_key=None, now=NOW)
    assert result.passed and not result.track_completed and not result.certificate_available


def test_a_course_in_a_draft_track_may_be_emptied_while_it_is_written(people):
    admin = people["admin"]
    track_id, (quiz,) = make_track(courses=1, questions=1, published=False)
    (course_id,) = _course_ids(track_id)
    with session_scope() as s:
        authoring.update_course(session=s, actor=admin, course_id=course_id, title="Course 0", summary="", content="",
                                now=NOW)
        authoring.remove_question(session=s, actor=admin, course_id=course_id, question_id=next(iter(quiz.correct)),
                                  now=NOW)
        problems = authoring.track_detail(session=s, actor=admin, track_id=track_id)["problems"]
    assert problems == ["Course 1 “Course 0”: the reading text is empty",
                        "Course 1 “Course 0” › quiz: has no questions; add at least one"]
