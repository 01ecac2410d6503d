from datetime import datetime, timedelta, timezone

import pytest

from app.domain.training.certificates import certificate_status, initials, renewal_due
from app.domain.training.grading import AnswerKey, exact_percent, grade, passes, whole_percent
from app.domain.training.numbering import (
    NotACertificateNumber,
    format_certificate_number,
    normalize_certificate_number,
)
from app.domain.training.review import build_review

NOW = datetime(2026, 4, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "earned, total, threshold, verdict",
    [(8, 10, 80, True), (4, 5, 80, True), (7999, 10000, 80, False), (79, 100, 80, False),
     (1, 3, 33.33, True), (1, 3, 33.34, False), (2, 3, 66.67, False), (10, 10, 100, True), (0, 0, 80, False)],
)
def test_the_verdict_is_exact(earned, total, threshold, verdict):
    assert passes(earned, total, threshold) is verdict


def test_displayed_score_rounds_down_so_it_never_contradicts_the_verdict():
    key = {i: AnswerKey(1, frozenset({i})) for i in range(1, 10001)}
    result = grade(key, {i: {i} for i in range(1, 8000)}, 80)  # 7999 of 10000
    assert not result.passed and result.display_percent == 79.9


def test_multiple_choice_ticking_every_box_earns_nothing():
    key = {1: AnswerKey(2, frozenset({10, 11}))}
    assert grade(key, {1: {10, 11, 12}}, 80).earned_points == 0
    assert grade(key, {1: {10}}, 80).earned_points == 0
    assert grade(key, {1: {10, 11}}, 80).earned_points == 2


def test_unanswered_questions_earn_zero():
    key = {1: AnswerKey(1, frozenset({10})), 2: AnswerKey(1, frozenset({20}))}
    assert grade(key, {1: {10}}, 50).earned_points == 1


def test_numbers_grow_past_99999_instead_of_wrapping():
    assert format_certificate_number(2026, 99999) == "CERT-2026-99999"
    assert format_certificate_number(2026, 100000) == "CERT-2026-100000"
    assert normalize_certificate_number("CERT-2026-100000") == "CERT-2026-100000"


@pytest.mark.parametrize("raw", ["  cert-2026-00042 ", "Cert-2026-00042", "CERT-2026-00042"])
def test_prefix_case_and_spaces_are_forgiven(raw):
    assert normalize_certificate_number(raw) == "CERT-2026-00042"


@pytest.mark.parametrize(
    "raw", ["CERT-２０２６-00042", "CERT-2026-０００４２", "CERT-2026-٠٠٠٤٢", "CERT-2026-042", "CERT-2026-0000042", "", "x" * 500,
     "CERT-2026-" + "9" * 5000, "CERT-2026-1234567890123"]
)
def test_other_digits_and_shapes_are_not_certificate_numbers(raw):
    with pytest.raises(NotACertificateNumber, match="not a certificate number"):
        normalize_certificate_number(raw)


def test_status_precedence_revoked_then_superseded_then_expired():
    expires = NOW + timedelta(days=10)
    assert certificate_status(NOW, expires, None, None) == "valid"
    assert certificate_status(expires, expires, None, None) == "expired"
    assert certificate_status(NOW, expires, None, "CERT-2026-00002") == "superseded"
    assert certificate_status(expires, expires, NOW, "CERT-2026-00002") == "revoked"


def test_renewal_is_due_within_sixty_days_of_expiry_or_after_it():
    assert not renewal_due(NOW, NOW + timedelta(days=61))
    assert renewal_due(NOW, NOW + timedelta(days=60))
    assert renewal_due(NOW, NOW - timedelta(days=3))


def test_initials_hide_the_name():
    assert initials("Jane Doe") == "J. D."
    assert initials("Anne-Marie van Dijk") == "A. M. v. D."


def test_review_follows_the_policy():
    key = {1: AnswerKey(1, frozenset({10})), 2: AnswerKey(1, frozenset({20}))}
    ordered = [(2, "Q2", "E2"), (1, "Q1", "E1")]
    answers = {1: frozenset({10}), 2: frozenset({21})}
    assert build_review("score_only", ordered, key, answers, frozenset({1})) == []
    correctness = build_review("correctness", ordered, key, answers, frozenset({1}))
    assert [(r.question_id, r.correct, r.correct_choice_ids, r.explanation) for r in correctness] == [
        (2, False, None, None), (1, True, None, None)]
    full = build_review("correct_answers", ordered, key, answers, frozenset({1}))
    assert full[0].correct_choice_ids == (20,) and full[0].explanation == "E2"




@pytest.mark.parametrize(
    "earned, total, threshold, shown, exact",
    [(5, 9, 80, 56, "55.56 %"), (4, 5, 80, 80, "80 %"), (7, 8, 80, 88, "87.5 %"), (0, 3, 80, 0, "0 %"),
     (7999, 10000, 80, 79, "79.99 %"),  # a fail never shows the pass mark
     (161, 200, 80.5, 81, "80.5 %"), (1, 3, 33.34, 33, "33.33 %")],
)
def test_scores_read_as_whole_numbers_on_the_right_side_of_the_pass_mark(earned, total, threshold, shown, exact):
    verdict = passes(earned, total, threshold)
    assert whole_percent(earned, total, verdict, threshold) == shown
    assert exact_percent(earned, total) == exact
    assert (whole_percent(earned, total, verdict, threshold) >= threshold) == verdict


def test_a_pass_just_above_a_fractional_pass_mark_is_rounded_up_to_it():
    assert passes(2001, 2500, 80.02) and whole_percent(2001, 2500, True, 80.02) == 81  # 80.04 %, not "80 %"
