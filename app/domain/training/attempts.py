"""Rules of quiz attempts: when one may start, its deadline, shuffling, answer checks, status."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Collection, Mapping, Sequence

from app.domain.errors import AttemptLimitReached, CooldownActive, InvalidAnswers

MAX_QUESTIONS_IN_BODY = 500
MAX_CHOICES_PER_ANSWER = 50


@dataclass(frozen=True)
class QuizRules:
    pass_threshold: float
    time_limit_minutes: int | None
    max_attempts: int | None
    cooldown_minutes: int


@dataclass(frozen=True)
class PastAttempt:
    started_at: datetime
    submitted_at: datetime | None
    score_percent: float | None
    passed: bool | None


@dataclass(frozen=True)
class QuestionShape:
    kind: str
    choice_ids: frozenset[int]


@dataclass(frozen=True)
class QuizStatus:
    attempts_used: int
    attempts_left: int | None  # None = unlimited
    best_score: float | None
    passed: bool
    cooldown_until: datetime | None
    can_start: bool


def deadline_for(started_at: datetime, time_limit_minutes: int | None) -> datetime | None:
    return started_at + timedelta(minutes=time_limit_minutes) if time_limit_minutes else None


def is_overdue(now: datetime, deadline: datetime | None) -> bool:
    return deadline is not None and now >= deadline


def _cooldown_until(rules: QuizRules, finished: Sequence[PastAttempt]) -> datetime | None:
    if not rules.cooldown_minutes or not finished:
        return None
    last = max(a.submitted_at for a in finished if a.submitted_at is not None)
    return last + timedelta(minutes=rules.cooldown_minutes)


def quiz_status(rules: QuizRules, attempts: Sequence[PastAttempt], now: datetime) -> QuizStatus:
    """What a learner may do next with this quiz, by server time."""
    finished = [a for a in attempts if a.submitted_at is not None]
    used = len(attempts)
    left = None if rules.max_attempts is None else max(0, rules.max_attempts - used)
    cooldown = _cooldown_until(rules, finished)
    if cooldown is not None and cooldown <= now:
        cooldown = None
    open_attempt = any(a.submitted_at is None for a in attempts)
    scores = [a.score_percent for a in finished if a.score_percent is not None]
    return QuizStatus(
        attempts_used=used,
        attempts_left=left,
        best_score=max(scores) if scores else None,
        passed=any(a.passed for a in finished),
        cooldown_until=cooldown,
        can_start=open_attempt or ((left is None or left > 0) and cooldown is None),
    )


def check_can_start(rules: QuizRules, attempts: Sequence[PastAttempt], now: datetime) -> None:
    """Raise when a new attempt may not start now (an open attempt is resumed instead)."""
    status = quiz_status(rules, attempts, now)
    if rules.max_attempts is not None and status.attempts_left == 0:
        raise AttemptLimitReached(rules.max_attempts)
    if status.cooldown_until is not None:
        raise CooldownActive(status.cooldown_until)


def shuffled_order(
    seed: int, questions: Mapping[int, Sequence[int]], keep_order: Collection[int] = ()
) -> list[tuple[int, list[int]]]:
    """Question and choice order for one attempt, reproducible from its stored seed.

    The choices of the questions in ``keep_order`` stay as authored (True before False, or a
    quiz that does not shuffle its choices); the random draws are made all the same, so every
    other question keeps the order it had before this rule, also in attempts already open.
    """
    rng = random.Random(seed)
    question_ids = sorted(questions)
    rng.shuffle(question_ids)
    order = []
    for question_id in question_ids:
        authored = list(questions[question_id])
        choice_ids = sorted(authored)
        rng.shuffle(choice_ids)
        order.append((question_id, authored if question_id in keep_order else choice_ids))
    return order


def keeps_choice_order(kind: str, shuffle_choices: bool) -> bool:
    """Only the options of (single or multiple) choice questions move, and only when the quiz says so:
    True/False always reads True, then False."""
    return kind == "true_false" or not shuffle_choices


def validate_answers(raw: Mapping[object, object], shapes: Mapping[int, QuestionShape]) -> dict[int, frozenset[int]]:
    """Check submitted answers against the attempt's questions; report every problem at once."""
    problems: list[str] = []
    if len(raw) > MAX_QUESTIONS_IN_BODY:
        raise InvalidAnswers([f"at most {MAX_QUESTIONS_IN_BODY} questions may be answered at once"])
    clean: dict[int, frozenset[int]] = {}
    for raw_question, raw_choices in raw.items():
        question_id = _as_id(raw_question)
        if question_id is None:
            problems.append(f"question id {str(raw_question)[:20]!r} is not a whole number")
            continue
        shape = shapes.get(question_id)
        if shape is None:
            problems.append(f"question {question_id} is not part of this attempt")
            continue
        choices = _check_choices(question_id, raw_choices, shape, problems)
        if choices is not None:
            clean[question_id] = choices
    if problems:
        raise InvalidAnswers(problems)
    return clean


def _check_choices(question_id: int, raw_choices: object, shape: QuestionShape, problems: list[str]):
    if not isinstance(raw_choices, (list, tuple)) or len(raw_choices) > MAX_CHOICES_PER_ANSWER:
        problems.append(f"question {question_id}: send a list of at most {MAX_CHOICES_PER_ANSWER} choice ids")
        return None
    ids = [_as_id(c, allow_text=False) for c in raw_choices]
    if any(i is None for i in ids):
        problems.append(f"question {question_id}: choice ids must be whole numbers")
        return None
    if len(set(ids)) != len(ids):
        problems.append(f"question {question_id}: a choice is listed twice")
        return None
    foreign = [i for i in ids if i not in shape.choice_ids]
    if foreign:
        problems.append(f"question {question_id}: choice {foreign[0]} belongs to another question")
        return None
    if shape.kind != "multiple_choice" and len(ids) > 1:
        problems.append(f"question {question_id}: only one choice may be selected")
        return None
    return frozenset(ids)


def _as_id(value: object, allow_text: bool = True) -> int | None:
    """Ids are positive JSON integers; question ids, being object keys, arrive as digit strings."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if allow_text and isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 12:
        return int(value)
    return None
