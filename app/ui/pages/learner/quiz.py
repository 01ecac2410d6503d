"""Taking a quiz: one question at a time, answers autosaved, a review step before submitting.

Only the learner's own selections and the questions as the service shows them (no
correctness) are kept in browser-synced vars.
"""

from __future__ import annotations

import secrets

import reflex as rx

from app.db import session_scope
from app.domain.errors import AttemptFinished, DeadlinePassed, DomainError, NotFound
from app.services.training import attempts
from app.ui import routes
from app.ui.components.not_found import not_found_panel
from app.ui.layout import error_callout, loading, shell
from app.ui.pages.learner.attempt_reads import read_attempt
from app.ui.pages.learner.quiz_navigator import question_navigator, review_row
from app.ui.pages.learner.quiz_question import question_fieldset
from app.ui.pages.learner.quiz_timer import quiz_timer
from app.ui.state import SessionState, utcnow

HINT = {"multiple_choice": "Select all that apply.", "single_choice": "Select one answer.",
        "true_false": "Select true or false."}
FOCUS_QUESTION = "requestAnimationFrame(() => document.getElementById('question-heading')?.focus())"


class QuizState(SessionState):
    attempt_ref: int = 0
    quiz_title: str = ""
    context: str = ""
    track_href: str = routes.TRACKS
    questions: list[dict] = []
    answers: dict[str, list[int]] = {}
    position: int = 0
    current: dict = {}
    navigator: list[dict] = []  # one per question: its number, answered or not, the one shown
    summary: list[dict] = []  # the review step: every question with the chosen answers
    unanswered_count: int = 0
    reviewing: bool = False
    save_status: str = ""
    has_deadline: bool = False
    remaining_ms: int = 0
    loading: bool = True
    not_found: bool = False
    error: str = ""
    _submission_key: str = ""

    def _refresh(self) -> None:
        """Recompute what the page shows from the questions, the selections and the position."""
        question = self.questions[self.position] if self.questions else None
        if question is not None:
            chosen = set(self.answers.get(str(question["id"]), []))
            self.current = question | {
                "number": self.position + 1,
                "choices": [c | {"checked": c["id"] in chosen} for c in question["choices"]],
            }
        self.navigator, self.summary = [], []
        for i, q in enumerate(self.questions):
            picked = set(self.answers.get(str(q["id"]), []))
            texts = [c["text"] for c in q["choices"] if c["id"] in picked]
            state = "answered" if texts else "not answered"
            self.navigator.append({"position": i, "number": str(i + 1), "answered": bool(texts),
                                   "current": i == self.position and not self.reviewing,
                                   "label": f"Question {i + 1}, {state}"})
            self.summary.append({"position": i, "number": str(i + 1), "prompt": q["prompt"], "answered": bool(texts),
                                 "chosen": "; ".join(texts) or "Not answered: scores 0",
                                 "change": f"Change the answer to question {i + 1}" if texts
                                           else f"Answer question {i + 1}"})
        self.unanswered_count = sum(1 for row in self.summary if not row["answered"])

    @rx.event
    def load(self):
        user, redirect = self._authorize("learner")
        if redirect:
            return redirect
        self.error, self.not_found, self.reviewing, self.save_status, now = "", False, False, "", utcnow()
        try:
            view, place = read_attempt(user, self.router.url, now)
        except NotFound:
            self.not_found, self.loading, self.questions, self.answers = True, False, [], {}
            return None
        if view.submitted_at is not None:
            return rx.redirect(routes.result(view.attempt_id))
        fresh = view.attempt_id != self.attempt_ref
        self.attempt_ref = view.attempt_id
        self.quiz_title = place.quiz.title
        course = (f"{place.course_title} (no longer offered; you can still finish this attempt)" if place.withdrawn
                  else f"course {place.course_position} of {place.courses_total}: {place.course_title}")
        self.context = f"{place.track_title} · {course} · attempt {view.attempt_number}"
        self.track_href = routes.TRACKS if place.withdrawn else routes.track(place.track_id)
        self.questions = [
            {"id": q.id, "prompt": q.prompt, "kind": q.kind, "multiple": q.kind == "multiple_choice",
             "hint": HINT[q.kind], "choices": [{"id": c.id, "text": c.text} for c in q.choices]}
            for q in view.questions
        ]
        self.answers = {str(q): list(c) for q, c in view.saved_answers.items()}
        self.has_deadline = view.deadline is not None
        self.remaining_ms = max(0, int((view.deadline - now).total_seconds() * 1000)) if view.deadline else 0
        if fresh:
            # A tab new to this attempt resumes at the first unanswered question, with its own submit key.
            self._submission_key = secrets.token_urlsafe(16)
            self.position = next((i for i, q in enumerate(self.questions) if not self.answers.get(str(q["id"]))), 0)
        self.position = min(self.position, max(0, len(self.questions) - 1))
        self._refresh()
        self.loading = False
        return None

    @rx.event
    def choose(self, choice_id: int):
        user, redirect = self._authorize("learner")
        if redirect:
            yield redirect
            return
        question = self.current
        if not question or int(choice_id) not in {c["id"] for c in question["choices"]}:
            return
        key, choice_id = str(question["id"]), int(choice_id)
        selected = self.answers.get(key, [])
        if question["multiple"]:
            selected = sorted(set(selected) ^ {choice_id})
        else:
            selected = [choice_id]
        self.answers = self.answers | {key: selected}
        self._refresh()
        self.save_status = "Saving…"
        yield
        try:
            with session_scope() as session:
                attempts.save_answers(session=session, user=user, attempt_id=self.attempt_ref,
                                      answers={key: selected}, now=utcnow())
        except (DeadlinePassed, AttemptFinished, NotFound):
            yield rx.redirect(routes.result(self.attempt_ref))
            return
        except DomainError as err:
            self.save_status = f"Not saved: {err}"
            return
        self.save_status = "Saved"

    @rx.event
    def go_to(self, position: int):
        _user, redirect = self._authorize("learner")
        if redirect:
            return redirect
        self.position = max(0, min(int(position), len(self.questions) - 1))
        self.reviewing = False
        self._refresh()
        return rx.call_script(FOCUS_QUESTION)

    @rx.event
    def next_question(self):
        if self.position + 1 >= len(self.questions):
            return QuizState.open_review
        return QuizState.go_to(self.position + 1)

    @rx.event
    def previous_question(self):
        return QuizState.go_to(self.position - 1)

    @rx.event
    def open_review(self):
        _user, redirect = self._authorize("learner")
        if redirect:
            return redirect
        self.reviewing = True
        self._refresh()
        return rx.call_script(FOCUS_QUESTION.replace("question-heading", "review-heading"))

    @rx.event
    def submit(self):
        applied = self._apply("learner", lambda s, user: attempts.submit_attempt(
            session=s, user=user, attempt_id=self.attempt_ref, answers=None, submission_key=self._submission_key,
            now=utcnow()))
        if not applied.ok:
            return self._report(applied)
        return rx.redirect(routes.result(self.attempt_ref))

    @rx.event
    def time_up(self):
        """The browser's countdown reached the server's deadline: grade what was saved."""
        return QuizState.submit


def _question_step() -> rx.Component:
    last = QuizState.position + 1 >= QuizState.questions.length()
    return rx.vstack(
        rx.heading("Question ", QuizState.current["number"].to_string(), " of ", QuizState.questions.length().to_string(),
                   size="3", as_="h2", id="question-heading", tab_index=-1, color_scheme="gray"),
        question_fieldset(QuizState.current, QuizState.choose),
        rx.flex(
            rx.button(rx.icon("arrow-left", size=16), "Previous", variant="soft", size="3",
                      on_click=QuizState.previous_question, disabled=QuizState.position == 0, id="previous-question"),
            rx.button(rx.cond(last, "Review answers", "Next"), rx.icon("arrow-right", size=16), size="3",
                      on_click=QuizState.next_question, id="next-question"),
            justify="between", width="100%", spacing="3",
        ),
        spacing="4",
        width="100%",
    )


def _review_step() -> rx.Component:
    count = QuizState.unanswered_count
    return rx.vstack(
        rx.heading("Review before submitting", size="5", as_="h2", id="review-heading", tab_index=-1),
        rx.cond(
            count == 0,
            rx.callout("You answered every question.", icon="circle_check", color_scheme="green", width="100%",
                       id="all-answered"),
            rx.callout.root(
                rx.callout.icon(rx.icon("triangle_alert")),
                rx.callout.text(count.to_string(), " of ", QuizState.questions.length().to_string(),
                                " questions are unanswered and will score 0."),
                color_scheme="amber", width="100%", id="unanswered-note",
            ),
        ),
        rx.el.ol(rx.foreach(QuizState.summary, lambda row: review_row(row, QuizState.go_to)), class_name="quiz-summary"),
        rx.text("Once submitted, your answers are final and the quiz is graded.", size="2"),
        rx.flex(
            rx.button(rx.icon("arrow-left", size=16), "Back to the questions", variant="soft", size="3",
                      on_click=QuizState.go_to(QuizState.position)),
            rx.button(rx.icon("send", size=16), "Submit my answers", size="3", color_scheme="green",
                      on_click=QuizState.submit, id="confirm-submit"),
            justify="between", width="100%", spacing="3", wrap="wrap",
        ),
        spacing="4",
        width="100%",
    )


def quiz_page() -> rx.Component:
    return shell(
        rx.cond(
            QuizState.not_found,
            not_found_panel(),
            rx.vstack(
                rx.link("← Back to the track", href=QuizState.track_href, size="2"),
                rx.heading(QuizState.quiz_title, size="7"),
                rx.text(QuizState.context, color_scheme="gray", size="2"),
                rx.flex(
                    rx.cond(QuizState.has_deadline & ~QuizState.loading,
                            quiz_timer(remaining_ms=QuizState.remaining_ms, attempt_id=QuizState.attempt_ref,
                                       on_expire=QuizState.time_up)),
                    rx.text(QuizState.save_status, size="2", role="status", id="save-status",
                            color_scheme=rx.cond(QuizState.save_status.startswith("Not saved"), "red", "gray")),
                    justify="between", align="center", width="100%", spacing="3", wrap="wrap",
                ),
                error_callout(QuizState.error),
                loading(QuizState.loading, "Loading your quiz…"),
                rx.cond(~QuizState.loading & (QuizState.questions.length() > 0),
                        question_navigator(QuizState.navigator, QuizState.reviewing, QuizState.go_to,
                                           QuizState.open_review)),
                rx.cond(~QuizState.loading & (QuizState.questions.length() > 0),
                        rx.card(rx.cond(QuizState.reviewing, _review_step(), _question_step()), width="100%",
                                size="3")),
                spacing="3",
                width="100%",
                max_width="48rem",
            ),
        ),
    )
