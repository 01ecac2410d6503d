from datetime import datetime, timezone

import pytest

from app.domain.errors import InvalidInput
from app.domain.training.grading import AnswerKey, grade
from app.domain.training.certificates import certificate_expiry
from app.domain.training.numbering import format_certificate_number, parse_certificate_number

KEY = {1: AnswerKey(1, frozenset({10})), 2: AnswerKey(2, frozenset({20, 21})), 3: AnswerKey(1, frozenset({30}))}


def test_a_question_scores_only_when_exactly_its_correct_choices_are_selected():
    result = grade(KEY, {1: {10}, 2: {20}, 3: {30}}, 80)
    assert result.earned_points == 2 and result.total_points == 4
    assert result.score_percent == 50.0 and not result.passed


def test_all_correct_passes_and_order_of_answers_does_not_matter():
    result = grade(KEY, {3: {30}, 2: {21, 20}, 1: {10}}, 80)
    assert result.score_percent == 100.0 and result.passed
    assert result.correct_question_ids == frozenset({1, 2, 3})


def test_the_pass_threshold_is_inclusive():
    key = {i: AnswerKey(1, frozenset({i})) for i in range(5)}
    assert grade(key, {i: {i} for i in range(4)}, 80).passed  # 4 of 5 = 80 %


def test_certificate_numbers_are_zero_padded_and_parse_back():
    assert format_certificate_number(2026, 42) == "CERT-2026-00042"
    assert parse_certificate_number(" cert-2026-00042 ") == (2026, 42)


@pytest.mark.parametrize("bad", ["CERT-26-1", "CERT-2026-0042", "2026-00042", "CERT-2026-00042x"])
def test_malformed_certificate_numbers_get_a_helpful_message(bad):
    with pytest.raises(InvalidInput, match="look like CERT-2026-00042"):
        parse_certificate_number(bad)


def test_certificates_are_valid_two_years_and_leap_day_falls_back_to_28_february():
    assert certificate_expiry(datetime(2026, 5, 1, tzinfo=timezone.utc)) == datetime(2028, 5, 1, tzinfo=timezone.utc)
    assert certificate_expiry(datetime(2028, 2, 29, tzinfo=timezone.utc)) == datetime(2030, 2, 28, tzinfo=timezone.utc)
