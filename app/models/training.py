"""Tracks, courses, quizzes, attempts and certificates."""

from __future__ import annotations

from datetime import datetime

from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel


class Track(SQLModel, table=True):
    __tablename__ = "track"
    # A unique index rather than a constraint: SQLite can add one without rebuilding the table.
    __table_args__ = (Index("uq_track_position", "position", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=100, unique=True)
    # Where the track is listed, for learners and admins (1 = first).
    position: int
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=2000)
    is_published: bool = Field(default=False)
    created_at: datetime


class Course(SQLModel, table=True):
    __tablename__ = "course"
    __table_args__ = (
        UniqueConstraint("track_id", "position", name="uq_course_track_position"),
        UniqueConstraint("track_id", "slug", name="uq_course_track_slug"),
    )

    id: int | None = Field(default=None, primary_key=True)
    track_id: int = Field(foreign_key="track.id", index=True)
    slug: str = Field(max_length=100)
    position: int
    title: str = Field(max_length=200)
    summary: str = Field(default="", max_length=1000)
    content_md: str = Field(default="")
    # A draft course is hidden from learners and does not count towards completing its track.
    is_published: bool = Field(default=True)


class Quiz(SQLModel, table=True):
    __tablename__ = "quiz"
    __table_args__ = (
        CheckConstraint("pass_threshold > 0 AND pass_threshold <= 100", name="ck_quiz_threshold"),
        CheckConstraint(
            "review_policy IN ('score_only', 'correctness', 'correct_answers')", name="ck_quiz_review_policy"
        ),
        CheckConstraint("max_attempts IS NULL OR max_attempts > 0", name="ck_quiz_max_attempts"),
        CheckConstraint("cooldown_minutes >= 0", name="ck_quiz_cooldown"),
        CheckConstraint("time_limit_minutes IS NULL OR time_limit_minutes > 0", name="ck_quiz_time_limit"),
    )

    id: int | None = Field(default=None, primary_key=True)
    course_id: int = Field(foreign_key="course.id", unique=True)
    title: str = Field(max_length=200)
    pass_threshold: float = Field(default=80.0)
    time_limit_minutes: int | None = None
    max_attempts: int | None = None
    cooldown_minutes: int = Field(default=0)
    # What a learner sees after submitting: score_only | correctness | correct_answers.
    review_policy: str = Field(default="correctness", max_length=20)
    # Whether the options of choice questions are shown in a random order per attempt
    # (True/False questions always read True, then False).
    shuffle_choices: bool = Field(default=True)


class Question(SQLModel, table=True):
    __tablename__ = "question"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('single_choice', 'multiple_choice', 'true_false')", name="ck_question_kind"
        ),
        CheckConstraint("points > 0", name="ck_question_points"),
    )

    id: int | None = Field(default=None, primary_key=True)
    quiz_id: int = Field(foreign_key="quiz.id", index=True)
    position: int
    kind: str = Field(max_length=20)
    prompt: str = Field(max_length=2000)
    points: int = Field(default=1)
    explanation: str = Field(default="", max_length=2000)
    # Questions and their choices are never changed in place: an edit retires the row and
    # adds a new one, so attempts already given this question still grade and show it.
    retired_at: datetime | None = None


class Choice(SQLModel, table=True):
    __tablename__ = "choice"

    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(foreign_key="question.id", index=True)
    position: int
    text: str = Field(max_length=1000)
    is_correct: bool = Field(default=False)


OPEN_ATTEMPT = text("submitted_at IS NULL")
CURRENT_CERTIFICATE = text("superseded_by IS NULL")


class QuizAttempt(SQLModel, table=True):
    __tablename__ = "quiz_attempt"
    __table_args__ = (
        UniqueConstraint("user_id", "quiz_id", "attempt_number", name="uq_attempt_user_quiz_number"),
        # At most one unfinished attempt per learner and quiz: a double start resumes it.
        Index(
            "uq_attempt_one_open", "user_id", "quiz_id", unique=True,
            sqlite_where=OPEN_ATTEMPT, postgresql_where=OPEN_ATTEMPT,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    quiz_id: int = Field(foreign_key="quiz.id", index=True)
    attempt_number: int
    started_at: datetime
    deadline: datetime | None = None
    submitted_at: datetime | None = None
    earned_points: int | None = None
    total_points: int | None = None
    score: float | None = None  # percent, for display and sorting; `passed` is decided exactly
    passed: bool | None = None
    shuffle_seed: int
    submission_key: str | None = Field(default=None, max_length=100)
    # The quiz version this attempt was given: later edits to the quiz do not change it.
    # NULL only for attempts started before versioning (they use the current questions).
    question_ids: list[Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    pass_threshold: float | None = None


class AttemptAnswer(SQLModel, table=True):
    """One selected choice of one question in one attempt."""

    __tablename__ = "attempt_answer"
    __table_args__ = (
        UniqueConstraint("attempt_id", "question_id", "choice_id", name="uq_answer_attempt_choice"),
    )

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="quiz_attempt.id", index=True)
    question_id: int = Field(foreign_key="question.id")
    choice_id: int = Field(foreign_key="choice.id")


class TrackCompletion(SQLModel, table=True):
    __tablename__ = "track_completion"
    __table_args__ = (UniqueConstraint("user_id", "track_id", name="uq_completion_user_track"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    track_id: int = Field(foreign_key="track.id", index=True)
    completed_at: datetime


class Certificate(SQLModel, table=True):
    __tablename__ = "certificate"
    __table_args__ = (
        # One current certificate per learner and track; renewal supersedes the old one.
        Index(
            "uq_certificate_current", "user_id", "track_id", unique=True,
            sqlite_where=CURRENT_CERTIFICATE, postgresql_where=CURRENT_CERTIFICATE,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=20, unique=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    track_id: int = Field(foreign_key="track.id", index=True)
    issued_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    revoke_reason: str | None = Field(default=None, max_length=500)
    verification_code: str = Field(max_length=32)
    holder_name: str = Field(max_length=200)
    track_title: str = Field(max_length=200)
    superseded_by: str | None = Field(default=None, max_length=20)  # number of the renewal


class CertificateCounter(SQLModel, table=True):
    """Last certificate number handed out in a year; rows are locked while numbering."""

    __tablename__ = "certificate_counter"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last_number: int = Field(default=0)
