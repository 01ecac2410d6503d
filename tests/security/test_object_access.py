"""Every endpoint that takes an id, called with someone else's id: 403 or 404, never their data.

Endpoints are read from the OpenAPI document, so a new one fails here until it is classified.
"""

import pytest
from fastapi.testclient import TestClient

from app.api import build_api
from app.api.deps import utcnow
from tests.api.conftest import bearer
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.training_fixtures import make_track

# Shared by design: published training content is the same for every signed-in user, the
# public certificate check answers anyone (initials only), and verifiers anywhere fetch the
# signing keys, status lists and achievements that credentials point at.
SHARED = {
    ("GET", "/api/training/tracks/{track_id}"),
    ("POST", "/api/training/quizzes/{quiz_id}/start"),
    ("POST", "/api/training/tracks/{track_id}/certificate"),
    ("GET", "/api/training/certificates/verify/{number}"),
    ("GET", "/api/credentials/keys/{kid}"),
    ("GET", "/api/credentials/status/{list_id}"),
    ("GET", "/api/credentials/achievements/{slug}"),
    ("GET", "/api/credentials/achievements/{slug}/image.svg"),
}
# Owned or restricted: the intruder (a learner of another organization) must be refused.
RESTRICTED = {
    ("GET", "/api/organizations/{organization_id}"),
    ("GET", "/api/organizations/{organization_id}/users"),
    ("GET", "/api/training/attempts/{attempt_id}"),
    ("PUT", "/api/training/attempts/{attempt_id}/answers"),
    ("POST", "/api/training/attempts/{attempt_id}/submit"),
    ("POST", "/api/training/certificates/{number}/revoke"),
    ("GET", "/api/benchmarks/organizations/{organization_id}"),
    ("GET", "/api/benchmarks/organizations/{organization_id}/history"),
    ("GET", "/api/benchmarks/organizations/{organization_id}/training-health"),
    ("GET", "/api/credentials/{number}"),
    ("GET", "/api/credentials/{number}/badge.svg"),
    ("POST", "/api/admin/tracks/{track_id}/publish"),
    ("POST", "/api/admin/tracks/{track_id}/unpublish"),
    ("POST", "/api/admin/courses/{course_id}/publish"),
    ("POST", "/api/admin/tracks/{track_id}/move"),
    ("POST", "/api/admin/courses/{course_id}/move"),
    ("POST", "/api/admin/courses/{course_id}/unpublish"),
    ("PUT", "/api/admin/organizations/{organization_id}"),
    ("PUT", "/api/admin/users/{user_id}/role"),
    ("PUT", "/api/admin/users/{user_id}/active"),
    ("GET", "/api/admin/certificates/{number}/history"),
}
BODIES = {"PUT": {"answers": {}, "role": "admin", "active": False, "industry": "Retail", "employee_count": 5},
          "POST": {"answers": {}, "reason": "taking over", "offset": 1}}


@pytest.fixture
def victim(db):
    api = build_api()
    api.dependency_overrides[utcnow] = lambda: NOW
    client = TestClient(api)
    victim_org = make_org("Acme Health")
    make_org("Globex Retail", "Retail", 40)
    lena_id = make_user("lena@acme.test").id
    make_user("otto@globex.test", org="Globex Retail")
    track_id, keys = make_track()
    lena = bearer("lena@acme.test")
    attempt_id = None
    for key in keys:
        attempt = client.post(f"/api/training/quizzes/{key.quiz_id}/start", headers=lena).json()
        attempt_id = attempt["attempt_id"]
        client.post(f"/api/training/attempts/{attempt_id}/submit", headers=lena, json={"answers": key.answers()})
    open_attempt = client.post(f"/api/training/quizzes/{keys[0].quiz_id}/start", headers=lena).json()["attempt_id"]
    cert = client.post(f"/api/training/tracks/{track_id}/certificate", headers=lena).json()
    ids = {"organization_id": victim_org.id, "attempt_id": open_attempt, "number": cert["number"],
           "track_id": track_id, "quiz_id": keys[0].quiz_id, "user_id": lena_id, "course_id": 1}
    return client, ids, attempt_id


def _operations():
    spec = build_api().openapi()
    for path, methods in spec["paths"].items():
        if "{" in path:
            for method in methods:
                yield method.upper(), path


def test_every_id_endpoint_is_classified():
    unknown = set(_operations()) - SHARED - RESTRICTED
    assert not unknown, f"classify these endpoints in this test: {sorted(unknown)}"


@pytest.mark.parametrize("method, path", sorted(RESTRICTED))
def test_another_users_id_is_refused_without_data(victim, method, path):
    client, ids, _ = victim
    url = path.format(**ids)
    if "history" in url:
        url += "?metric=health_score"
    response = client.request(method, url, headers=bearer("otto@globex.test"), json=BODIES.get(method))
    assert response.status_code in (403, 404), f"{method} {url} -> {response.status_code}"
    assert "lena" not in response.text.lower() and "Lena" not in response.text
