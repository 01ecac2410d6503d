"""Training content documents: load into the database, export from it, import (upsert by slug)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import yaml
from sqlmodel import Session, func, select

from app.domain.errors import Conflict
from app.domain.training.content import (
    ChoiceSpec,
    ContentInvalid,
    CourseSpec,
    QuestionSpec,
    QuizSpec,
    TrackSpec,
    parse_content,
    to_document,
)
from app.models import Choice, Course, Question, Quiz, Track
from app.services import audit
from app.services.accounts.users import require_role
from app.services.dto import UserDTO

DEMO_CONTENT = Path(__file__).resolve().parents[2] / "content" / "demo_tracks.yaml"


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


def next_track_position(session: Session) -> int:
    """A new track is listed last."""
    return (session.exec(select(func.max(Track.position))).one() or 0) + 1


def _create_track(session: Session, spec: TrackSpec, now: datetime) -> int:
    track = Track(
        slug=spec.slug, title=spec.title, description=spec.description, is_published=spec.is_published,
        position=next_track_position(session), created_at=now,
    )
    session.add(track)
    session.flush()
    for position, course_spec in enumerate(spec.courses, start=1):
        create_course(session, track.id, position, course_spec)
    session.flush()
    return track.id


def create_course(session: Session, track_id: int, position: int, spec: CourseSpec) -> Course:
    course = Course(track_id=track_id, slug=spec.slug, position=position, title=spec.title,
                    summary=spec.summary, content_md=spec.content, is_published=spec.is_published)
    session.add(course)
    session.flush()
    q = spec.quiz
    quiz = Quiz(course_id=course.id, title=q.title, pass_threshold=q.pass_threshold,
                time_limit_minutes=q.time_limit_minutes, max_attempts=q.max_attempts,
                cooldown_minutes=q.cooldown_minutes, review_policy=q.review_policy, shuffle_choices=q.shuffle_choices)
    session.add(quiz)
    session.flush()
    for q_position, question_spec_ in enumerate(q.questions, start=1):
        add_question(session, quiz.id, q_position, question_spec_)
    return course


def add_question(session: Session, quiz_id: int, position: int, spec: QuestionSpec) -> Question:
    """A new question row with its choices (rows are never edited: see Question.retired_at)."""
    question = Question(quiz_id=quiz_id, position=position, kind=spec.kind, prompt=spec.prompt,
                        points=spec.points, explanation=spec.explanation)
    session.add(question)
    session.flush()
    session.add_all(
        Choice(question_id=question.id, position=c_position, text=c.text, is_correct=c.correct)
        for c_position, c in enumerate(spec.choices, start=1)
    )
    session.flush()
    return question


def current_questions(session: Session, quiz_id: int) -> list[tuple[Question, list[Choice]]]:
    questions = session.exec(
        select(Question).where(Question.quiz_id == quiz_id, Question.retired_at.is_(None))
        .order_by(Question.position, Question.id)
    ).all()
    choices: dict[int, list[Choice]] = {q.id: [] for q in questions}
    if questions:
        for c in session.exec(select(Choice).where(Choice.question_id.in_(list(choices)))
                              .order_by(Choice.position, Choice.id)).all():
            choices[c.question_id].append(c)
    return [(q, choices[q.id]) for q in questions]


def question_spec(question: Question, choices: list[Choice]) -> QuestionSpec:
    return QuestionSpec(question.kind, question.prompt, question.points, question.explanation,
                        tuple(ChoiceSpec(c.text, c.is_correct) for c in choices))


def track_spec(session: Session, track: Track) -> TrackSpec:
    """A stored track as plain values (current questions only), for checks and export."""
    courses = []
    for course, quiz in session.exec(
        select(Course, Quiz).join(Quiz, Quiz.course_id == Course.id).where(Course.track_id == track.id)
        .order_by(Course.position)
    ).all():
        questions = tuple(question_spec(q, c) for q, c in current_questions(session, quiz.id))
        courses.append(CourseSpec(course.slug, course.title, course.summary, course.content_md, QuizSpec(
            quiz.title, quiz.pass_threshold, quiz.time_limit_minutes, quiz.max_attempts, quiz.cooldown_minutes,
            quiz.review_policy, questions, shuffle_choices=quiz.shuffle_choices), course.is_published))
    return TrackSpec(track.slug, track.title, track.description, track.is_published, tuple(courses))


def export_content(*, session: Session, actor: UserDTO | None = None) -> dict:
    """Every track as a content document (what ``import_content`` reads)."""
    if actor is not None:
        require_role(actor, "admin")
    tracks = session.exec(select(Track).order_by(Track.position)).all()
    return to_document([track_spec(session, t) for t in tracks])


def write_content_file(document: dict, path: Path) -> None:
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def import_content(*, session: Session, tracks: tuple[TrackSpec, ...], now: datetime,
                   actor: UserDTO | None = None) -> tuple[int, int]:
    """Create new tracks and update existing ones (matched by slug). Returns (created, updated).

    Changed questions are replaced, never edited, so attempts already made keep theirs.
    Courses of an existing track that the document leaves out are kept, after the others.
    """
    if actor is not None:
        require_role(actor, "admin")
    existing = {t.slug: t for t in session.exec(select(Track).where(Track.slug.in_([t.slug for t in tracks]))).all()}
    created = create_tracks(session=session, tracks=tuple(t for t in tracks if t.slug not in existing), now=now)
    for spec in tracks:
        if spec.slug in existing:
            _update_track(session, existing[spec.slug], spec, now)
    audit.record(session, action="content.import", subject=f"{len(tracks)} tracks", at=now,
                 actor_id=actor.id if actor else None,
                 detail={"created": len(created), "updated": len(tracks) - len(created)})
    return len(created), len(tracks) - len(created)


def _update_track(session: Session, track: Track, spec: TrackSpec, now: datetime) -> None:
    track.title, track.description, track.is_published = spec.title, spec.description, spec.is_published
    session.add(track)
    courses = {c.slug: c for c in session.exec(select(Course).where(Course.track_id == track.id)).all()}
    for course in courses.values():  # out of the way of the unique (track, position) key
        course.position = -course.id
        session.add(course)
    session.flush()
    order = [c.slug for c in spec.courses] + sorted(set(courses) - {c.slug for c in spec.courses},
                                                    key=lambda slug: courses[slug].id)
    for i, course_spec in enumerate(spec.courses):
        if course_spec.slug not in courses:
            create_course(session, track.id, -(10**6 + i), course_spec)
    session.flush()
    courses = {c.slug: c for c in session.exec(select(Course).where(Course.track_id == track.id)).all()}
    for position, slug in enumerate(order, start=1):
        courses[slug].position = position
        session.add(courses[slug])
    session.flush()
    for course_spec in spec.courses:
        course = courses[course_spec.slug]
        course.title, course.summary, course.content_md = course_spec.title, course_spec.summary, course_spec.content
        course.is_published = course_spec.is_published
        session.add(course)
        quiz = session.exec(select(Quiz).where(Quiz.course_id == course.id)).one()
        q = course_spec.quiz
        quiz.title, quiz.pass_threshold, quiz.time_limit_minutes = q.title, q.pass_threshold, q.time_limit_minutes
        quiz.max_attempts, quiz.cooldown_minutes, quiz.review_policy = q.max_attempts, q.cooldown_minutes, q.review_policy
        quiz.shuffle_choices = q.shuffle_choices
        session.add(quiz)
        current = current_questions(session, quiz.id)
        if tuple(question_spec(qq, cc) for qq, cc in current) != q.questions:
            for question, _ in current:
                question.retired_at = now
                session.add(question)
            for position, question_spec_ in enumerate(q.questions, start=1):
                add_question(session, quiz.id, position, question_spec_)
    session.flush()
