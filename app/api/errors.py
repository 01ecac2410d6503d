"""Domain errors become HTTP answers with a message the caller can act on."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError

from app.domain import errors

log = logging.getLogger(__name__)

STATUS_BY_ERROR: dict[type[errors.DomainError], int] = {
    errors.InvalidCredentials: 401,
    errors.NotAuthenticated: 401,
    errors.PermissionDenied: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,  # before ProblemsFound: a track that cannot be published yet is a 409
    errors.InvalidInput: 422,
    errors.ProblemsFound: 422,
    errors.TooManyAttempts: 429,
}


async def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    status = next((code for kind, code in STATUS_BY_ERROR.items() if isinstance(exc, kind)), 400)
    body: dict = {"detail": str(exc)}
    headers = {}
    if isinstance(exc, errors.ProblemsFound):
        body = {"detail": str(exc).splitlines()[0], "problems": exc.problems}
    if isinstance(exc, errors.InvalidInput):
        body["field"] = exc.field
    if isinstance(exc, errors.TooManyAttempts):
        headers["Retry-After"] = str(exc.retry_after_seconds)
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body, status_code=status, headers=headers)


async def _database_down(_request: Request, exc: Exception) -> JSONResponse:
    log.error("database unavailable: %s", exc)
    return JSONResponse(
        {"detail": "The database is unavailable right now. Please try again in a minute."},
        status_code=503,
        headers={"Retry-After": "30"},
    )


async def _invalid_request(_request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's 422, without the ``input`` it would echo: that may be a password or a token."""
    problems = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                for e in exc.errors()]
    return JSONResponse({"detail": problems}, status_code=422)


def install(api: FastAPI) -> None:
    api.add_exception_handler(RequestValidationError, _invalid_request)
    api.add_exception_handler(errors.DomainError, _domain_error)
    api.add_exception_handler(OperationalError, _database_down)
