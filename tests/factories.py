"""Small builders for test data, through the same services the app uses."""

from __future__ import annotations

from datetime import datetime

from app.db import session_scope
from app.services.accounts import users as accounts
from app.services.accounts import organizations
from app.services.accounts.dto import OrganizationDTO
from app.services.dto import UserDTO
from tests.conftest import NOW

PASSWORD = "correct horse battery"


def make_org(name: str = "Acme Health", industry: str = "Healthcare", employees: int = 120) -> OrganizationDTO:
    with session_scope() as s:
        return organizations.create_organization(session=s, name=name, industry=industry, employee_count=employees, now=NOW)


def make_user(email: str, role: str = "learner", org: str = "Acme Health", now: datetime = NOW) -> UserDTO:
    with session_scope() as s:
        return accounts.create_user(
            session=s,
            email=email,
            password=PASSWORD,
            role=role,
            organization_name=org,
            first_name=email.split("@")[0].capitalize(),
            last_name="Tester",
            now=now,
        )


def login_token(email: str, now: datetime = NOW) -> str:
    with session_scope() as s:
        return accounts.login(session=s, email=email, password=PASSWORD, now=now).token


def admin_csm_and_learner() -> dict:
    """The vendor's admin Ada and CSM Cara, and Lena, a learner at Acme Health (created in that order)."""
    make_org("Acme Health")
    make_org("Vendor", "Software", 300)
    return {"admin": make_user("ada@vendor.test", "admin", org="Vendor"),
            "csm": make_user("cara@vendor.test", "csm", org="Vendor"),
            "learner": make_user("lena@acme.test")}
