"""Small building blocks shared by the admin pages."""

from __future__ import annotations

import reflex as rx

from app.ui.pages.admin.widgets import confirm_button


def labeled(label: str, control: rx.Component, hint: str = "", for_id: str = "") -> rx.Component:
    """``for_id``: the focusable element inside ``control``, when it is not the control itself."""
    text = rx.text(label, size="2", weight="medium")
    for_id = for_id or control.id
    return rx.vstack(
        # A real <label for=...>, so screen readers announce it and a click focuses the control.
        rx.el.label(text, html_for=for_id) if for_id else text,
        control,
        rx.text(hint, size="1", color_scheme="gray") if hint else rx.fragment(),
        spacing="1",
        width="100%",
        align="start",
    )


def card(*children: rx.Component, **props) -> rx.Component:
    return rx.card(rx.vstack(*children, spacing="3", width="100%", align="start"), width="100%", **props)


def problems_callout(title: str, problems: rx.Var) -> rx.Component:
    """A list of problems, each naming where it is."""
    return rx.cond(
        problems.length() > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("triangle_alert")),
            rx.vstack(
                rx.text(title, weight="bold"),
                rx.unordered_list(rx.foreach(problems, lambda p: rx.list_item(p))),
                spacing="1",
            ),
            color_scheme="amber",
            role="status",
            width="100%",
        ),
    )


def notice(message: rx.Var) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, icon="circle_check", color_scheme="green", role="status", width="100%"),
    )


def scroll_box(label: str, table_root: rx.Component, **props) -> rx.Component:
    """A wide table scrolls sideways inside this box, never the page; the box takes the keyboard
    focus (arrow keys scroll it) and is named for screen readers."""
    return rx.box(table_root, class_name="table-scroll", tab_index=0, role="region", aria_label=label, **props)


def table(headers: list[str], body: rx.Component, label: str) -> rx.Component:
    return scroll_box(label, rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
        rx.table.body(body),
        variant="surface",
        width="100%",
    ))


def status_badge(published: rx.Var, size: str = "1") -> rx.Component:
    return rx.cond(published, rx.badge("Published", color_scheme="green", size=size, high_contrast=True),
                   rx.badge("Draft", color_scheme="gray", size=size, high_contrast=True))


def order_buttons(name: rx.Var, move_up, move_down) -> rx.Component:
    """Move a row up or down; ``name`` labels the buttons for screen readers."""
    return rx.hstack(
        rx.icon_button(rx.icon("arrow-up"), size="1", variant="soft", aria_label="Move up: " + name.to(str),
                       on_click=move_up),
        rx.icon_button(rx.icon("arrow-down"), size="1", variant="soft", aria_label="Move down: " + name.to(str),
                       on_click=move_down),
    )


def publish_bar(what: str, published: rx.Var, publish, unpublish, unpublish_means: str) -> rx.Component:
    """The publication status of a track or course, with the button that changes it; unpublishing
    (learners lose sight of it) is a secondary button that asks first, saying what it does."""
    return rx.hstack(
        status_badge(published, size="3"),
        rx.cond(published,
                confirm_button(f"Unpublish {what}", title=f"Unpublish this {what}?", description=unpublish_means,
                               confirm_label=f"Unpublish {what}", on_confirm=unpublish, button_id=f"unpublish-{what}"),
                rx.button(f"Publish {what}", on_click=publish, id=f"publish-{what}")),
        align="center",
    )
