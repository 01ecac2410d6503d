"""Admin endpoints: content, people, organizations, certificates, audit log and job runs.

Every service called here checks the admin role itself; these handlers only translate.
Two admin actions live with their own domain rather than here: revoking a certificate is
POST /api/training/certificates/{number}/revoke, and running the nightly job now is
POST /api/benchmarks/recompute.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlmodel import Session

from app.api.deps import IdPath, current_user, current_user_brief, db_session, utcnow
from app.api.schemas import ErrorOut, UserOut
from app.domain.training.content import parse_content
from app.services.accounts import users as accounts
from app.services.accounts import organizations_admin as admin_organizations
from app.services.accounts import imports as user_imports
from app.services.accounts import user_directory
from app.services.accounts import users_admin as admin_users
from app.services.accounts.dto import ImportedUser, OrganizationDTO
from app.services.accounts.users import require_role
from app.services.dto import UserDTO
from app.services.operations import records as admin_records
from app.services.operations.dto import AuditRow, JobRunDTO
from app.services.operations.records import AuditFilter
from app.services.training import authoring, content
from app.services.training.dto import TrackRow

router = APIRouter(prefix="/api/admin", tags=["admin"])
ERRORS = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 404: {"model": ErrorOut}, 422: {"model": ErrorOut}}
DB = Depends(db_session, scope="function")
CONFLICT = {409: {"model": ErrorOut}}
# Long enough for any real number (CERT-2026-00042); bounded so no one sends megabytes of digits.
CertificateNumberPath = Annotated[str, Path(min_length=1, max_length=40, description="like CERT-2026-00042")]


class ProblemsOut(BaseModel):
    detail: str
    problems: list[str]


class RoleIn(BaseModel):
    role: str = Field(min_length=1, max_length=20)


class OrganizationIn(BaseModel):
    industry: str = Field(min_length=1, max_length=40)
    employee_count: int = Field(ge=1, le=10_000_000)


class NewOrganizationIn(OrganizationIn):
    name: str = Field(min_length=1, max_length=200)


class NewUserIn(BaseModel):
    """The service checks the rules (email format, role, names, password length) with its own messages;
    these bounds only keep absurd input out."""
    email: str = Field(min_length=1, max_length=254)
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    role: str = Field(min_length=1, max_length=20)
    organization_name: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=1024)


class ActiveIn(BaseModel):
    active: bool


class UserRowOut(BaseModel):
    id: int
    email: str
    first_name: str
    last_name: str
    full_name: str
    role: str
    organization_id: int
    organization_name: str
    is_active: bool
    last_sign_in_at: datetime | None


class UserPageOut(BaseModel):
    items: list[UserRowOut]
    total: int
    page: int
    page_size: int
    pages: int


@router.get("/users", response_model=UserPageOut, responses=ERRORS)
def list_users(search: str = Query("", max_length=200), role: Literal["learner", "csm", "admin"] | None = None,
               organization_id: int | None = Query(None, ge=1, le=2_147_483_647),
               status: Literal["active", "disabled"] | None = None, page: int = Query(1, ge=1, le=1_000_000),
               page_size: int = Query(50, ge=1, le=user_directory.MAX_PAGE_SIZE),
               user: UserDTO = Depends(current_user), session: Session = DB) -> UserPageOut:
    """One page of users by name (search matches part of the name or email); a page past the end
    answers the last page. ``last_sign_in_at`` is null for someone who never signed in."""
    found = user_directory.list_users_page(session=session, actor=user, search=search, role=role,
                                           organization_id=organization_id, status=status, page=page,
                                           page_size=page_size)
    return UserPageOut(items=[UserRowOut(**u.as_dict()) for u in found.rows], total=found.total, page=found.page,
                       page_size=found.page_size, pages=found.pages)


@router.get("/tracks", response_model=list[TrackRow], responses=ERRORS)
def list_tracks(user: UserDTO = Depends(current_user), session: Session = DB):
    return [t.as_dict() for t in authoring.list_tracks(session=session, actor=user)]


@router.post("/tracks/{track_id}/publish", status_code=204, responses=ERRORS | {409: {"model": ProblemsOut}})
def publish_track(track_id: IdPath, user: UserDTO = Depends(current_user), session: Session = DB,
                  now: datetime = Depends(utcnow)):
    """Publish; 409 lists every problem (where it is and why) when the checks fail."""
    authoring.set_published(session=session, actor=user, track_id=track_id, published=True, now=now)


@router.post("/tracks/{track_id}/unpublish", status_code=204, responses=ERRORS)
def unpublish_track(track_id: IdPath, user: UserDTO = Depends(current_user), session: Session = DB,
                    now: datetime = Depends(utcnow)):
    authoring.set_published(session=session, actor=user, track_id=track_id, published=False, now=now)


class MoveIn(BaseModel):
    offset: Literal[-1, 1]


@router.post("/tracks/{track_id}/move", status_code=204, responses=ERRORS)
def move_track(track_id: IdPath, body: MoveIn, user: UserDTO = Depends(current_user), session: Session = DB,
               now: datetime = Depends(utcnow)):
    """Swap with the track listed before (offset -1) or after (+1); learners see published tracks in this order."""
    authoring.move_track(session=session, actor=user, track_id=track_id, offset=body.offset, now=now)


@router.post("/courses/{course_id}/move", status_code=204, responses=ERRORS)
def move_course(course_id: IdPath, body: MoveIn, user: UserDTO = Depends(current_user), session: Session = DB,
                now: datetime = Depends(utcnow)):
    """Swap with the course before (offset -1) or after (+1) it in its track."""
    authoring.move_course(session=session, actor=user, course_id=course_id, offset=body.offset, now=now)


@router.post("/courses/{course_id}/publish", status_code=204, responses=ERRORS | {409: {"model": ProblemsOut}})
def publish_course(course_id: IdPath, user: UserDTO = Depends(current_user), session: Session = DB,
                   now: datetime = Depends(utcnow)):
    """Show one course to learners of its track; 409 lists every problem when the checks fail."""
    authoring.set_course_published(session=session, actor=user, course_id=course_id, published=True, now=now)


@router.post("/courses/{course_id}/unpublish", status_code=204, responses=ERRORS | {409: {"model": ErrorOut}})
def unpublish_course(course_id: IdPath, user: UserDTO = Depends(current_user), session: Session = DB,
                     now: datetime = Depends(utcnow)):
    """Make the course a draft again; 409 when it is the last published course of a published track."""
    authoring.set_course_published(session=session, actor=user, course_id=course_id, published=False, now=now)


@router.get("/content", responses=ERRORS)
def export_content(user: UserDTO = Depends(current_user), session: Session = DB) -> dict:
    """Every track as a content document (the YAML format, as JSON)."""
    return content.export_content(session=session, actor=user)


@router.put("/content", responses=ERRORS | {422: {"model": ProblemsOut}})
def import_content(document: dict = Body(...), user: UserDTO = Depends(current_user), session: Session = DB,
                   now: datetime = Depends(utcnow)):
    """Create or update tracks by slug; an invalid document changes nothing and lists every problem."""
    require_role(user, "admin")  # before looking at the document: its problems are no business of others
    tracks = parse_content(document)
    created, updated = content.import_content(session=session, tracks=tracks, now=now, actor=user)
    return {"created": created, "updated": updated}


@router.post("/users/import", status_code=201, response_model=list[ImportedUser],
             responses=ERRORS | {422: {"model": ProblemsOut}},
             openapi_extra={"requestBody": {"required": True, "content": {"text/csv": {"schema": {
                 "type": "string", "maxLength": user_imports.MAX_CSV_BYTES}}}}})
async def import_users(request: Request, user: UserDTO = Depends(current_user_brief), now: datetime = Depends(utcnow)):
    """CSV columns email, first_name, last_name, role, organization[, password]; all rows or none.

    The body is read as bytes and decoded here, so a file that is not UTF-8 gets the same
    answer as in the browser. The import runs its own short transactions (check, then
    create) around the slow password hashing, in a worker thread."""
    text = user_imports.decode_csv(await request.body(), "The request body")
    imported = await run_in_threadpool(user_imports.import_users_in_steps, actor=user, text=text, now=now)
    return [u.as_dict() for u in imported]


@router.post("/users", status_code=201, response_model=UserOut, responses=ERRORS | CONFLICT)
def create_user(body: NewUserIn, user: UserDTO = Depends(current_user), session: Session = DB,
                now: datetime = Depends(utcnow)) -> UserOut:
    """One user in an existing organization (404 when no organization has that name); 409 when the email
    already has an account."""
    return UserOut.of(admin_users.create_user(session=session, actor=user, email=body.email, password=body.password,
                                              role=body.role, organization_name=body.organization_name,
                                              first_name=body.first_name, last_name=body.last_name, now=now))


@router.put("/users/{user_id}/active", response_model=UserOut, responses=ERRORS)
def set_active(user_id: IdPath, body: ActiveIn, user: UserDTO = Depends(current_user), session: Session = DB,
               now: datetime = Depends(utcnow)) -> UserOut:
    """Enable or disable; disabling ends the user's sessions at once. Admins cannot disable themselves."""
    return UserOut.of(accounts.set_user_active(session=session, actor=user, user_id=user_id, active=body.active,
                                               now=now))


@router.put("/users/{user_id}/role", response_model=UserOut, responses=ERRORS)
def change_role(user_id: IdPath, body: RoleIn, user: UserDTO = Depends(current_user), session: Session = DB,
                now: datetime = Depends(utcnow)) -> UserOut:
    return UserOut.of(admin_users.change_role(session=session, actor=user, user_id=user_id, role=body.role, now=now))


@router.post("/organizations", status_code=201, response_model=OrganizationDTO, responses=ERRORS | CONFLICT)
def create_organization(body: NewOrganizationIn, user: UserDTO = Depends(current_user), session: Session = DB,
                        now: datetime = Depends(utcnow)) -> OrganizationDTO:
    """Industry from the fixed list (422 names the choices); 409 when the name is taken."""
    return admin_organizations.create_organization(session=session, actor=user, name=body.name,
                                                   industry=body.industry, employee_count=body.employee_count,
                                                   now=now)


@router.put("/organizations/{organization_id}", response_model=OrganizationDTO, responses=ERRORS)
def update_organization(organization_id: IdPath, body: OrganizationIn, user: UserDTO = Depends(current_user),
                        session: Session = DB, now: datetime = Depends(utcnow)) -> OrganizationDTO:
    return admin_organizations.update_organization(session=session, actor=user, organization_id=organization_id,
                                                   industry=body.industry, employee_count=body.employee_count, now=now)


@router.get("/certificates", responses=ERRORS)
def find_certificates(query: str = Query(..., min_length=1, max_length=200), user: UserDTO = Depends(current_user),
                      session: Session = DB, now: datetime = Depends(utcnow)) -> list[dict]:
    """By number, holder name or holder email."""
    return admin_records.find_certificates(session=session, actor=user, query=query, now=now)


@router.get("/certificates/{number}/history", response_model=list[AuditRow], responses=ERRORS)
def certificate_history(number: CertificateNumberPath, user: UserDTO = Depends(current_user),
                        session: Session = DB):
    """Issue, renewal and revocation events, newest first; 404 when no certificate has the number.

    Revoke with POST /api/training/certificates/{number}/revoke."""
    return [r.as_dict() for r in admin_records.certificate_history(session=session, actor=user, number=number)]


@router.get("/audit", response_model=list[AuditRow], responses=ERRORS | {200: {"content": {"text/csv": {}}}})
def audit_log(actor: str = Query("", max_length=254), action: str = Query("", max_length=60),
              since: date | None = None, until: date | None = None,
              format: Literal["json", "csv"] = Query("json", description="csv: the whole filtered log as a file"),
              user: UserDTO = Depends(current_user), session: Session = DB, now: datetime = Depends(utcnow)):
    """The newest 200 events in words (names instead of ids), or with format=csv every matching event
    (up to 100,000) as a CSV download. ``actor`` matches part of the actor's email or name, ``action``
    is a prefix ("user." finds every user action)."""
    if format == "csv":
        export = admin_records.audit_csv(session=session, actor=user, now=now,
                                         filters=AuditFilter(actor=actor, action=action, since=since, until=until))
        return Response(export.text, media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{export.filename}"'})
    return [r.as_dict() for r in admin_records.audit_events(session=session, actor=user, actor_email=actor,
                                                           action=action, since=since, until=until)]


@router.get("/jobs", response_model=list[JobRunDTO], responses=ERRORS)
def job_runs(user: UserDTO = Depends(current_user), session: Session = DB) -> list[JobRunDTO]:
    """Recent runs of nightly-benchmarks (start one with POST /api/benchmarks/recompute)."""
    return admin_records.recent_job_runs(session=session, actor=user)
