"""Authoring use cases for admins: tracks, courses, quizzes and questions.

Questions are never edited in place: saving one retires the old row and adds a new one,
so attempts already given the old question keep grading and showing it.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from app.domain.errors import Conflict, InvalidInput, NotFound
from app.domain.text import check_text
from app.domain.training import authoring as rules
from app.domain.training.content import CourseSpec, QuestionSpec, QuizSpec, is_slug
from app.models import Course, Question, Quiz, Track
from app.services import audit
from app.services.accounts.users import require_role
from app.services.dto import UserDTO
from app.services.training.content import (
    add_question,
    create_course,
    current_questions,
    next_track_position,
    question_spec,
    track_spec,
)
from app.services.training.dto import TrackRow


def _admin(actor: UserDTO) -> None:
    require_role(actor, "admin")


def _locked_track(session: Session, track_id: int) -> Track:
    """The track, locked until the transaction ends (PostgreSQL; SQLite runs one writer at a time):
    publication changes of a track and its courses check each other and must not interleave."""
    track = session.exec(select(Track).where(Track.id == track_id).with_for_update()).first()
    if track is None:
        raise NotFound(f"No track with id {track_id}.")
    return track


@contextmanager
def _ordering_conflicts():
    """A new or moved position taken by another admin at the same moment: say so instead of failing."""
    try:
        yield
    except IntegrityError:
        raise Conflict("Another admin changed these tracks or courses at the same moment; reload the page "
                       "and try again.") from None


def _get(session: Session, model, row_id: int, what: str):
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(f"No {what} with id {row_id}.")
    return row


def _text(field: str, value: str, max_len: int, required: bool = True) -> str:
    value = check_text(field, value or "").strip()
    if required and not value:
        raise InvalidInput(field, f"The {field.replace('_', ' ')} is required.")
    if len(value) > max_len:
        raise InvalidInput(field, f"The {field.replace('_', ' ')} is longer than {max_len} characters.")
    return value


def _slug(value: str) -> str:
    slug = _text("slug", value, 100)
    if not is_slug(slug):
        raise InvalidInput("slug", f"Use lowercase letters, digits and hyphens for the slug (got {slug!r}).")
    return slug


def list_tracks(*, session: Session, actor: UserDTO) -> list[TrackRow]:
    _admin(actor)
    counts = dict(session.exec(select(Course.track_id, func.count(Course.id)).group_by(Course.track_id)).all())
    return [TrackRow(t.id, t.slug, t.title, t.description, t.is_published, counts.get(t.id, 0))
            for t in session.exec(select(Track).order_by(Track.position)).all()]


def create_track(*, session: Session, actor: UserDTO, slug: str, title: str, description: str, now: datetime) -> int:
    _admin(actor)
    slug = _slug(slug)
    if session.exec(select(Track.id).where(Track.slug == slug)).first() is not None:
        raise Conflict(f"A track with the slug {slug!r} already exists.")
    track = Track(slug=slug, title=_text("title", title, 200), description=_text("description", description, 2000, False),
                  is_published=False, position=next_track_position(session), created_at=now)
    session.add(track)
    with _ordering_conflicts():
        session.flush()
    audit.record(session, action="track.create", subject=f"track:{track.id}", at=now, actor_id=actor.id,
                 detail={"slug": slug})
    return track.id


def update_track(*, session: Session, actor: UserDTO, track_id: int, title: str, description: str,
                 now: datetime) -> None:
    _admin(actor)
    track = _get(session, Track, track_id, "track")
    track.title, track.description = _text("title", title, 200), _text("description", description, 2000, False)
    session.add(track)
    audit.record(session, action="track.update", subject=f"track:{track_id}", at=now, actor_id=actor.id)


def track_detail(*, session: Session, actor: UserDTO, track_id: int) -> dict:
    _admin(actor)
    track = _get(session, Track, track_id, "track")
    spec = track_spec(session, track)
    ids = session.exec(select(Course.id).where(Course.track_id == track_id).order_by(Course.position)).all()
    courses = [{"id": cid, "position": i + 1, "slug": c.slug, "title": c.title, "questions": len(c.quiz.questions),
                "is_published": c.is_published}
               for i, (cid, c) in enumerate(zip(ids, spec.courses))]
    return {"id": track.id, "slug": track.slug, "title": track.title, "description": track.description,
            "is_published": track.is_published, "courses": courses, "problems": rules.publish_problems(spec)}


def set_published(*, session: Session, actor: UserDTO, track_id: int, published: bool, now: datetime) -> None:
    """Publish after the checks pass (NotPublishable lists every problem), or unpublish."""
    _admin(actor)
    track = _locked_track(session, track_id)
    if published:
        rules.check_publishable(track_spec(session, track))
    track.is_published = published
    session.add(track)
    audit.record(session, action="track.publish" if published else "track.unpublish", subject=f"track:{track_id}",
                 at=now, actor_id=actor.id)


def add_course(*, session: Session, actor: UserDTO, track_id: int, slug: str, title: str, now: datetime) -> int:
    _admin(actor)
    _get(session, Track, track_id, "track")
    slug, title = _slug(slug), _text("title", title, 200)
    if session.exec(select(Course.id).where(Course.track_id == track_id, Course.slug == slug)).first():
        raise Conflict(f"This track already has a course with the slug {slug!r}.")
    last = session.exec(select(func.max(Course.position)).where(Course.track_id == track_id)).one() or 0
    quiz = QuizSpec(f"Quiz: {title}", 80.0, None, None, 0, "correctness", ())
    # A new course starts as a draft: learners see it once it has its text and questions and is published.
    course = create_course(session, track_id, last + 1, CourseSpec(slug, title, "", "", quiz, is_published=False))
    audit.record(session, action="course.create", subject=f"course:{course.id}", at=now, actor_id=actor.id,
                 detail={"track_id": track_id, "slug": slug})
    return course.id


def set_course_published(*, session: Session, actor: UserDTO, course_id: int, published: bool,
                         now: datetime) -> None:
    """Publish one course after its checks pass (NotPublishable lists every problem), or make it a draft.

    A published track keeps at least one published course, so learners never meet an empty track.
    """
    _admin(actor)
    course = _get(session, Course, course_id, "course")
    track = _locked_track(session, course.track_id)
    if published:
        number, spec = _course_spec(session, track, course)
        rules.check_course_publishable(number, spec)
    elif course.is_published and track.is_published and _published_course_count(session, track.id) == 1:
        raise Conflict("This is the only published course of a published track. Publish another course first, "
                       "or unpublish the track.")
    course.is_published = published
    session.add(course)
    audit.record(session, action="course.publish" if published else "course.unpublish",
                 subject=f"course:{course_id}", at=now, actor_id=actor.id, detail={"track_id": track.id})


def _course_spec(session: Session, track: Track, course: Course) -> tuple[int, CourseSpec]:
    """The course as plain values, with its place in the track (what the checks report)."""
    ids = session.exec(select(Course.id).where(Course.track_id == track.id).order_by(Course.position)).all()
    index = ids.index(course.id)
    return index + 1, track_spec(session, track).courses[index]


def _published_course_count(session: Session, track_id: int) -> int:
    return session.exec(select(func.count(Course.id)).where(Course.track_id == track_id, Course.is_published)).one()


def move_course(*, session: Session, actor: UserDTO, course_id: int, offset: int, now: datetime) -> None:
    """Swap a course with its neighbour in the track (offset -1: earlier, +1: later)."""
    _admin(actor)
    course = _get(session, Course, course_id, "course")
    neighbour = session.exec(select(Course).where(Course.track_id == course.track_id,
                                                  Course.position == course.position + offset)).first()
    if neighbour is not None:
        position = _swap_positions(session, course, neighbour)
        audit.record(session, action="course.move", subject=f"course:{course_id}", at=now, actor_id=actor.id,
                     detail={"position": position})


def move_track(*, session: Session, actor: UserDTO, track_id: int, offset: int, now: datetime) -> None:
    """Swap a track with the one listed before (offset -1) or after (+1) it."""
    _admin(actor)
    track = _get(session, Track, track_id, "track")
    before = offset < 0
    neighbour = session.exec(
        select(Track).where(Track.position < track.position if before else Track.position > track.position)
        .order_by(Track.position.desc() if before else Track.position)
    ).first()  # positions may have gaps (a track removed by hand), so the nearest one, not position ± 1
    if neighbour is not None:
        position = _swap_positions(session, track, neighbour)
        audit.record(session, action="track.move", subject=f"track:{track_id}", at=now, actor_id=actor.id,
                     detail={"position": position})


def _swap_positions(session: Session, row: Course | Track, neighbour: Course | Track) -> int:
    """Exchange two rows' positions; returns the row's new one."""
    model = type(row)
    here, there = row.position, neighbour.position
    # One statement per row, in this order, so the unique position key never clashes.
    with _ordering_conflicts():
        for row_id, position in ((row.id, -row.id), (neighbour.id, here), (row.id, there)):
            session.exec(update(model).where(model.id == row_id).values(position=position))
    session.expire(row)
    session.expire(neighbour)
    return there


def course_detail(*, session: Session, actor: UserDTO, course_id: int) -> dict:
    _admin(actor)
    course = _get(session, Course, course_id, "course")
    quiz = session.exec(select(Quiz).where(Quiz.course_id == course_id)).one()
    questions = [{"id": q.id, "kind": q.kind, "prompt": q.prompt, "points": q.points, "explanation": q.explanation,
                  "choices": rules.choice_lines(question_spec(q, c).choices)}
                 for q, c in current_questions(session, quiz.id)]
    number, spec = _course_spec(session, _get(session, Track, course.track_id, "track"), course)
    return {"id": course.id, "track_id": course.track_id, "slug": course.slug, "title": course.title,
            "is_published": course.is_published, "problems": rules.course_problems(number, spec),
            "summary": course.summary, "content": course.content_md, "quiz_title": quiz.title,
            "pass_threshold": quiz.pass_threshold, "time_limit_minutes": quiz.time_limit_minutes,
            "max_attempts": quiz.max_attempts, "cooldown_minutes": quiz.cooldown_minutes,
            "review_policy": quiz.review_policy, "shuffle_choices": quiz.shuffle_choices, "questions": questions}


def update_course(*, session: Session, actor: UserDTO, course_id: int, title: str, summary: str, content: str,
                  now: datetime) -> None:
    _admin(actor)
    course = _get(session, Course, course_id, "course")
    course.title, course.summary = _text("title", title, 200), _text("summary", summary, 1000, False)
    course.content_md = _text("content", content, 100_000, False)
    session.add(course)
    _keep_publishable(session, course)
    audit.record(session, action="course.update", subject=f"course:{course_id}", at=now, actor_id=actor.id)


def update_quiz(*, session: Session, actor: UserDTO, course_id: int, title: str, pass_threshold: float,
                time_limit_minutes: int | None, max_attempts: int | None, cooldown_minutes: int, review_policy: str,
                now: datetime, shuffle_choices: bool | None = None) -> None:
    """New settings apply to attempts started from now on; started ones keep their threshold.
    ``shuffle_choices`` None leaves that setting as it is."""
    _admin(actor)
    rules.check_quiz_settings(pass_threshold=pass_threshold, time_limit_minutes=time_limit_minutes,
                              max_attempts=max_attempts, cooldown_minutes=cooldown_minutes, review_policy=review_policy)
    quiz = session.exec(select(Quiz).where(Quiz.course_id == course_id)).first()
    if quiz is None:
        raise NotFound(f"No course with id {course_id}.")
    quiz.title = _text("quiz_title", title, 200)
    quiz.pass_threshold, quiz.time_limit_minutes, quiz.max_attempts = pass_threshold, time_limit_minutes, max_attempts
    quiz.cooldown_minutes, quiz.review_policy = cooldown_minutes, review_policy
    if shuffle_choices is not None:
        quiz.shuffle_choices = bool(shuffle_choices)
    session.add(quiz)
    audit.record(session, action="quiz.update", subject=f"quiz:{quiz.id}", at=now, actor_id=actor.id,
                 detail={"pass_threshold": pass_threshold, "max_attempts": max_attempts})


def save_question(*, session: Session, actor: UserDTO, course_id: int, question_id: int | None,
                  spec: QuestionSpec, now: datetime) -> int:
    """Add a question, or replace one (the old row is retired, not changed)."""
    _admin(actor)
    rules.check_question(spec)
    quiz = session.exec(select(Quiz).where(Quiz.course_id == course_id)).first()
    if quiz is None:
        raise NotFound(f"No course with id {course_id}.")
    if question_id is None:
        last = session.exec(select(func.max(Question.position)).where(Question.quiz_id == quiz.id)).one() or 0
        position = last + 1
    else:
        old = _current_question(session, quiz.id, question_id)
        old.retired_at, position = now, old.position
        session.add(old)
    question = add_question(session, quiz.id, position, spec)
    audit.record(session, action="question.save", subject=f"question:{question.id}", at=now, actor_id=actor.id,
                 detail={"quiz_id": quiz.id, "replaces": question_id})
    return question.id


def remove_question(*, session: Session, actor: UserDTO, course_id: int, question_id: int, now: datetime) -> None:
    _admin(actor)
    quiz = session.exec(select(Quiz).where(Quiz.course_id == course_id)).first()
    if quiz is None:
        raise NotFound(f"No course with id {course_id}.")
    old = _current_question(session, quiz.id, question_id)
    old.retired_at = now
    session.add(old)
    _keep_publishable(session, _get(session, Course, course_id, "course"))
    audit.record(session, action="question.remove", subject=f"question:{question_id}", at=now, actor_id=actor.id)


def _keep_publishable(session: Session, course: Course) -> None:
    """Refuse a change that would leave a course learners can see unfit for them (the caller rolls back).

    Only in a published track: a draft track is checked again, whole, when it is published.
    """
    track = _get(session, Track, course.track_id, "track")
    if not (course.is_published and track.is_published):
        return
    session.flush()
    number, spec = _course_spec(session, track, course)
    problems = rules.course_problems(number, spec)
    if problems:
        raise Conflict("Learners can see this course, so it must stay complete: " + "; ".join(problems)
                       + ". Unpublish the course first to make that change.")


def _current_question(session: Session, quiz_id: int, question_id: int) -> Question:
    question = session.get(Question, question_id)
    if question is None or question.quiz_id != quiz_id or question.retired_at is not None:
        raise NotFound(f"No current question with id {question_id} in this quiz.")
    return question
