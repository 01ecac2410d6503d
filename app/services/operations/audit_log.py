"""The audit log as people read it: names and titles instead of ids, a link target where one exists.

An event refers to objects by id ("track:12", {"quiz_id": 7}) or by a natural key (an email,
a certificate number). ``Names.resolve`` looks up every object a batch of events refers to
with one query per kind, however many events there are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from sqlmodel import Session, col, select

from app.models import Certificate, Course, Question, Quiz, QuizAttempt, Track, User
from app.services.operations import audit_words as words
from app.services.operations.dto import AuditRow

_KIND_ID = re.compile(r"^(track|course|quiz|question|attempt):(\d{1,10})$")
EMAIL_ACTIONS = ("user.", "auth.")  # their subject is the person's email ...
NOT_EMAIL_ACTIONS = ("user.import",)  # ... except the import's, a count
JOB_ACTIONS = ("job.",)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _quiz_label(title: str) -> str:
    return title if title.lower().startswith("quiz") else f"Quiz: {title}"


@dataclass
class Names:
    """What the referenced objects are called, and the course page each quiz or question is on."""

    tracks: dict[int, str] = field(default_factory=dict)
    courses: dict[int, str] = field(default_factory=dict)
    quizzes: dict[int, tuple[str, int]] = field(default_factory=dict)  # id -> (title, course id)
    questions: dict[int, tuple[str, int]] = field(default_factory=dict)  # id -> (prompt, course id)
    attempts: dict[int, tuple[int, int]] = field(default_factory=dict)  # id -> (number, quiz id)
    users: dict[int, str] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)  # email -> full name
    certificates: dict[str, str] = field(default_factory=dict)  # number -> holder name

    @classmethod
    def resolve(cls, session: Session, events: Iterable[AuditRow]) -> "Names":
        wanted: dict[str, set] = {k: set() for k in ("track", "course", "quiz", "question", "attempt", "user",
                                                     "email", "certificate")}
        for event in events:
            kind, key = subject_of(event.action, event.subject)
            if kind in wanted:
                wanted[kind].add(key)
            for name, kind in (("track_id", "track"), ("quiz_id", "quiz"), ("user_id", "user"),
                               ("replaces", "question"), ("supersedes", "certificate")):
                value = (event.detail or {}).get(name)
                if isinstance(value, (int, str)) and not isinstance(value, bool):
                    wanted[kind].add(value)
        names = cls()
        names._load(session, wanted)
        return names

    def _load(self, session: Session, wanted: dict[str, set]) -> None:
        ids = {kind: [v for v in wanted[kind] if isinstance(v, int)] for kind in wanted}
        if ids["attempt"]:
            self.attempts = {a: (n, q) for a, n, q in session.exec(select(
                QuizAttempt.id, QuizAttempt.attempt_number, QuizAttempt.quiz_id).where(
                col(QuizAttempt.id).in_(ids["attempt"]))).all()}
        if ids["question"]:
            self.questions = {q: (p, c) for q, p, c in session.exec(select(Question.id, Question.prompt, Quiz.course_id)
                              .join(Quiz, Quiz.id == Question.quiz_id).where(col(Question.id).in_(ids["question"]))).all()}
        quiz_ids = set(ids["quiz"]) | {quiz for _n, quiz in self.attempts.values()}
        if quiz_ids:
            self.quizzes = {q: (t, c) for q, t, c in session.exec(select(Quiz.id, Quiz.title, Quiz.course_id).where(
                col(Quiz.id).in_(quiz_ids))).all()}
        for kind, model, attr in (("track", Track, "tracks"), ("course", Course, "courses")):
            if ids[kind]:
                setattr(self, attr, dict(session.exec(select(model.id, model.title).where(
                    col(model.id).in_(ids[kind]))).all()))
        if ids["user"]:
            self.users = {u: f"{f} {l}" for u, f, l in session.exec(select(User.id, User.first_name, User.last_name)
                                                                    .where(col(User.id).in_(ids["user"]))).all()}
        emails = [e for e in wanted["email"] if isinstance(e, str)]
        if emails:
            self.emails = {e: f"{f} {l}" for e, f, l in session.exec(select(User.email, User.first_name, User.last_name)
                                                                     .where(col(User.email).in_(emails))).all()}
        numbers = [n for n in wanted["certificate"] if isinstance(n, str)]
        if numbers:
            self.certificates = dict(session.exec(select(Certificate.number, Certificate.holder_name).where(
                col(Certificate.number).in_(numbers))).all())

    def name_of(self, kind: str, key: Any) -> str:
        """"Track: Renewals", "Lee Learner", ...; an object since removed is named by its kind only."""
        if kind == "track":
            return f"Track: {self.tracks[key]}" if key in self.tracks else "a track since removed"
        if kind == "course":
            return f"Course: {self.courses[key]}" if key in self.courses else "a course since removed"
        if kind == "quiz":
            return _quiz_label(self.quizzes[key][0]) if key in self.quizzes else "a quiz since removed"
        if kind == "question":
            return f"Question: {_short(self.questions[key][0])}" if key in self.questions else "a question since removed"
        if kind == "attempt":
            if key not in self.attempts:
                return "a quiz attempt since removed"
            number, quiz = self.attempts[key]
            return f"Attempt {number} at {self.name_of('quiz', quiz)}"
        if kind == "user":
            return f"User: {self.users[key]}" if key in self.users else "a user since removed"
        if kind == "email":
            return self.emails.get(key, key)  # a failed sign-in may name no account: show what was typed
        if kind == "certificate":
            holder = self.certificates.get(key)
            return f"Certificate {key} ({holder})" if holder else f"Certificate {key}"
        if kind == "organization":
            return f"Organization: {key}"
        if kind == "job":
            return "Nightly job" if key == "nightly-benchmarks" else f"Job: {key}"
        return str(key)

    def link_of(self, kind: str, key: Any) -> tuple[str, str]:
        """Which admin page shows the object: ("track", "12"), ("course", "5"), ("user", email), ...;
        ("", "") when none does."""
        if kind in ("track", "course") and key in getattr(self, f"{kind}s"):
            return kind, str(key)
        if kind == "quiz" and key in self.quizzes:
            return "course", str(self.quizzes[key][1])
        if kind == "question" and key in self.questions:
            return "course", str(self.questions[key][1])
        if kind == "email" and key in self.emails:
            return "user", key
        if kind == "certificate" and key in self.certificates:
            return "certificate", key
        if kind in ("organization", "job"):
            return kind, str(key)
        return "", ""


def subject_of(action: str, subject: str) -> tuple[str, Any]:
    """What kind of object an event's subject names, and its key (an id, an email, a number)."""
    match = _KIND_ID.match(subject)
    if match:
        return match.group(1), int(match.group(2))
    if action.startswith(EMAIL_ACTIONS) and not action.startswith(NOT_EMAIL_ACTIONS):
        return "email", subject
    if action.startswith("organization."):
        return "organization", subject
    if action.startswith("certificate."):
        return "certificate", subject
    if action.startswith(JOB_ACTIONS):
        return "job", subject
    return "", subject


def readable(session: Session, rows: list[AuditRow]) -> list[AuditRow]:
    """The rows with their words filled in (actor, action, subject, detail, link)."""
    names = Names.resolve(session, rows)
    out = []
    for row in rows:
        kind, key = subject_of(row.action, row.subject)
        link_kind, link_key = names.link_of(kind, key) if kind else ("", "")
        out.append(replace(
            row, action_label=words.action_label(row.action),
            subject_label=names.name_of(kind, key) if kind else row.subject,
            detail_text=words.detail_text(row.action, row.detail, names.name_of),
            link_kind=link_kind, link_key=link_key))
    return out
