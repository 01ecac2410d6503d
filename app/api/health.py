"""Health check for load balancers and people."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from app.api.schemas import HealthOut
from app.services.operations.health import database_ok
from app.settings import get_settings

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health", response_model=HealthOut, responses={503: {"model": HealthOut}})
def health() -> JSONResponse:
    ok = database_ok()
    body = HealthOut(status="ok" if ok else "degraded", database="ok" if ok else "unreachable", version=get_settings().version)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)
