"""The course editor: reading text with a live preview, quiz settings, questions."""

from __future__ import annotations

import reflex as rx

from app.domain.training.content import QUESTION_KINDS, REVIEW_POLICIES
from app.ui.components.course_text import course_text
from app.ui.layout import error_callout, page_header, shell
from app.ui.pages.admin.client_parts import unsaved_changes_guard
from app.ui.pages.admin.course import AdminCourseState as S
from app.ui.pages.admin.forms import card, labeled, notice, problems_callout, publish_bar, table
from app.ui.pages.admin.widgets import confirm_button

EDITOR_ID = "course-editor"


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
        # Side by side and the same height (stacked on a phone), each scrolling on its own.
        rx.el.div(
            rx.el.div(
                rx.el.label(rx.text("Reading text (Markdown)", size="2", weight="medium"), html_for="course-content"),
                rx.text_area(value=S.form["content"], on_change=lambda v: S.set_field("content", v).debounce(300),
                             id="course-content", width="100%"),
                class_name="course-editor-pane"),
            rx.el.div(
                rx.text("Preview: what learners read", size="2", weight="medium", id="content-preview-label"),
                # The learner's renderer, inside the learner's reading styles (course-reading): what
                # the preview shows is what learners will see, raw HTML dropped alike.
                rx.el.div(course_text(S.form["content"]), id="content-preview",
                          class_name="course-editor-preview course-reading", role="region",
                          aria_labelledby="content-preview-label", tab_index=0),
                class_name="course-editor-pane"),
            class_name="course-editor-panes",
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
            confirm_button("Remove", title="Remove this question?",
                           description="New attempts no longer include it. Attempts that already had it keep it, "
                                       "with their answers and scores.",
                           confirm_label="Remove question", on_confirm=S.remove_question(q["id"]), size="1",
                           aria_label="Remove question: " + q["prompt"].to(str)),
        )),
        key=q["id"],
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


UNPUBLISH_COURSE = ("Learners of the track no longer see this course, and it stops counting towards the track. "
                    "Anyone in the middle of its quiz can still finish that attempt.")


def admin_course_page() -> rx.Component:
    return shell(
        rx.link("← Back to the track", href=S.course["track_href"].to(str)),
        page_header(S.course["title"].to(str), "Course · " + S.course["slug"].to(str)),
        error_callout(S.error),
        notice(S.notice),
        publish_bar("course", S.published, S.publish(True), S.publish(False), UNPUBLISH_COURSE),
        problems_callout("Before publishing this course:", S.problems),
        rx.vstack(
            _content_editor(),
            _quiz_settings(),
            rx.heading("Questions", size="5"),
            rx.text("Editing a question replaces it: attempts already started keep the version they were given.",
                    color_scheme="gray", size="2"),
            table(["Question", "Kind", "Points", ""], rx.foreach(S.questions, _question_row), "Questions"),
            _question_form(),
            spacing="5", width="100%", id=EDITOR_ID,
        ),
        unsaved_changes_guard(dirty=S.unsaved, revision=S.revision, scope_id=EDITOR_ID,
                              message="Your changes to this course are not saved yet. If you leave now, they are lost."),
    )
