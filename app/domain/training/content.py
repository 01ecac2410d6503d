"""Parsing and validating training content documents (tracks -> courses -> quiz).

The document is plain data (as loaded from YAML). Every problem is reported with its
location inside the document, and the whole document is refused if any is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.domain.errors import ProblemsFound
from app.domain.text import text_problem

QUESTION_KINDS = ("single_choice", "multiple_choice", "true_false")
REVIEW_POLICIES = ("score_only", "correctness", "correct_answers")
DEFAULT_REVIEW_POLICY = "correctness"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_slug(value: str) -> bool:
    return bool(_SLUG.match(value))


class ContentInvalid(ProblemsFound):
    def __init__(self, problems: list[str]):
        super().__init__(f"The content has {len(problems)} problem(s):", problems)


@dataclass(frozen=True)
class ChoiceSpec:
    text: str
    correct: bool


@dataclass(frozen=True)
class QuestionSpec:
    kind: str
    prompt: str
    points: int
    explanation: str
    choices: tuple[ChoiceSpec, ...]


@dataclass(frozen=True)
class QuizSpec:
    title: str
    pass_threshold: float
    time_limit_minutes: int | None
    max_attempts: int | None
    cooldown_minutes: int
    review_policy: str
    questions: tuple[QuestionSpec, ...]
    shuffle_choices: bool = True  # True/False questions keep their order whatever this says


@dataclass(frozen=True)
class CourseSpec:
    slug: str
    title: str
    summary: str
    content: str
    quiz: QuizSpec
    # A draft course is kept out of learners' sight and out of the track's completion rule.
    is_published: bool = True


@dataclass(frozen=True)
class TrackSpec:
    slug: str
    title: str
    description: str
    is_published: bool
    courses: tuple[CourseSpec, ...]


@dataclass
class _Reader:
    """Reads typed fields, collecting problems instead of stopping at the first."""

    problems: list[str] = field(default_factory=list)

    def text(self, node: dict, key: str, path: str, *, required: bool = True, max_len: int = 2000) -> str:
        value = node.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problems.append(f"{path}.{key}: is required")
            return ""
        if not isinstance(value, str):
            self.problems.append(f"{path}.{key}: must be text")
            return ""
        if len(value) > max_len:
            self.problems.append(f"{path}.{key}: is longer than {max_len} characters")
        if text_problem(value):
            self.problems.append(f"{path}.{key}: contains {text_problem(value)}; remove it")
            return ""
        return value.strip()

    def integer(self, node: dict, key: str, path: str, *, default: int | None, low: int, high: int) -> int | None:
        value = node.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problems.append(f"{path}.{key}: must be a whole number from {low} to {high}")
            return default
        return value

    def items(self, node: dict, key: str, path: str) -> list:
        value = node.get(key)
        if not isinstance(value, list) or not value:
            self.problems.append(f"{path}.{key}: must be a non-empty list")
            return []
        return value


def _choice(r: _Reader, node: Any, path: str) -> ChoiceSpec:
    if not isinstance(node, dict):
        r.problems.append(f"{path}: must be a mapping with text and correct")
        return ChoiceSpec("", False)
    correct = node.get("correct")
    if not isinstance(correct, bool):
        r.problems.append(f"{path}.correct: must be true or false")
    return ChoiceSpec(r.text(node, "text", path, max_len=1000), correct is True)


def _question(r: _Reader, node: dict, path: str) -> QuestionSpec:
    kind = node.get("kind")
    if kind not in QUESTION_KINDS:
        r.problems.append(f"{path}.kind: must be one of {', '.join(QUESTION_KINDS)}")
    choices = tuple(_choice(r, c, f"{path}.choices[{i}]") for i, c in enumerate(r.items(node, "choices", path)))
    n_correct = sum(c.correct for c in choices)
    if kind in ("single_choice", "true_false") and choices and n_correct != 1:
        r.problems.append(f"{path}.choices: a {kind} question needs exactly one correct choice (has {n_correct})")
    if kind == "multiple_choice" and choices and n_correct == 0:
        r.problems.append(f"{path}.choices: a multiple_choice question needs at least one correct choice")
    if kind == "true_false" and len(choices) != 2:
        r.problems.append(f"{path}.choices: a true_false question has exactly two choices")
    if kind in ("single_choice", "multiple_choice") and len(choices) == 1:
        r.problems.append(f"{path}.choices: a {kind} question needs at least two choices")
    return QuestionSpec(
        kind=kind if isinstance(kind, str) else "",
        prompt=r.text(node, "prompt", path),
        points=r.integer(node, "points", path, default=1, low=1, high=100) or 1,
        explanation=r.text(node, "explanation", path, required=False),
        choices=choices,
    )


def _quiz(r: _Reader, node: Any, path: str, *, draft: bool) -> QuizSpec:
    if not isinstance(node, dict):
        r.problems.append(f"{path}: every course needs a quiz")
        node = {}
    threshold = node.get("pass_threshold", 80)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 100:
        r.problems.append(f"{path}.pass_threshold: must be a percentage above 0 and at most 100")
        threshold = 80
    policy = node.get("review_policy", DEFAULT_REVIEW_POLICY)
    if policy not in REVIEW_POLICIES:
        r.problems.append(f"{path}.review_policy: must be one of {', '.join(REVIEW_POLICIES)}")
    shuffle = node.get("shuffle_choices", True)
    if not isinstance(shuffle, bool):
        r.problems.append(f"{path}.shuffle_choices: must be true or false")
        shuffle = True
    # A draft course may be saved before its questions are written; a published one may not.
    if draft and not node.get("questions"):
        questions = []
    else:
        questions = r.items(node, "questions", path) if node else []
    return QuizSpec(
        title=r.text(node, "title", path, max_len=200),
        pass_threshold=float(threshold),
        time_limit_minutes=r.integer(node, "time_limit_minutes", path, default=None, low=1, high=600),
        max_attempts=r.integer(node, "max_attempts", path, default=None, low=1, high=100),
        cooldown_minutes=r.integer(node, "cooldown_minutes", path, default=0, low=0, high=60 * 24 * 30) or 0,
        review_policy=policy if isinstance(policy, str) else DEFAULT_REVIEW_POLICY,
        questions=tuple(
            _question(r, q if isinstance(q, dict) else {}, f"{path}.questions[{i}]") for i, q in enumerate(questions)
        ),
        shuffle_choices=shuffle,
    )


def _slug(r: _Reader, node: dict, path: str) -> str:
    slug = r.text(node, "slug", path, max_len=100)
    if slug and not _SLUG.match(slug):
        r.problems.append(f"{path}.slug: use lowercase letters, digits and hyphens (got {slug!r})")
    return slug


def _flag(r: _Reader, node: dict, key: str, path: str, default: bool) -> bool:
    value = node.get(key, default)
    if not isinstance(value, bool):
        r.problems.append(f"{path}.{key}: must be true or false")
        return default
    return value


def _course(r: _Reader, node: dict, path: str, *, track_published: bool) -> CourseSpec:
    published = _flag(r, node, "is_published", path, True)
    draft = not (published and track_published)
    return CourseSpec(
        slug=_slug(r, node, path),
        title=r.text(node, "title", path, max_len=200),
        summary=r.text(node, "summary", path, required=False, max_len=1000),
        content=r.text(node, "content", path, required=not draft, max_len=100_000),
        quiz=_quiz(r, node.get("quiz"), f"{path}.quiz", draft=draft),
        is_published=published,
    )


def _track(r: _Reader, node: dict, path: str) -> TrackSpec:
    published = _flag(r, node, "is_published", path, False)
    courses = tuple(
        _course(r, c if isinstance(c, dict) else {}, f"{path}.courses[{i}]", track_published=published)
        for i, c in enumerate(r.items(node, "courses", path))
    )
    if published and courses and not any(c.is_published for c in courses):
        r.problems.append(f"{path}.courses: a published track needs at least one published course")
    seen: set[str] = set()
    for i, course in enumerate(courses):
        if course.slug and course.slug in seen:
            r.problems.append(f"{path}.courses[{i}].slug: {course.slug!r} is used twice in this track")
        seen.add(course.slug)
    return TrackSpec(
        slug=_slug(r, node, path),
        title=r.text(node, "title", path, max_len=200),
        description=r.text(node, "description", path, required=False),
        is_published=published,
        courses=courses,
    )


def parse_content(document: Any) -> tuple[TrackSpec, ...]:
    """Validate a whole content document; raise ``ContentInvalid`` listing every problem."""
    r = _Reader()
    if not isinstance(document, dict):
        raise ContentInvalid(["(document): must be a mapping with a 'tracks' list"])
    tracks = tuple(
        _track(r, t if isinstance(t, dict) else {}, f"tracks[{i}]")
        for i, t in enumerate(r.items(document, "tracks", "(document)"))
    )
    slugs = [t.slug for t in tracks]
    for i, slug in enumerate(slugs):
        if slug and slug in slugs[:i]:
            r.problems.append(f"tracks[{i}].slug: {slug!r} is used by an earlier track")
    if r.problems:
        raise ContentInvalid(r.problems)
    return tracks


def _question_document(q: QuestionSpec) -> dict:
    return {
        "kind": q.kind,
        "prompt": q.prompt,
        "points": q.points,
        "explanation": q.explanation,
        "choices": [{"text": c.text, "correct": c.correct} for c in q.choices],
    }


def to_document(tracks: tuple[TrackSpec, ...] | list[TrackSpec]) -> dict:
    """The content document for ``tracks``; ``parse_content`` reads it back unchanged."""
    return {
        "version": 1,
        "tracks": [
            {
                "slug": t.slug,
                "title": t.title,
                "description": t.description,
                "is_published": t.is_published,
                "courses": [
                    {
                        "slug": c.slug,
                        "title": c.title,
                        "summary": c.summary,
                        "content": c.content,
                        "is_published": c.is_published,
                        "quiz": {
                            "title": c.quiz.title,
                            "pass_threshold": c.quiz.pass_threshold,
                            "time_limit_minutes": c.quiz.time_limit_minutes,
                            "max_attempts": c.quiz.max_attempts,
                            "cooldown_minutes": c.quiz.cooldown_minutes,
                            "review_policy": c.quiz.review_policy,
                            "shuffle_choices": c.quiz.shuffle_choices,
                            "questions": [_question_document(q) for q in c.quiz.questions],
                        },
                    }
                    for c in t.courses
                ],
            }
            for t in tracks
        ],
    }
