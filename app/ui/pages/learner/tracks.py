"""The learner's training tracks with progress."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.services.training import catalog as training
from app.ui import routes
from app.ui.layout import error_callout, link_button, loading, page_header, shell
from app.ui.state import SessionState, utcnow

# What to do next from the tracks list, by the track's status.
NEXT_ACTION = {
    "not_started": "Start the track",
    "in_progress": "Continue the track",
    "completed": "Get your certificate",
    "certified": "View your certificate",
}

STATUS_LABEL = {
    "not_started": ("Not started", "gray"),
    "in_progress": ("In progress", "blue"),
    "completed": ("Completed", "green"),
    "certified": ("Certified", "grass"),
}


class TracksState(SessionState):
    tracks: list[dict] = []
    loading: bool = True
    error: str = ""

    @rx.event
    def load(self):
        user, redirect = self._authorize("learner")
        if redirect:
            return redirect
        with session_scope() as session:
            found = training.list_track_progress(session=session, viewer=user, now=utcnow())
        self.tracks = [
            t.as_dict()
            | {
                "status_label": STATUS_LABEL[t.status][0],
                "status_color": STATUS_LABEL[t.status][1],
                "percent": round(100 * t.courses_passed / t.courses_total) if t.courses_total else 0,
                "action_label": NEXT_ACTION[t.status],
                "action_href": routes.certificate(t.certificate_number) if t.certificate_number else routes.track(t.id),
            }
            for t in found
        ]
        self.loading = False


def _track_card(track: dict) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(track["title"], size="4", as_="h2"),
                rx.badge(track["status_label"], color_scheme=track["status_color"], variant="soft"),
                justify="between",
                width="100%",
                wrap="wrap",
            ),
            rx.text(track["description"], color_scheme="gray", size="2"),
            rx.progress(value=track["percent"].to(int), max=100, width="100%",
                        aria_label=track["title"].to(str) + " progress"),
            rx.text(
                track["courses_passed"].to_string(), " of ", track["courses_total"].to_string(), " courses passed",
                size="2",
            ),
            rx.cond(
                track["certificate_number"],
                rx.text("Certificate ", rx.code(track["certificate_number"]), size="2"),
            ),
            link_button(track["action_label"], rx.icon("arrow-right", size=16), href=track["action_href"],
                        size="2", class_name="track-action"),
            spacing="2",
            width="100%",
        ),
        width="100%",
        class_name="track-card",
    )


def tracks_page() -> rx.Component:
    return shell(
        page_header("My training tracks", SessionState.organization_name),
        error_callout(TracksState.error),
        loading(TracksState.loading, "Loading your tracks…"),
        rx.cond(
            ~TracksState.loading & (TracksState.tracks.length() == 0),
            rx.text("No tracks are published yet. Your administrator will add them soon."),
        ),
        rx.grid(rx.foreach(TracksState.tracks, _track_card), columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%"),
    )
