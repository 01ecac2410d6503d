"""The body of the result page: verdict, per-question review and the next step."""

from __future__ import annotations

import reflex as rx

from app.ui.layout import error_callout, link_button, loading


def _review_item(item: rx.Var, show_answers: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.vstack(
            rx.hstack(
                rx.cond(item["correct"], rx.badge(rx.icon("check", size=14), "Correct", color_scheme="green", class_name="review-correct"),
                        rx.badge(rx.icon("x", size=14), "Incorrect", color_scheme="red")),
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


def _next_steps(state) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("What comes next", size="4", as_="h2"),
            rx.cond(
                state.certificate_available,
                rx.vstack(
                    rx.text("You passed every course of the track."),
                    rx.button(rx.icon("award", size=16), "Get your certificate", on_click=state.get_certificate,
                              size="3", color_scheme="green", id="get-certificate"),
                ),
            ),
            rx.cond(state.track_completed & ~state.certificate_available,
                    link_button("See your certificates", href="/certificates", variant="soft")),
            rx.cond(~state.passed & (state.next_note != ""), rx.text(state.next_note, id="retake-note")),
            rx.cond(~state.passed & state.can_retake,
                    rx.button(rx.icon("rotate-ccw", size=16), "Retake the quiz", on_click=state.retake, id="retake")),
            rx.cond(state.passed & (state.next_course != ""),
                    rx.text("Next course: ", rx.text(state.next_course, as_="span", weight="bold"))),
            link_button("Back to the track", href=state.track_href, variant="soft"),
            spacing="3",
            align="start",
        ),
        width="100%",
    )


def result_body(state) -> rx.Component:
    return rx.vstack(
        rx.link("← Back to the track", href=state.track_href, size="2"),
        rx.text("Your result", size="2", color_scheme="gray", weight="medium"),
        rx.heading(state.quiz_title, size="7"),
        loading(state.loading, "Loading your result…"),
        error_callout(state.error),
        rx.cond(
            ~state.loading,
            rx.vstack(
                rx.cond(state.late, rx.callout("Time was up, so the answers saved before the deadline were submitted.",
                                               icon="timer", color_scheme="amber", width="100%", id="late-note")),
                rx.card(
                    rx.flex(
                        rx.text(state.score, size="9", weight="bold", id="result-score"),
                        rx.vstack(
                            rx.cond(state.passed,
                                    rx.badge(rx.icon("circle_check", size=16), "Passed", color_scheme="green", size="3"),
                                    rx.badge(rx.icon("circle_x", size=16), "Not passed", color_scheme="red", size="3")),
                            rx.text(state.verdict, id="result-verdict"),
                            rx.text(state.points, " · ", state.submitted, size="2", color_scheme="gray"),
                            spacing="1",
                        ),
                        spacing="5", align="center", wrap="wrap",
                    ),
                    width="100%",
                ),
                _next_steps(state),
                rx.heading("Your answers", size="4", as_="h2"),
                rx.text(state.policy_note, size="2", color_scheme="gray", id="policy-note"),
                rx.el.ol(rx.foreach(state.review, lambda item: _review_item(item, item["correct_answer"] != "")),
                         padding="0", margin="0", width="100%"),
                spacing="4",
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
        max_width="48rem",
    )
