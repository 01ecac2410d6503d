"""The browser session: who is signed in, and the role check every handler runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

import reflex as rx

from app.db import session_scope
from app.domain.errors import DomainError, NotAuthenticated, PermissionDenied
from app.services.accounts import users as accounts
from app.services.dto import UserDTO
from app.ui import routes


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Applied:
    """What ``SessionState._apply`` did: where to go instead, the rule that refused, or the change's result."""

    actor: UserDTO | None = None
    redirect: Any = None
    refusal: DomainError | None = None
    value: Any = None

    @property
    def ok(self) -> bool:
        """The change happened: no redirect, no refusal."""
        return self.redirect is None and self.refusal is None


class SessionState(rx.State):
    # The bearer token; the server keeps only its hash and checks it on every event.
    token: str = rx.LocalStorage("", name="sp_token", sync=True)
    user_name: str = ""
    user_email: str = ""
    user_role: str = ""
    organization_name: str = ""

    def _remember(self, user: UserDTO) -> None:
        self.user_name = user.full_name
        self.user_email = user.email
        self.user_role = user.role
        self.organization_name = user.organization_name

    def _forget(self) -> None:
        self.token = ""
        self.user_name = self.user_email = self.user_role = self.organization_name = ""

    def _authorize(self, *roles: str) -> tuple[UserDTO | None, rx.event.EventSpec | None]:
        """Resolve the session and check the role; on failure, also return where to go.

        Every handler that reads or changes protected data calls this first: a page's
        on_load guard alone would not stop a crafted event.
        """
        try:
            with session_scope() as session:
                user = accounts.resolve_session(session=session, token=self.token, now=utcnow())
            if roles:
                accounts.require_role(user, *roles)
        except NotAuthenticated:
            self._forget()
            return None, rx.redirect(routes.LOGIN)
        except PermissionDenied:
            return None, rx.redirect(routes.FORBIDDEN)
        self._remember(user)
        return user, None

    def _apply(self, role: str, change: Callable[[Any, UserDTO], Any] | None) -> Applied:
        """Check the role, then run ``change(session, actor)`` in one transaction.

        A rule's refusal (a DomainError) rolls the transaction back and is returned, for the
        page to show; ``change`` None only checks the role.
        """
        actor, redirect = self._authorize(role)
        if redirect:
            return Applied(redirect=redirect)
        if change is None:
            return Applied(actor=actor)
        try:
            with session_scope() as session:
                return Applied(actor=actor, value=change(session, actor))
        except DomainError as err:
            return Applied(actor=actor, refusal=err)

    def _report(self, applied: Applied, field: str = "error"):
        """For a change that did not happen: show the rule's refusal in ``field``; return where to go, if anywhere.

        The idiom of a handler that authorizes, changes and reports:
        ``applied = self._apply(role, change)``, then ``if not applied.ok: return self._report(applied)``.
        """
        if applied.refusal is not None:
            setattr(self, field, str(applied.refusal))
        return applied.redirect

    @rx.event
    def go_home(self):
        user, redirect = self._authorize()
        return redirect or rx.redirect(routes.home_for_role(user.role))

    @rx.event
    def load_identity(self):
        """For pages any signed-in user may see (e.g. the forbidden page)."""
        _user, redirect = self._authorize()
        return redirect

    @rx.event
    def sign_out(self):
        if self.token:
            with session_scope() as session:
                accounts.logout(session=session, token=self.token, now=utcnow())
        self._forget()
        return rx.redirect(routes.LOGIN)
