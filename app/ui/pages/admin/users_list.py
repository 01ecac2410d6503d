"""The admins' user list: search, enable and disable accounts."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.services.accounts import users as accounts
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
        # The service refuses an admin disabling their own account; its message is shown.
        self.error = ""
        applied = self._apply("admin", lambda s, a: accounts.set_user_active(
            session=s, actor=a, user_id=int(user_id), active=bool(active), now=utcnow()))
        if not applied.ok:
            return self._report(applied)
        return self._reload()
