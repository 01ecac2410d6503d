"""Every admin page handler refuses CSMs and learners, even when the event is crafted."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from sqlmodel import select

from app.db import session_scope
from app.models import AuditEvent
from app.ui import routes
from app.ui.pages.admin.content import AdminContentState
from app.ui.pages.admin.course import AdminCourseState
from app.ui.pages.admin.audit import AdminAuditState
from app.ui.pages.admin.certificates import AdminCertificatesState
from app.ui.pages.admin.jobs import AdminJobsState
from app.ui.pages.admin.organizations import AdminOrganizationsState
from app.ui.pages.admin.track import AdminTrackState
from app.ui.pages.admin.users_forms import AdminUserFormsState
from app.ui.pages.admin.users_list import AdminUsersState
from tests.ui.test_handler_guards import _is_redirect_to, _state, _token, people  # noqa: F401

CSV = "email,first_name,last_name,role,organization\nnew@vendor.test,New,Person,admin,Vendor\n"
# What an upload handler receives: objects with the file's name and a binary stream.
CSV_FILE = SimpleNamespace(name="users.csv", file=io.BytesIO(CSV.encode()))
HANDLERS = [
    (AdminContentState, "load", ()),
    (AdminContentState, "create_track", ({"slug": "x", "title": "X"},)),
    (AdminContentState, "move", (1, 1)),
    (AdminTrackState, "load", ()),
    (AdminTrackState, "set_title", ("X",)),
    (AdminTrackState, "set_description", ("X",)),
    (AdminTrackState, "save", ()),
    (AdminTrackState, "publish", (True,)),
    (AdminTrackState, "add_course", ({"slug": "c", "title": "C"},)),
    (AdminTrackState, "move", (1, 1)),
    (AdminCourseState, "load", ()),
    (AdminCourseState, "set_field", ("title", "X")),
    (AdminCourseState, "save_course", ()),
    (AdminCourseState, "publish", (False,)),
    (AdminCourseState, "save_quiz", ()),
    (AdminCourseState, "edit_question", (1,)),
    (AdminCourseState, "new_question", ()),
    (AdminCourseState, "save_question", ()),
    (AdminCourseState, "remove_question", (1,)),
    (AdminUsersState, "load", ()),
    (AdminUsersState, "refresh", ()),
    (AdminUsersState, "set_search", ("a",)),
    (AdminUsersState, "set_role_filter", ("admin",)),
    (AdminUsersState, "set_status_filter", ("active",)),
    (AdminUsersState, "choose_organization", ("1", "Vendor")),
    (AdminUsersState, "clear_filters", ()),
    (AdminUsersState, "go_to_page", (2,)),
    (AdminUsersState, "search_organizations", ("a",)),
    (AdminUsersState, "set_active", (1, False)),
    (AdminUsersState, "ask_role", (1, "admin")),
    (AdminUserFormsState, "set_create_open", (True,)),
    (AdminUserFormsState, "set_import_open", (True,)),
    (AdminUserFormsState, "search_organizations", ("a",)),
    (AdminUserFormsState, "create_user", ({"email": "x@vendor.test", "password": "long-enough-pw", "role": "admin",
                                           "organization": "Vendor", "first_name": "X", "last_name": "Y"},)),
    (AdminUserFormsState, "create_user", ({"email": "x@vendor.test", "organization": ""},)),
    (AdminUserFormsState, "set_csv_text", (CSV,)),
    (AdminUserFormsState, "import_csv", ()),
    (AdminUserFormsState, "import_csv_file", ([CSV_FILE],)),
    (AdminCertificatesState, "load", ()),
    (AdminCertificatesState, "search", ({"query": "CERT"},)),
    (AdminCertificatesState, "show_history", ("CERT-2026-00001",)),
    (AdminCertificatesState, "revoke", ({"reason": "x"},)),
    (AdminAuditState, "load", ()),
    (AdminAuditState, "filter", ({},)),
    (AdminAuditState, "go_to_page", (2,)),
    (AdminOrganizationsState, "load", ()),
    (AdminOrganizationsState, "set_search", ("a",)),
    (AdminOrganizationsState, "go_to_page", (2,)),
    (AdminOrganizationsState, "set_create_open", (True,)),
    (AdminOrganizationsState, "edit", (1,)),
    (AdminOrganizationsState, "create", ({"name": "N", "industry": "Retail", "employee_count": "5"},)),
    (AdminJobsState, "load", ()),
]


def _admin_actions() -> list[str]:
    with session_scope() as s:
        return [a for a in s.exec(select(AuditEvent.action)).all() if not a.startswith("auth.")]


@pytest.mark.parametrize("email", ["lena@acme.test", "cara@vendor.test"])
@pytest.mark.parametrize("cls, handler, args", HANDLERS, ids=[f"{c.__name__}.{h}" for c, h, _ in HANDLERS])
async def test_admin_handlers_refuse_csms_and_learners(people, email, cls, handler, args):  # noqa: F811
    state = await _state(cls, _token(email))
    if handler == "import_csv":
        state.csv_text = CSV
    before = _admin_actions()
    event = getattr(state, handler)(*args)
    assert _is_redirect_to(event, routes.FORBIDDEN), f"{cls.__name__}.{handler} let a {email} through"
    assert _admin_actions() == before


@pytest.mark.parametrize("email", ["lena@acme.test", "cara@vendor.test"])
async def test_confirming_a_role_change_or_saving_an_organization_refuses_csms_and_learners(people, email):  # noqa: F811
    """What a crafted event could hold in state (a pending role change, an organization being
    edited) still needs the admin role when it is acted on."""
    users = await _state(AdminUsersState, _token(email))
    users.pending_role = {"id": "1", "to": "admin", "title": "", "text": ""}
    orgs = await _state(AdminOrganizationsState, _token(email))
    orgs.editing = {"id": "1", "name": "Vendor", "industry": "Retail", "employee_count": "5"}
    before = _admin_actions()
    assert _is_redirect_to(users.confirm_role(), routes.FORBIDDEN)
    assert _is_redirect_to(orgs.update({"industry": "Retail", "employee_count": "5"}), routes.FORBIDDEN)
    assert _admin_actions() == before


async def test_an_admin_creates_a_track_from_the_page_state(people):  # noqa: F811
    state = await _state(AdminContentState, _token("ada@vendor.test"))
    event = state.create_track({"slug": "new-track", "title": "New track"})
    assert _is_redirect_to(event, "/admin/content/1") and state.error == ""
    assert "track.create" in _admin_actions()
