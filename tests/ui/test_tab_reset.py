"""A tab outlives a sign-in: signing out, an ended session and a new sign-in leave no page data behind.

The states are found by walking the state tree, so a page added later is checked without
changing this test.
"""

from __future__ import annotations

from datetime import datetime, timezone

import inspect
import types
import typing

import pytest
import reflex as rx
from sqlalchemy import update

import app.app as portal
from app.db import session_scope
from app.models import AuthSession
from app.services.accounts import users as accounts
from app.ui import routes
from app.ui.pages.admin.users_forms import AdminUserFormsState
from app.ui.pages.admin.users_list import AdminUsersState
from app.ui.pages.public.login import LoginState
from app.ui.state import SessionState
from app.ui.tab_guard import TabGuard
from tests.factories import PASSWORD, make_org, make_user

LEFT_BEHIND = "left-behind@acme.test"


def _page_states(cls=rx.State):
    """Every state class of the portal's pages (Reflex's own internal states excluded)."""
    for sub in cls.get_substates():
        if not sub.__module__.startswith("reflex"):
            yield sub
        yield from _page_states(sub)


def _own_vars(state) -> dict:
    cls = type(state)
    return {name: field for name, field in cls.__fields__.items()
            if field._owner is cls and name in cls.base_vars and not name.startswith("rx_router")}


def _sample(annotation):
    """A value of the annotated type unlike any default (which are empty, zero or false)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (list, tuple, set) or annotation in (list, tuple, set):
        return [_sample(args[0] if args else str)]
    if origin is dict or annotation is dict:
        return {"left": _sample(args[1] if len(args) == 2 else str)}
    if origin in (typing.Union, types.UnionType):
        return _sample(next(a for a in args if a is not type(None)))
    if annotation is bool:
        return True
    if annotation in (int, float):
        return 7
    return LEFT_BEHIND


def _dirty(field):
    value = _sample(field.outer_type_)
    return (not value) if field.type_ is bool and field.default_value() else value


async def _tab_full_of_data():
    """A tab whose every page state holds data (as after an admin visited every page)."""
    for component, *_ in portal.PAGES:
        component()  # building the pages registers every state they use (some are imported lazily)
    root = rx.State(_reflex_internal_init=True)
    classes = list(_page_states())
    assert len(classes) > 20  # the walk finds the pages' states
    for cls in classes:
        state = await root.get_state(cls)
        for name, field in _own_vars(state).items():
            setattr(state, name, _dirty(field))
    return root, classes


async def _leftovers(root, classes, allowed=()) -> list[str]:
    found = []
    for cls in classes:
        state = await root.get_state(cls)
        for name, field in _own_vars(state).items():
            if name not in allowed and getattr(state, name) != field.default_value():
                found.append(f"{cls.__name__}.{name}={getattr(state, name)!r}")
    return found


async def _run(outcome):
    """Run a handler's outcome to its end, whether the handler is sync, async or a generator."""
    if inspect.isawaitable(outcome):
        return await outcome
    if inspect.isasyncgen(outcome):
        return [event async for event in outcome]
    if inspect.isgenerator(outcome):
        return list(outcome)
    return outcome


def _token(email: str) -> str:
    with session_scope() as s:
        return accounts.login(session=s, email=email, password=PASSWORD, now=datetime.now(timezone.utc)).token


@pytest.fixture
def people(db):
    make_org("Acme Health")
    make_user("ada@acme.test", "admin")
    make_user("lena@acme.test")


async def test_signing_out_resets_every_page_state_of_the_tab(people):
    root, classes = await _tab_full_of_data()
    session = await root.get_state(SessionState)
    session.token = _token("ada@acme.test")
    await _run(session.sign_out())
    assert await _leftovers(root, classes) == []


async def test_an_ended_session_resets_the_tab_before_sending_it_to_sign_in(people):
    root, classes = await _tab_full_of_data()
    users = await root.get_state(AdminUsersState)
    users.token = _token("ada@acme.test")
    with session_scope() as s:  # the session is revoked elsewhere (or expires)
        s.exec(update(AuthSession).values(revoked_at=datetime.now(timezone.utc)))
    events = users.load()
    assert users.rows == [] and users.token == ""  # this page at once
    assert isinstance(events, list) and events[0].fn is SessionState.clear_tab.fn
    assert events[1].args[0][1]._var_value == routes.LOGIN
    await (await root.get_state(SessionState)).clear_tab()
    assert await _leftovers(root, classes) == []  # and every other page with the follow-up event


async def test_a_new_sign_in_starts_from_a_clean_tab(people):
    root, classes = await _tab_full_of_data()
    login = await root.get_state(LoginState)
    login.token = ""
    await _run(login.submit({"email": "lena@acme.test", "password": PASSWORD}))
    assert login.user_email == "lena@acme.test" and login.token
    identity = ("token", "user_name", "user_email", "user_role", "organization_name")
    assert await _leftovers(root, classes, allowed=identity) == []


async def test_opening_sign_in_without_a_live_session_clears_the_tab(people):
    root, classes = await _tab_full_of_data()
    login = await root.get_state(LoginState)
    login.token = "expired-or-forged"
    assert await _run(login.check_already_signed_in()) is None
    assert await _leftovers(root, classes) == []


def _event(handler, **payload):
    from reflex_base.event import Event
    from reflex_base.utils.format import format_event_handler

    return Event(name=format_event_handler(handler), payload=payload)


async def test_a_page_load_after_the_session_ended_sends_a_clean_tab(people):
    root, classes = await _tab_full_of_data()
    (await root.get_state(SessionState)).token = "a-token-that-ended"
    assert await TabGuard().preprocess(None, root, _event(rx.State.hydrate_and_load)) is None
    assert await _leftovers(root, classes) == []


async def test_a_page_load_drops_initial_passwords_but_keeps_a_live_session(people):
    root, _ = await _tab_full_of_data()
    token = _token("ada@acme.test")
    (await root.get_state(SessionState)).token = token
    await TabGuard().preprocess(None, root, _event(rx.State.hydrate_and_load))
    forms = await root.get_state(AdminUserFormsState)
    assert forms.imported == [] and forms.token == token and forms.csv_text == LEFT_BEHIND


@pytest.mark.parametrize("bad", ["Ada\x00", "\ud800", {"name": ["ok", "x\x00"]}])
async def test_an_event_carrying_nul_or_invalid_unicode_is_refused_before_any_handler(people, bad):
    root = rx.State(_reflex_internal_init=True)
    update = await TabGuard().preprocess(None, root, _event(AdminUserFormsState.create_user, form=bad))
    assert update is not None and "does not accept" in str(update.events[0].payload)
    assert await TabGuard().preprocess(None, root, _event(AdminUserFormsState.create_user, form={"a": "fine"})) is None
