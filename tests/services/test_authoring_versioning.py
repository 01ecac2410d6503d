"""Editing a quiz never changes attempts already started or finished."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.db import session_scope
from app.domain.training.content import parse_content
from app.services.training import attempts
from app.services.training.content import export_content, import_content
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.training_fixtures import make_track


@pytest.fixture
def learner(db):
    make_org("Acme Health")
    return make_user("lena@acme.test")


def _edit_first_quiz(threshold: float) -> None:
    """Rewrite every question of the first quiz and raise its threshold, as an admin would."""
    with session_scope() as s:
        document = export_content(session=s)
        quiz = document["tracks"][0]["courses"][0]["quiz"]
        quiz["pass_threshold"] = threshold
        quiz["questions"] = [{"kind": "true_false", "prompt": "A brand new question?",
                              "choices": [{"text": "Yes", "correct": True}, {"text": "No", "correct": False}]}]
        import_content(session=s, tracks=parse_content(document), now=NOW)


def test_an_open_attempt_keeps_its_questions_and_threshold_after_an_edit(learner):
    _, (key, _) = make_track(questions=5, pass_threshold=80)
    with session_scope() as s:
        view = attempts.start_attempt(session=s, user=learner, quiz_id=key.quiz_id, now=NOW)
    _edit_first_quiz(threshold=100)
    later = NOW + timedelta(minutes=5)
    with session_scope() as s:
        resumed = attempts.start_attempt(session=s, user=learner, quiz_id=key.quiz_id, now=later)
        assert resumed.resumed and [q.prompt for q in resumed.questions] == [q.prompt for q in view.questions]
        result = attempts.submit_attempt(session=s, user=learner, attempt_id=view.attempt_id,
                                         answers=key.answers(right=4), submission_key=None, now=later)
    # 4 of 5 passes at the 80 % the attempt started with, although the quiz now asks 100 %.
    assert result.passed and result.pass_threshold == 80 and result.total_points == 5


def test_a_finished_attempt_shows_the_questions_it_was_given_and_new_attempts_get_the_new_version(learner):
    _, (key, _) = make_track(questions=3, max_attempts=None)
    with session_scope() as s:
        first = attempts.start_attempt(session=s, user=learner, quiz_id=key.quiz_id, now=NOW)
        attempts.submit_attempt(session=s, user=learner, attempt_id=first.attempt_id, answers=key.answers(),
                                submission_key=None, now=NOW)
    _edit_first_quiz(threshold=90)
    with session_scope() as s:
        old = attempts.get_attempt(session=s, user=learner, attempt_id=first.attempt_id, now=NOW)
        assert old.result.passed and old.result.total_points == 3
        assert {q.id for q in old.questions} == {int(q) for q in key.answers()}
        new = attempts.start_attempt(session=s, user=learner, quiz_id=key.quiz_id, now=NOW + timedelta(hours=1))
    assert [q.prompt for q in new.questions] == ["A brand new question?"]
