"""Training REST endpoints: tracks, attempts, certificates, public verification."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlmodel import Session

from app.api.deps import IdPath, client_address, current_user, db_session, utcnow
from app.api.schemas import ErrorOut
from app.db import statement_engine
from app.domain.errors import InvalidInput, NotFound
from app.domain.training.numbering import NotACertificateNumber
from app.services.accounts import rate_limits
from app.services.dto import UserDTO
from app.services.training import catalog as training
from app.services.training import attempts, certificates
from app.services.training.dto import (
    AttemptResult,
    AttemptView,
    CertificateView,
    SavedAnswers,
    TrackDetail,
    TrackProgressDTO,
    Verification,
)
from app.settings import get_settings

router = APIRouter(prefix="/api/training", tags=["training"])
# The public certificate check, the busiest endpoint: build_api includes it right after the
# health check, so a request is matched against two routes instead of some twenty-five.
public_router = APIRouter(prefix="/api/training", tags=["training"])
ERRORS = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 404: {"model": ErrorOut}, 409: {"model": ErrorOut},
          422: {"model": ErrorOut}}
MAX_BODY_BYTES = 64 * 1024


class AnswersIn(BaseModel):
    answers: dict[str, Any] = Field(description="question id -> list of choice ids; [] clears a question")


class SubmitIn(BaseModel):
    answers: dict[str, Any] | None = Field(default=None, description="final answers; merged over the saved ones")
    submission_key: str | None = Field(default=None, max_length=100, description="client key for safe retries")


class RevokeIn(BaseModel):
    reason: str = Field(max_length=500)


async def limited_body(request: Request) -> None:
    """Refuse oversized bodies before parsing them."""
    length = request.headers.get("content-length")
    if (length and length.isdigit() and int(length) > MAX_BODY_BYTES) or len(await request.body()) > MAX_BODY_BYTES:
        raise InvalidInput("body", f"The request body is larger than {MAX_BODY_BYTES // 1024} KB.")


@router.get("/tracks", response_model=list[TrackProgressDTO], responses=ERRORS)
def list_tracks(user: UserDTO = Depends(current_user), session: Session = Depends(db_session, scope="function"),
                now: datetime = Depends(utcnow)):
    """Published tracks with the caller's progress."""
    return training.list_track_progress(session=session, viewer=user, now=now)


@router.get("/tracks/{track_id}", response_model=TrackDetail, responses=ERRORS)
def get_track(track_id: IdPath, user: UserDTO = Depends(current_user), session: Session = Depends(db_session, scope="function"),
              now: datetime = Depends(utcnow)):
    """One track: courses in order, each quiz with the caller's status."""
    return training.get_track(session=session, viewer=user, track_id=track_id, now=now)


@router.post("/quizzes/{quiz_id}/start", response_model=AttemptView, responses=ERRORS)
def start_attempt(quiz_id: IdPath, user: UserDTO = Depends(current_user), session: Session = Depends(db_session, scope="function"),
                  now: datetime = Depends(utcnow)):
    """Start an attempt, or resume the open one. Questions come without answers."""
    return attempts.start_attempt(session=session, user=user, quiz_id=quiz_id, now=now)


@router.get("/attempts/{attempt_id}", response_model=AttemptView, responses=ERRORS)
def get_attempt(attempt_id: IdPath, user: UserDTO = Depends(current_user), session: Session = Depends(db_session, scope="function"),
                now: datetime = Depends(utcnow)):
    """Resume: the attempt's questions in its order, with saved answers (and the result once submitted)."""
    return attempts.get_attempt(session=session, user=user, attempt_id=attempt_id, now=now)


@router.put("/attempts/{attempt_id}/answers", response_model=SavedAnswers, responses=ERRORS,
            dependencies=[Depends(limited_body)])
def save_answers(attempt_id: IdPath, body: AnswersIn, user: UserDTO = Depends(current_user),
                 session: Session = Depends(db_session, scope="function"), now: datetime = Depends(utcnow)):
    """Autosave answers; refused after the deadline."""
    return attempts.save_answers(session=session, user=user, attempt_id=attempt_id, answers=body.answers, now=now)


@router.post("/attempts/{attempt_id}/submit", response_model=AttemptResult, responses=ERRORS,
             dependencies=[Depends(limited_body)])
def submit_attempt(attempt_id: IdPath, body: SubmitIn, user: UserDTO = Depends(current_user),
                   session: Session = Depends(db_session, scope="function"), now: datetime = Depends(utcnow)):
    """Grade and finish the attempt. Repeating it returns the same result."""
    return attempts.submit_attempt(session=session, user=user, attempt_id=attempt_id, answers=body.answers,
                                   submission_key=body.submission_key, now=now)


@router.post("/tracks/{track_id}/certificate", response_model=CertificateView, status_code=201,
             responses=ERRORS | {200: {"model": CertificateView, "description": "the existing certificate"}})
def issue_certificate(track_id: IdPath, response: Response, user: UserDTO = Depends(current_user),
                      session: Session = Depends(db_session, scope="function"), now: datetime = Depends(utcnow)):
    """Issue the caller's certificate for a completed track (201), return the current one (200), or renew."""
    certificate, created = certificates.issue_certificate(session=session, user=user, track_id=track_id, now=now)
    response.status_code = 201 if created else 200
    return certificate


@router.get("/certificates", response_model=list[CertificateView], responses=ERRORS)
def list_certificates(user: UserDTO = Depends(current_user), session: Session = Depends(db_session, scope="function"),
                      now: datetime = Depends(utcnow)):
    """The caller's certificates, newest first."""
    return certificates.list_certificates(session=session, user=user, now=now)


@public_router.get("/certificates/verify/{number}", response_model=Verification,
            responses={400: {"model": ErrorOut}, 404: {"description": '{"status": "not_found"}'}, 429: {"model": ErrorOut}})
async def verify_certificate(request: Request, number: str, code: str | None = Query(None, max_length=40),
                             now: datetime = Depends(utcnow)):
    """Public, no sign-in. Initials only, unless the certificate's verification code is given."""
    # The busiest public endpoint: its blocking work (the shared counter, then the database)
    # takes one trip to the thread pool instead of one per dependency, on at most as many
    # threads as the pool keeps connections. More threads only contended for the interpreter
    # and opened overflow connections that were closed again at once (a PostgreSQL process
    # start each); the checks beyond that wait their turn in the event loop, which costs nothing.
    return await to_thread.run_sync(_verify, number, code, now, await client_address(request),
                                    limiter=_public_check_threads())


_public_checks: tuple[asyncio.AbstractEventLoop, CapacityLimiter] | None = None


def _public_check_threads() -> CapacityLimiter:
    """The limit on concurrent checks, one per event loop (each worker has its own; tests start several)."""
    global _public_checks
    loop = asyncio.get_running_loop()
    if _public_checks is None or _public_checks[0] is not loop:
        _public_checks = (loop, CapacityLimiter(get_settings().db_pool_size))
    return _public_checks[1]


def _verification_json(found) -> dict:
    body = dict(vars(found))  # a flat dataclass: no need for asdict's deep copy
    for name in ("issued_at", "expires_at", "revoked_at"):
        if body[name] is not None:
            body[name] = body[name].isoformat()
    return body


def _verify(number: str, code: str | None, now: datetime, address: str) -> JSONResponse:
    retry_after = rate_limits.public_check_wait(address)
    if retry_after is not None:
        return JSONResponse({"detail": f"Too many verifications; try again in {retry_after} s."}, status_code=429,
                            headers={"Retry-After": str(retry_after)})
    try:
        # A bare connection, no ORM session, and no transaction: the check is one SELECT.
        with statement_engine().connect() as connection:
            found = certificates.verify_certificate(session=connection, number=number, code=code, now=now)
        # Serialized by hand instead of re-validating it against the response model (the
        # schema stays documented); dates as jsonable_encoder writes them.
        return JSONResponse(_verification_json(found))
    except NotACertificateNumber as err:
        return JSONResponse({"detail": str(err)}, status_code=400)
    except NotFound as err:
        return JSONResponse({"status": "not_found", "detail": str(err)}, status_code=404)


@router.post("/certificates/{number}/revoke", response_model=CertificateView, responses=ERRORS | {400: {"model": ErrorOut}})
def revoke_certificate(number: str, body: RevokeIn, user: UserDTO = Depends(current_user),
                       session: Session = Depends(db_session, scope="function"), now: datetime = Depends(utcnow)):
    """Revoke a certificate (admins). Revoking again changes nothing."""
    return certificates.revoke_certificate(session=session, actor=user, number=number, reason=body.reason, now=now)
