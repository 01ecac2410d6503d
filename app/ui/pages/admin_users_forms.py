"""User management for admins, second part: create one user, change a role, import a CSV."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.accounts import ROLES
from app.domain.errors import DomainError
from app.services import admin_users
from app.ui.components.admin_forms import card, labeled, notice
from app.ui.layout import error_callout
from app.ui.pages.admin_users import AdminUsersState
from app.ui.state import SessionState, utcnow


class AdminUserFormsState(SessionState):
    csv_text: str = ""
    problems: list[str] = []
    # Initial passwords of imported users, shown once to this admin to hand over.
    imported: list[dict] = []
    error: str = ""
    notice: str = ""

    def _change(self, change, done: str):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        self.error = self.notice = ""
        self.problems = []
        try:
            with session_scope() as session:
                change(session, actor)
        except admin_users.ImportRejected as err:
            self.error = "Nothing was imported: fix these rows and import the whole file again."
            self.problems = err.problems
            return None
        except DomainError as err:
            self.error = str(err)
            return None
        self.notice = done
        return AdminUsersState.load

    @rx.event
    def create_user(self, form: dict):
        return self._change(lambda s, a: admin_users.create_user(
            session=s, actor=a, email=str(form.get("email", "")), password=str(form.get("password", "")),
            role=str(form.get("role", "learner")), organization_name=str(form.get("organization", "")).strip(),
            first_name=str(form.get("first_name", "")), last_name=str(form.get("last_name", "")), now=utcnow()),
            "User created.")

    @rx.event
    def change_role(self, user_id: int, role: str):
        return self._change(lambda s, a: admin_users.change_role(
            session=s, actor=a, user_id=int(user_id), role=str(role), now=utcnow()), "Role changed.")

    @rx.event
    def set_csv_text(self, value: str):
        _actor, redirect = self._authorize("admin")
        self.csv_text = value[:1_000_000]
        return redirect

    @rx.event
    def import_csv(self):
        def change(s, a):
            self.imported = [u.as_dict() for u in admin_users.import_users_csv(
                session=s, actor=a, text=self.csv_text, now=utcnow())]

        result = self._change(change, "Users imported.")
        if not self.error:
            self.notice = f"{len(self.imported)} users imported."
            self.csv_text = ""
        return result


def create_user_card() -> rx.Component:
    return card(
        rx.heading("New user", size="4"),
        error_callout(AdminUserFormsState.error),
        notice(AdminUserFormsState.notice),
        rx.form(
            rx.grid(
                labeled("Email", rx.input(name="email", type="email", id="new-user-email", required=True, width="100%")),
                labeled("First name", rx.input(name="first_name", id="new-user-first", required=True, width="100%")),
                labeled("Last name", rx.input(name="last_name", id="new-user-last", required=True, width="100%")),
                labeled("Organization", rx.input(name="organization", id="new-user-org", required=True, width="100%")),
                labeled("Role", rx.select(list(ROLES), name="role", default_value="learner", id="new-user-role")),
                labeled("Initial password", rx.input(name="password", type="password", id="new-user-password",
                                                     required=True, width="100%"), "At least 10 characters."),
                columns=rx.breakpoints(initial="1", sm="2", md="3"),
                spacing="3",
                width="100%",
            ),
            rx.button("Create user", type="submit", id="create-user", margin_top="0.75rem"),
            on_submit=AdminUserFormsState.create_user,
            reset_on_submit=True,
            width="100%",
        ),
    )


def import_card() -> rx.Component:
    return card(
        rx.heading("Import users from CSV", size="4"),
        rx.text("Columns: email, first_name, last_name, role, organization, and optionally password. "
                "Every row is checked first; if any row is wrong, nothing is imported.", size="2", color_scheme="gray"),
        rx.text_area(value=AdminUserFormsState.csv_text, on_change=AdminUserFormsState.set_csv_text.debounce(300),
                     placeholder="email,first_name,last_name,role,organization", rows="6", width="100%",
                     id="users-csv", aria_label="CSV rows"),
        rx.button("Import", on_click=AdminUserFormsState.import_csv, id="import-users"),
        rx.cond(AdminUserFormsState.problems.length() > 0, rx.unordered_list(
            rx.foreach(AdminUserFormsState.problems, lambda p: rx.list_item(p)), id="import-problems")),
        rx.cond(AdminUserFormsState.imported.length() > 0, rx.vstack(
            rx.text("Initial passwords (shown once; hand them over privately):", weight="medium"),
            rx.foreach(AdminUserFormsState.imported, lambda u: rx.text(
                u["email"], ": ", rx.cond(u["initial_password"] != "", rx.code(u["initial_password"]), "as given"))),
        )),
    )
