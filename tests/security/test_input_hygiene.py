"""Input found by hand to cause server errors, and its neighbours: each answers 4xx with a clear message."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from app.db import session_scope
from app.models import Organization, User
from tests.api.conftest import api, bearer, client, people  # noqa: F401  (fixtures)
from tests.factories import PASSWORD

JSON = {"content-type": "application/json"}
CSV_HEADER = "email,first_name,last_name,role,organization\n"


@pytest.fixture
def raw(api):
    """A client that shows a server error as a 500 answer instead of raising it."""
    return TestClient(api, raise_server_exceptions=False)


def _clear(response, status: int) -> str:
    assert response.status_code == status, f"{response.status_code}: {response.text[:300]}"
    detail = response.json()["detail"]
    return detail if isinstance(detail, str) else str(detail)


@pytest.mark.parametrize("path, body", [
    ("/api/auth/login", b'{"email": "\\ud800@acme.test", "password": "long enough password"}'),
    ("/api/auth/login", b'{"email": "lena@acme.test", "password": "\\ud800 long enough"}'),
    ("/api/auth/login", b'{"email": "lena\\u0000@acme.test", "password": "long enough password"}'),
    ("/api/credentials/verify", b'{"jwt": "\\ud800"}'),
    ("/api/credentials/verify", b'{"jwt": "eyJ\\u0000"}'),
])
def test_json_with_a_lone_surrogate_or_nul_is_refused_with_422(raw, people, path, body):
    assert "remove it" in _clear(raw.post(path, content=body, headers=JSON), 422)


def test_json_that_is_not_utf8_is_refused_with_422(raw, people):
    assert "UTF-8" in _clear(raw.post("/api/auth/login", content=b'{"email": "\xff", "password": "x"}', headers=JSON), 422)


@pytest.mark.parametrize("query", ["search=%00", "search=a%00b", "search=%ED%A0%80", "search=%FF"])
def test_a_query_string_with_nul_or_bytes_that_are_not_utf8_is_refused(raw, people, query):
    assert "query" in _clear(raw.get(f"/api/users?{query}", headers=bearer("ada@vendor.test")), 422)


def test_a_path_with_nul_is_refused(raw, people):
    _clear(raw.get("/api/credentials/CERT-2026-0%00001"), 422)


@pytest.mark.parametrize("as_of", ["0001-01-01", "0001-01-07", "9999-12-31"])
def test_benchmarks_on_the_calendars_first_or_last_day_answer_without_a_server_error(raw, people, as_of):
    response = raw.get(f"/api/benchmarks/organizations/{people['acme'].id}?as_of={as_of}",
                       headers=bearer("ada@vendor.test"))
    assert response.status_code in (200, 404), response.text[:300]


@pytest.mark.parametrize("query", ["until=9999-12-31", "since=0001-01-01", "since=0001-01-01&until=9999-12-31"])
def test_the_audit_log_takes_the_calendars_extremes(raw, people, query):
    response = raw.get(f"/api/admin/audit?{query}", headers=bearer("ada@vendor.test"))
    assert response.status_code == 200 and response.json(), response.text[:300]


def test_a_user_import_that_is_not_utf8_says_so(raw, people):
    body = (CSV_HEADER + "nia@acme.test,Nia,Ng,learner,Acme Health\n").encode() + b"\xff\xfe\n"
    detail = _clear(raw.post("/api/admin/users/import", content=body,
                             headers=bearer("ada@vendor.test") | {"content-type": "text/csv"}), 422)
    assert "not UTF-8" in detail and "line 3" in detail


def test_a_user_import_with_a_field_over_128_kb_names_the_line(raw, people):
    body = CSV_HEADER + "nia@acme.test,Nia,Ng,learner,Acme Health\n" + "x" * 140_000 + "@acme.test,A,B,learner,Acme Health\n"
    response = raw.post("/api/admin/users/import", content=body.encode(),
                        headers=bearer("ada@vendor.test") | {"content-type": "text/csv"})
    assert response.status_code == 422 and "line 3" in response.json()["problems"][0], response.text[:300]


@pytest.mark.parametrize("row, column", [
    ("nia\x00@acme.test,Nia,Ng,learner,Acme Health", "email"),
    ("nia@acme.test,Ni\x00a,Ng,learner,Acme Health", "first_name"),
    ("nia@acme.test,Nia,Ng,learner,Acme Health,long\x00password", "password"),
])
def test_a_user_import_with_nul_in_a_field_is_refused_and_stores_nothing(raw, people, row, column):
    header = CSV_HEADER.strip() + (",password\n" if row.count(",") == 5 else "\n")
    response = raw.post("/api/admin/users/import", content=(header + row + "\n").encode(),
                        headers=bearer("ada@vendor.test") | {"content-type": "text/csv"})
    assert response.status_code == 422 and f"line 2, {column}" in response.json()["problems"][0], response.text
    with session_scope() as s:
        assert s.exec(select(User).where(User.first_name.like("Ni%"))).first() is None


@pytest.mark.parametrize("payload, field", [
    ({"name": "Evil\x00Org", "industry": "Retail", "employee_count": 5}, "name"),
    ({"name": "Evil\ud800Org", "industry": "Retail", "employee_count": 5}, "name"),
])
def test_an_organization_name_with_nul_or_a_lone_surrogate_is_refused(raw, people, payload, field):
    import json

    body = json.dumps(payload).encode()  # json.dumps escapes the surrogate as \ud800, as a client would
    response = raw.post("/api/admin/organizations", content=body, headers=bearer("ada@vendor.test") | JSON)
    assert response.status_code == 422 and response.json()["field"] == f"body.{field}", response.text
    with session_scope() as s:
        assert s.exec(select(Organization).where(Organization.name.like("Evil%"))).first() is None


def test_a_new_user_with_nul_in_a_name_is_refused(raw, people):
    response = raw.post("/api/admin/users", headers=bearer("ada@vendor.test"), json={
        "email": "nia@acme.test", "first_name": "Ni\x00a", "last_name": "Ng", "role": "learner",
        "organization_name": "Acme Health", "password": "long enough password"})
    assert response.status_code == 422, response.text


def test_content_with_nul_is_refused_naming_its_place(raw, people):
    document = {"version": 1, "tracks": [{"slug": "renewals", "title": "Renew\x00als", "courses": []}]}
    response = raw.put("/api/admin/content", json=document, headers=bearer("ada@vendor.test"))
    assert response.status_code == 422 and "tracks[0].title" in response.text, response.text


def test_a_refused_sign_in_does_not_echo_the_password(raw, people):
    secret = "p" * 2000  # over the 1024 limit
    response = raw.post("/api/auth/login", json={"email": "lena@acme.test", "password": secret})
    assert response.status_code == 422 and secret not in response.text
    response = raw.post("/api/auth/login", json={"email": "lena@acme.test", "password": "wrong-" + PASSWORD})
    assert response.status_code == 401 and PASSWORD not in response.text
