"""Admin use cases for people: create one user, change a role (CSV imports: imports.py)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from app.domain import accounts as rules
from app.domain.errors import InvalidInput, NotFound
from app.models import User
from app.services import audit
from app.services.accounts import users as accounts
from app.services.accounts.users import require_role
from app.services.dto import UserDTO


def create_user(*, session: Session, actor: UserDTO, email: str, password: str, role: str, organization_name: str,
                first_name: str, last_name: str, now: datetime) -> UserDTO:
    require_role(actor, "admin")
    return accounts.create_user(session=session, email=email, password=password, role=role,
                                organization_name=organization_name, first_name=first_name, last_name=last_name,
                                now=now, actor_id=actor.id)


def change_role(*, session: Session, actor: UserDTO, user_id: int, role: str, now: datetime) -> UserDTO:
    require_role(actor, "admin")
    role = rules.validate_role(role)
    if user_id == actor.id and role != "admin":
        raise InvalidInput("role", "You cannot remove your own admin role; ask another admin.")
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"No user with id {user_id}.")
    previous, user.role = user.role, role
    session.add(user)
    session.flush()
    audit.record(session, action="user.change_role", subject=user.email, at=now, actor_id=actor.id,
                 detail={"from": previous, "to": role})
    return accounts.user_by_id(session, user_id)
