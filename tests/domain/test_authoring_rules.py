"""Publishing checks: every problem is named by where it is."""

import pytest

from app.domain.errors import InvalidInput
from app.domain.training.authoring import (
    NotPublishable,
    check_publishable,
    check_question,
    check_quiz_settings,
    publish_problems,
)
from app.domain.training.content import ChoiceSpec, CourseSpec, QuestionSpec, QuizSpec, TrackSpec


def _q(kind="single_choice", *correct: bool, prompt="Why?") -> QuestionSpec:
    return QuestionSpec(kind, prompt, 1, "", tuple(ChoiceSpec(f"c{i}", c) for i, c in enumerate(correct)))


def _track(*questions: QuestionSpec, threshold: float = 80, courses: int = 1) -> TrackSpec:
    quiz = QuizSpec("Quiz", threshold, None, None, 0, "correctness", tuple(questions))
    return TrackSpec("t", "Track", "", False,
                     tuple(CourseSpec(f"c{i}", f"Course {i + 1}", "", "Read me.", quiz) for i in range(courses)))


def test_a_complete_track_is_publishable():
    check_publishable(_track(_q("single_choice", True, False), _q("true_false", False, True)))


def test_a_track_without_courses_cannot_be_published():
    assert publish_problems(TrackSpec("t", "Empty", "", False, ())) == [
        "Track “Empty”: has no courses; add at least one"]


def test_a_quiz_without_questions_is_named_by_its_course():
    assert publish_problems(_track()) == ["Course 1 “Course 1” › quiz: has no questions; add at least one"]


@pytest.mark.parametrize("kind, correct, message", [
    ("single_choice", (True, True, False), "a single choice question needs exactly one correct choice (it has 2)"),
    ("single_choice", (False, False), "a single choice question needs exactly one correct choice (it has 0)"),
    ("true_false", (True, True), "a true false question needs exactly one correct choice (it has 2)"),
    ("true_false", (False, False), "a true false question needs exactly one correct choice (it has 0)"),
    ("multiple_choice", (False, False, False), "a multiple choice question needs at least one correct choice"),
])
def test_questions_with_the_wrong_number_of_correct_choices_are_located(kind, correct, message):
    problems = publish_problems(_track(_q("single_choice", True, False), _q(kind, *correct), courses=2))
    assert problems == [f"Course 1 “Course 1” › question 2: {message}", f"Course 2 “Course 2” › question 2: {message}"]


def test_a_multiple_choice_question_may_have_several_correct_choices():
    assert publish_problems(_track(_q("multiple_choice", True, True, False))) == []


@pytest.mark.parametrize("threshold", [0, -5, 100.5, 250])
def test_a_threshold_outside_0_to_100_is_refused(threshold):
    (problem,) = publish_problems(_track(_q("true_false", True, False), threshold=threshold))
    assert problem.startswith("Course 1 “Course 1” › quiz: the pass threshold must be above 0 % and at most 100 %")
    with pytest.raises(InvalidInput) as err:
        check_quiz_settings(pass_threshold=threshold, time_limit_minutes=None, max_attempts=None,
                            cooldown_minutes=0, review_policy="correctness")
    assert err.value.field == "pass_threshold"


@pytest.mark.parametrize("threshold", [0.01, 80, 100])
def test_thresholds_inside_the_range_are_accepted(threshold):
    assert publish_problems(_track(_q("true_false", True, False), threshold=threshold)) == []


def test_all_problems_are_listed_together():
    with pytest.raises(NotPublishable) as err:
        check_publishable(_track(_q("true_false", True, True), _q("multiple_choice", False, False), threshold=0))
    assert len(err.value.problems) == 3 and "cannot be published yet" in str(err.value)


def test_a_question_that_cannot_be_answered_is_not_saved():
    with pytest.raises(InvalidInput, match="needs exactly one correct choice"):
        check_question(_q("single_choice", False, False))
    with pytest.raises(InvalidInput, match="question text is empty"):
        check_question(_q("true_false", True, False, prompt=" "))
    check_question(_q("multiple_choice", True, False, True))


def test_draft_courses_are_not_checked_but_a_track_of_drafts_cannot_be_published():
    from dataclasses import replace

    complete, empty = _track(_q("true_false", True, False)).courses[0], _track().courses[0]
    draft_empty = replace(empty, slug="c9", title="Unfinished", is_published=False)
    track = replace(_track(), courses=(complete, draft_empty))
    assert publish_problems(track) == []
    only_drafts = replace(track, courses=(replace(complete, is_published=False), draft_empty))
    assert publish_problems(only_drafts) == [
        "Track “Track”: every course is a draft; publish at least one course first"]


def test_a_course_is_checked_on_its_own_before_it_is_published():
    from app.domain.training.authoring import check_course_publishable

    empty = _track().courses[0]
    with pytest.raises(NotPublishable) as err:
        check_course_publishable(3, empty)
    assert "This course cannot be published yet" in str(err.value)
    assert err.value.problems == ["Course 3 “Course 1” › quiz: has no questions; add at least one"]
