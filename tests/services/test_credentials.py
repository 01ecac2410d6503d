"""Open Badges credentials: signing, verification and the attacks a verifier must refuse."""

import base64
import hashlib
import hmac
import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from sqlmodel import select

from app.db import session_scope
from app.domain.errors import NotFound
from app.models import Certificate, CertificateCredential, SigningKey
from app.services.training import certificates, credentials, signing
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.services.test_certificates import issue, pass_all
from tests.services.test_credential_status import bit
from tests.training_fixtures import make_track

ROOT = Path(__file__).resolve().parents[2]


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.fixture
def issued(db):
    make_org("Acme Health")
    make_org("Vendor", "Software", 300)
    track_id, keys = make_track()
    lena = make_user("lena@acme.test")
    pass_all(lena.id, keys)
    cert, _ = issue(lena, track_id)
    with session_scope() as s:
        signed = credentials.get_credential(session=s, number=cert.number, viewer=lena, code=None, now=NOW)
    return {"cert": cert, "lena": lena, "signed": signed, "admin": make_user("ada@vendor.test", "admin", org="Vendor")}


def verify(token, now=NOW):
    with session_scope() as s:
        return credentials.verify_credential(session=s, token=token, now=now)


def test_round_trip_with_claims_mirroring_the_credential(issued):
    signed = issued["signed"]
    verdict = verify(signed.jwt)
    assert (verdict.signature, verdict.status) == ("valid", "valid")
    body = verdict.credential
    assert body["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert body["id"].endswith(f"/verify/{issued['cert'].number}") and issued["cert"].number in body["name"]
    assert (body["iss"], body["jti"], body["sub"]) == (body["issuer"]["id"], body["id"], body["credentialSubject"]["id"])
    assert body["validFrom"].endswith("Z") and "." not in body["validFrom"]
    achievement = body["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "Certification" and achievement["criteria"]["narrative"]
    identity = body["credentialSubject"]["identifier"][0]
    assert identity["identityHash"] == "sha256$" + hashlib.sha256(("lena@acme.test" + identity["salt"]).encode()).hexdigest()
    assert "lena@" not in json.dumps(body), json.dumps(body)
    assert body["credentialSubject"]["id"].startswith("urn:uuid:")
    header = jwt.get_unverified_header(signed.jwt)
    assert header == {"alg": "RS256", "typ": "JWT", "kid": signing.key_url(header["kid"].rsplit("/", 1)[-1])}


def test_the_same_credential_is_returned_again(issued):
    with session_scope() as s:
        again = credentials.get_credential(session=s, number=issued["cert"].number, viewer=None,
                                           code=issued["cert"].verification_code, now=NOW + timedelta(days=1))
    assert again.jwt == issued["signed"].jwt


def test_only_the_holder_an_admin_or_the_code_unlock_a_credential(issued):
    otto = make_user("otto@acme.test")
    number = issued["cert"].number
    with session_scope() as s:
        credentials.get_credential(session=s, number=number, viewer=issued["admin"], code=None, now=NOW)
        for viewer, code in [(otto, None), (None, None), (None, "WRONG-CODE-0000")]:
            with pytest.raises(NotFound):
                credentials.get_credential(session=s, number=number, viewer=viewer, code=code, now=NOW)


@pytest.mark.parametrize("part", [0, 1, 2])
def test_any_changed_byte_invalidates_the_credential(issued, part):
    pieces = issued["signed"].jwt.split(".")
    target = pieces[part]
    middle = len(target) // 2
    pieces[part] = target[:middle] + ("A" if target[middle] != "A" else "B") + target[middle + 1:]
    assert verify(".".join(pieces)).signature == "invalid"


def test_alg_none_is_rejected(issued):
    payload = issued["signed"].jwt.split(".")[1]
    forged = b64(json.dumps({"alg": "none", "typ": "vc+jwt"}).encode()) + "." + payload + "."
    verdict = verify(forged)
    assert verdict.signature == "invalid" and "algorithm" in verdict.reason


def test_hs256_signed_with_the_public_key_as_secret_is_rejected(issued):
    header = jwt.get_unverified_header(issued["signed"].jwt)
    with session_scope() as s:
        public = s.exec(select(SigningKey)).one().public_jwk
    pem = RSAAlgorithm.from_jwk(json.dumps(public)).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    signing_input = b64(json.dumps({"alg": "HS256", "kid": header["kid"]}).encode()) + "." + issued["signed"].jwt.split(".")[1]
    signature = b64(hmac.new(pem, signing_input.encode(), hashlib.sha256).digest())
    assert verify(signing_input + "." + signature).signature == "invalid"


def test_a_token_carrying_its_own_key_or_an_unknown_kid_is_rejected(issued):
    attacker = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    claims = issued["signed"].credential
    real_kid = jwt.get_unverified_header(issued["signed"].jwt)["kid"]
    own_key = jwt.encode(claims, attacker, algorithm="RS256",
                         headers={"kid": real_kid, "jwk": RSAAlgorithm.to_jwk(attacker.public_key(), as_dict=True)})
    assert verify(own_key).reason == "tokens may not carry their own key"
    unknown = jwt.encode(claims, attacker, algorithm="RS256", headers={"kid": real_kid.rsplit("/", 1)[0] + "/ffff"})
    assert verify(unknown).reason == "signed with an unknown key"
    wrong_signer = jwt.encode(claims, attacker, algorithm="RS256", headers={"kid": real_kid})
    assert verify(wrong_signer).signature == "invalid"


def test_claims_that_disagree_with_the_body_are_invalid(issued):
    claims = dict(issued["signed"].credential)
    claims["sub"] = "urn:uuid:00000000-0000-4000-8000-000000000000"
    with session_scope() as s:
        key = s.exec(select(SigningKey)).one()
        forged = jwt.encode(claims, signing.private_key(key), algorithm="RS256",
                            headers={"kid": signing.key_url(key.kid)})
    verdict = verify(forged)
    assert verdict.signature == "invalid" and "disagree" in verdict.reason


def test_revoked_and_expired_certificates_keep_a_valid_signature_but_report_their_status(issued):
    token = issued["signed"].jwt
    assert verify(token, NOW + timedelta(days=800)).status == "expired"
    with session_scope() as s:
        certificates.revoke_certificate(session=s, actor=issued["admin"], number=issued["cert"].number,
                                        reason="Shared answers", now=NOW)
    verdict = verify(token)
    assert (verdict.signature, verdict.status) == ("valid", "revoked")


def test_rotation_keeps_earlier_credentials_valid_and_signs_new_ones_with_the_new_key(issued):
    with session_scope() as s:
        new_kid = signing.rotate_signing_key(session=s, now=NOW)
        jwks = signing.published_keys(session=s)
    assert len({key["n"] for key in jwks["keys"]}) == 2  # each under its URL and its earlier name
    assert verify(issued["signed"].jwt).signature == "valid"
    with session_scope() as s:  # as for a certificate issued before credentials existed
        s.delete(s.exec(select(CertificateCredential)).one())
    with session_scope() as s:
        cert = s.exec(select(Certificate)).one()
        fresh = credentials.credential_for(session=s, certificate=cert, now=NOW)
    assert jwt.get_unverified_header(fresh.jwt)["kid"] == signing.key_url(new_kid)
    assert verify(fresh.jwt).signature == "valid"


def test_the_published_key_set_has_no_private_fields(issued):
    with session_scope() as s:
        signing.rotate_signing_key(session=s, now=NOW)
        jwks = signing.published_keys(session=s)
    for key in jwks["keys"]:
        assert set(key) <= {"kty", "n", "e", "kid", "use", "alg"} and key["kty"] == "RSA"
        assert not {"d", "p", "q", "dp", "dq", "qi"} & set(key)


def test_private_keys_are_stored_encrypted(issued):
    with session_scope() as s:
        pem = s.exec(select(SigningKey)).one().private_pem
    assert b"ENCRYPTED PRIVATE KEY" in pem
    with pytest.raises(TypeError):
        serialization.load_pem_private_key(pem, password=None)


def test_the_offline_script_in_docs_verifies_with_only_the_published_keys(issued, tmp_path):
    with session_scope() as s:
        (tmp_path / "jwks.json").write_text(json.dumps(signing.published_keys(session=s)))
    (tmp_path / "credential.jwt").write_text(issued["signed"].jwt)
    script = [sys.executable, str(ROOT / "docs" / "verify_credential.py"), str(tmp_path / "credential.jwt"),
              str(tmp_path / "jwks.json")]
    genuine = subprocess.run(script + ["--at", "2026-07-01T00:00:00Z"], capture_output=True, text=True)
    assert genuine.returncode == 0 and genuine.stdout.startswith("VALID"), genuine.stdout + genuine.stderr
    pieces = issued["signed"].jwt.split(".")
    (tmp_path / "credential.jwt").write_text(".".join([pieces[0], pieces[1], pieces[2][::-1]]))
    forged = subprocess.run(script, capture_output=True, text=True)
    assert forged.returncode == 1 and "NOT GENUINE" in forged.stdout


def _as_signed_before_status_lists(issued) -> str:
    """The credential as the portal signed it before keys had URLs and credentials a status:
    kid a fragment of the key set, typ vc+jwt, no credentialStatus, credentialSchema or images."""
    body = json.loads(json.dumps(issued["signed"].credential))
    for name in ("credentialStatus", "credentialSchema"):
        del body[name]
    del body["issuer"]["image"], body["credentialSubject"]["achievement"]["image"]
    with session_scope() as s:
        key = s.exec(select(SigningKey)).one()
        token = jwt.encode(body, signing.private_key(key), algorithm="RS256",
                           headers={"kid": f"{signing.legacy_key_url(key.kid)}", "typ": "vc+jwt"})
        stored = s.exec(select(CertificateCredential)).one()
        stored.jwt, stored.status_list_id, stored.status_index = token, None, None
        s.add(stored)
    assert "/.well-known/jwks.json#" in jwt.get_unverified_header(token)["kid"]
    return token


def test_a_credential_signed_before_this_format_still_verifies_here_and_offline(issued, tmp_path):
    old = _as_signed_before_status_lists(issued)
    verdict = verify(old)
    assert (verdict.signature, verdict.status) == ("valid", "valid"), verdict.reason
    with session_scope() as s:
        (tmp_path / "jwks.json").write_text(json.dumps(signing.published_keys(session=s)))
    (tmp_path / "old.jwt").write_text(old)
    offline = subprocess.run([sys.executable, str(ROOT / "docs" / "verify_credential.py"), str(tmp_path / "old.jwt"),
                              str(tmp_path / "jwks.json"), "--at", "2026-07-01T00:00:00Z"], capture_output=True, text=True)
    assert offline.returncode == 0 and offline.stdout.startswith("VALID:"), offline.stdout + offline.stderr
    assert "names no status list" in offline.stdout


def test_an_earlier_credential_is_signed_again_with_a_status_and_the_old_one_keeps_verifying(issued):
    old = _as_signed_before_status_lists(issued)
    with session_scope() as s:  # revoked before the new signature: its bit must be set at once
        certificates.revoke_certificate(session=s, actor=issued["admin"], number=issued["cert"].number,
                                        reason="Shared answers", now=NOW)
    with session_scope() as s:
        again = credentials.get_credential(session=s, number=issued["cert"].number, viewer=issued["lena"], code=None,
                                           now=NOW + timedelta(days=1))
    before = jwt.decode(old, options={"verify_signature": False})
    assert again.jwt != old and "credentialStatus" in again.credential
    assert [again.credential[k] for k in ("id", "validFrom", "validUntil")] == [before[k] for k in
                                                                                ("id", "validFrom", "validUntil")]
    assert jwt.get_unverified_header(again.jwt)["kid"].startswith(signing.key_url(""))
    assert (verify(old).signature, verify(old).status) == ("valid", "revoked")
    assert bit(again)


def test_a_verification_code_opens_the_credential_as_it_opens_the_public_check_whatever_its_case(issued):
    number = issued["cert"].number
    with session_scope() as s:
        cert = s.exec(select(Certificate).where(Certificate.number == number)).one()
        cert.verification_code = "9f3ab27c40d1e6aa"  # lower-case, as earlier demo data was seeded
        s.add(cert)
    for typed in ("9f3ab27c40d1e6aa", "9F3AB27C40D1E6AA", " 9f3ab27c40d1e6aa "):
        with session_scope() as s:
            assert certificates.verify_certificate(session=s, number=number, code=typed, now=NOW).holder_is_full_name
            assert credentials.get_credential(session=s, number=number, viewer=None, code=typed, now=NOW).jwt
