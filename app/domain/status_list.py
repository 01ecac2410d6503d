"""W3C Bitstring Status List v1.0: where each credential's revocation bit sits, and the published list.

Pure: the service stores the lists and signs them. A verifier fetches the list named in a
credential's ``credentialStatus`` and reads one bit; a set bit means the issuer withdrew the
credential (revoked, or replaced by a renewal).
"""

from __future__ import annotations

import base64
import gzip
from datetime import datetime

from app.domain.credentials import iso_seconds

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
PURPOSE = "revocation"
# The specification's minimum (16 KB of bits), which 1EdTech's validator also enforces: a list
# this long gives each credential a crowd to hide in.
ENTRIES_PER_LIST = 131_072
# Odd, so multiplying by it modulo a power of two visits every index exactly once: indexes are
# handed out scattered rather than in issue order, without a lookup for free slots.
_STRIDE = 92_821
_OFFSET = 40_503


class StatusListError(ValueError):
    """A published list that cannot be read (bad encoding, too short, index out of range)."""


def index_for(sequence: int, entries: int = ENTRIES_PER_LIST) -> int:
    """The bit of the ``sequence``-th credential placed in a list (0-based); a bijection on the list."""
    if not 0 <= sequence < entries:
        raise StatusListError(f"sequence {sequence} does not fit a list of {entries} entries")
    return (sequence * _STRIDE + _OFFSET) % entries


def encode(set_bits: set[int], entries: int = ENTRIES_PER_LIST) -> str:
    """GZIP, then multibase base64url without padding ('u' prefix); bit 0 is the first byte's highest bit."""
    bits = bytearray(entries // 8)
    for index in set_bits:
        if not 0 <= index < entries:
            raise StatusListError(f"index {index} is outside a list of {entries} entries")
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)  # mtime 0: the same bits always encode the same
    return "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise StatusListError("encodedList must be multibase base64url (starting with 'u')")
    body = encoded[1:]
    try:
        bits = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except (ValueError, OSError, EOFError) as err:
        raise StatusListError(f"encodedList cannot be decoded ({err})") from None
    if len(bits) * 8 < ENTRIES_PER_LIST:
        raise StatusListError(f"the list has {len(bits) * 8} entries, fewer than {ENTRIES_PER_LIST}")
    return bits


def is_set(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise StatusListError(f"index {index} is outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_entry(list_url: str, index: int) -> dict:
    """The ``credentialStatus`` of one credential: its list and its bit."""
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def status_list_credential(list_url: str, issuer_id: str, encoded: str, now: datetime) -> dict:
    """The list as a credential of its own, with JWT claims that mirror it (signed by the service)."""
    body = {
        "@context": [VC_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id,
        "validFrom": iso_seconds(now),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encoded,
        },
    }
    # No nbf: a verifier whose clock runs a little behind would refuse a list re-signed a moment ago.
    return body | {"iss": issuer_id, "jti": list_url, "sub": f"{list_url}#list"}
