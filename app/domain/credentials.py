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


@dataclass(frozen=True)
class CertificateFacts:
    number: str
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


def build_credential(issuer: Issuer, facts: CertificateFacts, subject_id: str, email: str, salt: str,
                     base_url: str) -> dict:
    return {
        "@context": CONTEXTS,
        "id": verification_url(base_url, facts.number),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{facts.track_title} certificate {facts.number}",
        "issuer": {"id": issuer.id, "type": ["Profile"], "name": issuer.name, "url": issuer.url},
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
            "achievement": {
                "id": f"{base_url}/achievements/{_slug(facts.track_title)}",
                "type": ["Achievement"],
                "achievementType": "Certification",
                "name": facts.track_title,
                "description": facts.track_description or facts.track_title,
                "criteria": {"narrative": CRITERIA},
            },
        },
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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
