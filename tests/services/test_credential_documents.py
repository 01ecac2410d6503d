"""What 1EdTech's validator checks, checked here: the official schemas, the JOSE header, the
credential's schema and status entries, and the documents its ids point at."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from sqlmodel import select

from app.db import session_scope
from app.domain import badge_art
from app.domain.errors import NotFound
from app.models import Track
from app.services.training import credential_documents, credentials
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.ob3_schemas import achievement_problems, problems
from tests.services.test_certificates import issue, pass_all
from tests.training_fixtures import make_track


@pytest.fixture
def holder(db):
    make_org("Acme Health")
    track_id, keys = make_track()
    lena = make_user("lena@acme.test")
    pass_all(lena.id, keys)
    cert, _ = issue(lena, track_id)
    with session_scope() as s:
        signed = credentials.get_credential(session=s, number=cert.number, viewer=lena, code=None, now=NOW)
    return {"lena": lena, "cert": cert, "signed": signed, "track_id": track_id, "keys": keys}


def test_an_issued_credential_is_valid_against_the_official_schema(holder):
    assert problems(holder["signed"].credential, "achievementcredential.json") == []


def test_a_renewals_credential_is_schema_valid_too(holder):
    renewed_at = holder["cert"].expires_at - timedelta(days=30)
    renewal, created = issue(holder["lena"], holder["track_id"], now=renewed_at)
    assert created
    with session_scope() as s:
        signed = credentials.get_credential(session=s, number=renewal.number, viewer=holder["lena"], code=None,
                                            now=renewed_at)
    assert problems(signed.credential, "achievementcredential.json") == []


def test_the_jose_header_has_only_alg_kid_and_typ_jwt(holder):
    header = jwt.get_unverified_header(holder["signed"].jwt)
    assert set(header) == {"alg", "kid", "typ"} and header["typ"] == "JWT" and header["alg"] == "RS256"
    assert "#" not in header["kid"] and "/api/credentials/keys/" in header["kid"]


def test_the_credential_names_its_schema_and_its_status_entry(holder):
    body = holder["signed"].credential
    assert body["credentialSchema"] == [{
        "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
        "type": "1EdTechJsonSchemaValidator2019"}]
    status = body["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry" and status["statusPurpose"] == "revocation"
    assert status["id"] == f"{status['statusListCredential']}#{status['statusListIndex']}"
    assert status["statusListIndex"].isdigit() and "/api/credentials/status/" in status["statusListCredential"]


def test_two_credentials_never_share_a_status_bit(holder):
    otto = make_user("otto@acme.test")
    pass_all(otto.id, holder["keys"])
    cert, _ = issue(otto, holder["track_id"])
    with session_scope() as s:
        other = credentials.get_credential(session=s, number=cert.number, viewer=otto, code=None, now=NOW)
    first, second = holder["signed"].credential["credentialStatus"], other.credential["credentialStatus"]
    assert first["statusListCredential"] == second["statusListCredential"]
    assert first["statusListIndex"] != second["statusListIndex"]


def test_the_issuer_profile_is_an_ob3_profile_with_its_context_and_image(holder):
    profile = credential_documents.issuer_profile()
    assert problems(profile, "profile.json") == []
    assert profile["@context"][1].startswith("https://purl.imsglobal.org/spec/ob/v3p0/context")
    assert profile["id"] == holder["signed"].credential["issuer"]["id"]
    assert profile["type"] == ["Profile"] and profile["url"] and profile["image"]["type"] == "Image"


def test_the_achievement_document_is_the_credentials_achievement_with_a_creator(holder):
    credential_achievement = holder["signed"].credential["credentialSubject"]["achievement"]
    slug = credential_achievement["id"].rsplit("/", 1)[-1]
    with session_scope() as s:
        document = credential_documents.achievement_document(session=s, slug=slug)
    assert achievement_problems(document) == []
    assert problems(document["creator"], "profile.json") == []
    assert {k: v for k, v in document.items() if k not in ("@context", "creator")} == credential_achievement
    assert credential_achievement["image"]["id"].endswith(f"/api/credentials/achievements/{slug}/image.svg")


def test_a_draft_track_has_no_public_achievement_and_an_earlier_title_slug_still_resolves(holder):
    make_track(slug="secret-draft", published=False)
    with session_scope() as s:
        with pytest.raises(NotFound):
            credential_documents.achievement_document(session=s, slug="secret-draft")
        track = s.exec(select(Track).where(Track.id == holder["track_id"])).one()
        track.title = "Renewals: Early Warning"
        s.add(track)
    with session_scope() as s:  # credentials issued before tracks had slugs in ids named them by title
        document = credential_documents.achievement_document(session=s, slug="renewals-early-warning")
    assert document["name"] == "Renewals: Early Warning"


def test_the_baked_badge_carries_exactly_the_signed_credential(holder):
    with session_scope() as s:
        badge = credential_documents.baked_badge(session=s, number=holder["cert"].number, viewer=holder["lena"],
                                                 code=None, now=NOW)
    assert badge.filename == f"{holder['cert'].number}-badge.svg"
    assert badge_art.extract(badge.svg) == holder["signed"].jwt
    assert 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in badge.svg
    assert badge.svg.count("<openbadges:credential") == 1


def test_the_baked_badge_follows_the_credentials_access_rules(holder):
    with session_scope() as s:
        with pytest.raises(NotFound):
            credential_documents.baked_badge(session=s, number=holder["cert"].number, viewer=None, code=None, now=NOW)
        with_code = credential_documents.baked_badge(session=s, number=holder["cert"].number, viewer=None,
                                                     code=holder["cert"].verification_code, now=NOW)
    assert badge_art.extract(with_code.svg) == holder["signed"].jwt


def test_the_linkedin_link_prefills_the_certification(holder):
    cert = holder["cert"]
    url = credential_documents.linkedin_url(number=cert.number, track_title=cert.track_title,
                                            issued_at=cert.issued_at, expires_at=cert.expires_at)
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://www.linkedin.com/profile/add"
    assert query == {
        "startTask": "CERTIFICATION_NAME", "name": f"{cert.track_title} certificate", "organizationName": "Success Portal",
        "issueYear": "2026", "issueMonth": "6", "expirationYear": "2028", "expirationMonth": "6",
        "certId": cert.number, "certUrl": holder["signed"].credential["id"],
    }
    assert cert.verification_code not in url  # a public profile must not publish the code


@pytest.mark.parametrize("breakage, where", [
    (lambda c: c.pop("issuer"), "(root)"),
    (lambda c: c.update(validFrom="15 June 2026"), "validFrom"),
    (lambda c: c["@context"].pop(), "@context"),
    (lambda c: c["credentialSubject"]["achievement"]["image"].update(type="Picture"), "credentialSubject/achievement"),
])
def test_the_schema_check_catches_a_broken_credential(holder, breakage, where):
    """The check above can fail: each of these breaks the official schema."""
    broken = jwt.decode(holder["signed"].jwt, options={"verify_signature": False})
    breakage(broken)
    found = problems(broken, "achievementcredential.json")
    assert found and any(line.startswith(where) for line in found), found
