"""Reads and locks shared by the training use cases."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, func, select

from app.domain.errors import NotFound
from app.domain.training.attempts import PastAttempt, QuestionShape, QuizRules
from app.domain.training.grading import AnswerKey
from app.models import AttemptAnswer, Choice, Course, Question, Quiz, QuizAttempt, Track, User


@dataclass(frozen=True)
class QuizContent:
    """A quiz's questions with the answer key; stays on the server."""

    quiz: Quiz
    course: Course
    track: Track
    questions: dict[int, Question]
    choices: dict[int, list[Choice]]  # question id -> choices by position
    threshold: float | None = None  # an attempt's own threshold, fixed when it started

    @property
    def pass_threshold(self) -> float:
        return self.quiz.pass_threshold if self.threshold is None else self.threshold

    @property
    def rules(self) -> QuizRules:
        q = self.quiz
        return QuizRules(q.pass_threshold, q.time_limit_minutes, q.max_attempts, q.cooldown_minutes)

    @property
    def key(self) -> dict[int, AnswerKey]:
        return {
            qid: AnswerKey(q.points, frozenset(c.id for c in self.choices[qid] if c.is_correct))
            for qid, q in self.questions.items()
        }

    @property
    def shapes(self) -> dict[int, QuestionShape]:
        return {qid: QuestionShape(q.kind, frozenset(c.id for c in self.choices[qid])) for qid, q in self.questions.items()}


def lock_learner(session: Session, user_id: int) -> None:
    """Serialize one learner's attempt, completion and certificate changes.

    A row lock on PostgreSQL; SQLite transactions already run one at a time. Without it,
    two quizzes passed at the same moment could each miss the other's pass, and the
    track would never be recorded as completed.
    """
    session.exec(select(User.id).where(User.id == user_id).with_for_update()).one()


def published_track(session: Session, track_id: int) -> Track:
    track = session.get(Track, track_id)
    if track is None or not track.is_published:
        raise NotFound(f"No published track with id {track_id}.")
    return track


def quiz_content(session: Session, quiz_id: int, question_ids: list[int] | None = None,
                 threshold: float | None = None, *, published_only: bool = True) -> QuizContent:
    """The quiz's current questions, or exactly ``question_ids`` (an attempt's own version).

    Only a quiz of a published course in a published track, unless ``published_only`` is
    off: an attempt already given its questions can still be graded after an unpublish.
    """
    query = (
        select(Quiz, Course, Track)
        .join(Course, Course.id == Quiz.course_id)
        .join(Track, Track.id == Course.track_id)
        .where(Quiz.id == quiz_id)
    )
    if published_only:
        query = query.where(Track.is_published, Course.is_published)
    row = session.exec(query).first()
    if row is None:
        raise NotFound(f"No published quiz with id {quiz_id}.")
    quiz, course, track = row
    which = Question.retired_at.is_(None) if question_ids is None else Question.id.in_(question_ids)
    questions = {q.id: q for q in session.exec(select(Question).where(Question.quiz_id == quiz_id, which)).all()}
    choices: dict[int, list[Choice]] = defaultdict(list)
    if questions:
        for choice in session.exec(
            select(Choice).where(Choice.question_id.in_(list(questions))).order_by(Choice.position, Choice.id)
        ).all():
            choices[choice.question_id].append(choice)
    return QuizContent(quiz, course, track, questions, dict(choices), threshold)


def attempt_content(session: Session, attempt: QuizAttempt) -> QuizContent:
    """The questions and threshold an attempt was given, whatever was edited or unpublished since."""
    ids = [int(i) for i in attempt.question_ids] if attempt.question_ids is not None else None
    return quiz_content(session, attempt.quiz_id, ids, attempt.pass_threshold, published_only=False)


def past_attempts(session: Session, user_id: int, quiz_id: int) -> list[QuizAttempt]:
    return list(
        session.exec(
            select(QuizAttempt)
            .where(QuizAttempt.user_id == user_id, QuizAttempt.quiz_id == quiz_id)
            .order_by(QuizAttempt.attempt_number)
        ).all()
    )


def as_past(attempt: QuizAttempt) -> PastAttempt:
    return PastAttempt(attempt.started_at, attempt.submitted_at, attempt.score, attempt.passed)


def saved_answers(session: Session, attempt_id: int) -> dict[int, frozenset[int]]:
    answers: dict[int, set[int]] = defaultdict(set)
    for question_id, choice_id in session.exec(
        select(AttemptAnswer.question_id, AttemptAnswer.choice_id).where(AttemptAnswer.attempt_id == attempt_id)
    ).all():
        answers[question_id].add(choice_id)
    return {q: frozenset(c) for q, c in answers.items()}


def track_quiz_ids(session: Session, track_id: int) -> list[int]:
    """The quizzes a learner must pass to complete the track: those of its published courses."""
    return list(
        session.exec(
            select(Quiz.id)
            .join(Course, Course.id == Quiz.course_id)
            .join(Track, Track.id == Course.track_id)
            .where(Course.track_id == track_id, Course.is_published, Track.is_published)
        ).all()
    )


def passed_quiz_ids(session: Session, user_id: int, quiz_ids: list[int]) -> set[int]:
    if not quiz_ids:
        return set()
    return set(
        session.exec(
            select(QuizAttempt.quiz_id)
            .where(QuizAttempt.user_id == user_id, QuizAttempt.quiz_id.in_(quiz_ids), QuizAttempt.passed)
            .group_by(QuizAttempt.quiz_id)
        ).all()
    )


def next_attempt_number(session: Session, user_id: int, quiz_id: int) -> int:
    current = session.exec(
        select(func.max(QuizAttempt.attempt_number)).where(
            QuizAttempt.user_id == user_id, QuizAttempt.quiz_id == quiz_id
        )
    ).one()
    return (current or 0) + 1
