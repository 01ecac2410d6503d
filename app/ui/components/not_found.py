"""The not-found message, shared by the 404 page and pages whose item is missing or not the viewer's."""

from __future__ import annotations

import reflex as rx

from app.ui import routes


def not_found_panel() -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.heading("Page not found", size="8"),
            rx.text("We could not find that page. It may have moved, or the link may be mistyped.", color_scheme="gray"),
            rx.link(rx.button("Back to the portal"), href=routes.HOME),
            align="center",
            spacing="4",
            id="not-found",
        ),
        min_height="60vh",
        padding="1rem",
    )
