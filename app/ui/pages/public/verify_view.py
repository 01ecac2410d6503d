"""The public verification form and verdict."""

from __future__ import annotations

import reflex as rx

COLOR = {"valid": "green", "expired": "amber", "revoked": "red", "superseded": "amber", "not_found": "red",
         "malformed": "amber", "busy": "amber"}
ICON = {"valid": "badge_check", "expired": "clock", "revoked": "ban", "superseded": "replace", "not_found": "search_x",
        "malformed": "circle_help", "busy": "hourglass"}


def verify_form(state, compact: bool = False) -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.cond(compact, rx.heading("Check another certificate", size="4", as_="h2"),
                        rx.heading("Check a certificate", size="7")),
                rx.cond(compact, rx.fragment(), rx.text(
                    "Type the number printed on a Success Portal certificate to see whether it is valid. "
                    "No sign-in needed.", color_scheme="gray")),
                rx.el.label(rx.text("Certificate number", size="2", weight="medium"), html_for="certificate-number-input"),
                rx.flex(
                    rx.input(id="certificate-number-input", name="number", placeholder="CERT-2026-00042",
                             value=state.typed, on_change=state.set_typed, size="3", auto_complete="off",
                             aria_describedby="certificate-number-error", flex="1", min_width="12rem"),
                    rx.button(rx.icon("search", size=16), "Check", type="submit", size="3", id="check-certificate"),
                    spacing="2", width="100%", wrap="wrap",
                ),
                rx.text(state.form_error, id="certificate-number-error", color_scheme="red", size="2", role="alert"),
                spacing="2",
                width="100%",
            ),
            on_submit=state.check,
            reset_on_submit=False,
        ),
        width="100%",
    )


def _fact(label, value) -> rx.Component:
    return rx.cond(value != "", rx.data_list.item(rx.data_list.label(label), rx.data_list.value(value)))


def verdict_panel(state) -> rx.Component:
    color = rx.match(state.verdict, *COLOR.items(), "gray")
    return rx.cond(
        state.loading,
        rx.hstack(rx.spinner(), rx.text("Checking the certificate…")),
        rx.card(
            rx.vstack(
                rx.text("Certificate ", rx.code(state.shown_number), size="2", color_scheme="gray"),
                rx.callout.root(
                    rx.callout.icon(rx.match(state.verdict, *[(k, rx.icon(v)) for k, v in ICON.items()],
                                             rx.icon("info"))),
                    rx.callout.text(rx.heading(state.headline, size="6", as_="h1", id="verdict")),
                    color_scheme=color, size="3", width="100%", role="status",
                ),
                rx.text(state.detail, id="verdict-detail"),
                rx.cond(state.superseded_href != "",
                        rx.link("Check the newer certificate", href=state.superseded_href)),
                rx.data_list.root(
                    _fact("Track", state.track_title),
                    _fact("Issued", state.issued),
                    _fact("Valid until", state.expires),
                    _fact(state.holder_label, state.holder),
                    orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
        ),
    )
