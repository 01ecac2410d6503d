"""Content authoring: one track with its courses in order; publish when the checks pass."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.services.training import authoring
from app.ui import routes
from app.ui.layout import error_callout, page_header, shell
from app.ui.pages.admin.authoring_flow import AuthoringMixin
from app.ui.pages.admin.client_parts import unsaved_changes_guard
from app.ui.pages.admin.forms import (
    card,
    labeled,
    notice,
    order_buttons,
    problems_callout,
    publish_bar,
    status_badge,
    table,
)
from app.ui.state import SessionState, utcnow


class AdminTrackState(AuthoringMixin, SessionState):
    track: dict = {}
    courses: list[dict] = []
    title: str = ""
    description: str = ""
    # Title or description typed but not saved: leaving asks first.
    unsaved: bool = False
    revision: int = 0

    def _mark(self) -> None:
        self.unsaved = (self.title != self.track.get("title", "")
                        or self.description != self.track.get("description", ""))
        self.revision += 1

    def _track_id(self) -> int:
        return routes.path_id(self.router.url, 2)

    def _refresh(self, actor) -> None:
        with session_scope() as session:
            detail = authoring.track_detail(session=session, actor=actor, track_id=self._track_id())
        self.courses = [c | {"href": routes.admin_course(c["id"])} for c in detail.pop("courses")]
        self.problems = detail.pop("problems")
        self.track = detail
        self._mark()

    @rx.event
    def load(self):
        result = self._run(None)
        self.title, self.description = self.track.get("title", ""), self.track.get("description", "")
        self._mark()
        return result

    @rx.event
    def set_title(self, value: str):
        _actor, redirect = self._authorize("admin")
        self.title = value[:200]
        self._mark()
        return redirect

    @rx.event
    def set_description(self, value: str):
        _actor, redirect = self._authorize("admin")
        self.description = value[:2000]
        self._mark()
        return redirect

    @rx.event
    def save(self):
        return self._run(lambda s, a: authoring.update_track(
            session=s, actor=a, track_id=self._track_id(), title=self.title, description=self.description,
            now=utcnow()), "Saved.")

    @rx.event
    def publish(self, published: bool):
        return self._run(lambda s, a: authoring.set_published(
            session=s, actor=a, track_id=self._track_id(), published=bool(published), now=utcnow()),
            "Published: learners can see this track." if published else "Unpublished: learners no longer see it.")

    @rx.event
    def add_course(self, form: dict):
        return self._run(lambda s, a: authoring.add_course(
            session=s, actor=a, track_id=self._track_id(), slug=str(form.get("slug", "")),
            title=str(form.get("title", "")), now=utcnow()), "Course added.")

    @rx.event
    def move(self, course_id: int, offset: int):
        return self._run(lambda s, a: authoring.move_course(
            session=s, actor=a, course_id=int(course_id), offset=1 if offset > 0 else -1, now=utcnow()))


def _course_row(course: dict) -> rx.Component:
    return rx.table.row(
        rx.table.cell(course["position"]),
        rx.table.row_header_cell(rx.link(course["title"], href=course["href"])),
        rx.table.cell(course["questions"]),
        rx.table.cell(status_badge(course["is_published"].to(bool))),
        rx.table.cell(order_buttons(course["title"], AdminTrackState.move(course["id"], -1),
                                    AdminTrackState.move(course["id"], 1))),
    )


def admin_track_page() -> rx.Component:
    published = AdminTrackState.track["is_published"].to(bool)
    return shell(
        rx.link("← All tracks", href=routes.ADMIN_CONTENT),
        page_header(AdminTrackState.track["title"].to(str), "Track · " + AdminTrackState.track["slug"].to(str)),
        error_callout(AdminTrackState.error),
        notice(AdminTrackState.notice),
        publish_bar("track", published, AdminTrackState.publish(True), AdminTrackState.publish(False),
                    "Learners no longer see this track or any of its courses, and cannot start its quizzes. "
                    "Certificates already issued stay valid."),
        problems_callout("Before publishing:", AdminTrackState.problems),
        card(
            labeled("Title", rx.input(value=AdminTrackState.title, on_change=AdminTrackState.set_title.debounce(300),
                                      id="track-title", width="100%")),
            labeled("Description", rx.text_area(value=AdminTrackState.description,
                                                 on_change=AdminTrackState.set_description.debounce(300),
                                                 id="track-description", width="100%")),
            rx.button("Save track", on_click=AdminTrackState.save, id="save-track"),
            id="track-editor",
        ),
        unsaved_changes_guard(dirty=AdminTrackState.unsaved, revision=AdminTrackState.revision,
                              scope_id="track-editor",
                              message="The track's title or description is not saved yet. If you leave now, the "
                                      "changes are lost."),
        rx.heading("Courses", size="5"),
        rx.text("Learners see the published courses of a published track; a new course starts as a draft.",
                color_scheme="gray", size="2"),
        table(["#", "Course", "Questions", "Status", "Order"], rx.foreach(AdminTrackState.courses, _course_row),
              "Courses of the track"),
        card(
            rx.heading("New course", size="4"),
            rx.form(
                rx.vstack(
                    labeled("Title", rx.input(name="title", id="new-course-title", required=True, width="100%")),
                    labeled("Slug", rx.input(name="slug", id="new-course-slug", required=True, width="100%")),
                    rx.button("Add course", type="submit", id="add-course"),
                    width="100%",
                ),
                on_submit=AdminTrackState.add_course,
                reset_on_submit=True,
                width="100%",
            ),
        ),
    )
