"""Sign-in page."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.errors import DomainError, NotAuthenticated
from app.services.accounts import users as accounts
from app.ui import routes
from app.ui.layout import error_callout
from app.ui.state import SessionState, client_address, utcnow


class LoginState(SessionState):
    error: str = ""
    busy: bool = False

    @rx.event
    async def check_already_signed_in(self):
        """A signed-in visitor of /login goes straight to their home page; anyone else
        starts from a clean tab (whatever an ended session left in it is dropped)."""
        try:
            with session_scope() as session:
                user = accounts.resolve_session(session=session, token=self.token, now=utcnow())
        except NotAuthenticated:
            await self._clear_tab()
            return None
        self._remember(user)
        return rx.redirect(routes.home_for_role(user.role))

    @rx.event
    async def submit(self, form: dict):
        self.error = ""
        self.busy = True
        yield
        try:
            with session_scope() as session:
                result = accounts.login(
                    session=session,
                    email=str(form.get("email", "")),
                    password=str(form.get("password", "")),
                    now=utcnow(),
                    address=client_address(self),
                )
        except DomainError as err:
            self.error = str(err)
            self.busy = False
            return
        # A new sign-in starts from a clean tab, whoever used it before.
        await self._clear_tab()
        self.token = result.token
        self._remember(result.user)
        self.busy = False
        yield rx.redirect(routes.home_for_role(result.user.role))


def _label(text: str, for_id: str) -> rx.Component:
    return rx.el.label(rx.text(text, size="2", weight="medium"), html_for=for_id)


def login_page() -> rx.Component:
    return rx.center(
        rx.card(
            rx.form(
                rx.vstack(
                    rx.hstack(rx.image(src="/brand-mark.svg", alt="", width="32px", height="32px"), rx.heading("Success Portal", size="6"), align="center"),
                    rx.text("Sign in to continue your training or review your customers.", color_scheme="gray", size="2"),
                    error_callout(LoginState.error),
                    _label("Email", "email"),
                    rx.input(id="email", name="email", type="email", placeholder="you@company.com",
                             auto_complete="username", required=True, width="100%", size="3"),
                    _label("Password", "password"),
                    rx.input(id="password", name="password", type="password", auto_complete="current-password",
                             required=True, width="100%", size="3"),
                    rx.button(
                        rx.cond(LoginState.busy, rx.spinner(size="2"), rx.icon("log-in", size=16)),
                        "Sign in",
                        type="submit",
                        disabled=LoginState.busy,
                        width="100%",
                        size="3",
                        id="sign-in",
                    ),
                    rx.text("Forgot your password? Ask your administrator to reset it.", size="1", color_scheme="gray"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=LoginState.submit,
                reset_on_submit=False,
            ),
            width="100%",
            max_width="24rem",
            size="4",
        ),
        min_height="100vh",
        padding="1rem",
        background_color=rx.color("gray", 2),
    )
