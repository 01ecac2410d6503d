"""Content authoring: one course's reading text (with a live preview), its quiz and questions."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.errors import InvalidInput
from app.domain.training.authoring import parse_choice_lines
from app.domain.training.content import QuestionSpec
from app.services.training import authoring
from app.ui import routes
from app.ui.pages.admin.authoring_flow import AuthoringMixin
from app.ui.state import SessionState, utcnow

COURSE_FIELDS = ("title", "summary", "content")
QUIZ_FIELDS = ("quiz_title", "pass_threshold", "time_limit_minutes", "max_attempts", "cooldown_minutes",
               "review_policy")
QUESTION_FIELDS = ("q_kind", "q_prompt", "q_choices", "q_points", "q_explanation")
EMPTY_QUESTION = {"q_id": "", "q_kind": "single_choice", "q_prompt": "", "q_choices": "", "q_points": "1",
                  "q_explanation": ""}


def _number(form: dict, name: str, *, optional: bool, kind=int):
    raw = str(form.get(name, "")).strip()
    if optional and raw == "":
        return None
    try:
        return kind(raw)
    except ValueError:
        raise InvalidInput(name, f"{name.replace('_', ' ').capitalize()} must be a number.") from None


def _shown(value) -> str:
    """A stored value as typed in the form: empty for none, 80 rather than 80.0."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


class AdminCourseState(AuthoringMixin, SessionState):
    course: dict = {}
    form: dict[str, str] = {}
    questions: list[dict] = []
    published: bool = False
    # The form differs from what is stored (or from the question being edited): leaving asks first.
    unsaved: bool = False
    revision: int = 0  # counts the form's updates, so the page knows typing has been heard
    _saved: dict[str, str] = {}
    _question_base: dict[str, str] = {}

    def _mark(self) -> None:
        base = self._question_base or EMPTY_QUESTION
        self.unsaved = (any(self.form.get(k, "") != v for k, v in self._saved.items())
                        or any(self.form.get(k, "") != v for k, v in base.items()))
        self.revision += 1

    def _course_id(self) -> int:
        return routes.path_id(self.router.url, 2)

    def _refresh(self, actor, *, reset_form: bool = False) -> None:
        with session_scope() as session:
            detail = authoring.course_detail(session=session, actor=actor, course_id=self._course_id())
        self.questions = detail.pop("questions")
        self.problems, self.published = detail["problems"], detail["is_published"]
        self.course = {k: detail[k] for k in ("id", "slug", "title")} | {
            "track_href": routes.admin_track(detail["track_id"])}
        self._saved = {k: _shown(detail[k]) for k in COURSE_FIELDS + QUIZ_FIELDS}
        if reset_form:
            self.form, self._question_base = self._saved | EMPTY_QUESTION, dict(EMPTY_QUESTION)
        self._mark()

    @rx.event
    def load(self):
        return self._run(None, reset_form=True)

    @rx.event
    def set_field(self, name: str, value: str):
        _actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        if name in COURSE_FIELDS + QUIZ_FIELDS + QUESTION_FIELDS:
            self.form[name] = str(value)[:100_000]
            self._mark()
        return None

    @rx.event
    def save_course(self):
        f = self.form
        return self._run(lambda s, a: authoring.update_course(
            session=s, actor=a, course_id=self._course_id(), title=f["title"], summary=f["summary"],
            content=f["content"], now=utcnow()), "Course saved.")

    @rx.event
    def save_quiz(self):
        f = self.form
        return self._run(lambda s, a: authoring.update_quiz(
            session=s, actor=a, course_id=self._course_id(), title=f["quiz_title"],
            pass_threshold=_number(f, "pass_threshold", optional=False, kind=float),
            time_limit_minutes=_number(f, "time_limit_minutes", optional=True),
            max_attempts=_number(f, "max_attempts", optional=True),
            cooldown_minutes=_number(f, "cooldown_minutes", optional=False),
            review_policy=f["review_policy"], now=utcnow()), "Quiz settings saved; they apply to new attempts.")

    @rx.event
    def publish(self, published: bool):
        return self._run(lambda s, a: authoring.set_course_published(
            session=s, actor=a, course_id=self._course_id(), published=bool(published), now=utcnow()),
            "Published: learners of a published track see this course." if published
            else "Unpublished: the course is a draft again, hidden from learners.")

    @rx.event
    def edit_question(self, question_id: int):
        _actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        q = next((q for q in self.questions if q["id"] == question_id), None)
        if q is not None:
            self._question_base = {"q_id": str(q["id"]), "q_kind": q["kind"], "q_prompt": q["prompt"],
                                   "q_choices": q["choices"], "q_points": str(q["points"]),
                                   "q_explanation": q["explanation"]}
            self.form = self.form | self._question_base
            self._mark()
        return None

    @rx.event
    def new_question(self):
        _actor, redirect = self._authorize("admin")
        self.form, self._question_base = self.form | EMPTY_QUESTION, dict(EMPTY_QUESTION)
        self._mark()
        return redirect

    @rx.event
    def save_question(self):
        f = self.form

        def change(s, a):
            spec = QuestionSpec(f["q_kind"], f["q_prompt"].strip(), _number(f, "q_points", optional=False),
                                f["q_explanation"].strip(), parse_choice_lines(f["q_choices"]))
            authoring.save_question(session=s, actor=a, course_id=self._course_id(),
                                    question_id=int(f["q_id"]) if f["q_id"] else None, spec=spec, now=utcnow())

        result = self._run(change, "Question saved.")
        if not self.error:
            self.form, self._question_base = self.form | EMPTY_QUESTION, dict(EMPTY_QUESTION)
            self._mark()
        return result

    @rx.event
    def remove_question(self, question_id: int):
        return self._run(lambda s, a: authoring.remove_question(
            session=s, actor=a, course_id=self._course_id(), question_id=int(question_id), now=utcnow()),
            "Question removed; attempts that had it keep it.")
