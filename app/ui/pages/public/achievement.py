"""Public: what a badge stands for, at the achievement's id (/achievements/<slug>). No sign-in.

The same address answers JSON to clients that ask for it (see app/api/negotiation.py).
"""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.errors import NotFound
from app.services.training import credential_documents
from app.ui import routes
from app.ui.components.not_found import not_found_panel
from app.ui.layout import public_shell


class AchievementState(rx.State):
    name: str = ""
    description: str = ""
    criteria: str = ""
    image_path: str = ""
    json_path: str = ""
    issuer_name: str = ""
    issuer_url: str = ""
    loading: bool = True
    not_found: bool = False

    @rx.event
    def load(self):
        """Public content only: the published track's title, description and criteria."""
        self.loading, self.not_found = True, False
        slug = routes.path_segment(self.router.url, 1)
        try:
            with session_scope() as session:
                page = credential_documents.achievement_page(session=session, slug=slug)
        except NotFound:
            self.not_found, self.loading, self.name = True, False, ""
            return
        self.name, self.description, self.criteria = page.name, page.description, page.criteria
        self.image_path, self.json_path = page.image_path, page.json_path
        self.issuer_name, self.issuer_url = page.issuer_name, page.issuer_url
        self.loading = False


def _details() -> rx.Component:
    return rx.flex(
        rx.image(src=AchievementState.image_path, alt=AchievementState.name + " badge", width="12rem",
                 height="12rem", id="achievement-image"),
        rx.vstack(
            rx.text("Certification", size="2", weight="bold", color=rx.color("accent", 11),
                    text_transform="uppercase", letter_spacing="0.1em"),
            rx.heading(AchievementState.name, size="8", id="achievement-name"),
            rx.text(AchievementState.description, size="4"),
            rx.heading("How it is earned", size="4", as_="h2", padding_top="0.5rem"),
            rx.text(AchievementState.criteria, id="achievement-criteria"),
            rx.heading("Issued by", size="4", as_="h2", padding_top="0.5rem"),
            rx.link(AchievementState.issuer_name, href=AchievementState.issuer_url),
            rx.text(
                "Holders carry it as an Open Badges 3.0 credential; its ",
                rx.link("machine-readable description", href=AchievementState.json_path, id="achievement-json"),
                " is at this page's address too, for clients that ask for JSON.",
                size="2", color_scheme="gray", padding_top="0.5rem",
            ),
            spacing="2",
            align="start",
            max_width="40rem",
        ),
        spacing="6",
        direction=rx.breakpoints(initial="column", sm="row"),
        align=rx.breakpoints(initial="center", sm="start"),
    )


def achievement_page() -> rx.Component:
    return public_shell(
        rx.cond(
            AchievementState.not_found,
            not_found_panel(),
            rx.cond(AchievementState.loading, rx.hstack(rx.spinner(), rx.text("Loading…")), _details()),
        )
    )
