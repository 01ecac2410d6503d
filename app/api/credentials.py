"""Open Badges 3.0 credentials: fetch, publish keys, verify."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlmodel import Session

from app.api.deps import db_session, utcnow
from app.api.schemas import ErrorOut
from app.domain.errors import NotAuthenticated
from app.domain.ratelimit import SlidingWindowLimiter
from app.services.accounts import users as accounts
from app.services.dto import UserDTO
from app.services.training import credentials
from app.services.training.dto import CredentialVerdict, SignedCredential
from app.settings import get_settings

router = APIRouter(tags=["credentials"])
_verify_limiter = SlidingWindowLimiter(get_settings().verify_per_minute, timedelta(minutes=1))


class VerifyIn(BaseModel):
    jwt: str = Field(min_length=1, max_length=20_000, description="the credential as a compact JWS")


def optional_user(authorization: str | None = Header(default=None), session: Session = Depends(db_session, scope="function"),
                  now: datetime = Depends(utcnow)) -> UserDTO | None:
    """The signed-in user if a valid bearer token came along; anonymous callers may use a code."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    try:
        return accounts.resolve_session(session=session, token=token.strip(), now=now)
    except NotAuthenticated:
        return None


@router.get("/.well-known/jwks.json", include_in_schema=True)
def jwks(session: Session = Depends(db_session, scope="function")) -> JSONResponse:
    """Public keys (current and retired) that verify the portal's credentials."""
    return JSONResponse(credentials.published_keys(session=session), headers={"Cache-Control": "public, max-age=300"})


@router.get("/api/credentials/issuer")
def issuer_profile() -> dict:
    """The issuer profile named in every credential."""
    profile = credentials.issuer()
    return {"@context": "https://www.w3.org/ns/credentials/v2", "id": profile.id, "type": ["Profile"],
            "name": profile.name, "url": profile.url}


@router.get("/api/credentials/{number}", response_model=SignedCredential,
            responses={404: {"model": ErrorOut}, 400: {"model": ErrorOut}})
def get_credential(number: str, code: str | None = Query(None, max_length=40), viewer: UserDTO | None = Depends(optional_user),
                   session: Session = Depends(db_session, scope="function"), now: datetime = Depends(utcnow)):
    """The certificate's credential as a VC-JWT and decoded: for its holder, an admin, or with the code."""
    return credentials.get_credential(session=session, number=number, viewer=viewer, code=code, now=now)


@router.post("/api/credentials/verify", response_model=CredentialVerdict, responses={429: {"model": ErrorOut}})
def verify_credential(body: VerifyIn, request: Request, session: Session = Depends(db_session, scope="function"),
                      now: datetime = Depends(utcnow)):
    """Check a credential's signature against the published keys and its certificate's status."""
    retry_after = _verify_limiter.hit(request.client.host if request.client else "unknown", now)
    if retry_after is not None:
        return JSONResponse({"detail": f"Too many verifications; try again in {retry_after} s."}, status_code=429,
                            headers={"Retry-After": str(retry_after)})
    return credentials.verify_credential(session=session, token=body.jwt.strip(), now=now)
