"""A quiz question as a fieldset: the prompt is its legend, every choice a labelled native input."""

from __future__ import annotations

from typing import Callable

import reflex as rx


def _choice(question: rx.Var, choice: rx.Var, on_choose: Callable) -> rx.Component:
    input_id = "choice-" + choice["id"].to_string()
    return rx.el.label(
        rx.el.input(
            type=rx.cond(question["multiple"], "checkbox", "radio"),
            name="question-" + question["id"].to_string(),
            id=input_id,
            value=choice["id"].to_string(),
            checked=choice["checked"].to(bool),
            on_change=lambda _value: on_choose(choice["id"]),
        ),
        rx.text(choice["text"], as_="span", size="3"),
        html_for=input_id,
        class_name="quiz-choice",
    )


def question_fieldset(question: rx.Var, on_choose: Callable) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(question["prompt"], id="question-legend"),
        rx.text(question["hint"], size="2", color_scheme="gray", id="question-hint", margin_bottom="0.75rem"),
        rx.foreach(question["choices"].to(list[dict]), lambda choice: _choice(question, choice, on_choose)),
        class_name="quiz-question",
        aria_describedby="question-hint",
    )
