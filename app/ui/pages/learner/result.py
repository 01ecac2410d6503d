"""A submitted attempt: score, verdict, review as the quiz's policy allows, and what comes next."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.errors import NotFound
from app.services.training import catalog as training
from app.services.training import attempts, certificates
from app.services.training.dto import AttemptView
from app.ui import routes
from app.ui.components.dates import duration, moment
from app.ui.components.not_found import not_found_panel
from app.ui.layout import shell
from app.ui.pages.learner.result_view import result_body
from app.ui.state import SessionState, utcnow

POLICY_NOTE = {
    "score_only": "This quiz shows only your score, not which questions were right.",
    "correctness": "This quiz shows which questions you got right, but not the correct answers.",
    "correct_answers": "This quiz shows the correct answers and why.",
}


def _review_rows(view: AttemptView) -> list[dict]:
    texts = {c.id: c.text for q in view.questions for c in q.choices}
    rows = []
    for number, item in enumerate(view.result.review, start=1):
        rows.append({
            "number": number,
            "prompt": item.prompt,
            "correct": item.correct,
            "points": f"{item.earned} of {item.points} point{'s' if item.points != 1 else ''}",
            "selected": ", ".join(texts[c] for c in item.selected_choice_ids) or "No answer",
            "correct_answer": ", ".join(texts[c] for c in item.correct_choice_ids or ()),
            "explanation": item.explanation or "",
        })
    return rows


def _retake_note(status, now) -> str:
    if status.open_attempt_id is not None:
        return "You have an attempt in progress for this quiz."
    if status.can_start:
        return "You can retake this quiz now; your best attempt counts."
    if status.cooldown_until and status.cooldown_until > now:
        return f"Retake available {moment(status.cooldown_until)} (in {duration(status.cooldown_until - now)})."
    if status.attempts_left == 0:
        return "You have used every attempt for this quiz. Ask your administrator if you need another."
    return ""


class ResultState(SessionState):
    quiz_title: str = ""
    score: str = ""
    passed: bool = False
    verdict: str = ""
    points: str = ""
    submitted: str = ""
    late: bool = False
    policy_note: str = ""
    review: list[dict] = []
    next_note: str = ""
    can_retake: bool = False
    next_course: str = ""
    certificate_available: bool = False
    track_completed: bool = False
    track_href: str = routes.TRACKS
    loading: bool = True
    not_found: bool = False
    error: str = ""
    _quiz_id: int = 0
    _track_id: int = 0

    @rx.event
    def load(self):
        user, redirect = self._authorize("learner")
        if redirect:
            return redirect
        self.error, self.not_found, now = "", False, utcnow()
        try:
            with session_scope() as session:
                view = attempts.get_attempt(session=session, user=user, attempt_id=routes.path_id(self.router.url),
                                            now=now)
                place = training.get_quiz_place(session=session, viewer=user, quiz_id=view.quiz_id, now=now)
        except NotFound:
            self.not_found, self.loading, self.review = True, False, []
            return None
        if view.result is None:
            return rx.redirect(routes.attempt(view.attempt_id))
        result, status = view.result, place.quiz.status
        self._quiz_id, self._track_id = view.quiz_id, place.track_id
        self.quiz_title = place.quiz.title
        self.score = f"{result.score:g} %"
        self.passed = result.passed
        self.verdict = f"{'Passed' if result.passed else 'Not passed'}: the pass mark is {result.pass_threshold:g} %."
        self.points = f"{result.earned_points} of {result.total_points} points"
        self.submitted = f"Submitted {moment(result.submitted_at)}"
        self.late = view.deadline is not None and result.submitted_at >= view.deadline
        self.policy_note = POLICY_NOTE[result.review_policy]
        self.review = _review_rows(view)
        self.can_retake = status.can_start and status.open_attempt_id is None
        self.next_note = _retake_note(status, now)
        self.next_course = place.next_course_title or ""
        self.certificate_available = result.certificate_available
        self.track_completed = result.track_completed
        self.track_href = routes.TRACKS if place.withdrawn else routes.track(place.track_id)
        self.loading = False
        return None

    @rx.event
    def retake(self):
        applied = self._apply("learner", lambda s, user: attempts.start_attempt(
            session=s, user=user, quiz_id=self._quiz_id, now=utcnow()))
        if not applied.ok:
            return self._report(applied)
        return rx.redirect(routes.attempt(applied.value.attempt_id))

    @rx.event
    def get_certificate(self):
        applied = self._apply("learner", lambda s, user: certificates.issue_certificate(
            session=s, user=user, track_id=self._track_id, now=utcnow()))
        if not applied.ok:
            return self._report(applied)
        cert, _new = applied.value
        return rx.redirect(routes.certificate(cert.number))


def result_page() -> rx.Component:
    return shell(rx.cond(ResultState.not_found, not_found_panel(), result_body(ResultState)))
