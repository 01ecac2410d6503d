"""The quiz's question navigator (a numbered button per question, answered ones filled, jump to
any) and the rows of its review step (every question with the chosen answers, and a way back to it)."""

from __future__ import annotations

from typing import Callable

import reflex as rx


def _nav_item(item: rx.Var, go_to: Callable) -> rx.Component:
    return rx.el.li(
        rx.el.button(
            item["number"],
            rx.cond(item["answered"], rx.el.span(rx.icon("check", size=10), class_name="quiz-nav-tick",
                                                 aria_hidden="true")),
            type="button",
            on_click=go_to(item["position"]),
            aria_label=item["label"],
            title=item["label"],
            custom_attrs={"aria-current": rx.cond(item["current"], "step", "false")},
            class_name=rx.cond(item["answered"], "quiz-nav-item quiz-nav-answered", "quiz-nav-item"),
        ),
    )


def question_navigator(items: rx.Var, reviewing: rx.Var, go_to: Callable, open_review) -> rx.Component:
    return rx.el.nav(
        rx.el.ol(rx.foreach(items, lambda item: _nav_item(item, go_to)), class_name="quiz-nav-list"),
        rx.el.button(
            rx.icon("list_checks", size=16), "Review",
            type="button", on_click=open_review, id="nav-review",
            custom_attrs={"aria-current": rx.cond(reviewing, "step", "false")},
            class_name="quiz-nav-review",
        ),
        aria_label="Questions",
        class_name="quiz-nav",
        id="quiz-navigator",
    )


def review_row(row: rx.Var, go_to: Callable) -> rx.Component:
    return rx.el.li(
        rx.el.div(
            rx.text(row["number"], ". ", row["prompt"], weight="medium", as_="p"),
            rx.text(
                rx.cond(row["answered"], "Your answer: ", ""), row["chosen"],
                size="2", as_="p", color_scheme=rx.cond(row["answered"], "gray", "amber"),
                weight=rx.cond(row["answered"], "regular", "medium"), class_name="quiz-summary-answer",
            ),
            class_name="quiz-summary-text",
        ),
        rx.button(rx.cond(row["answered"], "Change", "Answer"), size="2", variant="soft",
                  on_click=go_to(row["position"]), aria_label=row["change"], class_name="quiz-summary-change"),
        class_name=rx.cond(row["answered"], "quiz-summary-row", "quiz-summary-row quiz-summary-missing"),
    )
