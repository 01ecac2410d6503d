"""Event handlers check the role themselves: a crafted event cannot skip the page guard."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import reflex as rx
from sqlmodel import select

from app.db import session_scope
from app.models import User
from app.services.accounts import users as accounts
from app.ui import routes
from app.ui.pages.admin.users_list import AdminUsersState
from app.ui.pages.csm.customers import CustomersState
from app.ui.pages.learner.tracks import TracksState
from tests.factories import PASSWORD, make_org, make_user


def _token(email: str) -> str:
    # Handlers use the real clock, so sign in with it too.
    with session_scope() as s:
        return accounts.login(session=s, email=email, password=PASSWORD, now=datetime.now(timezone.utc)).token


@pytest.fixture
def people(db):
    make_org("Acme Health")
    make_org("Vendor", "Software", 300)
    return {
        "learner": make_user("lena@acme.test"),
        "csm": make_user("cara@vendor.test", "csm", org="Vendor"),
        "admin": make_user("ada@vendor.test", "admin", org="Vendor"),
    }


async def _state(cls, token: str):
    root = rx.State(_reflex_internal_init=True)
    state = await root.get_state(cls)
    state.token = token
    return state


def _is_redirect_to(event, path: str) -> bool:
    """True when ``event`` is rx.redirect(path), or a list of events ending with it."""
    if isinstance(event, list):
        event = event[-1] if event else None
    if event is None or not hasattr(event, "args"):
        return False
    args = {name._js_expr: getattr(value, "_var_value", None) for name, value in event.args}
    return args.get("path") == path


def _active(email: str) -> bool:
    with session_scope() as s:
        return s.exec(select(User.is_active).where(User.email == email)).one()


async def test_a_learner_cannot_disable_a_user_by_sending_the_event(people):
    state = await _state(AdminUsersState, _token("lena@acme.test"))
    event = state.set_active(people["csm"].id, False)
    assert _is_redirect_to(event, routes.FORBIDDEN)
    assert _active("cara@vendor.test")


async def test_a_csm_cannot_disable_a_user_either(people):
    state = await _state(AdminUsersState, _token("cara@vendor.test"))
    assert _is_redirect_to(state.set_active(people["learner"].id, False), routes.FORBIDDEN)
    assert _active("lena@acme.test")


async def test_an_admin_can_disable_a_user_but_not_themself(people):
    state = await _state(AdminUsersState, _token("ada@vendor.test"))
    done = state.set_active(people["learner"].id, False)  # a toast says so
    assert not _is_redirect_to(done, routes.FORBIDDEN) and state.error == ""
    assert not _active("lena@acme.test")
    assert state.set_active(people["admin"].id, False) is None
    assert "cannot disable your own account" in state.error and _active("ada@vendor.test")


async def test_a_learner_filtering_the_customer_list_is_refused_and_gets_no_rows(people):
    state = await _state(CustomersState, _token("lena@acme.test"))
    assert _is_redirect_to(list(state.set_search("Acme")), routes.FORBIDDEN)
    assert state.rows == []


async def test_without_a_valid_token_handlers_send_to_sign_in(people):
    state = await _state(TracksState, "forged-token")
    assert _is_redirect_to(state.load(), routes.LOGIN)
    assert state.tracks == [] and state.token == ""


async def test_a_learner_loads_their_tracks(people):
    state = await _state(TracksState, _token("lena@acme.test"))
    assert state.load() is None and state.loading is False and state.user_role == "learner"
