"""User management for admins: the actions at the top, filters, one page of people, their roles and status."""

from __future__ import annotations

import reflex as rx

from app.ui.layout import error_callout, loading, page_header, shell
from app.ui.pages.admin.forms import table
from app.ui.pages.admin.roles import ROLE_LABELS
from app.ui.pages.admin.users_dialogs import import_dialog, new_user_dialog
from app.ui.pages.admin.users_forms import AdminUserFormsState
from app.ui.pages.admin.users_list import ANY, AdminUsersState
from app.ui.components.paging import pager
from app.ui.pages.admin.widgets import confirm_button, organization_picker

S = AdminUsersState


def _role_cell(user: dict) -> rx.Component:
    """A select on other people's rows; your own role is not yours to change here."""
    return rx.cond(
        user["is_self"],
        rx.text(user["role_label"], " (you)", size="2"),
        rx.select.root(
            rx.select.trigger(custom_attrs={"aria-label": "Role of " + user["full_name"].to(str)}),
            rx.select.content(*[rx.select.item(label, value=role) for role, label in ROLE_LABELS.items()]),
            value=user["role"].to(str), size="1", on_change=lambda role: S.ask_role(user["id"], role),
        ),
    )


def _status_action(user: dict) -> rx.Component:
    name = user["full_name"].to(str)
    return rx.cond(
        user["is_self"],
        rx.fragment(),
        rx.cond(
            user["is_active"],
            confirm_button("Disable", title="Disable " + name + "?",
                           description="They are signed out at once and cannot sign in until an admin enables "
                                       "them again. Their history and certificates stay.",
                           confirm_label="Disable", on_confirm=S.set_active(user["id"], False), size="1",
                           aria_label="Disable " + name),
            rx.button("Enable", size="1", variant="soft", on_click=S.set_active(user["id"], True),
                      aria_label="Enable " + name),
        ),
    )


def _row(user: dict) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.vstack(
            rx.text(user["full_name"], weight="medium"),
            rx.text(user["email"], size="1", color_scheme="gray", class_name="user-email"),
            spacing="0")),
        rx.table.cell(user["organization_name"]),
        rx.table.cell(_role_cell(user)),
        rx.table.cell(rx.cond(user["is_active"], rx.badge("Active", color_scheme="green", high_contrast=True),
                              rx.badge("Disabled", color_scheme="gray", high_contrast=True))),
        rx.table.cell(user["last_sign_in"], white_space="nowrap"),
        rx.table.cell(_status_action(user)),
        class_name="user-row",
        # Keyed by user: a row (and a confirmation open in it) stays put while the list around it changes.
        key=user["id"],
    )


def _filter_select(ident: str, label: str, value, on_change, choices: dict[str, str]) -> rx.Component:
    return rx.vstack(
        rx.el.label(rx.text(label, size="2", weight="medium"), html_for=ident),
        rx.select.root(rx.select.trigger(id=ident, width="100%"),
                       rx.select.content(*[rx.select.item(text, value=key) for key, text in choices.items()]),
                       value=value, on_change=on_change),
        spacing="1", min_width="9rem",
    )


def _filters() -> rx.Component:
    return rx.flex(
        rx.vstack(rx.el.label(rx.text("Search", size="2", weight="medium"), html_for="user-search"),
                  rx.input(placeholder="Name or email…", value=S.search, on_change=S.set_search.debounce(300),
                           id="user-search", width="100%"),
                  spacing="1", width=rx.breakpoints(initial="100%", sm="16rem")),
        _filter_select("role-filter", "Role", S.role_filter, S.set_role_filter,
                       {ANY: "Any role", **ROLE_LABELS}),
        _filter_select("status-filter", "Status", S.status_filter, S.set_status_filter,
                       {ANY: "Any status", "active": "Active", "disabled": "Disabled"}),
        rx.vstack(rx.el.label(rx.text("Organization", size="2", weight="medium"), html_for="org-filter"),
                  organization_picker(S, input_id="org-filter", on_choose=S.choose_organization,
                                      selected_label=S.org_filter_name, placeholder="Any organization"),
                  spacing="1", width=rx.breakpoints(initial="100%", sm="16rem")),
        rx.cond((S.search != "") | (S.role_filter != ANY) | (S.status_filter != ANY) | (S.org_filter_id != 0),
                rx.button("Clear filters", variant="ghost", on_click=S.clear_filters, id="clear-filters")),
        spacing="3", wrap="wrap", align="end", width="100%",
    )


def _role_dialog() -> rx.Component:
    pending = S.pending_role
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(pending["title"].to(str)),
            rx.alert_dialog.description(pending["text"].to(str), size="2"),
            rx.flex(
                rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray")),
                # A plain button: the dialog closes when the change is done (pending_role emptied).
                rx.button("Change role", on_click=S.confirm_role, id="confirm-role"),
                spacing="3", justify="end", margin_top="1rem",
            ),
            max_width="30rem",
            id="role-dialog",
        ),
        open=pending.length() > 0,
        on_open_change=S.role_dialog_changed,
    )


def admin_users_page() -> rx.Component:
    return shell(
        rx.flex(
            page_header("Users", "Everyone who can sign in. Disabling a user ends their sessions at once."),
            rx.hstack(import_dialog(), new_user_dialog(), spacing="2", on_mount=AdminUserFormsState.close_dialogs),
            justify="between", align="start", spacing="3", wrap="wrap", width="100%",
        ),
        error_callout(S.error),
        _filters(),
        table(["Name", "Organization", "Role", "Status", "Last sign-in", ""], rx.foreach(S.rows, _row), "Users"),
        loading(S.loading),
        pager(S, "users"),
        _role_dialog(),
    )
