"""Content authoring, first page: every track, and a form to start a new one."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.services.training import authoring
from app.ui import routes
from app.ui.layout import error_callout, loading, page_header, shell
from app.ui.pages.admin.forms import card, labeled, order_buttons, status_badge, table
from app.ui.state import SessionState, utcnow


class AdminContentState(SessionState):
    tracks: list[dict] = []
    loading: bool = True
    error: str = ""

    def _reload(self, actor) -> None:
        with session_scope() as session:
            self.tracks = [t.as_dict() | {"href": routes.admin_track(t.id)}
                           for t in authoring.list_tracks(session=session, actor=actor)]
        self.loading = False

    @rx.event
    def load(self):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        self._reload(actor)
        return None

    @rx.event
    def move(self, track_id: int, offset: int):
        """Learners see published tracks in this order."""
        applied = self._apply("admin", lambda s, a: authoring.move_track(
            session=s, actor=a, track_id=int(track_id), offset=1 if offset > 0 else -1, now=utcnow()))
        if applied.redirect:
            return applied.redirect
        self.error = str(applied.refusal or "")
        if not applied.refusal:
            self._reload(applied.actor)
        return None

    @rx.event
    def create_track(self, form: dict):
        applied = self._apply("admin", lambda s, a: authoring.create_track(
            session=s, actor=a, slug=str(form.get("slug", "")), title=str(form.get("title", "")),
            description=str(form.get("description", "")), now=utcnow()))
        if applied.redirect:
            return applied.redirect
        self.error = str(applied.refusal or "")
        return None if applied.refusal else rx.redirect(routes.admin_track(applied.value))


def _row(track: dict) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.link(track["title"], href=track["href"])),
        rx.table.cell(rx.code(track["slug"])),
        rx.table.cell(track["course_count"]),
        rx.table.cell(status_badge(track["is_published"].to(bool))),
        rx.table.cell(order_buttons(track["title"], AdminContentState.move(track["id"], -1),
                                    AdminContentState.move(track["id"], 1))),
    )


def admin_content_page() -> rx.Component:
    return shell(
        page_header("Content", "Tracks, their courses and quizzes. Learners see the published tracks in this order."),
        error_callout(AdminContentState.error),
        loading(AdminContentState.loading),
        table(["Track", "Slug", "Courses", "Status", "Order"], rx.foreach(AdminContentState.tracks, _row), "Tracks"),
        card(
            rx.heading("New track", size="4"),
            rx.form(
                rx.vstack(
                    labeled("Title", rx.input(name="title", id="new-track-title", required=True, width="100%")),
                    labeled("Slug", rx.input(name="slug", id="new-track-slug", required=True, width="100%"),
                            "Lowercase letters, digits and hyphens; it names the track in content files."),
                    labeled("Description", rx.text_area(name="description", id="new-track-description", width="100%")),
                    rx.button("Create track", type="submit", id="create-track"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=AdminContentState.create_track,
                width="100%",
            ),
        ),
    )
