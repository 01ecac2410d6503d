"""LinkedIn's "Add to profile" link for a certification, filled in from a certificate."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"


def add_to_profile_url(*, name: str, issuer: str, issued_at: datetime, expires_at: datetime | None,
                       credential_id: str, credential_url: str) -> str:
    """LinkedIn takes months, not days; its form opens pre-filled and the holder confirms it."""
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": name,
        "organizationName": issuer,
        "issueYear": issued_at.year,
        "issueMonth": issued_at.month,
    }
    if expires_at is not None:
        params |= {"expirationYear": expires_at.year, "expirationMonth": expires_at.month}
    params |= {"certId": credential_id, "certUrl": credential_url}
    return f"{ADD_TO_PROFILE}?{urlencode(params)}"
