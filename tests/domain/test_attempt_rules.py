from datetime import datetime, timedelta, timezone

import pytest

from app.domain.errors import AttemptLimitReached, CooldownActive, InvalidAnswers
from app.domain.training.attempts import (
    PastAttempt,
    QuestionShape,
    QuizRules,
    check_can_start,
    deadline_for,
    quiz_status,
    keeps_choice_order,
    shuffled_order,
    validate_answers,
)

NOW = datetime(2026, 4, 1, 10, 0, tzinfo=timezone.utc)
RULES = QuizRules(pass_threshold=80, time_limit_minutes=None, max_attempts=3, cooldown_minutes=30)


def _done(minutes_ago: int, score: float, passed: bool) -> PastAttempt:
    at = NOW - timedelta(minutes=minutes_ago)
    return PastAttempt(at - timedelta(minutes=5), at, score, passed)


def test_status_counts_attempts_and_keeps_the_best_score():
    status = quiz_status(RULES, [_done(120, 90, True), _done(60, 40, False)], NOW)
    assert status.attempts_used == 2 and status.attempts_left == 1
    assert status.best_score == 90 and status.passed and status.can_start


def test_cooldown_runs_from_the_last_submission_by_server_time():
    attempts = [_done(10, 40, False)]
    with pytest.raises(CooldownActive) as err:
        check_can_start(RULES, attempts, NOW)
    assert err.value.until == NOW + timedelta(minutes=20)
    check_can_start(RULES, attempts, NOW + timedelta(minutes=20))


def test_the_attempt_limit_is_enforced_and_none_means_unlimited():
    attempts = [_done(300, 10, False), _done(200, 10, False), _done(100, 10, False)]
    with pytest.raises(AttemptLimitReached, match="all 3 attempts"):
        check_can_start(RULES, attempts, NOW)
    unlimited = QuizRules(80, None, None, 0)
    check_can_start(unlimited, attempts * 10, NOW)
    assert quiz_status(unlimited, attempts, NOW).attempts_left is None


def test_an_open_attempt_can_always_be_resumed():
    open_attempt = PastAttempt(NOW, None, None, None)
    attempts = [_done(300, 10, False), _done(200, 10, False), open_attempt]
    assert quiz_status(RULES, attempts, NOW).can_start


def test_deadline_is_start_plus_limit_or_none():
    assert deadline_for(NOW, 15) == NOW + timedelta(minutes=15)
    assert deadline_for(NOW, None) is None


def test_shuffled_order_is_reproducible_from_the_seed_and_a_permutation():
    questions = {q: [q * 10 + c for c in range(4)] for q in range(1, 9)}
    first = shuffled_order(1234, questions)
    assert first == shuffled_order(1234, questions)
    assert sorted(q for q, _ in first) == sorted(questions)
    assert all(sorted(c) == sorted(questions[q]) for q, c in first)
    orders = {tuple(q for q, _ in shuffled_order(seed, questions)) for seed in range(1, 20)}
    assert len(orders) > 1


def test_kept_questions_show_their_choices_as_authored_and_the_others_keep_their_shuffle():
    questions = {1: [12, 11], 2: [21, 22, 23, 24], 3: [31, 32, 33, 34]}
    for seed in range(1, 30):
        free = dict(shuffled_order(seed, questions))
        kept = dict(shuffled_order(seed, questions, keep_order={1, 3}))
        assert kept[1] == [12, 11] and kept[3] == [31, 32, 33, 34]  # authored order, e.g. True then False
        assert kept[2] == free[2]  # the same random draws: nothing else moves
        assert [q for q, _ in shuffled_order(seed, questions, {1, 3})] == [q for q, _ in shuffled_order(seed, questions)]
    assert len({tuple(dict(shuffled_order(s, questions))[2]) for s in range(1, 30)}) > 1


def test_true_false_never_shuffles_and_choice_questions_shuffle_only_when_the_quiz_says_so():
    assert keeps_choice_order("true_false", shuffle_choices=True)
    assert not keeps_choice_order("single_choice", shuffle_choices=True)
    assert not keeps_choice_order("multiple_choice", shuffle_choices=True)
    assert keeps_choice_order("multiple_choice", shuffle_choices=False)


SHAPES = {
    1: QuestionShape("single_choice", frozenset({11, 12, 13})),
    2: QuestionShape("multiple_choice", frozenset({21, 22, 23})),
    3: QuestionShape("true_false", frozenset({31, 32})),
}


def test_valid_answers_are_normalized_to_integer_ids():
    assert validate_answers({"1": [12], "2": [21, 23], 3: []}, SHAPES) == {
        1: frozenset({12}), 2: frozenset({21, 23}), 3: frozenset()}


def test_every_bad_answer_is_reported_with_its_question():
    raw = {"1": [11, 12], "2": [21, 21], "3": [11], "99": [1], "abc": [1], "4.5": [1]}
    with pytest.raises(InvalidAnswers) as err:
        validate_answers(raw, SHAPES)
    text = str(err.value)
    assert "question 1: only one choice may be selected" in text
    assert "question 2: a choice is listed twice" in text
    assert "question 3: choice 11 belongs to another question" in text
    assert "question 99 is not part of this attempt" in text
    assert "'abc' is not a whole number" in text and "'4.5' is not a whole number" in text


@pytest.mark.parametrize("choices", [["12"], [12.5], [True], "12", [None], [-1], {"12": 1}])
def test_non_integer_choice_ids_are_refused(choices):
    with pytest.raises(InvalidAnswers):
        validate_answers({"1": choices}, SHAPES)


def test_oversized_answer_sets_are_refused():
    with pytest.raises(InvalidAnswers, match="at most 500"):
        validate_answers({str(i): [] for i in range(1, 502)}, SHAPES)
