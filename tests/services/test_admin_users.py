"""Admin use cases for people and organizations."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from app.db import session_scope
from app.domain.errors import InvalidCredentials, NotAuthenticated, PermissionDenied
from app.models import AuditEvent, User
from app.services.accounts import users as accounts
from app.services.accounts import organizations_admin as admin_organizations
from app.services.accounts import imports as user_imports
from app.services.accounts import users_admin as admin_users
from tests.conftest import NOW
from tests.factories import admin_csm_and_learner, login_token


@pytest.fixture
def people(db):
    return admin_csm_and_learner()


GOOD_CSV = ("email,first_name,last_name,role,organization\n"
            "Nia@Acme.test,Nia,Ng,learner,Acme Health\n"
            "omar@vendor.test,Omar,Obi,csm,Vendor\n")


def _user_count(s) -> int:
    return s.exec(select(func.count(User.id))).one()


def test_a_csv_import_creates_every_row_with_an_initial_password_that_signs_in(people):
    with session_scope() as s:
        imported = user_imports.import_users_csv(session=s, actor=people["admin"], text=GOOD_CSV, now=NOW)
    assert [u.email for u in imported] == ["nia@acme.test", "omar@vendor.test"]
    with session_scope() as s:
        assert accounts.login(session=s, email="nia@acme.test", password=imported[0].initial_password, now=NOW)


def test_one_bad_row_imports_nothing_and_every_bad_row_is_named_by_line(people):
    text = GOOD_CSV + ("lena@acme.test,Lena,Again,learner,Acme Health\n"
                       "not-an-email,X,Y,boss,Nowhere Inc\n"
                       "omar@vendor.test,Omar,Twice,csm,Vendor\n")
    with session_scope() as s, pytest.raises(user_imports.ImportRejected) as err:
        user_imports.import_users_csv(session=s, actor=people["admin"], text=text, now=NOW)
    problems = "\n".join(err.value.problems)
    assert "line 4, email: lena@acme.test already has an account" in problems
    assert "line 5, email:" in problems and "line 5, role:" in problems and "line 5, organization:" in problems
    assert "line 6, email: omar@vendor.test appears twice in the file" in problems
    with session_scope() as s:
        assert _user_count(s) == 3


def test_a_stepwise_import_hashes_outside_any_transaction_and_checks_again_before_writing(people):
    """While passwords are hashed, the rest of the portal can write (SQLite would otherwise wait for
    the import's lock); what changed meanwhile is caught before anything is written."""
    def meanwhile(done: int, total: int) -> None:
        if done == 1:  # another admin creates one of the file's users during the hashing
            with session_scope() as s:
                accounts.create_user(session=s, email="omar@vendor.test", password="another-password", role="csm",
                                     organization_name="Vendor", first_name="Omar", last_name="Obi", now=NOW)

    with pytest.raises(user_imports.ImportRejected) as err:
        user_imports.import_users_in_steps(actor=people["admin"], text=GOOD_CSV, now=NOW, on_progress=meanwhile)
    assert err.value.problems == ["line 3, email: omar@vendor.test already has an account"]
    with session_scope() as s:
        assert _user_count(s) == 4  # the three people and the other admin's Omar; nobody from the file
    progress: list[tuple[int, int]] = []
    text = GOOD_CSV.replace("omar@vendor.test", "olga@vendor.test")
    imported = user_imports.import_users_in_steps(actor=people["admin"], text=text, now=NOW,
                                                 on_progress=lambda done, total: progress.append((done, total)))
    assert [u.email for u in imported] == ["nia@acme.test", "olga@vendor.test"] and progress == [(1, 2), (2, 2)]


def test_a_csv_without_the_needed_columns_is_refused(people):
    with session_scope() as s, pytest.raises(user_imports.ImportRejected, match="missing column"):
        user_imports.import_users_csv(session=s, actor=people["admin"], text="email\nx@y.test\n", now=NOW)


def test_changing_a_role_is_audited_and_an_admin_cannot_demote_themself(people):
    with session_scope() as s:
        assert admin_users.change_role(session=s, actor=people["admin"], user_id=people["learner"].id, role="csm",
                                       now=NOW).role == "csm"
        with pytest.raises(Exception, match="cannot remove your own admin role"):
            admin_users.change_role(session=s, actor=people["admin"], user_id=people["admin"].id, role="learner",
                                    now=NOW)
        assert s.exec(select(AuditEvent.detail).where(AuditEvent.action == "user.change_role")).one() == {
            "from": "learner", "to": "csm"}


def test_deactivating_a_user_ends_their_sessions_at_once(people):
    token = login_token("lena@acme.test")
    with session_scope() as s:
        accounts.set_user_active(session=s, actor=people["admin"], user_id=people["learner"].id, active=False, now=NOW)
    with session_scope() as s, pytest.raises(NotAuthenticated):
        accounts.resolve_session(session=s, token=token, now=NOW)
    with session_scope() as s, pytest.raises(InvalidCredentials):
        login_token("lena@acme.test")


def test_an_admin_sets_an_organizations_industry_and_size(people):
    with session_scope() as s:
        org_id = admin_organizations.create_organization(session=s, actor=people["admin"], name="Initech",
                                                         industry="Retail", employee_count=30, now=NOW).id
        org = admin_organizations.update_organization(session=s, actor=people["admin"], organization_id=org_id,
                                                      industry="Healthcare", employee_count=1500, now=NOW)
    assert (org.industry, org.employee_count, org.size_range) == ("Healthcare", 1500, "1001+")


@pytest.mark.parametrize("role", ["csm", "learner"])
def test_only_admins_manage_people_and_organizations(people, role):
    actor = people[role]
    calls = [
        lambda s: user_imports.import_users_csv(session=s, actor=actor, text=GOOD_CSV, now=NOW),
        lambda s: admin_users.change_role(session=s, actor=actor, user_id=actor.id, role="admin", now=NOW),
        lambda s: admin_users.create_user(session=s, actor=actor, email="x@vendor.test", password="long-enough-pw",
                                          role="admin", organization_name="Vendor", first_name="X", last_name="Y",
                                          now=NOW),
        lambda s: admin_organizations.update_organization(session=s, actor=actor, organization_id=1,
                                                          industry="Retail", employee_count=5, now=NOW),
    ]
    for call in calls:
        with session_scope() as s, pytest.raises(PermissionDenied):
            call(s)
