"""Organization use cases (directory for staff, creation for admins and seeding)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from app.domain.accounts import STAFF_ROLES
from app.domain.errors import Conflict, NotFound, PermissionDenied
from app.domain.organizations import size_range_by_key, size_range_for, validate_industry, validate_organization
from app.models import Organization, User
from app.services import audit
from app.services.accounts.dto import OrganizationDTO
from app.services.dto import UserDTO


def to_dto(org: Organization, user_count: int) -> OrganizationDTO:
    return OrganizationDTO(
        id=org.id,
        name=org.name,
        industry=org.industry,
        employee_count=org.employee_count,
        size_range=size_range_for(org.employee_count).key,
        is_active=org.is_active,
        user_count=user_count,
    )


def _require_staff(viewer: UserDTO) -> None:
    if viewer.role not in STAFF_ROLES:
        raise PermissionDenied("Only customer success managers and admins can browse organizations.")


def filter_organizations(query, *, search: str = "", industry: str | None = None, size_range: str | None = None):
    """Narrow an organization query by name, industry and size range (validated)."""
    if search.strip():
        query = query.where(func.lower(Organization.name).like(f"%{search.strip().lower()}%"))
    if industry:
        query = query.where(Organization.industry == validate_industry(industry))
    if size_range:
        bounds = size_range_by_key(size_range)
        query = query.where(Organization.employee_count >= bounds.minimum)
        if bounds.maximum is not None:
            query = query.where(Organization.employee_count <= bounds.maximum)
    return query


def list_organizations(
    *,
    session: Session,
    viewer: UserDTO,
    search: str = "",
    industry: str | None = None,
    size_range: str | None = None,
    limit: int = 500,
) -> list[OrganizationDTO]:
    _require_staff(viewer)
    users = select(User.organization_id, func.count(User.id).label("n")).group_by(User.organization_id).subquery()
    query = select(Organization, func.coalesce(users.c.n, 0)).outerjoin(
        users, users.c.organization_id == Organization.id
    )
    query = filter_organizations(query, search=search, industry=industry, size_range=size_range)
    rows = session.exec(query.order_by(col(Organization.name)).limit(limit)).all()
    return [to_dto(org, count) for org, count in rows]


def get_organization(*, session: Session, viewer: UserDTO, organization_id: int) -> OrganizationDTO:
    if viewer.role not in STAFF_ROLES and viewer.organization_id != organization_id:
        raise PermissionDenied("You can only see your own organization.")
    org = session.get(Organization, organization_id)
    if org is None:
        raise NotFound(f"No organization with id {organization_id}.")
    count = session.exec(select(func.count(User.id)).where(User.organization_id == organization_id)).one()
    return to_dto(org, count)


def create_organization(
    *, session: Session, name: str, industry: str, employee_count: int, now: datetime, actor_id: int | None = None
) -> OrganizationDTO:
    name, industry, employee_count = validate_organization(name, industry, employee_count)
    org = Organization(name=name, industry=industry, employee_count=employee_count, created_at=now)
    session.add(org)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"An organization named {name!r} already exists.") from None
    audit.record(session, action="organization.create", subject=name, at=now, actor_id=actor_id)
    return to_dto(org, 0)
