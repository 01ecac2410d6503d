"""User management for admins: search, enable and disable accounts."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.errors import DomainError
from app.services.accounts import users as accounts
from app.ui.layout import error_callout, loading, page_header, shell
from app.ui.list_filters import SearchMixin
from app.ui.state import SessionState, utcnow


class AdminUsersState(SearchMixin, SessionState):
    rows: list[dict] = []
    error: str = ""

    def _reload(self):
        user, redirect = self._authorize("admin")
        if redirect:
            return redirect
        with session_scope() as session:
            found = accounts.list_users(session=session, viewer=user, search=self.search)
        self.rows = [u.as_dict() for u in found]
        self.loading = False
        return None

    @rx.event
    def load(self):
        return self._reload()

    @rx.event
    def set_active(self, user_id: int, active: bool):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        self.error = ""
        if actor.id == user_id and not active:
            self.error = "You cannot disable your own account; ask another admin."
            return None
        try:
            with session_scope() as session:
                accounts.set_user_active(session=session, actor=actor, user_id=int(user_id), active=bool(active), now=utcnow())
        except DomainError as err:
            self.error = str(err)
            return None
        return self._reload()


def _row(user: dict) -> rx.Component:
    from app.domain.accounts import ROLES
    from app.ui.pages.admin.users_forms import AdminUserFormsState  # it refers back to this page's state

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
    from app.ui.pages.admin.users_forms import create_user_card, import_card

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
