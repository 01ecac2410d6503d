"""The top of a customer's page: the headline, the cohort switch and the one withheld-cohort banner."""

from __future__ import annotations

import reflex as rx

from app.ui.pages.csm.cohort_words import LABELS


def headline(text: rx.Var) -> rx.Component:
    return rx.callout(text, icon="list-checks", color_scheme="gray", variant="surface", size="2", width="100%",
                      id="headline")


def _choice(kind: str, marks: rx.Var) -> rx.Component:
    label, short = LABELS[kind]
    mark = marks[kind].to(str)
    # Three full labels do not fit a phone's width: the short one, with an icon for a marked cohort.
    return rx.segmented_control.item(
        rx.hstack(
            rx.cond(mark != "", rx.icon("eye-off", size=14, aria_hidden="true")),
            rx.text.span(label, rx.cond(mark != "", " — " + mark, ""),
                         display=rx.breakpoints(initial="none", sm="inline")),
            rx.text.span(short, display=rx.breakpoints(initial="inline", sm="none")),
            spacing="1", align="center",
        ),
        value=kind,
        # The phone's short label still names the mark for a screen reader and on hover.
        aria_label=rx.cond(mark != "", f"{label} — " + mark, label),
        title=rx.cond(mark != "", f"{label} — " + mark, label),
    )


def cohort_switch(value: rx.Var, marks: rx.Var, on_change) -> rx.Component:
    """All customers / Same industry / Same size range; a cohort without numbers says so before it is chosen."""
    return rx.segmented_control.root(
        *[_choice(kind, marks) for kind in LABELS],
        value=value,
        on_change=on_change,
        id="cohort-switch",
        aria_label="Compare with",
        # Small on phones so all three choices fit a 320 px screen.
        size=rx.breakpoints(initial="1", sm="2"),
    )


def withheld_banner(banner: rx.Var, on_offer) -> rx.Component:
    """Why the chosen cohort's numbers are withheld, once for the page, and a switch to a cohort with numbers."""
    return rx.cond(
        banner["text"].to(str) != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("eye-off")),
            rx.flex(
                rx.callout.text(banner["text"].to(str), id="withheld-text"),
                rx.cond(
                    banner["offer"].to(str) != "",
                    rx.button(banner["offer_label"].to(str), size="1", variant="solid", color_scheme="amber",
                              high_contrast=True, on_click=on_offer(banner["offer"].to(str)), id="withheld-offer"),
                ),
                direction="column", spacing="2", align="start",
            ),
            color_scheme="amber", size="1", width="100%", id="withheld-banner", role="status",
        ),
    )
