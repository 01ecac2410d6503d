"""Scoring a quiz attempt: by ids, all-or-nothing per question, weighted by points."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class AnswerKey:
    points: int
    correct_choice_ids: frozenset[int]


@dataclass(frozen=True)
class Grade:
    earned_points: int
    total_points: int
    score_percent: float
    passed: bool
    correct_question_ids: frozenset[int]


def grade(
    key: Mapping[int, AnswerKey], answers: Mapping[int, set[int] | frozenset[int]], pass_threshold: float
) -> Grade:
    """A question scores its points only when exactly its correct choices are selected."""
    correct = frozenset(
        question_id
        for question_id, expected in key.items()
        if frozenset(answers.get(question_id, ())) == expected.correct_choice_ids
    )
    total = sum(k.points for k in key.values())
    earned = sum(key[q].points for q in correct)
    score = round(100.0 * earned / total, 2) if total else 0.0
    return Grade(earned, total, score, score >= pass_threshold, correct)
