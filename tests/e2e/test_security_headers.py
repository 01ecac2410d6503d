"""The pages themselves, not only the API, are served with the security headers."""

import urllib.request

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("path", ["/login/", "/api/health", "/verify/"])
def test_pages_and_api_carry_security_headers(portal, path):
    with urllib.request.urlopen(f"{portal}{path}", timeout=10) as response:
        headers = {k.lower(): v for k, v in response.headers.items()}
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
