"""One track: its courses in order with their reading, and each quiz's status and next step."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.errors import NotFound
from app.services.training import catalog as training
from app.services.training import attempts, certificates
from app.services.training.dto import CourseView
from app.ui import routes
from app.domain.training.grading import whole_percent
from app.ui.components.dates import duration, moment
from app.ui.components.not_found import not_found_panel
from app.ui.layout import error_callout, link_button, loading, shell
from app.ui.pages.learner.track_course import course_card
from app.ui.pages.learner.tracks import STATUS_LABEL
from app.ui.state import SessionState, utcnow


def _blocked(quiz, st, now) -> str:
    """Why no attempt can start now; a passed quiz waits for nothing, so it says nothing."""
    if st.passed:
        return ""
    if st.cooldown_until and st.cooldown_until > now:
        return f"You can retake it in {duration(st.cooldown_until - now)} ({moment(st.cooldown_until)})."
    if st.attempts_left == 0:
        return f"No attempts left: all {quiz.max_attempts} are used. Ask your administrator if you need another."
    return ""


def _course_row(course: CourseView, now, total: int) -> dict:
    row = {"id": course.id, "anchor": f"course-{course.id}", "position": course.position, "title": course.title,
           "step": f"Course {course.position} of {total}", "summary": course.summary, "content_md": course.content_md,
           "has_quiz": course.quiz is not None, "passed": False, "open": False, "current": False}
    quiz = course.quiz
    if quiz is None:
        return row
    st = quiz.status
    if st.open_attempt_id:
        action, label = "resume", "Resume quiz"
    elif st.can_start:
        action, label = "start", "Start quiz" if st.attempts_used == 0 else "Retake quiz"
    else:
        action, label = "none", ""
    left = "no limit on attempts" if st.attempts_left is None else f"{st.attempts_left} left"
    best = None if st.best_score is None else whole_percent_of(st.best_score, st.passed, quiz.pass_threshold)
    return row | {
        "quiz_id": quiz.id,
        "quiz_title": quiz.title,
        "facts": f"{quiz.question_count} questions · pass mark {quiz.pass_threshold:g} %"
                 + (f" · {quiz.time_limit_minutes} minute time limit" if quiz.time_limit_minutes else ""),
        "best": "Not attempted yet" if best is None else f"Best score {best} %",
        "best_exact": "" if st.best_score is None else f"Exactly {st.best_score:g} %",
        "attempts": (f"{st.attempts_used} attempt{'s' if st.attempts_used != 1 else ''} used, {left}" if st.attempts_used
                     else "no limit on attempts" if quiz.max_attempts is None else f"{quiz.max_attempts} attempts allowed"),
        "passed": st.passed,
        "action": action,
        "action_label": label,
        "open_attempt_id": st.open_attempt_id or 0,
        "blocked": _blocked(quiz, st, now),
    }


def whole_percent_of(percent: float, passed: bool, threshold: float) -> int:
    """A stored percentage as a whole number on the right side of the pass mark (see grading)."""
    return whole_percent(round(percent * 100), 10_000, passed, threshold)


class TrackState(SessionState):
    title: str = ""
    description: str = ""
    status_label: str = ""
    status_color: str = "gray"
    progress: str = ""
    percent: int = 0
    courses: list[dict] = []
    certificate_number: str = ""
    can_get_certificate: bool = False
    loading: bool = True
    not_found: bool = False
    error: str = ""

    def _track_id(self) -> int:
        return routes.path_id(self.router.url)

    @rx.event
    def load(self):
        user, redirect = self._authorize("learner")
        if redirect:
            return redirect
        self.error, self.not_found, now = "", False, utcnow()
        try:
            with session_scope() as session:
                track = training.get_track(session=session, viewer=user, track_id=self._track_id(), now=now)
        except NotFound:
            self.not_found, self.loading, self.courses = True, False, []
            return None
        self.title, self.description = track.title, track.description
        self.status_label, self.status_color = STATUS_LABEL[track.status]
        self.progress = f"{track.courses_passed} of {track.courses_total} courses passed"
        self.percent = round(100 * track.courses_passed / track.courses_total) if track.courses_total else 0
        self.courses = [_course_row(c, now, track.courses_total) for c in track.courses]
        # The course to read next opens by itself: the first whose quiz is not passed yet.
        current = next((i for i, c in enumerate(self.courses) if c["has_quiz"] and not c["passed"]), None)
        if current is not None:
            self.courses[current] = self.courses[current] | {"open": True, "current": True}
        cert = track.certificate
        self.certificate_number = cert.number if cert and cert.status == "valid" else ""
        self.can_get_certificate = track.status == "completed" or bool(cert and cert.renewal_due)
        self.loading = False
        return None

    @rx.event
    def start_quiz(self, quiz_id: int):
        self.error = ""
        applied = self._apply("learner", lambda s, user: attempts.start_attempt(
            session=s, user=user, quiz_id=int(quiz_id), now=utcnow()))
        if not applied.ok:
            return self._report(applied) or TrackState.load  # the refusal may mean the track changed
        return rx.redirect(routes.attempt(applied.value.attempt_id))

    @rx.event
    def get_certificate(self):
        self.error = ""
        applied = self._apply("learner", lambda s, user: certificates.issue_certificate(
            session=s, user=user, track_id=self._track_id(), now=utcnow()))
        if not applied.ok:
            return self._report(applied)
        cert, _new = applied.value
        return rx.redirect(routes.certificate(cert.number))


def _certificate_bar() -> rx.Component:
    return rx.cond(
        TrackState.can_get_certificate,
        rx.callout(
            rx.flex(
                rx.text("You passed every course of this track."),
                rx.button(rx.icon("award", size=16), "Get your certificate", on_click=TrackState.get_certificate,
                          id="get-certificate"),
                spacing="3", align="center", wrap="wrap",
            ),
            icon="party_popper", color_scheme="green", width="100%",
        ),
        rx.cond(
            TrackState.certificate_number != "",
            rx.callout(
                rx.flex(
                    rx.text("You hold certificate ", rx.code(TrackState.certificate_number), " for this track."),
                    link_button("View certificate", href="/certificates/" + TrackState.certificate_number, size="2",
                                variant="soft"),
                    spacing="3", align="center", wrap="wrap",
                ),
                icon="award", color_scheme="grass", width="100%",
            ),
        ),
    )


def track_page() -> rx.Component:
    return shell(
        rx.cond(
            TrackState.not_found,
            not_found_panel(),
            rx.vstack(
                rx.link("← All my tracks", href=routes.TRACKS, size="2"),
                rx.hstack(
                    rx.heading(TrackState.title, size="7"),
                    rx.cond(~TrackState.loading,
                            rx.badge(TrackState.status_label, color_scheme=TrackState.status_color, size="2")),
                    align="center", wrap="wrap",
                ),
                rx.text(TrackState.description, color_scheme="gray"),
                rx.vstack(
                    rx.text(TrackState.progress, weight="medium", id="track-progress"),
                    rx.progress(value=TrackState.percent, max=100, width="100%", aria_label="Track progress"),
                    spacing="1", width="100%", max_width="32rem",
                ),
                error_callout(TrackState.error),
                loading(TrackState.loading, "Loading the track…"),
                _certificate_bar(),
                rx.foreach(TrackState.courses, lambda c: course_card(c, TrackState.start_quiz)),
                spacing="4",
                width="100%",
            ),
        ),
    )
