from datetime import timedelta

from app.api.deps import utcnow
from tests.api.conftest import bearer
from tests.conftest import NOW
from tests.factories import PASSWORD


def test_login_returns_a_token_and_the_user(client, people):
    response = client.post("/api/auth/login", json={"email": "Lena@Acme.test", "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert body["user"]["email"] == "lena@acme.test" and body["user"]["role"] == "learner"
    assert "password_hash" not in body["user"]
    me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200 and me.json()["organization_name"] == "Acme Health"


def test_bad_password_unknown_email_and_disabled_user_get_one_401_message(client, people):
    admin = bearer("ada@vendor.test")
    otto = client.get(f"/api/organizations/{people['globex'].id}/users", headers=admin).json()[0]
    from app.db import session_scope
    from app.services.accounts import users as accounts

    with session_scope() as s:
        actor = accounts.resolve_session(session=s, token=admin["Authorization"][7:], now=NOW)
        accounts.set_user_active(session=s, actor=actor, user_id=otto["id"], active=False, now=NOW)
    bodies = []
    for email, password in [("lena@acme.test", "nope-nope-nope"), ("ghost@acme.test", PASSWORD), ("otto@globex.test", PASSWORD)]:
        response = client.post("/api/auth/login", json={"email": email, "password": password})
        assert response.status_code == 401
        bodies.append(response.json())
    assert bodies == [{"detail": "Email or password is incorrect."}] * 3


def test_eleventh_sign_in_within_fifteen_minutes_gets_429_with_retry_after(client, people):
    for _ in range(10):
        assert client.post("/api/auth/login", json={"email": "lena@acme.test", "password": "bad-password"}).status_code == 401
    response = client.post("/api/auth/login", json={"email": "lena@acme.test", "password": PASSWORD})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0 and "Try again in" in response.json()["detail"]


def test_an_expired_session_is_refused(api, client, people):
    headers = bearer("lena@acme.test")
    api.dependency_overrides[utcnow] = lambda: NOW + timedelta(hours=12, seconds=1)
    response = client.get("/api/auth/me", headers=headers)
    assert response.status_code == 401 and "sign in again" in response.json()["detail"]


def test_logout_ends_the_session(client, people):
    headers = bearer("lena@acme.test")
    assert client.post("/api/auth/logout", headers=headers).status_code == 204
    assert client.get("/api/auth/me", headers=headers).status_code == 401


def test_missing_or_malformed_authorization_says_how_to_authenticate(client, people):
    response = client.get("/api/auth/me")
    assert response.status_code == 401 and "Bearer" in response.json()["detail"]
    assert client.get("/api/auth/me", headers={"Authorization": "Bearer not-a-token"}).status_code == 401


def test_login_validates_its_body(client, db):
    response = client.post("/api/auth/login", json={"email": "x@y.test"})
    assert response.status_code == 422
