from fastapi.testclient import TestClient

from app.api import build_api
from app.api.security import HEADERS, SecurityHeaders


def test_api_responses_carry_the_security_headers(db):
    response = TestClient(build_api()).get("/api/health")
    for name, value in HEADERS.items():
        assert response.headers[name.decode()] == value.decode()
    assert "strict-transport-security" not in response.headers  # only behind https


def test_hsts_is_added_for_an_https_deployment():
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"x-frame-options", b"SAMEORIGIN")]})
        await send({"type": "http.response.body", "body": b"ok"})

    from starlette.applications import Starlette

    wrapper = Starlette()
    wrapper.mount("/", SecurityHeaders(app, https=True))
    response = TestClient(wrapper).get("/")
    assert response.headers["strict-transport-security"].startswith("max-age=")
    assert response.headers["x-frame-options"] == "SAMEORIGIN"  # an explicit header is left alone
