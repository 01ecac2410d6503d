"""User management for admins: the list (search, role, enable and disable) above the forms."""

from __future__ import annotations

import reflex as rx

from app.domain.accounts import ROLES
from app.ui.layout import error_callout, loading, page_header, shell
from app.ui.pages.admin.users_forms import AdminUserFormsState, create_user_card, import_card
from app.ui.pages.admin.users_list import AdminUsersState


def _row(user: dict) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(user["full_name"]),
        rx.table.cell(user["email"]),
        rx.table.cell(user["organization_name"]),
        rx.table.cell(rx.select(list(ROLES), value=user["role"], size="1", custom_attrs={"aria-label": "Role"},
                                on_change=lambda role: AdminUserFormsState.change_role(user["id"], role))),
        rx.table.cell(
            rx.cond(
                user["is_active"],
                rx.button("Disable", size="1", variant="soft", color_scheme="red",
                          on_click=AdminUsersState.set_active(user["id"], False)),
                rx.button("Enable", size="1", variant="soft", color_scheme="green",
                          on_click=AdminUsersState.set_active(user["id"], True)),
            )
        ),
    )


def admin_users_page() -> rx.Component:
    return shell(
        page_header("Users", "Everyone who can sign in. Disabling a user ends their sessions at once."),
        error_callout(AdminUsersState.error),
        rx.input(
            placeholder="Search by name or email…",
            value=AdminUsersState.search,
            on_change=AdminUsersState.set_search.debounce(300),
            width=rx.breakpoints(initial="100%", sm="22rem"),
            id="user-search",
        ),
        loading(AdminUsersState.loading),
        rx.box(
            rx.table.root(
                rx.table.header(
                    rx.table.row(*[rx.table.column_header_cell(h) for h in ("Name", "Email", "Organization", "Role", "")])
                ),
                rx.table.body(rx.foreach(AdminUsersState.rows, _row)),
                variant="surface",
                width="100%",
            ),
            overflow_x="auto",
            width="100%",
        ),
        create_user_card(),
        import_card(),
    )
