from tests.api.conftest import bearer
from tests.training_fixtures import make_track


def _certificate(client, headers):
    track_id, keys = make_track()
    for key in keys:
        attempt = client.post(f"/api/training/quizzes/{key.quiz_id}/start", headers=headers).json()
        client.post(f"/api/training/attempts/{attempt['attempt_id']}/submit", headers=headers, json={"answers": key.answers()})
    return client.post(f"/api/training/tracks/{track_id}/certificate", headers=headers).json()


def test_holder_fetches_verifies_and_anyone_with_the_code_can_too(client, people):
    lena = bearer("lena@acme.test")
    cert = _certificate(client, lena)
    mine = client.get(f"/api/credentials/{cert['number']}", headers=lena)
    assert mine.status_code == 200 and mine.json()["credential"]["type"][1] == "OpenBadgeCredential"
    token = mine.json()["jwt"]
    with_code = client.get(f"/api/credentials/{cert['number']}?code={cert['verification_code']}")
    assert with_code.status_code == 200 and with_code.json()["jwt"] == token
    assert client.get(f"/api/credentials/{cert['number']}").status_code == 404
    assert client.get(f"/api/credentials/{cert['number']}", headers=bearer("otto@globex.test")).status_code == 404
    verdict = client.post("/api/credentials/verify", json={"jwt": token}).json()
    assert (verdict["signature"], verdict["status"]) == ("valid", "valid")
    broken = client.post("/api/credentials/verify", json={"jwt": token[:-4] + "AAAA"}).json()
    assert broken["signature"] == "invalid" and broken["credential"] is None


def test_the_key_set_is_public_and_has_only_public_fields(client, people):
    _certificate(client, bearer("lena@acme.test"))
    response = client.get("/.well-known/jwks.json")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    keys = response.json()["keys"]
    assert keys and all(set(k) <= {"kty", "n", "e", "kid", "use", "alg"} for k in keys)
    issuer = client.get("/api/credentials/issuer").json()
    assert issuer["type"] == ["Profile"] and issuer["name"]


def test_verify_rejects_garbage_with_a_verdict_not_an_error(client, db):
    verdict = client.post("/api/credentials/verify", json={"jwt": "not.a.jwt"})
    assert verdict.status_code == 200 and verdict.json()["signature"] == "invalid"
    assert client.post("/api/credentials/verify", json={"jwt": ""}).status_code == 422
