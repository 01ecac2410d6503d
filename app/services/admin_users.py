"""Admin use cases for people: create, change role, import a CSV (all rows or none)."""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from app.domain import accounts as rules
from app.domain.errors import DomainError, InvalidInput, NotFound, ProblemsFound
from app.models import Organization, User
from app.services import accounts, audit
from app.services.accounts import require_role
from app.services.dto import UserDTO

CSV_COLUMNS = ("email", "first_name", "last_name", "role", "organization")


class ImportRejected(ProblemsFound):
    def __init__(self, problems: list[str]):
        super().__init__(f"Nothing was imported; {len(problems)} problem(s):", problems)


@dataclass(frozen=True)
class ImportedUser:
    email: str
    role: str
    organization_name: str
    initial_password: str  # shown once to the importing admin, never stored in clear

    def as_dict(self) -> dict:
        return {"email": self.email, "role": self.role, "organization_name": self.organization_name,
                "initial_password": self.initial_password}


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


def _check_row(line: int, row: dict, organizations: set[str], seen: set[str], taken: set[str]) -> list[str]:
    problems = []
    for column, check in (("email", rules.validate_email), ("role", rules.validate_role),
                          ("first_name", lambda v: rules.validate_name("first_name", v)),
                          ("last_name", lambda v: rules.validate_name("last_name", v))):
        try:
            check((row.get(column) or "").strip())
        except DomainError as err:
            problems.append(f"line {line}, {column}: {err}")
    email = rules.normalize_email(row.get("email") or "")
    if email and (email in seen or email in taken):
        problems.append(f"line {line}, email: {email} {'appears twice in the file' if email in seen else 'already has an account'}")
    seen.add(email)
    organization = (row.get("organization") or "").strip()
    if organization not in organizations:
        problems.append(f"line {line}, organization: no organization is named {organization!r}")
    password = (row.get("password") or "").strip()
    if password:
        try:
            rules.validate_password(password)
        except DomainError as err:
            problems.append(f"line {line}, password: {err}")
    return problems


def import_users_csv(*, session: Session, actor: UserDTO, text: str, now: datetime) -> list[ImportedUser]:
    """Columns email, first_name, last_name, role, organization and optionally password.

    Every row is checked before anything is written; one bad row rejects the file and the
    error lists every bad row by line. Rows without a password get a random initial one.
    """
    require_role(actor, "admin")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportRejected([f"line 1: missing column(s) {', '.join(missing)}; expected {', '.join(CSV_COLUMNS)}"])
    rows = list(reader)
    if not rows:
        raise ImportRejected(["the file has no rows after the header"])
    organizations = set(session.exec(select(Organization.name)).all())
    emails = [rules.normalize_email(r.get("email") or "") for r in rows]
    taken = set(session.exec(select(User.email).where(User.email.in_(emails))).all())
    problems: list[str] = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        problems += _check_row(line, row, organizations, seen, taken)
    if problems:
        raise ImportRejected(problems)
    imported = []
    for row in rows:
        password = (row.get("password") or "").strip() or secrets.token_urlsafe(12)
        user = accounts.create_user(session=session, email=row["email"], password=password, role=row["role"].strip(),
                                    organization_name=row["organization"].strip(), first_name=row["first_name"],
                                    last_name=row["last_name"], now=now, actor_id=actor.id)
        imported.append(ImportedUser(user.email, user.role, user.organization_name,
                                     "" if row.get("password", "").strip() else password))
    audit.record(session, action="user.import", subject=f"{len(imported)} users", at=now, actor_id=actor.id)
    return imported
