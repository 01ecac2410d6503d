"""The browser session: who is signed in, and the role check every handler runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

import reflex as rx

from app.db import session_scope
from app.domain import ratelimit
from app.domain.errors import DomainError, NotAuthenticated, PermissionDenied
from app.services.accounts import users as accounts
from app.services.dto import UserDTO
from app.settings import get_settings
from app.ui import routes


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def client_address(state: rx.State) -> str:
    """The tab's address as the throttles count it (X-Forwarded-For only from TRUSTED_PROXIES)."""
    headers = state.router.headers.raw_headers
    return ratelimit.client_address(state.router.session.client_ip or headers.get("asgi-scope-client"),
                                    headers.get("x-forwarded-for"), get_settings().trusted_proxies)


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
        """Sign the tab out here and now: every page state this event loaded goes back to its defaults.

        States of other pages may not be loaded for this event (with Redis, an event loads only
        its own page's states): ``_authorize`` follows up with ``clear_tab`` for those.
        """
        for state in _app_states(self._get_root_state().substates.values()):
            state.reset()

    async def _clear_tab(self) -> None:
        """Every page state of this tab back to its defaults, loaded or not.

        A tab outlives a sign-in: without this, the next person to sign in in the same tab
        would be sent the previous user's page data (user lists, initial passwords...).
        The states are found by walking the state tree, so a page added later is included.
        """
        root = self._get_root_state()
        for state_cls in _app_states(type(root).get_substates()):
            (await self.get_state(state_cls)).reset()

    async def _before_full_load(self) -> None:
        """A page load sends the tab's whole state to the browser: drop what must not go with it.

        A tab whose session ended (expired, revoked, disabled) while it was closed or idle is
        cleared before anything is sent; otherwise only the things shown once (``SHOW_ONCE``).
        """
        if self.token and not _session_is_live(self.token):
            await self._clear_tab()
            return
        for state in _app_states(_tree(self._get_root_state())):
            for name in getattr(type(state), "SHOW_ONCE", ()):
                setattr(state, name, type(state).__fields__[name].default_value())

    @rx.event
    async def clear_tab(self):
        """After a session ended (expired, revoked, user disabled): forget what the tab held."""
        await self._clear_tab()

    def _authorize(self, *roles: str) -> tuple[UserDTO | None, Any]:
        """Resolve the session and check the role; on failure, also return the events to send
        instead (where to go; after an ended session, clearing the tab first).

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
            return None, [SessionState.clear_tab, rx.redirect(routes.LOGIN)]
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
    async def sign_out(self):
        if self.token:
            with session_scope() as session:
                accounts.logout(session=session, token=self.token, now=utcnow())
        await self._clear_tab()
        return rx.redirect(routes.LOGIN)


def _session_is_live(token: str) -> bool:
    try:
        with session_scope() as session:
            accounts.resolve_session(session=session, token=token, now=utcnow())
    except NotAuthenticated:
        return False
    return True


def _tree(state) -> list:
    """``state`` and every substate loaded under it."""
    return [state, *[s for sub in state.substates.values() for s in _tree(sub)]]


def _app_states(states):
    """The portal's own states among ``states`` (instances or classes): Reflex's internal
    states (on-load bookkeeping, shared-state plumbing) are not page data and stay as they are."""
    return [s for s in states if not (s if isinstance(s, type) else type(s)).__module__.startswith("reflex")]
