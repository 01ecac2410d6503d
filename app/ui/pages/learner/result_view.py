"""The body of the result page: verdict, one next step, the moment of success, the review."""

from __future__ import annotations

import reflex as rx

from app.ui.layout import error_callout, link_button, loading
from app.ui.pages.learner.certificate_card import certificate_card
from app.ui.pages.learner.certificate_share import share_actions


def _review_item(item: rx.Var, show_answers: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.vstack(
            rx.hstack(
                rx.cond(item["correct"], rx.badge(rx.icon("check", size=14), "Correct", color_scheme="green", high_contrast=True,
                                 class_name="review-correct"),
                        rx.badge(rx.icon("x", size=14), "Incorrect", color_scheme="red", high_contrast=True)),
                rx.text(item["points"], size="1", color_scheme="gray"),
                align="center",
            ),
            rx.text(item["number"].to_string(), ". ", item["prompt"], weight="medium"),
            rx.text("Your answer: ", item["selected"], size="2"),
            rx.cond(show_answers & (item["correct_answer"] != ""),
                    rx.text("Correct answer: ", item["correct_answer"], size="2", weight="medium")),
            rx.cond(item["explanation"] != "", rx.text(item["explanation"], size="2", color_scheme="gray")),
            spacing="1",
            align="start",
        ),
        padding_y="0.75rem",
        border_bottom=f"1px solid {rx.color('gray', 5)}",
        list_style="none",
        class_name="review-item",
    )


def _primary(state) -> rx.Component:
    step = state.step
    icon_and_label = (rx.icon("arrow-right", size=16), step["label"])
    return rx.match(
        step["kind"],
        ("get_certificate", rx.button(rx.icon("award", size=16), step["label"], on_click=state.get_certificate,
                                      size="3", color_scheme="green", id="primary-action")),
        ("retake", rx.button(rx.icon("rotate-ccw", size=16), step["label"], on_click=state.retake, size="3",
                             id="primary-action")),
        link_button(*icon_and_label, href=step["href"].to(str), size="3", id="primary-action"),
    )


def _next_step(state) -> rx.Component:
    """One primary action; Retake beside it when allowed; the notes that explain them."""
    return rx.vstack(
        rx.flex(
            _primary(state),
            rx.cond(state.can_retake & (state.step["kind"] != "retake"),
                    rx.button(rx.icon("rotate-ccw", size=16), "Retake", on_click=state.retake, size="3",
                              variant="soft", id="retake")),
            spacing="3", wrap="wrap", align="center",
        ),
        rx.cond(state.next_note != "", rx.text(state.next_note, size="2", color_scheme="gray", id="retake-note")),
        spacing="2",
        width="100%",
        class_name="result-next",
    )


def _score_card(state) -> rx.Component:
    return rx.card(rx.vstack(
        rx.flex(
            rx.text(state.score, size="9", weight="bold", id="result-score", title=state.score_exact),
            rx.vstack(
                rx.cond(state.passed,
                        rx.badge(rx.icon("circle_check", size=16), "Passed", color_scheme="green", size="3"),
                        rx.badge(rx.icon("circle_x", size=16), "Not passed", color_scheme="red", size="3")),
                rx.text(state.verdict, id="result-verdict"),
                rx.text(state.score_exact, " · ", state.submitted, size="2", color_scheme="gray", id="result-exact"),
                spacing="1",
            ),
            spacing="5", align="center", wrap="wrap",
        ),
        _next_step(state),
        spacing="4",
        width="100%",
    ), width="100%", class_name="result-card")


def _success(state) -> rx.Component:
    """The track is complete: the certificate itself, its number and the ways to show it."""
    return rx.vstack(
        rx.cond(
            state.cert_earned,
            rx.hstack(rx.icon("party_popper", size=28, color=rx.color("grass", 10)),
                      rx.heading("You earned your certificate", size="6", as_="h2", id="success-heading"),
                      align="center", spacing="3"),
            rx.heading("Your certificate for this track", size="5", as_="h2"),
        ),
        certificate_card(state),
        share_actions(state, primary_pdf=False),
        spacing="4",
        width="100%",
        id="certificate-moment",
    )


def result_body(state) -> rx.Component:
    return rx.vstack(
        rx.link("← Back to the track", href=state.track_href, size="2", id="back-to-track"),
        rx.text("Your result", size="2", color_scheme="gray", weight="medium"),
        rx.heading(state.quiz_title, size="7"),
        loading(state.loading, "Loading your result…"),
        error_callout(state.error),
        rx.cond(
            ~state.loading,
            rx.vstack(
                rx.cond(state.late, rx.callout("Time was up, so the answers saved before the deadline were submitted.",
                                               icon="timer", color_scheme="amber", width="100%", id="late-note")),
                _score_card(state),
                rx.cond(state.cert_number != "", _success(state)),
                rx.heading("Your answers", size="4", as_="h2"),
                rx.text(state.policy_note, size="2", color_scheme="gray", id="policy-note"),
                rx.el.ol(rx.foreach(state.review, lambda item: _review_item(item, item["correct_answer"] != "")),
                         padding="0", margin="0", width="100%"),
                spacing="5",
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
        max_width="52rem",
    )
