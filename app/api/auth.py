"""Sign-in, sign-out and who-am-I."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends
from sqlmodel import Session

from app.api.deps import bearer_token, client_address, current_user, db_session, utcnow
from app.api.schemas import ErrorOut, LoginIn, LoginOut, UserOut
from app.services.accounts import users as accounts
from app.services.dto import UserDTO

router = APIRouter(prefix="/api/auth", tags=["auth"])


@router.post(
    "/login",
    response_model=LoginOut,
    responses={401: {"model": ErrorOut}, 429: {"model": ErrorOut}},
)
def login(body: LoginIn, session: Session = Depends(db_session, scope="function"), now: datetime = Depends(utcnow),
          address: str = Depends(client_address)) -> LoginOut:
    result = accounts.login(session=session, email=body.email, password=body.password, now=now, address=address)
    return LoginOut(token=result.token, expires_at=result.expires_at, user=UserOut.of(result.user))


@router.post("/logout", status_code=204, responses={401: {"model": ErrorOut}})
def logout(
    token: str = Depends(bearer_token),
    _user: UserDTO = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
    now: datetime = Depends(utcnow),
) -> None:
    accounts.logout(session=session, token=token, now=now)


@router.get("/me", response_model=UserOut, responses={401: {"model": ErrorOut}})
def me(user: UserDTO = Depends(current_user)) -> UserOut:
    return UserOut.of(user)
