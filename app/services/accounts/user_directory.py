"""The admins' list of people: filters, pages and last sign-ins, fast at a hundred thousand users.

Filtering, counting and paging happen in the database; only one page of rows is read. The
order (last name, first name, id) has an index of its own, so a page is an index range.
"""

from __future__ import annotations

from sqlmodel import Session, col, func, or_, select

from app.domain import accounts as rules
from app.domain.errors import InvalidInput
from app.models import AuthSession, Organization, User
from app.services.accounts.dto import UserPage, UserRow
from app.services.accounts.users import require_role
from app.services.dto import UserDTO

STATUSES = ("active", "disabled")
MAX_PAGE_SIZE = 100


def _conditions(*, search: str, role: str | None, organization_id: int | None, status: str | None) -> list:
    conditions = []
    text = search.strip().lower()
    if text:
        pattern = f"%{text}%"
        conditions.append(or_(col(User.email).like(pattern),
                              func.lower(User.first_name + " " + User.last_name).like(pattern)))
    if role:
        conditions.append(User.role == rules.validate_role(role))
    if organization_id is not None:
        conditions.append(User.organization_id == organization_id)
    if status:
        if status not in STATUSES:
            raise InvalidInput("status", f"Unknown status {status!r}; choose active or disabled.")
        conditions.append(User.is_active == (status == "active"))
    return conditions


def _last_sign_ins(session: Session, user_ids: list[int]) -> dict[int, object]:
    """When each of these users last signed in: the newest of their sessions (one grouped query)."""
    if not user_ids:
        return {}
    rows = session.exec(select(AuthSession.user_id, func.max(AuthSession.created_at))
                        .where(col(AuthSession.user_id).in_(user_ids)).group_by(AuthSession.user_id)).all()
    return dict(rows)


def list_users_page(*, session: Session, actor: UserDTO, search: str = "", role: str | None = None,
                    organization_id: int | None = None, status: str | None = None, page: int = 1,
                    page_size: int = 50) -> UserPage:
    """One page of users matching every filter given, ordered by name; a page past the end
    shows the last one."""
    require_role(actor, "admin")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidInput("page_size", f"Page size must be between 1 and {MAX_PAGE_SIZE}.")
    conditions = _conditions(search=search[:200], role=role, organization_id=organization_id, status=status)
    total = session.exec(select(func.count()).select_from(User).where(*conditions)).one()
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    order = (User.last_name, User.first_name, User.id)
    # The page's ids first, from the name index alone; then only those rows are read and joined.
    ids = select(User.id).where(*conditions).order_by(*order).offset((page - 1) * page_size).limit(page_size)
    rows = session.exec(
        select(User, Organization.name).join(Organization, Organization.id == User.organization_id)
        .where(col(User.id).in_(ids.scalar_subquery())).order_by(*order)
    ).all()
    signed_in = _last_sign_ins(session, [user.id for user, _ in rows])
    return UserPage(
        rows=[UserRow(id=user.id, email=user.email, first_name=user.first_name, last_name=user.last_name,
                      role=user.role, organization_id=user.organization_id, organization_name=org_name,
                      is_active=user.is_active, last_sign_in_at=signed_in.get(user.id)) for user, org_name in rows],
        total=total, page=page, page_size=page_size)
