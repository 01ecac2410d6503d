"""The pages themselves, not only the API, are served with the security headers."""

import urllib.error
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


@pytest.mark.parametrize("method", ["GET", "OPTIONS"])
def test_another_origin_is_not_let_in_by_cors(portal, method):
    request = urllib.request.Request(f"{portal}/api/auth/me", method=method, headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization", "Cookie": "a=b"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as err:
        headers = {k.lower(): v for k, v in err.headers.items()}
    # Without Access-Control-Allow-Origin the browser gives the other origin nothing (the allow-credentials
    # header Starlette always adds is inert on its own).
    assert "access-control-allow-origin" not in headers


def test_api_answers_are_not_cached_and_carry_the_content_security_policy(portal):
    with urllib.request.urlopen(f"{portal}/api/health", timeout=10) as response:
        assert response.headers["cache-control"] == "no-store"
        assert "default-src 'self'" in response.headers["content-security-policy"]
