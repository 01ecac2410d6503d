"""GET /api/benchmarks/customers answers what the customer list shows; old page addresses redirect."""

from __future__ import annotations

import pytest

from app.db import session_scope
from app.services.benchmarks import customer_list
from app.services.accounts import users as accounts
from tests.api.conftest import bearer
from tests.conftest import NOW
from tests.services.test_benchmarks import add_orgs, add_values, recompute

DAY = NOW.date()


@pytest.fixture
def peers(people):
    ids = add_orgs(40, start=100)
    add_values(ids + [people["acme"].id, people["globex"].id], DAY)
    recompute(DAY)
    return ids


def test_the_api_answers_the_page_the_list_shows(client, peers):
    response = client.get("/api/benchmarks/customers", params={"sort": "health_score", "page": 2, "page_size": 10},
                          headers=bearer("cara@vendor.test"))
    assert response.status_code == 200
    body = response.json()
    with session_scope() as s:
        csm = accounts.user_by_email(s, "cara@vendor.test")
        page = customer_list.list_customers(session=s, viewer=csm, sort="health_score", page=2, page_size=10)
    assert (body["total"], body["page"], body["pages"], body["ranks_as_of"]) == (43, 2, 5, DAY.isoformat())  # with the vendor
    assert [r["id"] for r in body["items"]] == [r.id for r in page.items]
    first = body["items"][0]
    assert set(first) == {"id", "name", "industry", "size_range", "ranks"}
    assert [c["metric"] for c in first["ranks"]] == list(customer_list.SORTS[2:])
    assert set(first["ranks"][0]) == {"metric", "label", "rank", "rank_label", "zone"}


def test_filters_and_defaults(client, peers):
    found = client.get("/api/benchmarks/customers", params={"industry": "Retail", "size_range": "1-50"},
                       headers=bearer("ada@vendor.test")).json()
    assert found["page_size"] == 25 and found["items"]
    assert {(r["industry"], r["size_range"]) for r in found["items"]} == {("Retail", "1-50 employees")}


def test_learners_are_refused_and_bad_input_answers_422_naming_the_field(client, peers):
    assert client.get("/api/benchmarks/customers", headers=bearer("lena@acme.test")).status_code == 403
    assert client.get("/api/benchmarks/customers").status_code == 401
    wrong = client.get("/api/benchmarks/customers", params={"sort": "revenue"}, headers=bearer("cara@vendor.test"))
    assert wrong.status_code == 422 and "weakest" in wrong.json()["detail"]
    too_many = client.get("/api/benchmarks/customers", params={"page_size": 101}, headers=bearer("cara@vendor.test"))
    assert too_many.status_code == 422


def test_old_page_addresses_redirect_permanently_to_the_customer_list_and_pages(db):
    from fastapi.testclient import TestClient

    from app.app import PAGE_MOVES
    from app.api import build_api

    client = TestClient(build_api(page_moves=PAGE_MOVES))
    for old, new in (("/organizations", "/customers"), ("/benchmarks/", "/customers"),
                     ("/benchmarks/17", "/customers/17"), ("/benchmarks/17/print?cohort=size", "/customers/17/review?cohort=size"),
                     ("/benchmarks/abc", "/customers")):  # never a redirect to elsewhere
        response = client.get(old, follow_redirects=False)
        assert (response.status_code, response.headers["location"]) == (301, new), old
    assert client.get("/benchmarks/%2F%2Fevil.test", follow_redirects=False).status_code != 301
