"""What a learner sees about each question after submitting, by the quiz's review policy.

score_only: nothing per question. correctness: which questions were right (the default:
feedback without handing out the answer key for the next attempt). correct_answers: also
the correct choices and the explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from app.domain.training.grading import AnswerKey


@dataclass(frozen=True)
class ReviewedQuestion:
    question_id: int
    prompt: str
    points: int
    earned: int
    correct: bool
    selected_choice_ids: tuple[int, ...]
    correct_choice_ids: tuple[int, ...] | None  # only under correct_answers
    explanation: str | None  # only under correct_answers


def build_review(
    policy: str,
    ordered: Sequence[tuple[int, str, str]],  # (question_id, prompt, explanation) in attempt order
    key: Mapping[int, AnswerKey],
    answers: Mapping[int, frozenset[int]],
    correct_question_ids: frozenset[int],
) -> list[ReviewedQuestion]:
    if policy == "score_only":
        return []
    reveal = policy == "correct_answers"
    review = []
    for question_id, prompt, explanation in ordered:
        is_correct = question_id in correct_question_ids
        review.append(
            ReviewedQuestion(
                question_id=question_id,
                prompt=prompt,
                points=key[question_id].points,
                earned=key[question_id].points if is_correct else 0,
                correct=is_correct,
                selected_choice_ids=tuple(sorted(answers.get(question_id, frozenset()))),
                correct_choice_ids=tuple(sorted(key[question_id].correct_choice_ids)) if reveal else None,
                explanation=explanation if reveal else None,
            )
        )
    return review
