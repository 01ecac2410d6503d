"""Admin page states: role changes wait for a confirmation that says what changes; the course
editor knows when it holds unsaved edits; the audit page asks the API for the same filter."""

from __future__ import annotations

import reflex as rx
from reflex.istate.data import RouterData
from sqlmodel import select

from app.db import session_scope
from app.models import Course, User
from app.ui.pages.admin.audit import AdminAuditState
from app.ui.pages.admin.course import AdminCourseState
from app.ui.pages.admin.users_list import AdminUsersState
from tests.training_fixtures import make_track
from tests.ui.test_handler_guards import _token, people  # noqa: F401


async def _state(cls, token: str, path: str = "/admin/users"):
    root = rx.State(_reflex_internal_init=True)
    root.router = RouterData.from_router_data({"headers": {"origin": "http://portal.test"}, "asPath": path})
    state = await root.get_state(cls)
    state.token = token
    return state


def _role(email: str) -> str:
    with session_scope() as s:
        return s.exec(select(User.role).where(User.email == email)).one()


async def test_a_role_change_asks_first_saying_what_changes_and_cancel_changes_nothing(people):  # noqa: F811
    state = await _state(AdminUsersState, _token("ada@vendor.test"))
    state.load()
    lena = next(r for r in state.rows if r["email"] == "lena@acme.test")
    state.ask_role(lena["id"], "admin")
    assert state.pending_role["title"] == "Make Lena Tester an admin?"
    assert "manage users, organizations" in state.pending_role["text"]
    assert "no longer take training" in state.pending_role["text"]
    assert _role("lena@acme.test") == "learner"  # nothing yet
    state.role_dialog_changed(False)  # Cancel or Escape
    assert state.pending_role == {} and _role("lena@acme.test") == "learner"

    state.ask_role(lena["id"], "csm")
    state.confirm_role()
    assert _role("lena@acme.test") == "csm" and state.pending_role == {}
    assert next(r for r in state.rows if r["email"] == "lena@acme.test")["role_label"] == "CSM"


async def test_picking_the_same_role_asks_nothing_and_your_own_row_is_marked(people):  # noqa: F811
    state = await _state(AdminUsersState, _token("ada@vendor.test"))
    state.load()
    lena = next(r for r in state.rows if r["email"] == "lena@acme.test")
    state.ask_role(lena["id"], "learner")
    assert state.pending_role == {}
    assert [r["email"] for r in state.rows if r["is_self"]] == ["ada@vendor.test"]
    assert next(r for r in state.rows if r["is_self"])["last_sign_in"].endswith(" UTC")


async def test_the_users_page_opens_with_the_search_of_a_link(people):  # noqa: F811
    state = await _state(AdminUsersState, _token("ada@vendor.test"), "/admin/users?search=cara%40vendor.test")
    state.load()
    assert state.search == "cara@vendor.test" and [r["email"] for r in state.rows] == ["cara@vendor.test"]
    assert state.summary == "1–1 of 1 users"


async def test_the_course_editor_knows_when_it_holds_unsaved_edits(people):  # noqa: F811
    make_track(courses=1, questions=2)
    with session_scope() as s:
        course_id = s.exec(select(Course.id)).one()
    state = await _state(AdminCourseState, _token("ada@vendor.test"), f"/admin/courses/{course_id}")
    state.load()
    assert state.unsaved is False
    state.set_field("content", "## New text")
    assert state.unsaved is True
    state.set_field("content", "Read this.")  # typed back to what is stored
    assert state.unsaved is False
    state.set_field("content", "## New text")
    state.save_course()
    assert state.unsaved is False and state.error == ""
    state.set_field("q_prompt", "A half-written question")
    assert state.unsaved is True
    state.new_question()  # Clear
    assert state.unsaved is False
    state.edit_question(state.questions[0]["id"])
    assert state.unsaved is False  # opened, not changed
    revision = state.revision
    state.set_field("q_points", "5")
    assert state.unsaved is True and state.revision > revision


async def test_the_audit_download_asks_the_api_for_the_filter_applied(people):  # noqa: F811
    state = await _state(AdminAuditState, _token("ada@vendor.test"), "/admin/audit")
    state.load()
    assert state.csv_href == "/api/admin/audit?format=csv"
    state.filter({"actor": "ada", "action": "user.", "since": "2026-01-01", "until": ""})
    assert state.csv_href == "/api/admin/audit?actor=ada&action=user.&since=2026-01-01&format=csv"
    state.filter({"actor": "", "action": "user.; drop", "since": "", "until": ""})  # not a choice on the page
    assert state.csv_href == "/api/admin/audit?format=csv"
