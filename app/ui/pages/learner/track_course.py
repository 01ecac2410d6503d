"""One course of a track: reading text, and its quiz's status with the next step."""

from __future__ import annotations

from typing import Callable

import reflex as rx

from app.ui.components.course_text import course_text
from app.ui.layout import link_button


def _quiz_box(course: rx.Var, on_start: Callable) -> rx.Component:
    return rx.box(
        rx.vstack(
            rx.hstack(
                rx.heading(course["quiz_title"], size="3", as_="h3"),
                rx.cond(course["passed"], rx.badge(rx.icon("check", size=14), "Passed", color_scheme="green")),
                align="center",
                wrap="wrap",
            ),
            rx.text(course["facts"], size="2", color_scheme="gray"),
            rx.text(rx.el.span(course["best"], title=course["best_exact"]), " · ", course["attempts"], size="2",
                    class_name="quiz-status"),
            rx.cond(course["blocked"] != "", rx.text(course["blocked"], size="2", color_scheme="amber", weight="medium",
                                                     class_name="quiz-blocked")),
            rx.match(
                course["action"],
                ("resume", link_button(rx.icon("play", size=16), "Resume quiz",
                                       href="/attempts/" + course["open_attempt_id"].to_string(), size="2")),
                ("start", rx.button(rx.icon("play", size=16), course["action_label"], size="2",
                                    variant=rx.cond(course["passed"], "soft", "solid"),
                                    on_click=on_start(course["quiz_id"]))),
                rx.fragment(),
            ),
            spacing="2",
            align="start",
        ),
        padding="0.75rem",
        border_radius="var(--radius-3)",
        background_color=rx.color("gray", 2),
        width="100%",
    )


def _course_status(course: rx.Var) -> rx.Component:
    return rx.cond(
        course["passed"],
        rx.badge(rx.icon("circle_check", size=14), "Passed", color_scheme="green", variant="soft"),
        rx.cond(course["current"].to(bool), rx.badge("Up next", color_scheme="blue", variant="soft")),
    )


def course_card(course: rx.Var, on_start: Callable) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(course["step"], size="2", color_scheme="gray", weight="medium", class_name="course-step"),
                _course_status(course),
                align="center", spacing="2",
            ),
            rx.heading(course["title"], size="5", as_="h2"),
            rx.text(course["summary"], color_scheme="gray", size="2"),
            rx.el.details(
                rx.el.summary("Read the course"),
                course_text(course["content_md"]),
                class_name="course-reading",
                open=course["open"].to(bool),
            ),
            rx.cond(course["has_quiz"], _quiz_box(course, on_start)),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id=course["anchor"],
        class_name=rx.cond(course["current"].to(bool), "course-card course-current", "course-card"),
    )
