"""Organizations and their users, scoped by the caller's role and tenant."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlmodel import Session

from app.api.deps import IdPath, current_user, db_session
from app.api.schemas import ErrorOut, UserOut
from app.services.accounts import users as accounts
from app.services.accounts import organizations
from app.services.accounts.dto import OrganizationDTO
from app.services.dto import UserDTO

router = APIRouter(prefix="/api", tags=["directory"])
DENIED = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 404: {"model": ErrorOut}}


@router.get("/organizations", response_model=list[OrganizationDTO], responses=DENIED)
def list_organizations(
    search: str = Query("", max_length=200),
    industry: str | None = Query(None, max_length=40),
    size_range: str | None = Query(None, max_length=20),
    user: UserDTO = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
) -> list[OrganizationDTO]:
    """Every organization (CSMs and admins only)."""
    return organizations.list_organizations(
        session=session, viewer=user, search=search, industry=industry, size_range=size_range
    )


@router.get("/organizations/{organization_id}", response_model=OrganizationDTO, responses=DENIED)
def get_organization(
    organization_id: IdPath, user: UserDTO = Depends(current_user), session: Session = Depends(db_session, scope="function")
) -> OrganizationDTO:
    return organizations.get_organization(session=session, viewer=user, organization_id=organization_id)


@router.get("/organizations/{organization_id}/users", response_model=list[UserOut], responses=DENIED)
def list_organization_users(
    organization_id: IdPath, user: UserDTO = Depends(current_user), session: Session = Depends(db_session, scope="function")
) -> list[UserOut]:
    """People in one organization; learners may only ask about their own."""
    found = accounts.list_users(session=session, viewer=user, organization_id=organization_id)
    return [UserOut.of(u) for u in found]


@router.get("/users", response_model=list[UserOut], responses=DENIED)
def list_users(
    search: str = Query("", max_length=200),
    user: UserDTO = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
) -> list[UserOut]:
    """Search all users (admins only)."""
    accounts.require_role(user, "admin")
    return [UserOut.of(u) for u in accounts.list_users(session=session, viewer=user, search=search)]
