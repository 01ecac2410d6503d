"""Admin use cases for organizations: create, and set industry and employee count."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from app.domain.errors import NotFound
from app.domain.organizations import validate_organization
from app.models import Organization
from app.services import audit
from app.services.accounts import organizations
from app.services.accounts.dto import OrganizationDTO
from app.services.accounts.users import require_role
from app.services.dto import UserDTO


def create_organization(*, session: Session, actor: UserDTO, name: str, industry: str, employee_count: int,
                        now: datetime) -> OrganizationDTO:
    require_role(actor, "admin")
    return organizations.create_organization(session=session, name=name, industry=industry,
                                             employee_count=employee_count, now=now, actor_id=actor.id)


def update_organization(*, session: Session, actor: UserDTO, organization_id: int, industry: str,
                        employee_count: int, now: datetime) -> OrganizationDTO:
    """Industry and size decide an organization's benchmark cohorts from the next nightly run."""
    require_role(actor, "admin")
    org = session.get(Organization, organization_id)
    if org is None:
        raise NotFound(f"No organization with id {organization_id}.")
    _name, industry, employee_count = validate_organization(org.name, industry, employee_count)
    before = {"industry": org.industry, "employee_count": org.employee_count}
    org.industry, org.employee_count = industry, employee_count
    session.add(org)
    session.flush()
    audit.record(session, action="organization.update", subject=org.name, at=now, actor_id=actor.id,
                 detail={"before": before, "after": {"industry": industry, "employee_count": employee_count}})
    return organizations.get_organization(session=session, viewer=actor, organization_id=organization_id)
