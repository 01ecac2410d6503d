"""User management for admins, second part: create one user, change a role, import a CSV."""

from __future__ import annotations

import asyncio
from typing import ClassVar

import reflex as rx

from app.domain.accounts import ROLES
from app.domain.errors import DomainError
from app.services.accounts import imports as user_imports
from app.services.accounts import users_admin as admin_users
from app.ui.layout import error_callout
from app.ui.pages.admin.forms import card, labeled, notice, problems_callout, table
from app.ui.pages.admin.users_list import AdminUsersState
from app.ui.state import SessionState, utcnow

CSV_UPLOAD_ID = "csv-upload"
NEW_USER_TEXT_FIELDS = ("new-user-email", "new-user-first", "new-user-last", "new-user-org", "new-user-password")
REJECTED = "Nothing was imported. Fix these rows, then import the whole file again:"


def _import_rows(actor, text: str, progress: dict) -> list[dict]:
    # Runs in a worker thread: hashing one password per row takes a while, and the
    # event loop must stay free to show the progress meanwhile.
    imported = user_imports.import_users_in_steps(
        actor=actor, text=text, now=utcnow(), on_progress=lambda done, total: progress.update(done=done, total=total))
    return [u.as_dict() for u in imported]


class AdminUserFormsState(SessionState):
    # Dropped before a page load sends the tab's state again (see SessionState._before_full_load).
    SHOW_ONCE: ClassVar[tuple[str, ...]] = ("imported",)
    csv_text: str = ""
    problems: list[str] = []
    # Initial passwords of imported users, shown once to this admin to hand over.
    imported: list[dict] = []
    error: str = ""
    notice: str = ""
    # The import card reports next to itself, not in the "New user" card above it.
    import_error: str = ""
    import_notice: str = ""
    importing: bool = False
    import_done: int = 0
    import_total: int = 0
    # The checked text waiting for the background import: {"text", "source", "pasted"}.
    _pending: dict = {}

    @rx.event
    def create_user(self, form: dict):
        self.error = self.notice = ""
        applied = self._apply("admin", lambda s, a: admin_users.create_user(
            session=s, actor=a, email=str(form.get("email", "")), password=str(form.get("password", "")),
            role=str(form.get("role", "learner")), organization_name=str(form.get("organization", "")).strip(),
            first_name=str(form.get("first_name", "")), last_name=str(form.get("last_name", "")), now=utcnow()))
        if not applied.ok:
            return self._report(applied)  # a refused form keeps what was typed, to correct it
        self.notice = f"{applied.value.email} created."
        return [AdminUsersState.load, *[rx.set_value(field, "") for field in NEW_USER_TEXT_FIELDS]]

    @rx.event
    def change_role(self, user_id: int, role: str):
        """Answered with a toast: the row may be far from the cards at the bottom of the page."""
        applied = self._apply("admin", lambda s, a: admin_users.change_role(
            session=s, actor=a, user_id=int(user_id), role=str(role), now=utcnow()))
        if applied.redirect:
            return applied.redirect
        if applied.refusal:
            # Reloading puts the row's select back on the role the user still has.
            return [AdminUsersState.load, rx.toast.error(str(applied.refusal), position="top-center")]
        user = applied.value
        return [AdminUsersState.load, rx.toast.success(f"{user.email} is now {user.role}.", position="top-center")]

    def _clear_import(self) -> bool:
        """Make way for a new import; False (and say why) while one is still running."""
        if self.importing:  # a second click before the button showed it was busy
            self.import_error = "An import is already running in this tab; wait for it to finish."
            return False
        self.import_error = self.import_notice = ""
        self.problems = []
        self.imported = []
        return True

    def _start_import(self, text: str, source: str, pasted: bool = False):
        """Hand ``text`` to the background import: a long import must not hold this tab's state lock
        (with Redis the lock expires after 10 s), and the page shows its progress meanwhile."""
        self._pending = {"text": text, "source": source, "pasted": pasted}
        self.importing = True
        self.import_done = self.import_total = 0
        return AdminUserFormsState.run_import

    @rx.event(background=True)
    async def run_import(self):
        """Import the pending text all or nothing, reporting how many users are done."""
        async with self:
            actor, redirect = self._authorize("admin")
            pending, self._pending = self._pending, {}
            if redirect or not pending:
                self.importing = False
                return redirect
            owner = self.token
        progress = {"done": 0, "total": 0}
        worker = asyncio.ensure_future(asyncio.to_thread(_import_rows, actor, pending["text"], progress))
        while not worker.done():
            await asyncio.wait({worker}, timeout=0.5)
            async with self:
                if self.token == owner:
                    self.import_done, self.import_total = progress["done"], progress["total"]
        async with self:
            if self.token != owner:
                # The admin signed out meanwhile: the tab may be someone else's now, so the
                # initial passwords are not shown in it (the users exist; set new passwords).
                return None
            self.importing = False
            self.import_done, self.import_total = progress["done"], progress["total"]
            try:
                imported = worker.result()
            except user_imports.ImportRejected as err:
                self.problems = err.problems
                return None
            except DomainError as err:
                self.import_error = str(err)
                return None
            self.imported = imported
            if pending["pasted"]:
                self.csv_text = ""
            self.import_notice = f"{len(imported)} user(s) imported from {pending['source']}."
        return AdminUsersState.load

    @rx.event
    def forget_imported(self):
        """Initial passwords are shown once: leaving (or coming back to) the page drops them."""
        self.imported = []

    @rx.event
    def import_csv_file(self, files: list[rx.UploadFile]):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        if not self._clear_import():
            return None
        try:
            text = user_imports.read_csv_upload([(f.name or "", f.file) for f in files])
        except DomainError as err:
            self.import_error = str(err)
            return None
        return [rx.clear_selected_files(CSV_UPLOAD_ID), self._start_import(text, files[0].name)]

    @rx.event
    def set_csv_text(self, value: str):
        _actor, redirect = self._authorize("admin")
        self.csv_text = value[:user_imports.MAX_CSV_BYTES]
        return redirect

    @rx.event
    def import_csv(self):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        if not self._clear_import():
            return None
        if not self.csv_text.strip():
            self.import_error = "Paste the header row and one row per user first."
            return None
        return self._start_import(self.csv_text, "the pasted rows", pasted=True)


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
            # Not reset on submit: a refused form keeps its values; a created one is cleared.
            on_submit=AdminUserFormsState.create_user,
            width="100%",
        ),
    )


def _drop_zone() -> rx.Component:
    chosen = rx.selected_files(CSV_UPLOAD_ID)
    return rx.upload.root(
        rx.vstack(
            rx.icon("file_spreadsheet", size=28, color=rx.color("gray", 10)),
            rx.cond(
                chosen.length() > 0,
                rx.text("Chosen file: ", rx.text.strong(chosen[0], id="csv-file-name"), size="2"),
                rx.text("Drop a .csv file here", size="2"),
            ),
            rx.button(rx.cond(chosen.length() > 0, "Choose another file", "Choose file"), variant="soft", size="1",
                      type="button", id="choose-csv"),
            align="center",
            spacing="2",
        ),
        id=CSV_UPLOAD_ID,
        multiple=False,
        disabled=AdminUserFormsState.importing,
        border=f"1px dashed {rx.color('gray', 8)}",
        border_radius="var(--radius-3)",
        padding="1.25rem",
        width="100%",
        cursor="pointer",
        drag_active_style={"border_color": rx.color("accent", 9), "background": rx.color("accent", 2)},
    )


def _import_progress() -> rx.Component:
    s = AdminUserFormsState
    return rx.cond(s.importing, rx.vstack(
        rx.progress(value=rx.cond(s.import_total > 0, s.import_done * 100 // s.import_total, 0), width="100%"),
        rx.text(rx.cond(s.import_total > 0,
                        f"Created {s.import_done} of {s.import_total} users…",
                        "Checking every row…"), size="2", color_scheme="gray"),
        id="import-progress", role="status", spacing="1", width="100%",
    ))


def _import_result() -> rx.Component:
    return rx.cond(AdminUserFormsState.imported.length() > 0, rx.vstack(
        rx.text("Initial passwords are shown once: hand them over privately.", size="2", weight="medium"),
        table(["Email", "Role", "Organization", "Initial password"], rx.foreach(
            AdminUserFormsState.imported,
            lambda u: rx.table.row(
                rx.table.row_header_cell(u["email"]),
                rx.table.cell(u["role"]),
                rx.table.cell(u["organization_name"]),
                rx.table.cell(rx.cond(u["initial_password"] != "", rx.code(u["initial_password"]),
                                      rx.text("as given in the file", color_scheme="gray"))),
            ))),
        id="imported-users",
        spacing="2",
        width="100%",
        on_unmount=AdminUserFormsState.forget_imported,
    ))


def _paste_rows() -> rx.Component:
    return rx.el.details(
        rx.el.summary(rx.text("Or paste the rows instead", size="2", as_="span"), cursor="pointer"),
        rx.vstack(
            rx.text_area(value=AdminUserFormsState.csv_text,
                         on_change=AdminUserFormsState.set_csv_text.debounce(300),
                         placeholder="email,first_name,last_name,role,organization", rows="6", width="100%",
                         id="users-csv", aria_label="CSV rows"),
            rx.button("Import pasted rows", on_click=AdminUserFormsState.import_csv, id="import-users",
                      variant="soft", disabled=AdminUserFormsState.importing),
            spacing="2",
            margin_top="0.5rem",
            width="100%",
        ),
        width="100%",
    )


def import_card() -> rx.Component:
    chosen = rx.selected_files(CSV_UPLOAD_ID)
    return card(
        rx.heading("Import users from a CSV file", size="4"),
        rx.text("Columns: email, first_name, last_name, role, organization, and optionally password; "
                "UTF-8, up to 1 MB. Every row is checked first: if any row is wrong, nothing is imported.",
                size="2", color_scheme="gray"),
        _drop_zone(),
        rx.button(
            rx.cond(AdminUserFormsState.importing, rx.hstack(rx.spinner(size="2"), "Importing…", align="center"),
                    "Import users"),
            on_click=AdminUserFormsState.import_csv_file(rx.upload_files(upload_id=CSV_UPLOAD_ID)),
            disabled=AdminUserFormsState.importing | (chosen.length() == 0),
            id="import-csv",
        ),
        _import_progress(),
        error_callout(AdminUserFormsState.import_error),
        notice(AdminUserFormsState.import_notice),
        rx.box(problems_callout(REJECTED, AdminUserFormsState.problems), id="import-problems", width="100%"),
        _import_result(),
        _paste_rows(),
        on_mount=AdminUserFormsState.forget_imported,
    )
