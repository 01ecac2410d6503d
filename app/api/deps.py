"""Request-scoped dependencies: the clock, a unit of work, the signed-in user."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterator

from typing import Annotated

from fastapi import Depends, Header, Path, Request
from sqlmodel import Session

from app.db import session_scope
from app.domain import ratelimit
from app.domain.errors import NotAuthenticated
from app.services.accounts import users as accounts
from app.services.dto import UserDTO
from app.settings import get_settings


# Database ids are 32-bit: anything else cannot exist, and SQLite would overflow on it.
IdPath = Annotated[int, Path(ge=1, le=2_147_483_647, description="a positive id")]


# The clock and the caller's address are async on purpose: FastAPI runs a plain `def`
# dependency in the thread pool, a hop that costs more than the work itself.
async def utcnow() -> datetime:
    return datetime.now(timezone.utc)


async def client_address(request: Request) -> str:
    """The caller's address (X-Forwarded-For only from TRUSTED_PROXIES): what throttling counts by."""
    return ratelimit.client_address(request.client.host if request.client else None,
                                    request.headers.get("x-forwarded-for"), get_settings().trusted_proxies)


def db_session() -> Iterator[Session]:
    """One unit of work per request. Use it with scope="function": the commit must finish
    before the response is sent, or a client could be told "done" for a change that then
    fails to commit (FastAPI's default for yield dependencies ends them after the response)."""
    with session_scope() as session:
        yield session


def bearer_token(authorization: str | None = Header(default=None)) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("Send 'Authorization: Bearer <token>'; get a token from POST /api/auth/login.")
    return token.strip()


def current_user(
    token: str = Depends(bearer_token),
    session: Session = Depends(db_session, scope="function"),
    now: datetime = Depends(utcnow),
) -> UserDTO:
    return accounts.resolve_session(session=session, token=token, now=now)


def current_user_brief(token: str = Depends(bearer_token), now: datetime = Depends(utcnow)) -> UserDTO:
    """The signed-in user, checked in a transaction of its own that ends at once.

    For handlers that run their own units of work (jobs): holding the request's
    transaction open meanwhile would block them on SQLite's single writer.
    """
    with session_scope() as session:
        return accounts.resolve_session(session=session, token=token, now=now)
