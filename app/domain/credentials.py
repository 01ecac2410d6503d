"""Open Badges 3.0 credentials on the W3C Verifiable Credentials 2.0 data model.

Pure: builds the credential body and the JWT claims that must mirror it, and checks
that a decoded token's claims agree with its body. Signing lives in the service.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timezone

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
# The JSON Schema 1EdTech publishes for this credential, named the way the specification's examples do.
ACHIEVEMENT_CREDENTIAL_SCHEMA = {
    "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
    "type": "1EdTechJsonSchemaValidator2019",
}
ALLOWED_ALGORITHMS = ("RS256",)
# Headers that would let a token choose its own key: never honoured.
FORBIDDEN_HEADERS = ("jwk", "jku", "x5u", "x5c")
CRITERIA = "Passed the final quiz of every course in the track with at least the required score."
_NUMBER_IN_ID = re.compile(r"/verify/(CERT-[0-9]{4}-[0-9]{5,})$")


@dataclass(frozen=True)
class Issuer:
    id: str
    name: str
    url: str
    image: str


@dataclass(frozen=True)
class CertificateFacts:
    number: str
    track_slug: str
    track_title: str
    track_description: str
    issued_at: datetime
    expires_at: datetime


def iso_seconds(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def epoch_seconds(iso: str) -> int:
    return int(datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp())


def identity_hash(email: str, salt: str) -> str:
    """Open Badges' salted identity hash: lets a holder prove the email without publishing it."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def verification_url(base_url: str, number: str) -> str:
    return f"{base_url}/verify/{number}"


def number_from_credential(credential: dict) -> str | None:
    match = _NUMBER_IN_ID.search(str(credential.get("id", "")))
    return match.group(1) if match else None


def achievement_id(base_url: str, slug: str) -> str:
    """The achievement's id: its JSON for machines, its page for people (the same address)."""
    return f"{base_url}/achievements/{slug}"


def achievement_image_url(base_url: str, slug: str) -> str:
    return f"{base_url}/api/credentials/achievements/{slug}/image.svg"


def profile(issuer: Issuer) -> dict:
    """The issuer as an OB 3.0 Profile, as embedded in credentials and achievements."""
    return {"id": issuer.id, "type": ["Profile"], "name": issuer.name, "url": issuer.url,
            "image": {"id": issuer.image, "type": "Image", "caption": f"{issuer.name} logo"}}


def achievement(base_url: str, slug: str, title: str, description: str) -> dict:
    return {
        "id": achievement_id(base_url, slug),
        "type": ["Achievement"],
        "achievementType": "Certification",
        "name": title,
        "description": description or title,
        "criteria": {"narrative": CRITERIA},
        "image": {"id": achievement_image_url(base_url, slug), "type": "Image", "caption": f"{title} badge"},
    }


def as_document(node: dict) -> dict:
    """A profile or achievement published on its own, with the contexts that define its terms."""
    return {"@context": CONTEXTS} | node


def build_credential(issuer: Issuer, facts: CertificateFacts, subject_id: str, email: str, salt: str,
                     base_url: str, status: dict) -> dict:
    return {
        "@context": CONTEXTS,
        "id": verification_url(base_url, facts.number),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{facts.track_title} certificate {facts.number}",
        "issuer": profile(issuer),
        "validFrom": iso_seconds(facts.issued_at),
        "validUntil": iso_seconds(facts.expires_at),
        "credentialSubject": {
            "id": subject_id,
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject",
                "identityHash": identity_hash(email, salt),
                "identityType": "emailAddress",
                "hashed": True,
                "salt": salt,
            }],
            "achievement": achievement(base_url, facts.track_slug, facts.track_title, facts.track_description),
        },
        "credentialSchema": [ACHIEVEMENT_CREDENTIAL_SCHEMA],
        "credentialStatus": status,
    }


def claims_for(credential: dict) -> dict:
    """The registered JWT claims, each equal to its counterpart in the credential."""
    return {
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": epoch_seconds(credential["validFrom"]),
        "exp": epoch_seconds(credential["validUntil"]),
        "sub": credential["credentialSubject"]["id"],
    }


def claims_agree(payload: dict) -> bool:
    """A signed payload whose claims contradict its own body is not a valid credential."""
    try:
        expected = claims_for(payload)
    except (KeyError, TypeError, ValueError):
        return False
    return all(payload.get(name) == value for name, value in expected.items())


def title_slug(text: str) -> str:
    """How credentials issued before tracks had their slug in the achievement id named it."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
