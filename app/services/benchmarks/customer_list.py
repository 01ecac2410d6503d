"""The customer list, the CSM's home: one page of active customers with their five stored ranks.

The ranks are the ones the nightly run stored in ``customer_rank`` (against all customers, from
released knots only); nothing is ranked per request. Weakest first and by name, a page is a range
of an index; a metric's order sorts the matching customers. A customer added since the last run
has no stored row: it is listed after the ranked ones in a rank order, with no ranks yet.
"""

from __future__ import annotations

from sqlalchemy import literal_column
from sqlmodel import Session, func, select

from app.domain.accounts import STAFF_ROLES
from app.domain.benchmarks.metrics import METRICS
from app.domain.benchmarks.ranks import NO_DATA, label_text
from app.domain.benchmarks.zones import zone_for
from app.domain.errors import InvalidInput, PermissionDenied
from app.domain.organizations import size_range_for
from app.models import CustomerRank, Organization
from app.models.benchmarks import RANK_LAST, WEAKEST_ORDER
from app.services.accounts.organizations import filter_organizations
from app.services.benchmarks.dto import CustomerPage, CustomerRow, RankChip
from app.services.dto import UserDTO

# "weakest": the lowest of the five ranks first (the customers to call); a metric's key: that
# metric's rank, lowest first (ties: the older customer first); "name": A to Z. Customers without
# the rank come last.
SORTS = ("weakest", "name", *(m.key for m in METRICS))
DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000
# Up to this many matches (a search, a narrow filter) the matching customers are read by the filter
# and sorted, rather than walking an order index past every customer that does not match.
FEW = 2_000
RANK_COLUMNS = tuple(column for m in METRICS for column in (f"{m.key}_rank", f"{m.key}_label"))


def check_sort(sort: str) -> str:
    if sort not in SORTS:
        raise InvalidInput("sort", f"Unknown sort {sort!r}; choose one of: {', '.join(SORTS)}.")
    return sort


def _rank_order(sort: str, few: bool) -> tuple:
    key, tie = WEAKEST_ORDER if sort == "weakest" else (
        func.coalesce(getattr(CustomerRank, f"{sort}_rank"), RANK_LAST), CustomerRank.organization_id)
    return (key + literal_column("0"), tie) if few else (key, tie)


def _chips(row) -> list[RankChip]:
    chips = []
    for metric in METRICS:
        rank = getattr(row, f"{metric.key}_rank")
        code = getattr(row, f"{metric.key}_label")
        words = label_text(NO_DATA if code is None else code, rank)  # no stored row: no data yet
        chips.append(RankChip(metric.key, metric.label, rank, words, zone_for(rank, words).key))
    return chips


def _customers(columns, filters: dict, *, ranked: bool | None):
    """Active customers matching the filters (or ``{"ids": [...]}``, already filtered); ``ranked``:
    only those with (True) or without (False) stored ranks, or all (None)."""
    query = select(Organization.id, Organization.name, Organization.industry, Organization.employee_count, *columns)
    if ranked:
        query = query.select_from(CustomerRank).join(Organization, Organization.id == CustomerRank.organization_id)
    else:
        query = query.outerjoin(CustomerRank, CustomerRank.organization_id == Organization.id)
        if ranked is False:
            query = query.where(CustomerRank.organization_id.is_(None))
    if "ids" in filters:
        return query.where(Organization.id.in_(filters["ids"]))
    return filter_organizations(query.where(Organization.is_active, Organization.is_customer), **filters)


def _page(session: Session, filters: dict, sort: str, offset: int, limit: int, few: bool) -> list:
    columns = [getattr(CustomerRank, name) for name in RANK_COLUMNS]
    if few:
        # Find the few first (one pass over the organizations, as the count), then read and sort
        # only them; "+ 0" keeps the database from walking an order index instead.
        ids = session.exec(filter_organizations(
            select(Organization.id).where(Organization.is_active, Organization.is_customer), **filters)).all()
        filters = {"ids": ids}
    if sort == "name":  # name is unique: a page is a range of its index
        name = Organization.name + literal_column("''") if few else Organization.name
        return session.exec(_customers(columns, filters, ranked=None).order_by(name)
                            .offset(offset).limit(limit)).all()
    # Read from customer_rank first, so the order can come from its index (a left join from the
    # organizations could not); customers without stored ranks follow, by name.
    rows = session.exec(_customers(columns, filters, ranked=True).order_by(*_rank_order(sort, few))
                        .offset(offset).limit(limit)).all()
    if len(rows) == limit:
        return rows
    ranked = session.exec(select(func.count()).select_from(
        _customers([], filters, ranked=True).subquery())).one()
    rest = session.exec(_customers(columns, filters, ranked=False).order_by(Organization.name)
                        .offset(max(0, offset - ranked)).limit(limit - len(rows))).all()
    return [*rows, *rest]


def list_customers(
    *, session: Session, viewer: UserDTO, search: str = "", industry: str | None = None,
    size_range: str | None = None, sort: str = "weakest", page: int = 1, page_size: int = DEFAULT_PAGE_SIZE,
) -> CustomerPage:
    """One page of active customers matching every filter, in the chosen order, with their ranks."""
    if viewer.role not in STAFF_ROLES:
        raise PermissionDenied("The customer list is for customer success managers and admins.")
    check_sort(sort)
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidInput("page_size", f"Page size must be between 1 and {MAX_PAGE_SIZE}.")
    if not 1 <= page <= MAX_PAGE:
        raise InvalidInput("page", f"Page must be between 1 and {MAX_PAGE:,}.")
    filters = {"search": search[:200], "industry": industry, "size_range": size_range}
    total = session.exec(filter_organizations(
        select(func.count()).select_from(Organization).where(Organization.is_active, Organization.is_customer),
        **filters)).one()
    pages = max(1, -(-total // page_size))
    page = min(page, pages)
    rows = _page(session, filters, sort, (page - 1) * page_size, page_size, total <= FEW) if total else []
    # The table holds one day (the nightly run rewrites it whole): any row tells it.
    as_of = session.exec(select(CustomerRank.as_of).limit(1)).first()
    return CustomerPage(
        items=[CustomerRow(row.id, row.name, row.industry, size_range_for(row.employee_count).label, _chips(row))
               for row in rows],
        total=total, page=page, page_size=page_size, pages=pages, ranks_as_of=as_of)
