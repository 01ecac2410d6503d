"""A submitted attempt: score, verdict, one next step, the review as the quiz's policy allows, and
when the track is complete, the certificate with its share actions (the moment of success)."""

from __future__ import annotations

import reflex as rx

from app.domain.errors import NotFound
from app.domain.training.grading import exact_percent, whole_percent
from app.services.training import attempts, certificates, credential_documents
from app.services.training.dto import AttemptView
from app.settings import get_settings
from app.ui import routes
from app.ui.components.dates import day, duration, moment
from app.ui.components.not_found import not_found_panel
from app.ui.layout import shell
from app.ui.pages.learner.attempt_reads import read_attempt
from app.ui.pages.learner.certificate_share import badge_download, pdf_download
from app.ui.pages.learner.result_view import result_body
from app.ui.pages.learner.result_steps import next_step
from app.ui.state import SessionState, utcnow

POLICY_NOTE = {
    "score_only": "This quiz shows only your score, not which questions were right.",
    "correctness": "This quiz shows which questions you got right, but not the correct answers.",
    "correct_answers": "This quiz shows the correct answers and why.",
}


def _review_rows(view: AttemptView) -> list[dict]:
    texts = {c.id: c.text for q in view.questions for c in q.choices}
    return [{
        "number": number,
        "prompt": item.prompt,
        "correct": item.correct,
        "points": f"{item.earned} of {item.points} point{'s' if item.points != 1 else ''}",
        "selected": ", ".join(texts[c] for c in item.selected_choice_ids) or "No answer",
        "correct_answer": ", ".join(texts[c] for c in item.correct_choice_ids or ()),
        "explanation": item.explanation or "",
    } for number, item in enumerate(view.result.review, start=1)]


def _retake_note(status, now) -> str:
    if status.open_attempt_id is not None:
        return "You have an attempt in progress for this quiz."
    if status.can_start:
        return "You can retake this quiz now; your best attempt counts."
    if status.cooldown_until and status.cooldown_until > now:
        return f"You can retake it from {moment(status.cooldown_until)} (in {duration(status.cooldown_until - now)})."
    if status.attempts_left == 0:
        return "You have used every attempt for this quiz. Ask your administrator if you need another."
    return ""


class ResultState(SessionState):
    quiz_title: str = ""
    score: str = ""
    score_exact: str = ""
    passed: bool = False
    verdict: str = ""
    submitted: str = ""
    late: bool = False
    policy_note: str = ""
    review: list[dict] = []
    next_note: str = ""
    # The one next step: kind (next_course | get_certificate | certificate | retake | track), label, href.
    step: dict = {}
    can_retake: bool = False
    track_href: str = routes.TRACKS
    # The track's certificate, once complete; earned = this pass issued it.
    cert_number: str = ""
    cert_earned: bool = False
    holder: str = ""
    track_title: str = ""
    issued: str = ""
    expires: str = ""
    issuer: str = ""
    status_label: str = "Valid"
    status_color: str = "green"
    status_detail: str = ""
    verify_url: str = ""
    linkedin_url: str = ""
    copied: bool = False
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
        self.error, self.not_found, self.copied, now = "", False, False, utcnow()
        try:
            view, place = read_attempt(user, self.router.url, now)
        except NotFound:
            self.not_found, self.loading, self.review, self.cert_number = True, False, [], ""
            return None
        if view.result is None:
            return rx.redirect(routes.attempt(view.attempt_id))
        result, status = view.result, place.quiz.status
        self._quiz_id, self._track_id = view.quiz_id, place.track_id
        self.quiz_title = place.quiz.title
        self.score = f"{whole_percent(result.earned_points, result.total_points, result.passed, result.pass_threshold)} %"
        self.score_exact = (f"Exactly {exact_percent(result.earned_points, result.total_points)}: "
                            f"{result.earned_points} of {result.total_points} points")
        self.passed = result.passed
        self.verdict = f"{'Passed' if result.passed else 'Not passed'}: the pass mark is {result.pass_threshold:g} %."
        self.submitted = f"Submitted {moment(result.submitted_at)}"
        self.late = view.deadline is not None and result.submitted_at >= view.deadline
        self.policy_note = POLICY_NOTE[result.review_policy]
        self.review = _review_rows(view)
        self.can_retake = status.can_start and status.open_attempt_id is None and not place.withdrawn
        # A passed quiz's cooldown is no warning: there is nothing the learner has to do.
        self.next_note = "" if result.passed else _retake_note(status, now)
        self.track_href = routes.TRACKS if place.withdrawn else routes.track(place.track_id)
        self._show_certificate(result.certificate, result.certificate_earned)
        self.step = next_step(result, place, self.can_retake, self.track_href)
        self.loading = False
        return None

    def _show_certificate(self, cert, earned: bool) -> None:
        self.cert_number, self.cert_earned = (cert.number, earned) if cert else ("", False)
        if cert is None:
            return
        self.holder, self.track_title, self.issuer = cert.holder_name, cert.track_title, get_settings().portal_name
        self.issued, self.expires = day(cert.issued_at), day(cert.expires_at)
        self.status_detail = f"Valid until {day(cert.expires_at)}"
        self.verify_url = certificates.verification_url(cert.number, cert.verification_code)
        self.linkedin_url = credential_documents.linkedin_url(number=cert.number, track_title=cert.track_title,
                                                              issued_at=cert.issued_at, expires_at=cert.expires_at)

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

    @rx.event
    def download_pdf(self):
        user, redirect = self._authorize("learner")
        return redirect or (pdf_download(user, self.cert_number) if self.cert_number else None)

    @rx.event
    def download_badge(self):
        user, redirect = self._authorize("learner")
        return redirect or (badge_download(user, self.cert_number) if self.cert_number else None)

    @rx.event
    def copy_link(self):
        _user, redirect = self._authorize("learner")
        if redirect:
            return redirect
        self.copied = True
        return rx.set_clipboard(self.verify_url)


def result_page() -> rx.Component:
    return shell(rx.cond(ResultState.not_found, not_found_panel(), result_body(ResultState)))

