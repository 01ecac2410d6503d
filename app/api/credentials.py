"""Open Badges 3.0 credentials: fetch, verify, and the public documents a verifier dereferences."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlmodel import Session

from app.api.deps import IdPath, client_address, db_session, utcnow
from app.api.schemas import ErrorOut
from app.domain.errors import NotAuthenticated
from app.services.accounts import rate_limits
from app.services.accounts import users as accounts
from app.services.dto import UserDTO
from app.services.training import credential_documents, credential_status, credentials, signing
from app.services.training.dto import CredentialVerdict, SignedCredential

router = APIRouter(tags=["credentials"])
# Documents any verifier may fetch, from any web page: public, and cached briefly so that a
# revocation shows within a minute.
PUBLIC = {"Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*"}
Slug = Annotated[str, Path(max_length=100, pattern="^[a-z0-9-]+$", description="the track's slug")]
KeyId = Annotated[str, Path(max_length=64, pattern="^[A-Za-z0-9]+$", description="a signing key's id")]
NOT_FOUND = {404: {"model": ErrorOut}}


class VerifyIn(BaseModel):
    jwt: str = Field(min_length=1, max_length=20_000, description="the credential as a compact JWS")


def optional_user(authorization: str | None = Header(default=None), session: Session = Depends(db_session, scope="function"),
                  now: datetime = Depends(utcnow)) -> UserDTO | None:
    """The signed-in user if a valid bearer token came along; anonymous callers may use a code."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    try:
        return accounts.resolve_session(session=session, token=token.strip(), now=now)
    except NotAuthenticated:
        return None


@router.get("/.well-known/jwks.json", include_in_schema=True)
def jwks(session: Session = Depends(db_session, scope="function")) -> JSONResponse:
    """Public keys (current and retired) that verify the portal's credentials."""
    return JSONResponse(signing.published_keys(session=session), headers=PUBLIC)


@router.get("/api/credentials/keys/{kid}", responses=NOT_FOUND)
def public_key(kid: KeyId, session: Session = Depends(db_session, scope="function")) -> JSONResponse:
    """One public key as a JWK: what a credential's `kid` header dereferences to."""
    return JSONResponse(signing.public_key(session=session, kid=kid), headers=PUBLIC,
                        media_type="application/jwk+json")


@router.get("/api/credentials/status/{list_id}", responses=NOT_FOUND | {200: {"content": {"application/vc+jwt": {}}}})
def status_list(list_id: IdPath, session: Session = Depends(db_session, scope="function")) -> Response:
    """A revocation status list (W3C Bitstring Status List) as a signed VC-JWT."""
    token = credential_status.published_list(session=session, list_id=list_id)
    return Response(token, media_type="application/vc+jwt", headers=PUBLIC)


@router.get("/api/credentials/issuer")
def issuer_profile() -> JSONResponse:
    """The issuer profile named in every credential (an OB 3.0 Profile)."""
    return JSONResponse(credential_documents.issuer_profile(), headers=PUBLIC)


@router.get("/api/credentials/issuer/image.svg", responses={200: {"content": {"image/svg+xml": {}}}})
def issuer_image() -> Response:
    return Response(credential_documents.issuer_image(), media_type="image/svg+xml", headers=PUBLIC)


@router.get("/api/credentials/achievements/{slug}", responses=NOT_FOUND)
def achievement(slug: Slug, session: Session = Depends(db_session, scope="function")) -> JSONResponse:
    """A track's achievement (an OB 3.0 Achievement). Also served at its id, /achievements/{slug},
    to clients that ask for JSON."""
    return JSONResponse(credential_documents.achievement_document(session=session, slug=slug),
                        headers=PUBLIC)


@router.get("/api/credentials/achievements/{slug}/image.svg",
            responses=NOT_FOUND | {200: {"content": {"image/svg+xml": {}}}})
def achievement_image(slug: Slug, session: Session = Depends(db_session, scope="function")) -> Response:
    """The track's badge image."""
    return Response(credential_documents.achievement_image(session=session, slug=slug), media_type="image/svg+xml",
                    headers=PUBLIC)


@router.get("/api/credentials/{number}", response_model=SignedCredential,
            responses={404: {"model": ErrorOut}, 400: {"model": ErrorOut}})
def get_credential(number: str, code: str | None = Query(None, max_length=40), viewer: UserDTO | None = Depends(optional_user),
                   session: Session = Depends(db_session, scope="function"), now: datetime = Depends(utcnow)):
    """The certificate's credential as a VC-JWT and decoded: for its holder, an admin, or with the code."""
    return credentials.get_credential(session=session, number=number, viewer=viewer, code=code, now=now)


@router.get("/api/credentials/{number}/badge.svg",
            responses=NOT_FOUND | {200: {"content": {"image/svg+xml": {}}}, 400: {"model": ErrorOut}})
def baked_badge(number: str, code: str | None = Query(None, max_length=40),
                viewer: UserDTO | None = Depends(optional_user), session: Session = Depends(db_session, scope="function"),
                now: datetime = Depends(utcnow)) -> Response:
    """The track's badge image with the signed credential baked in (OB 3.0 SVG baking)."""
    badge = credential_documents.baked_badge(session=session, number=number, viewer=viewer, code=code, now=now)
    return Response(badge.svg, media_type="image/svg+xml",
                    headers={"Content-Disposition": f'attachment; filename="{badge.filename}"',
                             "Cache-Control": "private, no-store"})


@router.post("/api/credentials/verify", response_model=CredentialVerdict, responses={429: {"model": ErrorOut}})
def verify_credential(body: VerifyIn, session: Session = Depends(db_session, scope="function"),
                      now: datetime = Depends(utcnow), address: str = Depends(client_address)):
    """Check a credential's signature against the published keys and its certificate's status."""
    retry_after = rate_limits.public_check_wait(address)
    if retry_after is not None:
        return JSONResponse({"detail": f"Too many verifications; try again in {retry_after} s."}, status_code=429,
                            headers={"Retry-After": str(retry_after)})
    return credentials.verify_credential(session=session, token=body.jwt.strip(), now=now)
