"""The REST API, mounted in front of the Reflex app."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from app.api import admin, auth, benchmarks, credentials, directory, errors, health, training
from app.api.negotiation import AchievementNegotiation
from app.api.security import SecurityHeaders
from app.settings import get_settings


def build_api() -> FastAPI:
    settings = get_settings()
    api = FastAPI(
        title=f"{settings.portal_name} API",
        version=settings.version,
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    errors.install(api)
    api.add_middleware(SecurityHeaders, https=settings.public_base_url.startswith("https://"))
    api.add_middleware(AchievementNegotiation)
    for router in (health.router, auth.router, directory.router, training.router, benchmarks.router,
                   credentials.router, admin.router):
        api.include_router(router)

    # Without this, unknown /api paths fall through to the frontend's HTML 404 page.
    @api.api_route("/api/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def api_not_found(path: str) -> JSONResponse:
        return JSONResponse({"detail": f"No API endpoint at /api/{path}. See /api/openapi.json."}, status_code=404)

    return api
