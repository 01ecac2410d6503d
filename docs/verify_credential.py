"""Verify a Success Portal credential offline, with nothing but PyJWT.

    pip install "pyjwt[crypto]"
    curl -s https://portal.example.com/.well-known/jwks.json > jwks.json   # keys rarely change
    curl -s "$(python verify_credential.py --status-url credential.jwt)" > status.jwt   # the revocation list
    python verify_credential.py credential.jwt jwks.json status.jwt

The credential is the .jwt file or the baked badge (.svg) the holder shares. The first line of
the output is the verdict: VALID, REVOKED, EXPIRED, NOT YET VALID or NOT GENUINE; the exit
code is 0 for VALID, 2 for a genuine credential that is not valid now, 1 for NOT GENUINE.
Without the status list the revocation is not checked, and the output says so.
"""

import argparse
import base64
import gzip
import json
import re
import sys
from datetime import datetime, timezone

import jwt

MIRRORED = {"iss": ("issuer", "id"), "jti": ("id",), "sub": ("credentialSubject", "id")}


class NotGenuine(Exception):
    pass


def read_token(path):
    text = open(path).read().strip()
    if text.startswith("<"):  # a baked SVG badge: the credential is in openbadges:credential/@verify
        found = re.search(r"<openbadges:credential\b[^>]*\bverify=\"([^\"]+)\"", text)
        if not found:
            raise NotGenuine("the image carries no credential")
        return found.group(1)
    return text


def verified_claims(token, keys):
    """The claims of a token signed (RS256) by one of the published keys."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as err:
        raise NotGenuine(f"not a well-formed credential ({err})") from None
    if header.get("alg") != "RS256" or header.get("kid") not in keys:
        raise NotGenuine(f"unexpected algorithm or unknown key ({header.get('alg')}, {header.get('kid')})")
    try:
        return jwt.decode(token, jwt.PyJWK(keys[header["kid"]]).key, algorithms=["RS256"],
                          options={"verify_exp": False, "verify_nbf": False, "verify_aud": False})
    except jwt.PyJWTError as err:
        raise NotGenuine(f"the signature does not match the published key ({err})") from None


def epoch(iso):
    return int(datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp())


def check_claims(claims):
    for claim, path in MIRRORED.items():
        value = claims
        for part in path:
            value = value[part]
        if claims[claim] != value:
            raise NotGenuine(f"claim {claim} disagrees with the credential")
    if claims.get("nbf") != epoch(claims["validFrom"]):
        raise NotGenuine("claim nbf disagrees with validFrom")
    if "validUntil" in claims and claims.get("exp") != epoch(claims["validUntil"]):
        raise NotGenuine("claim exp disagrees with validUntil")


def revoked(claims, status_path, keys):
    """True or False from the W3C Bitstring Status List; None when there is no list to read."""
    status = claims.get("credentialStatus")
    if not status or status.get("type") != "BitstringStatusListEntry" or not status_path:
        return None
    try:
        listed = verified_claims(open(status_path).read().strip(), keys)
    except NotGenuine as err:
        raise NotGenuine(f"status list: {err}") from None
    subject = listed["credentialSubject"]
    if listed.get("id") != status["statusListCredential"] or subject.get("statusPurpose") != status["statusPurpose"]:
        raise NotGenuine("the status list is not the one this credential names")
    encoded = subject["encodedList"][1:]  # multibase 'u': base64url without padding
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    index = int(status["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def verdict(claims, is_revoked, now):
    if is_revoked:
        return "REVOKED", 2, "the issuer withdrew it (revoked, or replaced by a renewal)"
    if now < claims["nbf"]:
        return "NOT YET VALID", 2, f"valid from {claims['validFrom']}"
    if "exp" in claims and now >= claims["exp"]:
        return "EXPIRED", 2, f"expired at {claims['validUntil']}"
    return "VALID", 0, ""


def main(argv):
    parser = argparse.ArgumentParser(description="Verify a Success Portal credential offline.")
    parser.add_argument("credential", help="the credential (.jwt) or a baked badge (.svg)")
    parser.add_argument("keys", nargs="?", help="the published key set (jwks.json) or one key")
    parser.add_argument("status_list", nargs="?", help="the status list the credential names (status.jwt)")
    parser.add_argument("--status-url", action="store_true", help="only print the status list's address")
    parser.add_argument("--at", type=epoch, metavar="YYYY-MM-DDTHH:MM:SSZ",
                        help="judge validity at this UTC time instead of now")
    args = parser.parse_args(argv)
    try:
        token = read_token(args.credential)
        if args.status_url:
            print(jwt.decode(token, options={"verify_signature": False}).get("credentialStatus", {})
                  .get("statusListCredential", ""))
            return 0
        if not args.keys:
            parser.error("the key set (jwks.json) is needed to verify")
        published = json.load(open(args.keys))
        keys = {key["kid"]: key for key in published.get("keys", [published])}
        claims = verified_claims(token, keys)
        check_claims(claims)
        is_revoked = revoked(claims, args.status_list, keys)
    except NotGenuine as err:
        print(f"NOT GENUINE: {err}")
        return 1
    at = args.at if args.at is not None else datetime.now(timezone.utc).timestamp()
    word, code, why = verdict(claims, is_revoked, at)
    print(f"{word}: {claims['name']}" + (f" ({why})" if why else ""))
    print(f"  issued by {claims['issuer']['name']}, valid {claims['validFrom']} to {claims.get('validUntil', '-')}")
    if is_revoked is None:
        url = claims.get("credentialStatus", {}).get("statusListCredential")
        print(f"  revocation not checked: fetch {url} and pass the file as the third argument" if url
              else "  revocation not checked: this credential names no status list; ask the issuer")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
