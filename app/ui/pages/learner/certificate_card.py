"""A certificate drawn like a printed one: framed, centred, with its facts below."""

from __future__ import annotations

import reflex as rx


def _fact(label: str, value: rx.Var, **props) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="1", color_scheme="gray", weight="medium", text_transform="uppercase"),
        rx.text(value, size="3", weight="bold", **props),
        spacing="0",
        align="center",
    )


def certificate_card(state) -> rx.Component:
    return rx.box(
        rx.vstack(
            rx.badge(state.status_label, color_scheme=state.status_color, size="2", id="certificate-status"),
            rx.text(state.issuer, size="2", weight="bold", color=rx.color("accent", 11), letter_spacing="0.15em",
                    text_transform="uppercase"),
            rx.heading("Certificate of Completion", size="8", font_family="Georgia, 'Times New Roman', serif",
                       text_align="center"),
            rx.text("This certifies that", color_scheme="gray"),
            rx.heading(state.holder, size="7", as_="p", font_family="Georgia, 'Times New Roman', serif",
                       text_align="center", id="certificate-holder"),
            rx.text("has completed every course of the training track", color_scheme="gray", text_align="center"),
            rx.heading(state.track_title, size="5", as_="p", text_align="center"),
            rx.flex(
                _fact("Certificate number", state.cert_number, id="certificate-number"),
                _fact("Issued", state.issued),
                _fact("Valid until", state.expires),
                _fact("Issued by", state.issuer),
                spacing="5", justify="center", wrap="wrap", padding_top="1rem",
            ),
            rx.text(state.status_detail, size="2", color_scheme="gray"),
            spacing="3",
            align="center",
        ),
        padding=rx.breakpoints(initial="1.25rem", sm="2.5rem"),
        border=f"3px double {rx.color('accent', 8)}",
        outline=f"1px solid {rx.color('accent', 6)}",
        outline_offset="-10px",
        border_radius="var(--radius-4)",
        background_color=rx.color("gray", 1),
        width="100%",
        class_name="certificate",
    )
