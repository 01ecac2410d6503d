"""Scoring a quiz attempt: by ids, all-or-nothing per question, weighted by points.

The verdict is decided in exact arithmetic (``earned * 100 >= threshold * total``), so
no floating-point or display rounding can turn a fail into a pass or back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping


@dataclass(frozen=True)
class AnswerKey:
    points: int
    correct_choice_ids: frozenset[int]


@dataclass(frozen=True)
class Grade:
    earned_points: int
    total_points: int
    score_percent: float  # exact value as a float, for storage and sorting
    passed: bool
    correct_question_ids: frozenset[int]

    @property
    def display_percent(self) -> float:
        """Rounded down to one decimal: 79.99 % shows as 79.9 %, never as a passing 80 %."""
        if not self.total_points:
            return 0.0
        return math.floor(self.earned_points * 1000 / self.total_points) / 10


def passes(earned: int, total: int, threshold_percent: float | Decimal) -> bool:
    if total <= 0:
        return False
    threshold = Decimal(str(threshold_percent))
    return Decimal(earned) * 100 >= threshold * Decimal(total)


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
    score = 100.0 * earned / total if total else 0.0
    return Grade(earned, total, score, passes(earned, total, pass_threshold), correct)


def whole_percent(earned: int, total: int, passed: bool, threshold_percent: float) -> int:
    """The score as people read it: a whole number, rounded to the nearest ("5 of 9" shows 56 %),
    except that it never lands on the wrong side of the pass mark: a fail at 79.6 % shows 79,
    not a passing-looking 80. The exact value is shown beside it (see ``exact_percent``)."""
    if total <= 0:
        return 0
    shown = (earned * 200 + total) // (total * 2)  # half up, in integers
    threshold = Decimal(str(threshold_percent))
    if not passed and shown >= threshold:
        return earned * 100 // total
    if passed and shown < threshold:
        return -(-earned * 100 // total)
    return shown


def exact_percent(earned: int, total: int) -> str:
    """'55.56 %': two decimals, trailing zeros dropped ('80 %', '87.5 %'), for the detail and hover."""
    if total <= 0:
        return "0 %"
    value = (Decimal(earned) * 100 / Decimal(total)).quantize(Decimal("0.01"))
    return f"{value.normalize():f} %"
