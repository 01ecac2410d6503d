"""Admin endpoints: refused for CSMs and learners, and what admins get."""

from __future__ import annotations

import pytest

from tests.api.conftest import bearer
from tests.training_fixtures import make_track

ENDPOINTS = [
    ("GET", "/api/admin/tracks", None),
    ("POST", "/api/admin/tracks/1/publish", None),
    ("POST", "/api/admin/tracks/1/unpublish", None),
    ("POST", "/api/admin/courses/1/publish", None),
    ("POST", "/api/admin/courses/1/unpublish", None),
    ("GET", "/api/admin/content", None),
    ("PUT", "/api/admin/content", {"json": {"tracks": []}}),
    ("POST", "/api/admin/users/import", {"content": "email,first_name,last_name,role,organization\n",
                                          "headers": {"content-type": "text/csv"}}),
    ("PUT", "/api/admin/users/1/role", {"json": {"role": "admin"}}),
    ("PUT", "/api/admin/organizations/1", {"json": {"industry": "Retail", "employee_count": 5}}),
    ("GET", "/api/admin/certificates?query=CERT", None),
    ("GET", "/api/admin/audit", None),
    ("GET", "/api/admin/jobs", None),
]


@pytest.mark.parametrize("email", ["lena@acme.test", "cara@vendor.test"])
@pytest.mark.parametrize("method, path, extra", ENDPOINTS)
def test_every_admin_endpoint_refuses_csms_and_learners(client, people, email, method, path, extra):
    extra = dict(extra or {})
    headers = bearer(email) | extra.pop("headers", {})
    response = client.request(method, path, headers=headers, **extra)
    assert response.status_code == 403, response.text
    assert "needs the admin role" in response.json()["detail"]


@pytest.mark.parametrize("method, path, extra", ENDPOINTS)
def test_every_admin_endpoint_needs_a_sign_in(client, people, method, path, extra):
    extra = dict(extra or {})
    assert client.request(method, path, headers=extra.pop("headers", {}), **extra).status_code == 401


def test_a_csv_import_with_bad_rows_answers_422_listing_each_row_and_imports_nothing(client, people):
    csv_text = ("email,first_name,last_name,role,organization\n"
                "nia@acme.test,Nia,Ng,learner,Acme Health\n"
                "bad,Bo,Bad,boss,Acme Health\n")
    response = client.post("/api/admin/users/import", content=csv_text,
                           headers=bearer("ada@vendor.test") | {"content-type": "text/csv"})
    assert response.status_code == 422
    assert any(p.startswith("line 3, email") for p in response.json()["problems"])
    users = client.get("/api/users?search=nia", headers=bearer("ada@vendor.test")).json()
    assert users == []


def test_publishing_an_incomplete_track_answers_409_with_the_problems(client, people):
    track_id, _ = make_track(published=False, courses=1, questions=1)
    document = client.get("/api/admin/content", headers=bearer("ada@vendor.test")).json()
    assert [t["slug"] for t in document["tracks"]] == ["basics"]
    assert client.post(f"/api/admin/tracks/{track_id}/publish", headers=bearer("ada@vendor.test")).status_code == 204
    tracks = client.get("/api/admin/tracks", headers=bearer("ada@vendor.test")).json()
    assert tracks[0]["is_published"] is True


def test_courses_are_published_one_by_one_and_a_draft_is_not_shown_to_learners(client, people):
    admin, learner = bearer("ada@vendor.test"), bearer("lena@acme.test")
    track_id, _ = make_track(courses=2, questions=1)
    first, second = [c["id"] for c in client.get(f"/api/training/tracks/{track_id}", headers=learner).json()["courses"]]
    assert client.post(f"/api/admin/courses/{second}/unpublish", headers=admin).status_code == 204
    courses = client.get(f"/api/training/tracks/{track_id}", headers=learner).json()["courses"]
    assert [c["id"] for c in courses] == [first]
    refused = client.post(f"/api/admin/courses/{first}/unpublish", headers=admin)
    assert refused.status_code == 409 and "only published course" in refused.json()["detail"]
    assert client.post(f"/api/admin/courses/{second}/publish", headers=admin).status_code == 204
    assert len(client.get(f"/api/training/tracks/{track_id}", headers=learner).json()["courses"]) == 2
    assert client.post("/api/admin/courses/999999/publish", headers=admin).status_code == 404


def test_publishing_an_incomplete_course_answers_409_with_the_problems(client, people):
    admin = bearer("ada@vendor.test")
    document = {"tracks": [{"slug": "drafts", "title": "Drafts", "courses": [
        {"slug": "empty", "title": "Empty", "is_published": False, "quiz": {"title": "Q"}}]}]}
    assert client.put("/api/admin/content", json=document, headers=admin).status_code == 200
    exported = client.get("/api/admin/content", headers=admin).json()["tracks"][0]["courses"][0]
    assert exported["is_published"] is False and exported["quiz"]["questions"] == []
    response = client.post("/api/admin/courses/1/publish", headers=admin)
    assert response.status_code == 409
    assert response.json()["problems"] == ["Course 1 “Empty”: the reading text is empty",
                                           "Course 1 “Empty” › quiz: has no questions; add at least one"]


def test_an_invalid_content_document_is_refused_with_locations(client, people):
    response = client.put("/api/admin/content", json={"tracks": [{"slug": "Bad Slug", "title": "X", "courses": []}]},
                          headers=bearer("ada@vendor.test"))
    assert response.status_code == 422
    assert "tracks[0].courses: must be a non-empty list" in response.json()["problems"]


def test_the_audit_log_filters_by_actor_and_action(client, people):
    admin = bearer("ada@vendor.test")
    client.put("/api/admin/users/1/role", json={"role": "csm"}, headers=admin)
    events = client.get("/api/admin/audit?action=user.change_role&actor=ada", headers=admin).json()
    assert [(e["action"], e["actor_email"]) for e in events] == [("user.change_role", "ada@vendor.test")]
    assert client.get("/api/admin/audit?action=user.change_role&actor=cara", headers=admin).json() == []
    assert client.get("/api/admin/audit?since=2000-01-02&until=2000-01-01", headers=admin).status_code == 422
