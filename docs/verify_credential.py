"""Verify a Success Portal credential offline, with nothing but PyJWT.

    pip install "pyjwt[crypto]"
    curl -s https://portal.example.com/.well-known/jwks.json > jwks.json   # once; keys rarely change
    python verify_credential.py credential.jwt jwks.json

Prints the credential's name, subject and validity, or why it is not genuine. This checks
the signature only; for revocation ask the portal (POST /api/credentials/verify).
"""

import json
import sys
from datetime import datetime, timezone

import jwt

FIELDS = {"iss": ("issuer", "id"), "jti": ("id",), "sub": ("credentialSubject", "id")}


def main(token_path: str, jwks_path: str) -> int:
    token = open(token_path).read().strip()
    keys = {key["kid"]: key for key in json.load(open(jwks_path))["keys"]}
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as err:
        print(f"NOT GENUINE: not a well-formed credential ({err})")
        return 1
    if header.get("alg") != "RS256" or header.get("kid") not in keys:
        print(f"NOT GENUINE: unexpected algorithm or unknown key ({header.get('alg')}, {header.get('kid')})")
        return 1
    key = jwt.PyJWK(keys[header["kid"]]).key
    try:
        claims = jwt.decode(token, key, algorithms=["RS256"], options={"verify_exp": False, "verify_aud": False})
    except jwt.PyJWTError as err:
        print(f"NOT GENUINE: the signature does not match the published key ({err})")
        return 1
    for claim, path in FIELDS.items():
        value = claims
        for part in path:
            value = value[part]
        if claims[claim] != value:
            print(f"NOT GENUINE: claim {claim} disagrees with the credential")
            return 1
    expired = datetime.now(timezone.utc).timestamp() >= claims["exp"]
    print(f"GENUINE: {claims['name']}")
    print(f"  issued by {claims['issuer']['name']}, valid {claims['validFrom']} to {claims['validUntil']}"
          + (" (EXPIRED)" if expired else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
