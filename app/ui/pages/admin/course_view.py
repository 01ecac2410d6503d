"""The course editor: reading text with a live preview, quiz settings, questions."""

from __future__ import annotations

import reflex as rx

from app.domain.training.content import QUESTION_KINDS, REVIEW_POLICIES
from app.ui.components.course_text import course_text
from app.ui.layout import error_callout, page_header, shell
from app.ui.pages.admin.course import AdminCourseState as S
from app.ui.pages.admin.forms import card, labeled, notice, problems_callout, publish_bar


def _input(name: str, label: str, hint: str = "", **props) -> rx.Component:
    return labeled(label, rx.input(value=S.form[name], on_change=lambda v: S.set_field(name, v),
                                   id=f"course-{name.replace('_', '-')}", width="100%", **props), hint)


# What each stored value means, in the words an author would use.
KIND_LABELS = {
    "single_choice": "Single choice: one right answer",
    "multiple_choice": "Multiple choice: one or more right answers",
    "true_false": "True or false",
}
KIND_SHORT = {"single_choice": "Single choice", "multiple_choice": "Multiple choice", "true_false": "True or false"}
POLICY_LABELS = {
    "score_only": "Only their score",
    "correctness": "Which answers were right or wrong",
    "correct_answers": "The correct answers, with explanations",
}


assert set(KIND_LABELS) == set(QUESTION_KINDS) and set(POLICY_LABELS) == set(REVIEW_POLICIES)


def _select(name: str, label: str, labels: dict[str, str]) -> rx.Component:
    ident = f"course-{name.replace('_', '-')}"
    return labeled(label, rx.select.root(
        rx.select.trigger(id=ident),
        rx.select.content(*[rx.select.item(text, value=value) for value, text in labels.items()]),
        value=S.form[name], on_change=lambda v: S.set_field(name, v)), for_id=ident)


def _content_editor() -> rx.Component:
    return card(
        rx.heading("Course", size="4"),
        _input("title", "Title"),
        _input("summary", "Summary"),
        rx.grid(
            labeled("Reading text (Markdown)", rx.text_area(
                value=S.form["content"], on_change=lambda v: S.set_field("content", v).debounce(300),
                id="course-content", rows="18", width="100%")),
            rx.vstack(rx.text("Preview", size="2", weight="medium"),
                      rx.box(course_text(S.form["content"]), id="content-preview", width="100%", padding="0.5rem",
                             border=f"1px solid {rx.color('gray', 5)}", border_radius="6px", min_height="10rem"),
                      width="100%"),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        rx.button("Save course", on_click=S.save_course, id="save-course"),
    )


def _quiz_settings() -> rx.Component:
    return card(
        rx.heading("Quiz", size="4"),
        _input("quiz_title", "Quiz title"),
        rx.grid(
            _input("pass_threshold", "Pass threshold (%)", "above 0, at most 100"),
            _input("time_limit_minutes", "Time limit (minutes)", "empty: no limit"),
            _input("max_attempts", "Max attempts", "empty: unlimited"),
            _input("cooldown_minutes", "Cooldown after an attempt (minutes)"),
            columns=rx.breakpoints(initial="1", sm="2", md="4"),
            spacing="3",
            width="100%",
        ),
        _select("review_policy", "After submitting, learners see", POLICY_LABELS),
        rx.button("Save quiz settings", on_click=S.save_quiz, id="save-quiz"),
    )


def _question_row(q: dict) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(q["prompt"]),
        rx.table.cell(rx.badge(rx.match(q["kind"], *KIND_SHORT.items(), q["kind"]), variant="soft")),
        rx.table.cell(q["points"]),
        rx.table.cell(rx.hstack(
            rx.button("Edit", size="1", variant="soft", on_click=S.edit_question(q["id"])),
            rx.button("Remove", size="1", variant="soft", color_scheme="red", on_click=S.remove_question(q["id"])),
        )),
    )


def _question_form() -> rx.Component:
    return card(
        rx.heading(rx.cond(S.form["q_id"] != "", "Edit question", "New question"), size="4"),
        _select("q_kind", "Kind", KIND_LABELS),
        labeled("Question", rx.text_area(value=S.form["q_prompt"], on_change=lambda v: S.set_field("q_prompt", v),
                                         id="question-prompt", width="100%")),
        labeled("Choices", rx.text_area(value=S.form["q_choices"], on_change=lambda v: S.set_field("q_choices", v),
                                        id="question-choices", rows="5", width="100%"),
                "One per line; start the correct ones with * (for example: * Paris)."),
        rx.grid(
            labeled("Points", rx.input(value=S.form["q_points"], on_change=lambda v: S.set_field("q_points", v),
                                       id="question-points", width="100%")),
            labeled("Explanation", rx.input(value=S.form["q_explanation"],
                                            on_change=lambda v: S.set_field("q_explanation", v),
                                            id="question-explanation", width="100%")),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
        ),
        rx.hstack(
            rx.button("Save question", on_click=S.save_question, id="save-question"),
            rx.button("Clear", variant="soft", color_scheme="gray", on_click=S.new_question),
        ),
    )


def admin_course_page() -> rx.Component:
    return shell(
        rx.link("← Back to the track", href=S.course["track_href"].to(str)),
        page_header(S.course["title"].to(str), "Course · " + S.course["slug"].to(str)),
        error_callout(S.error),
        notice(S.notice),
        publish_bar("course", S.published, S.publish(True), S.publish(False)),
        problems_callout("Before publishing this course:", S.problems),
        _content_editor(),
        _quiz_settings(),
        rx.heading("Questions", size="5"),
        rx.text("Editing a question replaces it: attempts already started keep the version they were given.",
                color_scheme="gray", size="2"),
        rx.box(rx.table.root(
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in ("Question", "Kind", "Points", "")])),
            rx.table.body(rx.foreach(S.questions, _question_row)), variant="surface", width="100%"),
            overflow_x="auto", width="100%"),
        _question_form(),
    )
