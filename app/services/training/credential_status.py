"""Revocation any verifier can see: every credential has a bit in a published Bitstring Status List.

A list is a signed credential of its own (VC-JWT, like the badges), stored ready to serve and
re-signed in the same transaction as the change it shows: a revocation, or a renewal that
supersedes a certificate. The bits are recomputed from the certificates each time, so the
published list is never more than one transaction away from the truth.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_
from sqlmodel import Session, select

from app.domain import status_list
from app.domain.errors import NotFound
from app.models import Certificate, CertificateCredential, CredentialStatusList
from app.services.training import signing
from app.settings import get_settings

STATUS_PATH = "/api/credentials/status/"


def list_url(list_id: int) -> str:
    return f"{get_settings().public_base_url}{STATUS_PATH}{list_id}"


def _sign_list(session: Session, row: CredentialStatusList, withdrawn: set[int], now: datetime) -> None:
    body = status_list.status_list_credential(list_url(row.id), signing.issuer().id,
                                              status_list.encode(withdrawn, row.entries), now)
    row.jwt, _key = signing.sign(session=session, payload=body, now=now)
    row.updated_at = now


def place_credential(*, session: Session, now: datetime) -> tuple[int, int]:
    """A fresh bit for a new credential: (list id, index). Opens a new list when the last is full."""
    row = session.exec(
        select(CredentialStatusList)
        .where(CredentialStatusList.allocated < CredentialStatusList.entries)
        .order_by(CredentialStatusList.id.desc())
        .with_for_update()  # concurrent issuers take turns for the next sequence number
    ).first()
    if row is None:
        row = CredentialStatusList(entries=status_list.ENTRIES_PER_LIST, updated_at=now, jwt="")
        session.add(row)
        session.flush()
        _sign_list(session, row, set(), now)
    index = status_list.index_for(row.allocated, row.entries)
    row.allocated += 1
    session.add(row)
    session.flush()
    return row.id, index


def entry_for(list_id: int, index: int) -> dict:
    return status_list.status_entry(list_url(list_id), index)


def reflect_certificates(*, session: Session, certificate_ids: list[int], now: datetime) -> None:
    """Re-publish the lists holding these certificates' credentials, after their status changed."""
    session.flush()
    list_ids = session.exec(
        select(CertificateCredential.status_list_id).where(
            CertificateCredential.certificate_id.in_(certificate_ids),
            CertificateCredential.status_list_id.is_not(None))
    ).all()
    for list_id in sorted(set(list_ids)):  # a fixed order: two writers never lock lists crosswise
        _republish(session, list_id, now)


def _republish(session: Session, list_id: int, now: datetime) -> None:
    # Lock first, then read the bits: a concurrent change to the same list commits before we read.
    row = session.exec(select(CredentialStatusList).where(CredentialStatusList.id == list_id)
                       .with_for_update()).one()
    withdrawn = session.exec(
        select(CertificateCredential.status_index)
        .join(Certificate, Certificate.id == CertificateCredential.certificate_id)
        .where(CertificateCredential.status_list_id == list_id,
               or_(Certificate.revoked_at.is_not(None), Certificate.superseded_by.is_not(None)))
    ).all()
    _sign_list(session, row, set(withdrawn), now)
    row.revision += 1
    session.add(row)
    session.flush()


def published_list(*, session: Session, list_id: int) -> str:
    """The list as served to verifiers: a compact JWS."""
    row = session.get(CredentialStatusList, list_id)
    if row is None:
        raise NotFound(f"No status list {list_id}. A credential's credentialStatus names its list.")
    return row.jwt
