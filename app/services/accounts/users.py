"""Sign-in, sessions and user management use cases."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, or_, select

from app.domain import accounts as rules
from app.domain import ratelimit
from app.domain.errors import (
    Conflict,
    InvalidCredentials,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    TooManyAttempts,
)
from app.domain.text import check_text
from app.models import AuthSession, Organization, User
from app.services import audit
from app.services.accounts import rate_limits
from app.services.accounts.dto import LoginResult
from app.services.accounts.passwords import hash_password, verify_password
from app.services.dto import UserDTO
from app.settings import Settings, get_settings

LOGIN_FAILED = "auth.login_failed"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _to_dto(user: User, organization: Organization) -> UserDTO:
    return UserDTO(
        id=user.id,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        role=user.role,
        organization_id=user.organization_id,
        organization_name=organization.name,
        is_active=user.is_active,
    )


def _user_with_org(session: Session, *conditions) -> tuple[User, Organization] | None:
    row = session.exec(
        select(User, Organization).join(Organization, Organization.id == User.organization_id).where(*conditions)
    ).first()
    return (row[0], row[1]) if row else None


def user_by_id(session: Session, user_id: int) -> UserDTO:
    found = _user_with_org(session, User.id == user_id)
    if found is None:
        raise NotFound(f"No user with id {user_id}.")
    return _to_dto(*found)


def user_by_email(session: Session, email: str) -> UserDTO:
    found = _user_with_org(session, User.email == rules.normalize_email(email))
    if found is None:
        raise NotFound(f"No user has the email {rules.normalize_email(email)}.")
    return _to_dto(*found)


def login(
    *, session: Session, email: str, password: str, now: datetime, address: str = ratelimit.UNKNOWN,
    settings: Settings | None = None,
) -> LoginResult:
    """Check the password and open a session; ``address`` is the client's (see the throttling
    rules in ``app.domain.ratelimit``)."""
    settings = settings or get_settings()
    email = rules.normalize_email(check_text("email", email))
    check_text("password", password)
    limits = ratelimit.LoginLimits(settings.login_max_failures, settings.login_address_max_failures,
                                   settings.login_global_max_failures, settings.login_window_minutes * 60)
    failure_counters = ratelimit.login_counters(limits, rate_limits.subject_key(email), address)
    wait = ratelimit.login_wait(limits, [(c.count, c.seconds_left)
                                         for c in rate_limits.counters().peek(list(failure_counters))])
    if wait is not None:
        raise TooManyAttempts(wait)

    found = _user_with_org(session, User.email == email)
    user, organization = found if found else (None, None)
    password_ok = verify_password(user.password_hash if user else None, password)
    if not (user and password_ok and user.is_active):
        rate_limits.counters().hit(failure_counters)
        audit.record(session, action=LOGIN_FAILED, subject=email, at=now, detail={"address": address})
        # The failure must be stored even though the caller's unit of work fails.
        session.commit()
        raise InvalidCredentials()

    token = secrets.token_urlsafe(32)
    expires_at = rules.session_expiry(now, settings.session_hours)
    session.add(AuthSession(token_hash=_token_hash(token), user_id=user.id, created_at=now, expires_at=expires_at))
    audit.record(session, action="auth.login", subject=email, at=now, actor_id=user.id)
    return LoginResult(token=token, expires_at=expires_at, user=_to_dto(user, organization))


def logout(*, session: Session, token: str, now: datetime) -> None:
    session.exec(
        update(AuthSession)
        .where(AuthSession.token_hash == _token_hash(token), AuthSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def resolve_session(*, session: Session, token: str | None, now: datetime) -> UserDTO:
    """The signed-in user behind a bearer token, or ``NotAuthenticated``."""
    if not token:
        raise NotAuthenticated("Sign in to continue.")
    row = session.exec(
        select(AuthSession, User, Organization)
        .join(User, User.id == AuthSession.user_id)
        .join(Organization, Organization.id == User.organization_id)
        .where(AuthSession.token_hash == _token_hash(token))
    ).first()
    if row is None:
        raise NotAuthenticated()
    auth, user, organization = row
    if not user.is_active or not rules.session_is_live(now, auth.expires_at, auth.revoked_at):
        raise NotAuthenticated()
    return _to_dto(user, organization)


def require_role(user: UserDTO, *roles: str) -> None:
    if user.role not in roles:
        raise PermissionDenied(
            f"This needs the {' or '.join(roles)} role; you are signed in as a {user.role}."
        )


def create_user(
    *,
    session: Session,
    email: str,
    password: str,
    role: str,
    organization_name: str,
    first_name: str,
    last_name: str,
    now: datetime,
    actor_id: int | None = None,
    password_hash: str | None = None,
) -> UserDTO:
    """``password_hash``: already computed from ``password`` (a bulk import hashes before its transaction)."""
    email = rules.validate_email(email)
    rules.validate_password(password)
    role = rules.validate_role(role)
    first_name = rules.validate_name("first_name", first_name)
    last_name = rules.validate_name("last_name", last_name)
    organization = session.exec(select(Organization).where(Organization.name == organization_name)).first()
    if organization is None:
        raise NotFound(f"No organization is named {organization_name!r}. Check the spelling or create it first.")
    if session.exec(select(User.id).where(User.email == email)).first() is not None:
        raise Conflict(f"A user with email {email} already exists.")
    user = User(
        organization_id=organization.id,
        email=email,
        first_name=first_name,
        last_name=last_name,
        password_hash=password_hash or hash_password(password),
        role=role,
        created_at=now,
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"A user with email {email} already exists.") from None
    audit.record(session, action="user.create", subject=email, at=now, actor_id=actor_id, detail={"role": role})
    return _to_dto(user, organization)


def set_user_active(*, session: Session, actor: UserDTO, user_id: int, active: bool, now: datetime) -> UserDTO:
    """Enable or disable a user; disabling ends their sessions at once.

    An admin cannot disable their own account: it would end their own session mid-action
    and, for the last admin, lock everyone out of administration.
    """
    require_role(actor, "admin")
    if user_id == actor.id and not active:
        raise InvalidInput("active", "You cannot disable your own account; ask another admin.")
    found = _user_with_org(session, User.id == user_id)
    if found is None:
        raise NotFound(f"No user with id {user_id}.")
    user, organization = found
    user.is_active = active
    session.add(user)
    if not active:
        session.exec(
            update(AuthSession)
            .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
            .values(revoked_at=now)
        )
    audit.record(
        session, action="user.activate" if active else "user.deactivate", subject=user.email, at=now, actor_id=actor.id
    )
    return _to_dto(user, organization)


def list_users(
    *, session: Session, viewer: UserDTO, organization_id: int | None = None, search: str = "", limit: int = 200
) -> list[UserDTO]:
    """Users visible to ``viewer``: learners see only their own organization."""
    if organization_id is not None and not rules.can_view_organization(
        viewer.role, viewer.organization_id, organization_id
    ):
        raise PermissionDenied("You can only see people in your own organization.")
    if organization_id is None and viewer.role not in rules.STAFF_ROLES:
        organization_id = viewer.organization_id
    query = select(User, Organization).join(Organization, Organization.id == User.organization_id)
    if organization_id is not None:
        if session.get(Organization, organization_id) is None:
            raise NotFound(f"No organization with id {organization_id}.")
        query = query.where(User.organization_id == organization_id)
    if search.strip():
        pattern = f"%{search.strip().lower()}%"
        query = query.where(
            or_(
                col(User.email).like(pattern),
                func.lower(User.first_name).like(pattern),
                func.lower(User.last_name).like(pattern),
            )
        )
    rows = session.exec(query.order_by(User.last_name, User.first_name, User.id).limit(limit)).all()
    return [_to_dto(user, organization) for user, organization in rows]
