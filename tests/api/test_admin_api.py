"""Admin endpoints: refused for CSMs and learners, and what admins get."""

from __future__ import annotations

import pytest

from tests.api.conftest import bearer
from tests.factories import PASSWORD
from tests.training_fixtures import make_track

ENDPOINTS = [
    ("GET", "/api/admin/tracks", None),
    ("POST", "/api/admin/tracks/1/publish", None),
    ("POST", "/api/admin/tracks/1/unpublish", None),
    ("POST", "/api/admin/tracks/1/move", {"json": {"offset": -1}}),
    ("POST", "/api/admin/courses/1/move", {"json": {"offset": 1}}),
    ("POST", "/api/admin/courses/1/publish", None),
    ("POST", "/api/admin/courses/1/unpublish", None),
    ("GET", "/api/admin/content", None),
    ("PUT", "/api/admin/content", {"json": {"tracks": []}}),
    ("POST", "/api/admin/users/import", {"content": "email,first_name,last_name,role,organization\n",
                                          "headers": {"content-type": "text/csv"}}),
    ("POST", "/api/admin/users", {"json": {"email": "nia@acme.test", "first_name": "Nia", "last_name": "Ng",
                                           "role": "admin", "organization_name": "Acme Health",
                                           "password": "a long password"}}),
    ("PUT", "/api/admin/users/1/active", {"json": {"active": False}}),
    ("PUT", "/api/admin/users/1/role", {"json": {"role": "admin"}}),
    ("POST", "/api/admin/organizations", {"json": {"name": "Initech", "industry": "Retail", "employee_count": 5}}),
    ("PUT", "/api/admin/organizations/1", {"json": {"industry": "Retail", "employee_count": 5}}),
    ("GET", "/api/admin/certificates?query=CERT", None),
    ("GET", "/api/admin/certificates/CERT-2026-00001/history", None),
    ("GET", "/api/admin/audit", None),
    ("GET", "/api/admin/audit?format=csv", None),
    ("GET", "/api/admin/users?role=admin", None),
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


def test_the_audit_log_reads_in_words_and_downloads_as_csv_with_the_same_filter(client, people):
    admin = bearer("ada@vendor.test")
    client.put("/api/admin/users/1/role", json={"role": "csm"}, headers=admin)
    (event,) = client.get("/api/admin/audit?action=user.change_role", headers=admin).json()
    assert (event["actor_name"], event["action_label"], event["subject_label"], event["detail_text"]) == (
        "Ada Tester", "Role changed", "Lena Tester", "Role: Learner → CSM")
    response = client.get("/api/admin/audit?action=user.change_role&format=csv", headers=admin)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="audit-log-2026-06-15.csv"'
    header, line, end = response.text.split("\r\n")
    assert header.startswith("when_utc,actor_name,actor_email,action,action_code,subject")
    assert "Ada Tester" in line and "Role: Learner → CSM" in line and end == ""
    assert client.get("/api/admin/audit?format=pdf", headers=admin).status_code == 422


def test_the_user_list_comes_a_page_at_a_time_with_filters(client, people):
    admin = bearer("ada@vendor.test")
    page = client.get("/api/admin/users?page_size=2&page=2", headers=admin).json()
    assert (page["total"], page["pages"], page["page"]) == (4, 2, 2)
    assert [u["email"] for u in page["items"]] == ["lena@acme.test", "otto@globex.test"]  # by name
    learners = client.get(f"/api/admin/users?role=learner&organization_id={people['acme'].id}", headers=admin).json()
    assert [(u["full_name"], u["last_sign_in_at"]) for u in learners["items"]] == [("Lena Tester", None)]
    signed_in = client.get("/api/admin/users?search=ada", headers=admin).json()["items"][0]
    assert signed_in["last_sign_in_at"].startswith("2026-06-15T12:00:00")
    for bad in ("status=gone", "role=boss", "page_size=500", "page=0"):
        assert client.get(f"/api/admin/users?{bad}", headers=admin).status_code == 422, bad


NEW_USER = {"email": "Nia@Acme.test", "first_name": "Nia", "last_name": "Ng", "role": "learner",
            "organization_name": "Acme Health", "password": "a long password"}


def _user_id(client, admin, email):
    (found,) = client.get(f"/api/users?search={email}", headers=admin).json()
    return found["id"]


def test_an_admin_creates_a_user_who_can_then_sign_in(client, people):
    created = client.post("/api/admin/users", json=NEW_USER, headers=bearer("ada@vendor.test"))
    assert created.status_code == 201, created.text
    user = created.json()
    assert (user["email"], user["full_name"], user["role"], user["organization_name"], user["is_active"]) == (
        "nia@acme.test", "Nia Ng", "learner", "Acme Health", True)
    login = client.post("/api/auth/login", json={"email": "nia@acme.test", "password": "a long password"})
    assert login.status_code == 200 and login.json()["user"]["id"] == user["id"]


def test_creating_a_user_with_a_taken_email_answers_409(client, people):
    response = client.post("/api/admin/users", json=NEW_USER | {"email": "LENA@acme.test"},
                           headers=bearer("ada@vendor.test"))
    assert response.status_code == 409 and "already exists" in response.json()["detail"]


@pytest.mark.parametrize("change, status, says", [
    ({"role": "boss"}, 422, "Unknown role 'boss'"),
    ({"password": "short"}, 422, "at least 10 characters"),
    ({"email": "not-an-email"}, 422, "not a valid email"),
    ({"organization_name": "Nowhere Inc"}, 404, "No organization is named 'Nowhere Inc'"),
])
def test_creating_a_user_with_bad_input_says_what_to_fix_and_creates_nothing(client, people, change, status, says):
    admin = bearer("ada@vendor.test")
    response = client.post("/api/admin/users", json=NEW_USER | change, headers=admin)
    assert response.status_code == status and says in response.json()["detail"]
    assert client.get("/api/users?search=nia", headers=admin).json() == []


def test_creating_a_user_with_an_overlong_name_is_refused_by_the_request_schema(client, people):
    response = client.post("/api/admin/users", json=NEW_USER | {"first_name": "N" * 101},
                           headers=bearer("ada@vendor.test"))
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "first_name"]


def test_disabling_a_user_ends_their_session_and_is_audited(client, people):
    admin, lena = bearer("ada@vendor.test"), bearer("lena@acme.test")
    lena_id = _user_id(client, admin, "lena@acme.test")
    assert client.get("/api/auth/me", headers=lena).status_code == 200
    response = client.put(f"/api/admin/users/{lena_id}/active", json={"active": False}, headers=admin)
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert client.get("/api/auth/me", headers=lena).status_code == 401
    events = client.get("/api/admin/audit?action=user.deactivate", headers=admin).json()
    assert [(e["subject"], e["actor_email"]) for e in events] == [("lena@acme.test", "ada@vendor.test")]
    assert client.put(f"/api/admin/users/{lena_id}/active", json={"active": True}, headers=admin).json()["is_active"]
    assert client.post("/api/auth/login", json={"email": "lena@acme.test", "password": PASSWORD}).status_code == 200


def test_an_admin_cannot_disable_their_own_account(client, people):
    admin = bearer("ada@vendor.test")
    ada_id = client.get("/api/auth/me", headers=admin).json()["id"]
    response = client.put(f"/api/admin/users/{ada_id}/active", json={"active": False}, headers=admin)
    assert response.status_code == 422
    assert response.json() == {"detail": "You cannot disable your own account; ask another admin.", "field": "active"}
    assert client.get("/api/auth/me", headers=admin).json()["is_active"] is True
    assert client.put("/api/admin/users/999999/active", json={"active": False}, headers=admin).status_code == 404


def test_an_admin_creates_an_organization_and_a_taken_name_answers_409(client, people):
    admin = bearer("ada@vendor.test")
    body = {"name": "  Initech  Corp ", "industry": "Software", "employee_count": 250}
    created = client.post("/api/admin/organizations", json=body, headers=admin)
    assert created.status_code == 201, created.text
    assert {k: created.json()[k] for k in ("name", "industry", "employee_count", "size_range", "user_count")} == {
        "name": "Initech Corp", "industry": "Software", "employee_count": 250, "size_range": "201-1000",
        "user_count": 0}
    taken = client.post("/api/admin/organizations", json=body | {"name": "Acme Health"}, headers=admin)
    assert taken.status_code == 409 and "already exists" in taken.json()["detail"]


def test_creating_an_organization_with_an_unknown_industry_names_the_choices(client, people):
    admin = bearer("ada@vendor.test")
    body = {"name": "Initech", "industry": "Widgets", "employee_count": 20}
    response = client.post("/api/admin/organizations", json=body, headers=admin)
    assert response.status_code == 422 and response.json()["field"] == "industry"
    assert "Unknown industry 'Widgets'; choose one of: Software" in response.json()["detail"]
    blank = client.post("/api/admin/organizations", json=body | {"industry": "Retail", "name": "   "}, headers=admin)
    assert blank.status_code == 422 and blank.json()["field"] == "name"
    for count in (0, 10_000_001):
        refused = client.post("/api/admin/organizations", json=body | {"industry": "Retail", "employee_count": count},
                              headers=admin)
        assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "employee_count"]
    assert [o["name"] for o in client.get("/api/organizations?search=initech", headers=admin).json()] == []


def test_a_certificates_history_lists_its_revocation(client, people):
    admin, lena = bearer("ada@vendor.test"), bearer("lena@acme.test")
    track_id, keys = make_track()
    for key in keys:
        attempt_id = client.post(f"/api/training/quizzes/{key.quiz_id}/start", headers=lena).json()["attempt_id"]
        client.post(f"/api/training/attempts/{attempt_id}/submit", headers=lena, json={"answers": key.answers()})
    number = client.post(f"/api/training/tracks/{track_id}/certificate", headers=lena).json()["number"]
    revoked = client.post(f"/api/training/certificates/{number}/revoke", json={"reason": "Shared answers"},
                          headers=admin)
    assert revoked.status_code == 200
    history = client.get(f"/api/admin/certificates/{number.lower()}/history", headers=admin)
    assert history.status_code == 200
    assert [(e["action"], e["subject"]) for e in history.json()] == [("certificate.revoke", number),
                                                                      ("certificate.issue", number)]
    assert history.json()[0]["detail"] == {"reason": "Shared answers"}
    assert history.json()[0]["actor_email"] == "ada@vendor.test"


def test_the_history_of_a_number_no_certificate_has_answers_404_not_an_empty_list(client, people):
    admin = bearer("ada@vendor.test")
    missing = client.get("/api/admin/certificates/CERT-2026-99999/history", headers=admin)
    assert missing.status_code == 404
    assert missing.json()["detail"] == ("No certificate has the number CERT-2026-99999; check the number, "
                                        "or find the certificate by its holder's name or email.")
    malformed = client.get("/api/admin/certificates/nonsense/history", headers=admin)
    assert malformed.status_code == 422 and "they look like CERT-2026-00042" in malformed.json()["detail"]


def test_tracks_and_courses_are_reordered_through_the_api(client, people):
    admin = bearer("ada@vendor.test")
    make_track("first", courses=2, questions=1)
    second, _ = make_track("second", courses=1, questions=1)
    assert client.post(f"/api/admin/tracks/{second}/move", json={"offset": -1}, headers=admin).status_code == 204
    assert [t["slug"] for t in client.get("/api/admin/tracks", headers=admin).json()] == ["second", "first"]
    first_courses = client.get("/api/admin/content", headers=admin).json()["tracks"][1]["courses"]
    assert [c["slug"] for c in first_courses] == ["course-0", "course-1"]
    assert client.post("/api/admin/courses/1/move", json={"offset": 1}, headers=admin).status_code == 204
    first_courses = client.get("/api/admin/content", headers=admin).json()["tracks"][1]["courses"]
    assert [c["slug"] for c in first_courses] == ["course-1", "course-0"]
    assert client.post(f"/api/admin/tracks/{second}/move", json={"offset": 2}, headers=admin).status_code == 422
