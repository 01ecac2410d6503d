"""User management for admins, second part: the New user and Import users dialogs."""

from __future__ import annotations

import asyncio
from typing import ClassVar

import reflex as rx

from app.domain.errors import DomainError
from app.services.accounts import imports as user_imports
from app.services.accounts import users_admin as admin_users
from app.ui.pages.admin.users_list import AdminUsersState
from app.ui.pages.admin.widgets import OrganizationPickerMixin
from app.ui.state import SessionState, utcnow

CSV_UPLOAD_ID = "csv-upload"
NO_ORGANIZATION = "Choose the organization: type part of its name and pick it from the list."
REJECTED = "Nothing was imported. Fix these rows, then import the whole file again:"


def _import_rows(actor, text: str, progress: dict) -> list[dict]:
    # Runs in a worker thread: hashing one password per row takes a while, and the
    # event loop must stay free to show the progress meanwhile.
    imported = user_imports.import_users_in_steps(
        actor=actor, text=text, now=utcnow(), on_progress=lambda done, total: progress.update(done=done, total=total))
    return [u.as_dict() for u in imported]


class AdminUserFormsState(OrganizationPickerMixin, SessionState):
    # Dropped before a page load sends the tab's state again (see SessionState._before_full_load).
    SHOW_ONCE: ClassVar[tuple[str, ...]] = ("imported",)
    create_open: bool = False
    import_open: bool = False
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
    def set_create_open(self, open_: bool):
        _actor, redirect = self._authorize("admin")
        self.create_open, self.error = bool(open_) and redirect is None, ""
        return redirect

    @rx.event
    def close_dialogs(self):
        """A page freshly shown starts with its dialogs closed."""
        self.create_open = self.import_open = False

    @rx.event
    def set_import_open(self, open_: bool):
        _actor, redirect = self._authorize("admin")
        self.import_open = bool(open_) and redirect is None
        return redirect

    @rx.event
    def create_user(self, form: dict):
        self.error = self.notice = ""
        organization = str(form.get("organization", "")).strip()
        if not organization:
            _actor, redirect = self._authorize("admin")
            self.error = "" if redirect else NO_ORGANIZATION
            return redirect
        applied = self._apply("admin", lambda s, a: admin_users.create_user(
            session=s, actor=a, email=str(form.get("email", "")), password=str(form.get("password", "")),
            role=str(form.get("role", "learner")), organization_name=organization,
            first_name=str(form.get("first_name", "")), last_name=str(form.get("last_name", "")), now=utcnow()))
        if not applied.ok:
            return self._report(applied)  # a refused form keeps what was typed, to correct it
        user = applied.value
        self.create_open = False  # closing the dialog also empties its form for the next user
        return [AdminUsersState.refresh,
                rx.toast.success(f"{user.full_name} ({user.email}) can now sign in.", position="top-center")]

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
            # The initial passwords are shown once, in the dialog: open it again if it was closed meanwhile.
            self.import_open = True
            if pending["pasted"]:
                self.csv_text = ""
            self.import_notice = f"{len(imported)} user(s) imported from {pending['source']}."
        return AdminUsersState.refresh

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
