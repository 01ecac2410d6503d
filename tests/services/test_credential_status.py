"""Revocation any verifier can see: the published status list, its bits, and the offline script."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import jwt
import pytest

from app.db import session_scope
from app.domain import status_list
from app.services.training import certificates, credential_status, credentials, signing
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.services.test_certificates import issue, pass_all
from tests.training_fixtures import make_track

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "verify_credential.py"


@pytest.fixture
def two_holders(db):
    make_org("Acme Health")
    make_org("Vendor", "Software", 300)
    track_id, keys = make_track()
    people = {}
    for email in ("lena@acme.test", "otto@acme.test"):
        user = make_user(email)
        pass_all(user.id, keys)
        cert, _ = issue(user, track_id)
        with session_scope() as s:
            signed = credentials.get_credential(session=s, number=cert.number, viewer=user, code=None, now=NOW)
        people[email.split("@")[0]] = {"user": user, "cert": cert, "signed": signed}
    people["admin"] = make_user("ada@vendor.test", "admin", org="Vendor")
    people["track_id"] = track_id
    return people


def list_id_of(signed) -> int:
    return int(signed.credential["credentialStatus"]["statusListCredential"].rsplit("/", 1)[-1])


def published(list_id: int) -> tuple[str, dict]:
    """The list as served, checked the way a verifier does: its kid dereferenced to one JWK."""
    with session_scope() as s:
        token = credential_status.published_list(session=s, list_id=list_id)
        kid_url = jwt.get_unverified_header(token)["kid"]
        jwk = signing.public_key(session=s, kid=kid_url.rsplit("/", 1)[-1])
    claims = jwt.decode(token, jwt.PyJWK(jwk).key, algorithms=["RS256"])
    return token, claims


def bit(signed) -> bool:
    _token, claims = published(list_id_of(signed))
    bits = status_list.decode(claims["credentialSubject"]["encodedList"])
    return status_list.is_set(bits, int(signed.credential["credentialStatus"]["statusListIndex"]))


def revoke(admin, number, now=NOW):
    with session_scope() as s:
        certificates.revoke_certificate(session=s, actor=admin, number=number, reason="Shared answers", now=now)


def test_the_published_list_is_a_signed_bitstring_status_list_credential(two_holders):
    status = two_holders["lena"]["signed"].credential["credentialStatus"]
    _token, claims = published(list_id_of(two_holders["lena"]["signed"]))
    assert claims["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    assert claims["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert claims["id"] == status["statusListCredential"] == claims["jti"]
    assert claims["issuer"] == two_holders["lena"]["signed"].credential["issuer"]["id"] == claims["iss"]
    subject = claims["credentialSubject"]
    assert (subject["type"], subject["statusPurpose"]) == ("BitstringStatusList", "revocation")
    assert len(status_list.decode(subject["encodedList"])) * 8 == 131_072


def test_revoking_flips_exactly_that_credentials_bit(two_holders):
    lena, otto = two_holders["lena"], two_holders["otto"]
    assert not bit(lena["signed"]) and not bit(otto["signed"])
    revoke(two_holders["admin"], lena["cert"].number, NOW + timedelta(days=2))
    assert bit(lena["signed"]) and not bit(otto["signed"])
    _token, claims = published(list_id_of(lena["signed"]))
    assert claims["validFrom"] == "2026-06-17T12:00:00Z"  # re-signed when it changed


def test_a_revocation_that_rolls_back_leaves_the_list_as_it_was(two_holders):
    """The list changes in the revocation's transaction: both happen, or neither."""
    before, _ = published(list_id_of(two_holders["lena"]["signed"]))
    with pytest.raises(RuntimeError):
        with session_scope() as s:
            certificates.revoke_certificate(session=s, actor=two_holders["admin"],
                                            number=two_holders["lena"]["cert"].number, reason="Shared answers",
                                            now=NOW)
            raise RuntimeError("the transaction fails after the revocation")
    after, _ = published(list_id_of(two_holders["lena"]["signed"]))
    assert after == before and not bit(two_holders["lena"]["signed"])


def test_a_renewal_withdraws_the_superseded_credential_in_the_list(two_holders):
    lena = two_holders["lena"]
    renewed_at = lena["cert"].expires_at - timedelta(days=30)
    renewal, created = issue(lena["user"], two_holders["track_id"], now=renewed_at)
    with session_scope() as s:
        fresh = credentials.get_credential(session=s, number=renewal.number, viewer=lena["user"], code=None,
                                           now=renewed_at)
    assert created and bit(lena["signed"]) and not bit(fresh) and not bit(two_holders["otto"]["signed"])


def test_concurrent_revocations_both_reach_the_list(two_holders):
    barrier, errors = threading.Barrier(2), []

    def revoke_at_once(number):
        try:
            barrier.wait(timeout=10)
            revoke(two_holders["admin"], number)
        except Exception as err:  # noqa: BLE001 (reported below)
            errors.append(err)

    threads = [threading.Thread(target=revoke_at_once, args=(two_holders[who]["cert"].number,))
               for who in ("lena", "otto")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert bit(two_holders["lena"]["signed"]) and bit(two_holders["otto"]["signed"])


def run_script(tmp_path, token: str, *extra: str, status: bool = True) -> subprocess.CompletedProcess:
    """docs/verify_credential.py on files, as a verifier without the portal would run it."""
    with session_scope() as s:
        (tmp_path / "jwks.json").write_text(json.dumps(signing.published_keys(session=s)))
    (tmp_path / "credential.jwt").write_text(token)
    args = [str(tmp_path / "credential.jwt"), str(tmp_path / "jwks.json")]
    claims = jwt.decode(token, options={"verify_signature": False})
    if status and "credentialStatus" in claims:
        list_id = int(claims["credentialStatus"]["statusListCredential"].rsplit("/", 1)[-1])
        (tmp_path / "status.jwt").write_text(published(list_id)[0])
        args.append(str(tmp_path / "status.jwt"))
    return subprocess.run([sys.executable, str(SCRIPT), *args, *extra], capture_output=True, text=True)


def test_the_offline_script_says_valid_then_revoked(two_holders, tmp_path):
    token = two_holders["lena"]["signed"].jwt
    valid = run_script(tmp_path, token, "--at", "2026-07-01T00:00:00Z")
    assert valid.returncode == 0 and valid.stdout.startswith("VALID:"), valid.stdout + valid.stderr
    revoke(two_holders["admin"], two_holders["lena"]["cert"].number)
    revoked = run_script(tmp_path, token, "--at", "2026-07-01T00:00:00Z")
    assert revoked.returncode == 2 and revoked.stdout.startswith("REVOKED:"), revoked.stdout + revoked.stderr
    unchecked = run_script(tmp_path, token, "--at", "2026-07-01T00:00:00Z", status=False)
    assert unchecked.stdout.startswith("VALID:") and "revocation not checked" in unchecked.stdout


def test_the_offline_script_says_expired_and_not_yet_valid_from_the_signed_dates(two_holders, tmp_path):
    token = two_holders["otto"]["signed"].jwt  # valid 2026-06-15T12:00:00Z to 2028-06-15T12:00:00Z
    expired = run_script(tmp_path, token, "--at", "2028-06-15T12:00:00Z")
    assert expired.returncode == 2 and expired.stdout.startswith("EXPIRED:"), expired.stdout + expired.stderr
    early = run_script(tmp_path, token, "--at", "2026-06-15T11:59:59Z")
    assert early.returncode == 2 and early.stdout.startswith("NOT YET VALID:")


def test_the_offline_script_reads_a_baked_badge_and_refuses_a_foreign_status_list(two_holders, tmp_path):
    from app.services.training import credential_documents

    with session_scope() as s:
        badge = credential_documents.baked_badge(session=s, number=two_holders["lena"]["cert"].number,
                                                 viewer=two_holders["lena"]["user"], code=None, now=NOW)
    (tmp_path / "badge.svg").write_text(badge.svg)
    run_script(tmp_path, two_holders["lena"]["signed"].jwt)  # writes jwks.json and status.jwt
    from_badge = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "badge.svg"), str(tmp_path / "jwks.json"),
                                 str(tmp_path / "status.jwt"), "--at", "2026-07-01T00:00:00Z"],
                                capture_output=True, text=True)
    assert from_badge.stdout.startswith("VALID:"), from_badge.stdout + from_badge.stderr
    header, payload, signature = (tmp_path / "status.jwt").read_text().split(".")
    (tmp_path / "status.jwt").write_text(".".join([header, payload, signature[::-1]]))
    forged = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "badge.svg"), str(tmp_path / "jwks.json"),
                             str(tmp_path / "status.jwt")], capture_output=True, text=True)
    assert forged.returncode == 1 and forged.stdout.startswith("NOT GENUINE: status list")
