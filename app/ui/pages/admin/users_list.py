"""The admins' user list: filters, pages, enable and disable, role changes after a confirmation."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.accounts import ROLES
from app.domain.errors import DomainError
from app.services.accounts import user_directory
from app.services.accounts import users as accounts
from app.services.accounts import users_admin as admin_users
from app.ui.components.dates import moment
from app.ui.pages.admin.roles import ROLE_LABELS, as_role, role_change_question
from app.ui.components.paging import PagedMixin
from app.ui.pages.admin.widgets import PAGE_SIZE, OrganizationPickerMixin
from app.ui.state import SessionState, utcnow

ANY = "any"


class AdminUsersState(PagedMixin, OrganizationPickerMixin, SessionState):
    rows: list[dict] = []
    search: str = ""
    role_filter: str = ANY
    status_filter: str = ANY
    org_filter_id: int = 0
    org_filter_name: str = ""
    loading: bool = True
    error: str = ""
    # A role change waiting for the admin's confirmation: {"id", "to", "title", "text"}; empty when none.
    pending_role: dict[str, str] = {}

    def _row(self, user) -> dict:
        return user.as_dict() | {
            "role_label": ROLE_LABELS.get(user.role, user.role),
            "last_sign_in": moment(user.last_sign_in_at) if user.last_sign_in_at else "Never",
            "is_self": user.email == self.user_email,
        }

    def _reload(self):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        try:
            with session_scope() as session:
                found = user_directory.list_users_page(
                    session=session, actor=actor, search=self.search,
                    role=None if self.role_filter == ANY else self.role_filter,
                    organization_id=self.org_filter_id or None,
                    status=None if self.status_filter == ANY else self.status_filter,
                    page=self.page, page_size=PAGE_SIZE)
        except DomainError as err:
            self.error, self.rows = str(err), []
            return None
        self.rows = [self._row(u) for u in found.rows]
        self._paged(found, "users")
        self.loading = False
        return None

    @rx.event
    def load(self):
        """A fresh list; ``?search=`` (the audit log links people this way) fills the search."""
        self.search = self.router.url.query_parameters.get("search", "")[:200]
        self.role_filter = self.status_filter = ANY
        self.org_filter_id, self.org_filter_name, self.page, self.error = 0, "", 1, ""
        self.pending_role = {}
        return self._reload()

    @rx.event
    def refresh(self):
        """The same filters and page, read again (after a change made elsewhere on the page)."""
        return self._reload()

    @rx.event
    def set_search(self, value: str):
        self.search, self.page = str(value)[:200], 1
        return self._reload()

    @rx.event
    def set_role_filter(self, value: str):
        self.role_filter, self.page = (value if value in ROLES else ANY), 1
        return self._reload()

    @rx.event
    def set_status_filter(self, value: str):
        self.status_filter, self.page = (value if value in user_directory.STATUSES else ANY), 1
        return self._reload()

    @rx.event
    def choose_organization(self, organization_id: str, name: str):
        self.org_filter_id = int(organization_id) if str(organization_id).isdigit() else 0
        self.org_filter_name, self.page = (str(name)[:200] if self.org_filter_id else ""), 1
        return self._reload()

    @rx.event
    def clear_filters(self):
        self.search, self.role_filter, self.status_filter = "", ANY, ANY
        self.org_filter_id, self.org_filter_name, self.page = 0, "", 1
        return self._reload()

    @rx.event
    def set_active(self, user_id: int, active: bool):
        # The page offers no Disable on the admin's own row; the service refuses it all the same.
        self.error = ""
        applied = self._apply("admin", lambda s, a: accounts.set_user_active(
            session=s, actor=a, user_id=int(user_id), active=bool(active), now=utcnow()))
        if not applied.ok:
            return self._report(applied)
        user = applied.value
        self._reload()
        return rx.toast.success(f"{user.full_name} is {'enabled' if user.is_active else 'disabled'}.",
                                position="top-center")

    @rx.event
    def ask_role(self, user_id: int, role: str):
        """A role picked in a row: ask first, saying what changes for the person."""
        _actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        row = next((r for r in self.rows if r["id"] == int(user_id)), None)
        if row is None or role not in ROLES or role == row["role"]:
            return None
        title, text = role_change_question(row["full_name"], row["role"], role)
        self.pending_role = {"id": str(row["id"]), "to": role, "title": title, "text": text}
        return None

    @rx.event
    def role_dialog_changed(self, open_: bool):
        """Cancel, Escape or a click outside: the role stays as it is."""
        if not open_:
            self.pending_role = {}

    @rx.event
    def confirm_role(self):
        pending, self.pending_role = self.pending_role, {}
        if not pending:
            return None
        applied = self._apply("admin", lambda s, a: admin_users.change_role(
            session=s, actor=a, user_id=int(pending["id"]), role=pending["to"], now=utcnow()))
        if applied.redirect:
            return applied.redirect
        self._reload()  # the row's role shows what is stored either way
        if applied.refusal:
            return rx.toast.error(str(applied.refusal), position="top-center")
        user = applied.value
        return rx.toast.success(f"{user.full_name} is now {as_role(user.role)}.", position="top-center")
