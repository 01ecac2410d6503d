"""Admin use cases for organizations: list a page, pick one by name, create, and set industry and
employee count."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, case, col, func, select

from app.domain.errors import InvalidInput, NotFound
from app.domain.organizations import validate_organization
from app.models import Organization, User
from app.services import audit
from app.services.accounts import organizations
from app.services.accounts.dto import OrganizationChoice, OrganizationDTO, OrganizationPage
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


def organizations_page(*, session: Session, actor: UserDTO, search: str = "", page: int = 1,
                       page_size: int = 25) -> OrganizationPage:
    """One page of organizations by name, with how many users each has; past the end, the last page."""
    require_role(actor, "admin")
    if not 1 <= page_size <= 100:
        raise InvalidInput("page_size", "Page size must be between 1 and 100.")
    counted = organizations.filter_organizations(select(func.count()).select_from(Organization), search=search[:200])
    total = session.exec(counted).one()
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    names = organizations.filter_organizations(select(Organization), search=search[:200])
    orgs = session.exec(names.order_by(col(Organization.name)).offset((page - 1) * page_size).limit(page_size)).all()
    ids = [org.id for org in orgs]
    counts = dict(session.exec(select(User.organization_id, func.count(User.id))
                               .where(col(User.organization_id).in_(ids)).group_by(User.organization_id)).all()) if ids else {}
    return OrganizationPage(rows=[organizations.to_dto(org, counts.get(org.id, 0)) for org in orgs], total=total,
                            page=page, page_size=page_size)


def pick_organizations(*, session: Session, actor: UserDTO, text: str, limit: int = 8) -> list[OrganizationChoice]:
    """Organizations whose name contains ``text``, those starting with it first: what a picker offers."""
    require_role(actor, "admin")
    typed = " ".join(text.split()).lower()[:200]
    name = func.lower(Organization.name)
    query = select(Organization.id, Organization.name)
    if typed:
        query = query.where(name.like(f"%{typed}%")).order_by(case((name.like(f"{typed}%"), 0), else_=1),
                                                              col(Organization.name))
    else:
        query = query.order_by(col(Organization.name))
    return [OrganizationChoice(id=org_id, name=org_name)
            for org_id, org_name in session.exec(query.limit(max(1, min(limit, 20)))).all()]
