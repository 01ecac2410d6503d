"""Home (routes each role to its place), forbidden and not-found pages."""

from __future__ import annotations

import reflex as rx

from app.ui import routes
from app.ui.components.not_found import not_found_panel
from app.ui.layout import shell
from app.ui.state import SessionState


def home_page() -> rx.Component:
    # on_load sends the visitor on; this shows only for the moment before.
    return rx.center(rx.hstack(rx.spinner(size="3"), rx.text("Opening your portal…")), min_height="100vh")


def forbidden_page() -> rx.Component:
    return shell(
        rx.callout(
            "You do not have access to that page. It needs a different role; ask an administrator if you should have it.",
            icon="shield_alert",
            color_scheme="amber",
            size="3",
        ),
        rx.button("Go to my home page", on_click=SessionState.go_home, id="go-home"),
    )


def not_found_page() -> rx.Component:
    return rx.box(not_found_panel(), padding_top="15vh")
