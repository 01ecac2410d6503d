"""A small published track built through the content service, with its answer key."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from app.db import session_scope
from app.domain.training.content import parse_content
from app.models import Choice, Course, Question, Quiz
from app.services.training.content import create_tracks
from tests.conftest import NOW


@dataclass
class QuizKey:
    quiz_id: int
    correct: dict[int, list[int]]  # question -> correct choice ids
    wrong: dict[int, list[int]]  # question -> one wrong choice id

    def answers(self, right: int | None = None) -> dict[str, list[int]]:
        """Answers with the first ``right`` questions correct (all by default), the rest wrong."""
        ids = sorted(self.correct)
        right = len(ids) if right is None else right
        return {str(q): (self.correct[q] if i < right else self.wrong[q]) for i, q in enumerate(ids)}


def _question(i: int, kind: str) -> dict:
    if kind == "multiple_choice":
        choices = [{"text": "A", "correct": True}, {"text": "B", "correct": True}, {"text": "C", "correct": False}]
    elif kind == "true_false":
        choices = [{"text": "True", "correct": True}, {"text": "False", "correct": False}]
    else:
        choices = [{"text": "Right", "correct": True}, {"text": "Wrong", "correct": False}, {"text": "Also wrong", "correct": False}]
    return {"kind": kind, "prompt": f"Question {i}?", "points": 1, "explanation": f"Because {i}.", "choices": choices}


def make_track(slug: str = "basics", courses: int = 2, questions: int = 5, published: bool = True,
               **quiz_settings) -> tuple[int, list[QuizKey]]:
    kinds = ["single_choice", "multiple_choice", "true_false"]
    doc = {"tracks": [{
        "slug": slug, "title": f"Track {slug}", "description": "A test track.", "is_published": published,
        "courses": [{
            "slug": f"course-{c}", "title": f"Course {c}", "content": "Read this.",
            "quiz": {"title": f"Quiz {c}", **quiz_settings,
                     "questions": [_question(i, kinds[i % 3]) for i in range(questions)]},
        } for c in range(courses)],
    }]}
    with session_scope() as s:
        (track_id,) = create_tracks(session=s, tracks=parse_content(doc), now=NOW)
        keys = []
        quiz_ids = s.exec(select(Quiz.id).join(Course).where(Course.track_id == track_id).order_by(Course.position)).all()
        for quiz_id in quiz_ids:
            correct: dict[int, list[int]] = {}
            wrong: dict[int, list[int]] = {}
            for question_id, choice_id, is_correct in s.exec(
                select(Question.id, Choice.id, Choice.is_correct).join(Choice).where(Question.quiz_id == quiz_id)
            ).all():
                (correct if is_correct else wrong).setdefault(question_id, []).append(choice_id)
            keys.append(QuizKey(quiz_id, {q: sorted(c) for q, c in correct.items()}, {q: w[:1] for q, w in wrong.items()}))
    return track_id, keys
