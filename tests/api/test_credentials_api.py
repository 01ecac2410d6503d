from urllib.parse import urlsplit

import jwt
import pytest

from app.api.negotiation import prefers_json
from app.domain import status_list
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


def _path(url: str) -> str:
    return urlsplit(url).path


def test_the_kid_dereferences_over_http_to_the_one_jwk_that_verifies_the_credential(client, people):
    lena = bearer("lena@acme.test")
    token = client.get(f"/api/credentials/{_certificate(client, lena)['number']}", headers=lena).json()["jwt"]
    kid = jwt.get_unverified_header(token)["kid"]
    response = client.get(_path(kid))
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/jwk+json")
    jwk = response.json()
    assert jwk["kty"] == "RSA" and jwk["kid"] == kid and set(jwk) <= {"kty", "n", "e", "kid", "use", "alg"}
    assert jwt.decode(token, jwt.PyJWK(jwk).key, algorithms=["RS256"], options={"verify_nbf": False})["jti"]
    assert response.headers["access-control-allow-origin"] == "*"  # browser-based verifiers too
    missing = client.get("/api/credentials/keys/ffff0000ffff0000")
    assert missing.status_code == 404 and "jwks.json" in missing.json()["detail"]


def test_the_status_list_is_served_signed_and_flips_when_an_admin_revokes(client, people):
    lena = bearer("lena@acme.test")
    cert = _certificate(client, lena)
    credential = client.get(f"/api/credentials/{cert['number']}", headers=lena).json()["credential"]
    status = credential["credentialStatus"]

    def bit() -> bool:
        response = client.get(_path(status["statusListCredential"]))
        assert response.status_code == 200 and response.headers["content-type"] == "application/vc+jwt"
        kid = jwt.get_unverified_header(response.text)["kid"]
        listed = jwt.decode(response.text, jwt.PyJWK(client.get(_path(kid)).json()).key, algorithms=["RS256"])
        bits = status_list.decode(listed["credentialSubject"]["encodedList"])
        return status_list.is_set(bits, int(status["statusListIndex"]))

    assert bit() is False
    revoked = client.post(f"/api/training/certificates/{cert['number']}/revoke", headers=bearer("ada@vendor.test"),
                          json={"reason": "Shared answers"})
    assert revoked.status_code == 200 and bit() is True
    assert client.get("/api/credentials/status/999").status_code == 404


def test_the_issuer_and_the_achievement_answer_at_their_ids(client, people):
    lena = bearer("lena@acme.test")
    credential = client.get(f"/api/credentials/{_certificate(client, lena)['number']}", headers=lena).json()["credential"]
    issuer = client.get(_path(credential["issuer"]["id"])).json()
    assert issuer["@context"][1].startswith("https://purl.imsglobal.org/spec/ob/v3p0/") and issuer["type"] == ["Profile"]
    achievement = credential["credentialSubject"]["achievement"]
    as_json = client.get(_path(achievement["id"]), headers={"Accept": "application/ld+json, application/json;q=0.9"})
    assert as_json.status_code == 200 and as_json.json()["id"] == achievement["id"]
    assert as_json.headers["vary"] == "Accept" and as_json.json()["name"] == achievement["name"]
    for image in (achievement["image"]["id"], issuer["image"]["id"]):
        drawn = client.get(_path(image))
        assert drawn.status_code == 200 and drawn.headers["content-type"].startswith("image/svg+xml")
        assert drawn.text.lstrip().startswith("<?xml") and "<svg" in drawn.text
    # A browser asks for HTML: the request goes on to the page (not part of this API-only app).
    as_page = client.get(_path(achievement["id"]), headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert as_page.status_code == 404 and as_page.json() == {"detail": "Not Found"}
    assert client.get("/api/credentials/achievements/no-such-track").status_code == 404


def test_the_baked_badge_downloads_for_the_holder_and_carries_the_credential(client, people):
    lena = bearer("lena@acme.test")
    cert = _certificate(client, lena)
    token = client.get(f"/api/credentials/{cert['number']}", headers=lena).json()["jwt"]
    badge = client.get(f"/api/credentials/{cert['number']}/badge.svg", headers=lena)
    assert badge.status_code == 200 and badge.headers["content-type"].startswith("image/svg+xml")
    assert badge.headers["content-disposition"] == f'attachment; filename="{cert["number"]}-badge.svg"'
    assert f'<openbadges:credential verify="{token}">' in badge.text
    assert client.get(f"/api/credentials/{cert['number']}/badge.svg").status_code == 404
    assert client.get(f"/api/credentials/{cert['number']}/badge.svg", headers=bearer("otto@globex.test")).status_code == 404
    assert client.get(f"/api/credentials/{cert['number']}/badge.svg?code={cert['verification_code']}").status_code == 200


@pytest.mark.parametrize("accept, wanted", [
    ("application/json", True),
    ("application/ld+json", True),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", False),  # a browser
    ("text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2", False),  # Java's default
    ("*/*", False),
    ("", False),
    ("text/html;q=0.5, application/json", True),
    ("application/json;q=0", False),
])
def test_json_goes_to_clients_that_ask_for_it_by_name(accept, wanted):
    assert prefers_json(accept) is wanted
