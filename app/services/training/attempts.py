"""Quiz attempt use cases: start or resume, autosave, submit, finalize overdue attempts."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Mapping

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.domain.errors import AttemptFinished, DeadlinePassed, NotFound
from app.domain.training import attempts as rules
from app.domain.training.grading import grade
from app.domain.training.review import build_review
from app.models import AttemptAnswer, QuizAttempt
from app.services import audit
from app.services.accounts.users import user_by_id
from app.services.dto import UserDTO
from app.services.training.certificates import (certificate_available, certificate_view, current_certificate,
                                                issue_certificate)
from app.services.training.completion import all_quizzes_passed, record_completion_if_done
from app.services.training.dto import AttemptResult, AttemptView, ChoiceView, QuestionView, SavedAnswers
from app.services.training.queries import (
    QuizContent,
    as_past,
    attempt_content,
    lock_learner,
    next_attempt_number,
    past_attempts,
    quiz_content,
    saved_answers,
)


def start_attempt(*, session: Session, user: UserDTO, quiz_id: int, now: datetime) -> AttemptView:
    """Resume the learner's open attempt, or start a new one if the rules allow."""
    lock_learner(session, user.id)
    content = quiz_content(session, quiz_id)
    attempts = past_attempts(session, user.id, quiz_id)
    for attempt in attempts:
        if attempt.submitted_at is None and rules.is_overdue(now, attempt.deadline):
            _finalize(session, attempt_content(session, attempt), attempt, user, submitted_at=attempt.deadline, now=now)
    open_attempt = next((a for a in attempts if a.submitted_at is None), None)
    if open_attempt is not None:
        return _view(session, attempt_content(session, open_attempt), open_attempt, resumed=True)
    rules.check_can_start(content.rules, [as_past(a) for a in attempts], now)
    attempt = QuizAttempt(
        user_id=user.id,
        quiz_id=quiz_id,
        attempt_number=next_attempt_number(session, user.id, quiz_id),
        started_at=now,
        deadline=rules.deadline_for(now, content.quiz.time_limit_minutes),
        shuffle_seed=secrets.randbelow(2**31 - 2) + 1,
        question_ids=sorted(content.questions),
        pass_threshold=content.quiz.pass_threshold,
    )
    try:
        with session.begin_nested():
            session.add(attempt)
    except IntegrityError:
        # Another request opened an attempt first: resume that one instead of failing.
        existing = session.exec(
            select(QuizAttempt).where(
                QuizAttempt.user_id == user.id, QuizAttempt.quiz_id == quiz_id, QuizAttempt.submitted_at.is_(None)
            )
        ).one()
        return _view(session, attempt_content(session, existing), existing, resumed=True)
    audit.record(session, action="attempt.start", subject=f"attempt:{attempt.id}", at=now, actor_id=user.id,
                 detail={"quiz_id": quiz_id, "attempt_number": attempt.attempt_number})
    return _view(session, content, attempt, resumed=False)


def get_attempt(*, session: Session, user: UserDTO, attempt_id: int, now: datetime) -> AttemptView:
    attempt = _own_attempt(session, user, attempt_id)
    content = attempt_content(session, attempt)
    if attempt.submitted_at is None and rules.is_overdue(now, attempt.deadline):
        lock_learner(session, user.id)
        _finalize(session, content, attempt, user, submitted_at=attempt.deadline, now=now)
    result = _result(session, content, attempt, user, now) if attempt.submitted_at else None
    return _view(session, content, attempt, resumed=True, result=result)


def save_answers(
    *, session: Session, user: UserDTO, attempt_id: int, answers: Mapping[object, object], now: datetime
) -> SavedAnswers:
    """Autosave: each question sent replaces that question's saved choices ([] clears it)."""
    lock_learner(session, user.id)
    attempt = _own_attempt(session, user, attempt_id)
    if attempt.submitted_at is not None:
        raise AttemptFinished()
    content = attempt_content(session, attempt)
    if rules.is_overdue(now, attempt.deadline):
        _finalize(session, content, attempt, user, submitted_at=attempt.deadline, now=now)
        # Keep the finalized attempt even though this request is refused.
        session.commit()
        raise DeadlinePassed(attempt.deadline)
    _store(session, attempt, rules.validate_answers(answers, content.shapes))
    return SavedAnswers(attempt.id, _as_lists(saved_answers(session, attempt.id)), now, attempt.deadline)


def submit_attempt(
    *,
    session: Session,
    user: UserDTO,
    attempt_id: int,
    answers: Mapping[object, object] | None,
    submission_key: str | None,
    now: datetime,
) -> AttemptResult:
    """Grade and finish. Repeating a submit returns the first result and changes nothing."""
    lock_learner(session, user.id)
    attempt = _own_attempt(session, user, attempt_id)
    content = attempt_content(session, attempt)
    if attempt.submitted_at is None:
        if rules.is_overdue(now, attempt.deadline):
            # Too late for these answers: grade what was saved before the deadline.
            _finalize(session, content, attempt, user, submitted_at=attempt.deadline, now=now)
        else:
            if answers:
                _store(session, attempt, rules.validate_answers(answers, content.shapes))
            attempt.submission_key = submission_key
            _finalize(session, content, attempt, user, submitted_at=now, now=now)
    return _result(session, content, attempt, user, now)


def finalize_overdue_attempts(*, session: Session, now: datetime) -> int:
    """Grade every attempt left open past its deadline (nightly, and by hand)."""
    overdue = session.exec(
        select(QuizAttempt).where(QuizAttempt.submitted_at.is_(None), QuizAttempt.deadline <= now)
    ).all()
    for attempt in overdue:
        user = user_by_id(session, attempt.user_id)
        lock_learner(session, user.id)
        _finalize(session, attempt_content(session, attempt), attempt, user, submitted_at=attempt.deadline, now=now)
    return len(overdue)


def _own_attempt(session: Session, user: UserDTO, attempt_id: int) -> QuizAttempt:
    attempt = session.get(QuizAttempt, attempt_id)
    # Another learner's attempt is indistinguishable from a missing one.
    if attempt is None or attempt.user_id != user.id:
        raise NotFound(f"No attempt with id {attempt_id} for you.")
    return attempt


def _store(session: Session, attempt: QuizAttempt, answers: dict[int, frozenset[int]]) -> None:
    if not answers:
        return
    session.exec(
        delete(AttemptAnswer).where(
            AttemptAnswer.attempt_id == attempt.id, AttemptAnswer.question_id.in_(list(answers))
        )
    )
    session.add_all(
        AttemptAnswer(attempt_id=attempt.id, question_id=q, choice_id=c) for q, chosen in answers.items() for c in chosen
    )
    session.flush()


def _finalize(session: Session, content: QuizContent, attempt: QuizAttempt, user: UserDTO, *,
              submitted_at: datetime, now: datetime) -> None:
    result = grade(content.key, saved_answers(session, attempt.id), content.pass_threshold)
    attempt.submitted_at = submitted_at
    attempt.earned_points = result.earned_points
    attempt.total_points = result.total_points
    attempt.score = result.score_percent
    attempt.passed = result.passed
    session.add(attempt)
    session.flush()
    audit.record(session, action="attempt.submit", subject=f"attempt:{attempt.id}", at=now, actor_id=user.id,
                 detail={"quiz_id": attempt.quiz_id, "earned": result.earned_points, "total": result.total_points,
                         "passed": result.passed, "late": submitted_at != now})
    if result.passed and record_completion_if_done(session, user, content.track.id, now):
        # The last required quiz: the certificate is issued at once, with the pass (a
        # renewal, or a completion from before this rule, is still claimed explicitly).
        if certificate_available(session, user.id, content.track.id, now):
            issue_certificate(session=session, user=user, track_id=content.track.id, now=now)


def _result(session: Session, content: QuizContent, attempt: QuizAttempt, user: UserDTO,
            now: datetime) -> AttemptResult:
    answers = saved_answers(session, attempt.id)
    graded = grade(content.key, answers, content.pass_threshold)
    ordered = [
        (qid, content.questions[qid].prompt, content.questions[qid].explanation)
        for qid, _ in _order(attempt, content)
    ]
    # Against the courses published now (a course published since the completion is required too).
    completed, _ = all_quizzes_passed(session, user.id, content.track.id)
    current = current_certificate(session, user.id, content.track.id) if completed else None
    certificate = certificate_view(current, now) if current else None
    return AttemptResult(
        attempt_id=attempt.id,
        score=graded.display_percent,
        score_percent=round(graded.score_percent, 4),
        earned_points=attempt.earned_points,
        total_points=attempt.total_points,
        passed=bool(attempt.passed),
        pass_threshold=content.pass_threshold,
        submitted_at=attempt.submitted_at,
        review_policy=content.quiz.review_policy,
        review=build_review(content.quiz.review_policy, ordered, content.key, answers, graded.correct_question_ids),
        track_completed=completed,
        certificate_available=completed and certificate_available(session, user.id, content.track.id, attempt.submitted_at),
        certificate=certificate if certificate and certificate.status == "valid" else None,
        # This pass earned it: the certificate came with the submission (or the grading of a late one).
        certificate_earned=bool(current and current.issued_at >= attempt.submitted_at),
    )


def _order(attempt: QuizAttempt, content: QuizContent) -> list[tuple[int, list[int]]]:
    """The attempt's question order, and each question's choices (by position unless shuffled)."""
    choice_ids = {qid: [c.id for c in content.choices.get(qid, [])] for qid in content.questions}
    keep = {qid for qid, q in content.questions.items()
            if rules.keeps_choice_order(q.kind, content.quiz.shuffle_choices)}
    return rules.shuffled_order(attempt.shuffle_seed, choice_ids, keep_order=keep)


def _view(session: Session, content: QuizContent, attempt: QuizAttempt, *, resumed: bool,
          result: AttemptResult | None = None) -> AttemptView:
    by_id = {c.id: c for choices in content.choices.values() for c in choices}
    questions = [
        QuestionView(
            id=qid,
            prompt=content.questions[qid].prompt,
            kind=content.questions[qid].kind,
            points=content.questions[qid].points,
            choices=[ChoiceView(cid, by_id[cid].text) for cid in choice_order],
        )
        for qid, choice_order in _order(attempt, content)
    ]
    return AttemptView(
        attempt_id=attempt.id,
        quiz_id=attempt.quiz_id,
        attempt_number=attempt.attempt_number,
        started_at=attempt.started_at,
        deadline=attempt.deadline,
        submitted_at=attempt.submitted_at,
        questions=questions,
        saved_answers=_as_lists(saved_answers(session, attempt.id)),
        resumed=resumed,
        result=result,
    )


def _as_lists(answers: dict[int, frozenset[int]]) -> dict[int, list[int]]:
    return {q: sorted(c) for q, c in sorted(answers.items())}
