"""The admins' user list: filters, pages, last sign-in; organizations by page and by name."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.db import session_scope
from app.domain.errors import InvalidInput, PermissionDenied
from app.services.accounts import organizations_admin as admin_organizations
from app.services.accounts import users as accounts
from app.services.accounts import user_directory
from tests.conftest import NOW
from tests.factories import admin_csm_and_learner, login_token, make_org, make_user


@pytest.fixture
def people(db):
    people = admin_csm_and_learner()
    make_org("Acme Retail", "Retail", 40)
    make_org("Northwind Acme", "Energy", 900)
    for n in range(7):
        make_user(f"learner{n}@acme.test", org="Acme Retail")
    return people


def _page(admin, **filters):
    with session_scope() as s:
        return user_directory.list_users_page(session=s, actor=admin, **filters)


def test_filters_combine_role_organization_status_and_search(people):
    admin = people["admin"]
    assert _page(admin).total == 10
    assert [u.email for u in _page(admin, role="csm").rows] == ["cara@vendor.test"]
    retail = [u for u in _page(admin, search="acme retail").rows]
    assert retail == []  # the search is over names and emails, not organizations
    org_id = _page(admin, search="learner0").rows[0].organization_id
    assert _page(admin, organization_id=org_id).total == 7
    with session_scope() as s:
        accounts.set_user_active(session=s, actor=admin, user_id=_page(admin, search="learner3").rows[0].id,
                                 active=False, now=NOW)
    assert [u.email for u in _page(admin, status="disabled").rows] == ["learner3@acme.test"]
    assert _page(admin, organization_id=org_id, status="active", role="learner").total == 6
    assert [u.full_name for u in _page(admin, search="LENA TEST").rows] == ["Lena Tester"]  # first and last name


def test_pages_are_counted_in_the_database_and_a_page_past_the_end_shows_the_last(people):
    admin = people["admin"]
    first, second = _page(admin, page_size=4), _page(admin, page_size=4, page=2)
    assert (first.total, first.pages, len(first.rows), len(second.rows)) == (10, 3, 4, 4)
    assert not {u.id for u in first.rows} & {u.id for u in second.rows}
    past = _page(admin, page_size=4, page=99)
    assert (past.page, len(past.rows)) == (3, 2)
    names = [(u.last_name, u.first_name, u.id) for p in (1, 2, 3) for u in _page(admin, page_size=4, page=p).rows]
    assert names == sorted(names)  # one order across pages


def test_last_sign_in_is_the_newest_session_and_never_when_there_is_none(people):
    admin = people["admin"]
    login_token("lena@acme.test", now=NOW - timedelta(days=3))
    login_token("lena@acme.test", now=NOW - timedelta(hours=2))
    rows = {u.email: u for u in _page(admin).rows}
    assert rows["lena@acme.test"].last_sign_in_at == NOW - timedelta(hours=2)
    assert rows["cara@vendor.test"].last_sign_in_at is None


def test_bad_filters_are_refused_with_the_choices(people):
    for filters, field in (({"status": "gone"}, "status"), ({"role": "boss"}, "role"), ({"page_size": 1000}, "page_size")):
        with pytest.raises(InvalidInput) as err:
            _page(people["admin"], **filters)
        assert err.value.field == field


def test_only_admins_list_users_or_pick_organizations(people):
    for who in ("csm", "learner"):
        with session_scope() as s, pytest.raises(PermissionDenied):
            user_directory.list_users_page(session=s, actor=people[who])
        with session_scope() as s, pytest.raises(PermissionDenied):
            admin_organizations.pick_organizations(session=s, actor=people[who], text="a")


def test_the_picker_offers_names_starting_with_the_text_first_and_at_most_the_limit(people):
    with session_scope() as s:
        picked = admin_organizations.pick_organizations(session=s, actor=people["admin"], text=" acme ")
        one = admin_organizations.pick_organizations(session=s, actor=people["admin"], text="acme", limit=1)
    assert [o.name for o in picked] == ["Acme Health", "Acme Retail", "Northwind Acme"]
    assert [o.name for o in one] == ["Acme Health"]


def test_organizations_come_a_page_at_a_time_with_their_user_counts(people):
    with session_scope() as s:
        first = admin_organizations.organizations_page(session=s, actor=people["admin"], page_size=2)
        last = admin_organizations.organizations_page(session=s, actor=people["admin"], page_size=2, page=9)
        found = admin_organizations.organizations_page(session=s, actor=people["admin"], search="retail")
    assert (first.total, first.pages, [o.name for o in first.rows]) == (4, 2, ["Acme Health", "Acme Retail"])
    assert (last.page, [o.name for o in last.rows]) == (2, ["Northwind Acme", "Vendor"])
    assert [(o.name, o.user_count) for o in found.rows] == [("Acme Retail", 7)]
