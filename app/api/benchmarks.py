"""Peer benchmarks (CSMs and admins) and metric ingestion (admins)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlmodel import Session

from app.api.deps import IdPath, current_user, current_user_brief, db_session, utcnow
from app.api.schemas import ErrorOut
from app.domain.benchmarks.cohorts import check_cohort_kind
from app.domain.benchmarks.ingest import MAX_ROWS
from app.domain.errors import Conflict, InvalidInput
from app.services.benchmarks import customer_list
from app.services.benchmarks import views as benchmark_views
from app.services.benchmarks import metrics
from app.services.benchmarks import training_health as training_health_views
from app.services.benchmarks.dto import (CohortView, CustomerPage, HistoryPoint, ImportResult, OrganizationBenchmarks,
                                         TrainingHealth)
from app.services.dto import UserDTO
from app.services.operations import nightly
from app.services.operations.dto import JobRunDTO

router = APIRouter(prefix="/api", tags=["benchmarks"])
ERRORS = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 404: {"model": ErrorOut}, 422: {"model": ErrorOut}}


def _one_cohort(cohort: list[str] | None) -> str:
    if not cohort:
        return "all"
    if len(cohort) > 1:
        raise InvalidInput("cohort", "Choose one cohort at a time: all, industry or size.")
    return check_cohort_kind(cohort[0])


@router.get("/benchmarks/cohorts", response_model=list[CohortView], responses=ERRORS)
def list_cohorts(user: UserDTO = Depends(current_user), session: Session = Depends(db_session, scope="function")):
    """Every cohort with its peer-count band and the latest release date."""
    return benchmark_views.list_cohorts(session=session, viewer=user)


@router.get("/benchmarks/customers", response_model=CustomerPage, responses=ERRORS)
def list_customers(
    search: str = Query("", max_length=200, description="part of the customer's name"),
    industry: str | None = Query(None, max_length=40),
    size_range: str | None = Query(None, max_length=20, description="1-50 | 51-200 | 201-1000 | 1001+"),
    sort: str = Query("weakest", max_length=40, description="weakest | name | a metric's key (its rank, lowest first)"),
    page: int = Query(1, ge=1, le=customer_list.MAX_PAGE),
    page_size: int = Query(customer_list.DEFAULT_PAGE_SIZE, ge=1, le=customer_list.MAX_PAGE_SIZE),
    user: UserDTO = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
):
    """The customer list, as the CSM's home page shows it: active customers with each metric's
    stored rank against all customers; a page past the end answers the last page."""
    return customer_list.list_customers(session=session, viewer=user, search=search, industry=industry,
                                        size_range=size_range, sort=sort, page=page, page_size=page_size)


@router.get("/benchmarks/organizations/{organization_id}", response_model=OrganizationBenchmarks, responses=ERRORS)
def organization_benchmarks(
    organization_id: IdPath,
    cohort: list[str] | None = Query(None, description="all | industry | size (one)"),
    as_of: date | None = Query(None),
    user: UserDTO = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
):
    """The organization's value, rank and the released peer numbers for each metric."""
    return benchmark_views.organization_benchmarks(
        session=session, viewer=user, organization_id=organization_id, cohort_kind=_one_cohort(cohort), as_of=as_of)


@router.get("/benchmarks/organizations/{organization_id}/history", response_model=list[HistoryPoint], responses=ERRORS)
def organization_history(
    organization_id: IdPath,
    metric: str = Query(..., max_length=40),
    cohort: list[str] | None = Query(None),
    days: int = Query(90),
    user: UserDTO = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
):
    """Per day: the released knots and the organization's value and rank."""
    return benchmark_views.organization_history(
        session=session, viewer=user, organization_id=organization_id, metric=metric,
        cohort_kind=_one_cohort(cohort), days=days)


@router.get("/benchmarks/organizations/{organization_id}/training-health", response_model=TrainingHealth,
            responses=ERRORS)
def training_health(
    organization_id: IdPath,
    as_of: date | None = Query(None),
    user: UserDTO = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
):
    """Health score, tickets and resolution time across bands of certification rate (released medians,
    withheld bands with their reason) and this organization's band and values. An association, not a cause."""
    return training_health_views.training_health(session=session, viewer=user, organization_id=organization_id,
                                                 as_of=as_of)


@router.post("/benchmarks/recompute", response_model=JobRunDTO, responses=ERRORS)
def recompute(user: UserDTO = Depends(current_user_brief), now: datetime = Depends(utcnow)):
    """Run the nightly job now (admins) and return its run record."""
    run = nightly.run_now(actor=user, now=now)
    if run is None:
        raise Conflict("A run with this slot is already in progress; wait for it to finish.")
    return run


class SnapshotsIn(BaseModel):
    rows: list[dict[str, Any]] = Field(max_length=MAX_ROWS)


@router.post("/metrics/snapshots", response_model=ImportResult, responses=ERRORS)
def import_snapshots(body: list[dict[str, Any]] | SnapshotsIn, user: UserDTO = Depends(current_user),
                     session: Session = Depends(db_session, scope="function"), now: datetime = Depends(utcnow)):
    """Upsert metric values (admins): all rows are saved, or none when any row is bad (422 lists each)."""
    rows = body.rows if isinstance(body, SnapshotsIn) else body
    return metrics.import_snapshots(session=session, actor=user, rows=rows, now=now)
