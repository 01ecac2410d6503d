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


def _fact(label, value, **props) -> rx.Component:
    return rx.cond(value != "", rx.fragment(rx.el.dt(label), rx.el.dd(value, **props)))


def _status_pill(state, color) -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.match(state.verdict, *[(k, rx.icon(v)) for k, v in ICON.items()], rx.icon("info"))),
        rx.callout.text(rx.heading(state.headline, size="6", as_="h1", id="verdict")),
        color_scheme=color, size="2", width="100%", role="status",
    )


def _hero(state, color) -> rx.Component:
    """The badge beside the verdict, the achievement's name, the number and the holder."""
    found = state.achievement.length() > 0
    return rx.el.div(
        rx.cond(found, rx.image(src=state.achievement["image"].to(str), alt=state.track_title + " badge",
                                class_name="verify-badge", id="verify-badge")),
        rx.vstack(
            _status_pill(state, color),
            rx.cond(state.track_title != "", rx.heading(state.track_title, size="5", as_="p", id="verify-track")),
            rx.text(state.detail, id="verdict-detail"),
            rx.cond(state.superseded_href != "", rx.link("Check the newer certificate", href=state.superseded_href)),
            spacing="2", width="100%",
        ),
        class_name=rx.cond(found, "verify-hero", ""),
    )


def _facts(state) -> rx.Component:
    return rx.el.dl(
        _fact("Certificate", state.shown_number, id="verify-number"),
        _fact(state.holder_label, state.holder, id="verify-holder"),
        _fact("Issued", state.issued),
        _fact("Valid until", state.expires),
        _fact("Issued by", state.achievement["issuer"].to(str)),
        class_name="verify-facts",
    )


def _about(state) -> rx.Component:
    """What it certifies and how it is earned; who issues it."""
    a = state.achievement
    return rx.vstack(
        rx.heading("What this certificate says", size="4", as_="h2"),
        rx.text(a["description"].to(str), id="verify-description"),
        rx.heading("How it is earned", size="3", as_="h3"),
        rx.text(a["criteria"].to(str), size="2", id="verify-criteria"),
        rx.flex(
            rx.image(src=a["issuer_image"].to(str), alt="", width="40px", height="40px"),
            rx.vstack(
                rx.text("Issued by", size="1", color_scheme="gray"),
                rx.link(a["issuer"].to(str), href=a["issuer_url"].to(str), weight="medium", id="verify-issuer"),
                spacing="0",
            ),
            spacing="3", align="center",
        ),
        rx.link("More about this achievement", href=a["href"].to(str), size="2", id="verify-achievement"),
        spacing="2", width="100%",
    )


def verdict_panel(state) -> rx.Component:
    color = rx.match(state.verdict, *COLOR.items(), "gray")
    return rx.cond(
        state.loading,
        rx.hstack(rx.spinner(), rx.text("Checking the certificate…")),
        rx.card(
            rx.vstack(
                _hero(state, color),
                rx.cond(state.holder != "", _facts(state),
                        rx.text("Certificate ", rx.code(state.shown_number), size="2", color_scheme="gray")),
                rx.cond((state.holder != "") & ~state.holder_is_full_name,
                        rx.text("Only initials are shown. The holder's own link (on their certificate, or its QR "
                                "code) shows their full name.", size="1", color_scheme="gray", id="initials-note")),
                rx.cond(state.achievement.length() > 0, _about(state)),
                spacing="4",
                width="100%",
            ),
            width="100%",
            size="3",
        ),
    )
