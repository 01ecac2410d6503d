"""Loading training content documents into the database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import yaml
from sqlmodel import Session, select

from app.domain.errors import Conflict
from app.domain.training.content import ContentInvalid, TrackSpec, parse_content
from app.models import Choice, Course, Question, Quiz, Track

DEMO_CONTENT = Path(__file__).resolve().parent.parent / "content" / "demo_tracks.yaml"


def read_content_file(path: Path) -> tuple[TrackSpec, ...]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ContentInvalid([f"(file): cannot read {path}: {err.strerror}"]) from None
    except yaml.YAMLError as err:
        raise ContentInvalid([f"(file): {path} is not valid YAML: {err}"]) from None
    return parse_content(document)


def create_tracks(*, session: Session, tracks: tuple[TrackSpec, ...], now: datetime) -> list[int]:
    """Create new tracks with their courses, quizzes, questions and choices."""
    slugs = [t.slug for t in tracks]
    taken = session.exec(select(Track.slug).where(Track.slug.in_(slugs))).all()
    if taken:
        raise Conflict(f"Tracks already exist: {', '.join(sorted(taken))}.")
    return [_create_track(session, spec, now) for spec in tracks]


def _create_track(session: Session, spec: TrackSpec, now: datetime) -> int:
    track = Track(
        slug=spec.slug, title=spec.title, description=spec.description, is_published=spec.is_published, created_at=now
    )
    session.add(track)
    session.flush()
    for position, course_spec in enumerate(spec.courses, start=1):
        course = Course(
            track_id=track.id,
            slug=course_spec.slug,
            position=position,
            title=course_spec.title,
            summary=course_spec.summary,
            content_md=course_spec.content,
        )
        session.add(course)
        session.flush()
        q = course_spec.quiz
        quiz = Quiz(
            course_id=course.id,
            title=q.title,
            pass_threshold=q.pass_threshold,
            time_limit_minutes=q.time_limit_minutes,
            max_attempts=q.max_attempts,
            cooldown_minutes=q.cooldown_minutes,
            review_policy=q.review_policy,
        )
        session.add(quiz)
        session.flush()
        for q_position, question_spec in enumerate(q.questions, start=1):
            question = Question(
                quiz_id=quiz.id,
                position=q_position,
                kind=question_spec.kind,
                prompt=question_spec.prompt,
                points=question_spec.points,
                explanation=question_spec.explanation,
            )
            session.add(question)
            session.flush()
            session.add_all(
                Choice(question_id=question.id, position=c_position, text=c.text, is_correct=c.correct)
                for c_position, c in enumerate(question_spec.choices, start=1)
            )
    session.flush()
    return track.id
