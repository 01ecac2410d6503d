"""The REST API, mounted in front of the Reflex app."""

from __future__ import annotations

from typing import Callable, Iterable

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from app.api import admin, auth, benchmarks, credentials, directory, errors, health, training
from app.api.negotiation import AchievementNegotiation
from app.api.old_paths import add_page_redirects
from app.api.request_guard import MB, BodyLimits, RequestGuard
from app.api.security import SecurityHeaders
from app.settings import get_settings

# Endpoints whose bodies may be larger (or must be smaller) than the 1 MB default.
ENDPOINT_LIMITS = {
    ("PUT", "/api/admin/content"): 8 * MB,  # every track with its courses' reading text
    ("POST", "/api/credentials/verify"): 64 * 1024,  # one credential (anyone may call it)
}


def build_api(upload_limits: dict[str, int] | None = None,
              page_script_hashes: Callable[[], Iterable[str]] = tuple,
              page_moves: dict[str, str] | None = None) -> FastAPI:
    """``upload_limits``: the largest upload (bytes) each upload handler of the pages takes,
    by the handler's full event name; other uploads get 64 KB. ``page_script_hashes``: the
    hashes of the built pages' inline scripts, for the Content-Security-Policy. ``page_moves``:
    old page paths and the routes they moved to (answered with a permanent redirect)."""
    settings = get_settings()
    api = FastAPI(
        title=f"{settings.portal_name} API",
        version=settings.version,
        openapi_url="/api/openapi.json",
        # The interactive docs page would load its script from a CDN: the OpenAPI document is enough.
        docs_url=None,
        redoc_url=None,
    )
    errors.install(api)
    # Refused requests never reach the app; their answers still get the security headers (added after it: outside it).
    api.add_middleware(RequestGuard, limits=BodyLimits(endpoints=ENDPOINT_LIMITS, uploads=upload_limits or {}))
    api.add_middleware(SecurityHeaders, https=settings.public_base_url.startswith("https://"),
                       script_hashes=page_script_hashes)
    api.add_middleware(AchievementNegotiation)
    # Routes are matched in order: the busiest first.
    for router in (health.router, training.public_router, auth.router, directory.router, training.router,
                   benchmarks.router, credentials.router, admin.router):
        api.include_router(router)
    add_page_redirects(api, page_moves or {})

    # Without this, unknown /api paths fall through to the frontend's HTML 404 page.
    @api.api_route("/api/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def api_not_found(path: str) -> JSONResponse:
        return JSONResponse({"detail": f"No API endpoint at /api/{path}. See /api/openapi.json."}, status_code=404)

    return api
