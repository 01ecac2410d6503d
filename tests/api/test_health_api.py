from fastapi.testclient import TestClient

from app.api import build_api
from app.db import reset_engine
from app.settings import get_settings


def test_health_reports_the_database_and_version(client, db):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "version": get_settings().version}


def test_health_is_503_when_the_database_is_unreachable(db, monkeypatch):
    # Nothing listens on port 1: the connection is refused, as when PostgreSQL is down.
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=2")
    get_settings.cache_clear()
    reset_engine()
    try:
        response = TestClient(build_api()).get("/api/health")
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
        reset_engine()
    assert response.status_code == 503 and response.json()["database"] == "unreachable"


def test_unknown_api_paths_answer_json_404(client, db):
    for method in ("get", "post"):
        response = getattr(client, method)("/api/no/such/thing")
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/json")
        assert "/api/openapi.json" in response.json()["detail"]


def test_openapi_document_lists_the_endpoints(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/auth/login", "/api/auth/logout", "/api/auth/me", "/api/health"} <= set(paths)
