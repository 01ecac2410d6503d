"""Bodies are limited in the app itself (413 beyond), secrets are not cached, the docs page loads nothing from a CDN."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.api.request_guard import MB, BodyLimits, RequestGuard
from tests.api.conftest import api, bearer, client, people  # noqa: F401  (fixtures)


def _echo_app(limits: BodyLimits) -> TestClient:
    async def echo(request: Request):
        return JSONResponse({"received": len(await request.body())})

    async def upload(request: Request):
        form = await request.form()
        return JSONResponse({"files": len(form.getlist("files"))})

    app = Starlette(routes=[Route("/api/echo", echo, methods=["POST"]), Route("/_upload", upload, methods=["POST"])])
    return TestClient(RequestGuard(app, limits), raise_server_exceptions=False)


def _chunks(size: int, piece: int = 64 * 1024):
    for start in range(0, size, piece):
        yield b"x" * min(piece, size - start)


def test_a_json_body_over_1_mb_is_refused_with_413(client, people):
    body = b'{"email": "' + b"a" * (MB + 10) + b'", "password": "x"}'
    response = client.post("/api/auth/login", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "1 MB" in response.json()["detail"]


def test_a_body_without_content_length_is_counted_as_it_streams():
    guarded = _echo_app(BodyLimits(default=100_000))
    assert guarded.post("/api/echo", content=_chunks(90_000)).json() == {"received": 90_000}
    response = guarded.post("/api/echo", content=_chunks(5 * MB))  # chunked: no Content-Length to trust
    assert response.status_code == 413 and "100,000 bytes" in response.json()["detail"]


def test_an_upload_is_limited_by_the_handler_it_is_for():
    guarded = _echo_app(BodyLimits(uploads={"state.check_file": 80 * 1024, "state.import_csv_file": 2 * MB}))
    big = {"files": ("big.jwt", b"x" * 200 * 1024, "application/octet-stream")}
    for handler, status in (("state.check_file", 413), ("state.import_csv_file", 200), ("state.unknown", 413)):
        response = guarded.post("/_upload", files=big, headers={"reflex-event-handler": handler})
        assert response.status_code == status, (handler, response.text)


def test_a_content_length_that_is_not_a_number_is_refused():
    response = _echo_app(BodyLimits()).post("/api/echo", content=b"{}", headers={"content-length": "12abc"})
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/api/auth/me", "/api/training/certificates", "/api/credentials/CERT-2026-00001"])
def test_answers_with_personal_data_or_credentials_are_never_cached(client, people, path):
    assert client.get(path, headers=bearer("lena@acme.test")).headers["cache-control"] == "no-store"


def test_the_sign_in_answer_is_never_cached_but_the_public_keys_may_be(client, people):
    from tests.factories import PASSWORD

    signed_in = client.post("/api/auth/login", json={"email": "lena@acme.test", "password": PASSWORD})
    assert signed_in.status_code == 200 and signed_in.headers["cache-control"] == "no-store"
    assert client.get("/.well-known/jwks.json").headers["cache-control"].startswith("public")


def test_the_api_docs_page_that_loads_a_cdn_script_is_not_served(client):
    assert client.get("/api/docs").status_code == 404
    assert client.get("/api/openapi.json").status_code == 200
