"""Learner-facing reads: tracks with progress, one track with each quiz's status."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import datetime

from sqlmodel import Session, case, func, select

from app.domain.errors import NotFound
from app.domain.training import attempts as rules
from app.models import Certificate, Course, Question, Quiz, QuizAttempt, Track
from app.services.dto import UserDTO
from app.services.training.certificates import certificate_view, current_certificate
from app.services.training.dto import CourseView, QuizPlace, QuizStatusView, QuizSummary, TrackDetail, TrackProgressDTO
from app.services.training.queries import as_past, past_attempts, published_track, quiz_content


def _status(total: int, passed: int, attempted: bool, certified: bool) -> str:
    if certified:
        return "certified"
    if total and passed == total:
        return "completed"
    return "in_progress" if attempted or passed else "not_started"


def _progress_by_track(session: Session, user_id: int) -> tuple[dict[int, int], set[int]]:
    """Courses passed per track, and the tracks where the learner has attempted anything."""
    passed_flag = func.max(case((QuizAttempt.passed, 1), else_=0))
    rows = session.exec(
        select(Course.track_id, Quiz.id, passed_flag)
        .join(Quiz, Quiz.course_id == Course.id)
        .join(QuizAttempt, QuizAttempt.quiz_id == Quiz.id)
        .where(QuizAttempt.user_id == user_id, Course.is_published)
        .group_by(Course.track_id, Quiz.id)
    ).all()
    passed: dict[int, int] = defaultdict(int)
    for track_id, _quiz_id, any_passed in rows:
        passed[track_id] += 1 if any_passed else 0
    return dict(passed), {track_id for track_id, _, _ in rows}


def _valid_certificates(session: Session, user_id: int, now: datetime) -> dict[int, str]:
    return dict(
        session.exec(
            select(Certificate.track_id, Certificate.number).where(
                Certificate.user_id == user_id,
                Certificate.revoked_at.is_(None),
                Certificate.superseded_by.is_(None),
                Certificate.expires_at > now,
            )
        ).all()
    )


def list_track_progress(*, session: Session, viewer: UserDTO, now: datetime) -> list[TrackProgressDTO]:
    """Published tracks with the viewer's own progress (courses whose quiz they passed)."""
    tracks = session.exec(select(Track).where(Track.is_published).order_by(Track.position)).all()
    totals = dict(session.exec(
        select(Course.track_id, func.count(Course.id)).where(Course.is_published).group_by(Course.track_id)).all())
    passed, attempted = _progress_by_track(session, viewer.id)
    certificates = _valid_certificates(session, viewer.id, now)
    return [
        TrackProgressDTO(
            id=t.id,
            slug=t.slug,
            title=t.title,
            description=t.description,
            courses_total=totals.get(t.id, 0),
            courses_passed=passed.get(t.id, 0),
            status=_status(totals.get(t.id, 0), passed.get(t.id, 0), t.id in attempted, t.id in certificates),
            certificate_number=certificates.get(t.id),
        )
        for t in tracks
    ]


def get_track(*, session: Session, viewer: UserDTO, track_id: int, now: datetime) -> TrackDetail:
    """One published track: courses in order, each quiz with the viewer's status."""
    track = published_track(session, track_id)
    courses = session.exec(
        select(Course).where(Course.track_id == track_id, Course.is_published).order_by(Course.position)).all()
    quizzes = {q.course_id: q for q in session.exec(select(Quiz).where(Quiz.course_id.in_([c.id for c in courses]))).all()}
    # Numbered among the published courses, so a draft between them leaves no gap.
    views = [CourseView(c.id, number, c.title, c.summary, c.content_md,
                        _quiz_summary(session, viewer, quizzes.get(c.id), now))
             for number, c in enumerate(courses, start=1)]
    passed = sum(1 for v in views if v.quiz and v.quiz.status.passed)
    current = current_certificate(session, viewer.id, track_id)
    certificate = certificate_view(current, now) if current else None
    certified = certificate is not None and certificate.status == "valid"
    attempted = any(v.quiz and v.quiz.status.attempts_used for v in views)
    return TrackDetail(
        id=track.id,
        title=track.title,
        description=track.description,
        status=_status(len(views), passed, attempted, certified),
        courses_total=len(views),
        courses_passed=passed,
        courses=views,
        certificate=certificate,
    )


def get_quiz_place(*, session: Session, viewer: UserDTO, quiz_id: int, now: datetime) -> QuizPlace:
    """The quiz's context; a quiz unpublished since is shown only to a viewer who has attempted it."""
    content = quiz_content(session, quiz_id, published_only=False)
    if not (content.track.is_published and content.course.is_published):
        if not past_attempts(session, viewer.id, quiz_id):
            raise NotFound(f"No published quiz with id {quiz_id}.")
        summary = _quiz_summary(session, viewer, content.quiz, now)
        return QuizPlace(
            track_id=content.track.id, track_title=content.track.title, track_status="withdrawn",
            course_title=content.course.title, course_position=0, courses_total=0,
            quiz=replace(summary, status=replace(summary.status, can_start=False)), next_course_title=None,
            withdrawn=True, course_id=content.course.id,
        )
    track = get_track(session=session, viewer=viewer, track_id=content.track.id, now=now)
    course = next(c for c in track.courses if c.quiz and c.quiz.id == quiz_id)
    later = (c for c in track.courses if c.position > course.position and c.quiz and not c.quiz.status.passed)
    following = next(later, None)
    return QuizPlace(
        track_id=track.id,
        track_title=track.title,
        track_status=track.status,
        course_title=course.title,
        course_position=course.position,
        courses_total=track.courses_total,
        quiz=course.quiz,
        next_course_title=following.title if following else None,
        next_course_id=following.id if following else None,
        course_id=course.id,
    )


def _quiz_summary(session: Session, viewer: UserDTO, quiz: Quiz | None, now: datetime) -> QuizSummary | None:
    if quiz is None:
        return None
    attempts = session.exec(
        select(QuizAttempt).where(QuizAttempt.user_id == viewer.id, QuizAttempt.quiz_id == quiz.id)
    ).all()
    quiz_rules = rules.QuizRules(quiz.pass_threshold, quiz.time_limit_minutes, quiz.max_attempts, quiz.cooldown_minutes)
    status = rules.quiz_status(quiz_rules, [as_past(a) for a in attempts], now)
    open_attempt = next((a.id for a in attempts if a.submitted_at is None), None)
    count, points = session.exec(
        select(func.count(Question.id), func.coalesce(func.sum(Question.points), 0)).where(Question.quiz_id == quiz.id, Question.retired_at.is_(None))
    ).one()
    return QuizSummary(
        id=quiz.id,
        title=quiz.title,
        pass_threshold=quiz.pass_threshold,
        time_limit_minutes=quiz.time_limit_minutes,
        max_attempts=quiz.max_attempts,
        cooldown_minutes=quiz.cooldown_minutes,
        review_policy=quiz.review_policy,
        question_count=count,
        total_points=int(points),
        status=QuizStatusView(
            attempts_used=status.attempts_used,
            attempts_left=status.attempts_left,
            best_score=None if status.best_score is None else round(status.best_score, 2),
            passed=status.passed,
            cooldown_until=status.cooldown_until,
            can_start=status.can_start,
            open_attempt_id=open_attempt,
        ),
    )
