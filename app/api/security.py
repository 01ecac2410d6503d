"""Security headers on every response the app serves (API and pages alike)."""

from __future__ import annotations

from typing import Callable, Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The pages are a single-page app that talks to its own origin over a websocket; inline
# styles come from the component library. Framing is refused (clickjacking).
HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"strict-origin-when-cross-origin",
    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
    b"cross-origin-opener-policy": b"same-origin",
}


def content_security_policy(script_hashes: Iterable[str] = ()) -> bytes:
    """Everything from the portal's own origin. Scripts: the bundled files, and the inline scripts
    of the built pages by their hashes (nothing typed into the portal can add one).
    'unsafe-eval' because Reflex runs the scripts its handlers send (rx.call_script: focusing a
    question, printing) through eval; those strings come from the server's code, never from
    users. Inline styles come from the component library. Framing is refused (clickjacking)."""
    hashes = " ".join(f"'sha256-{h}'" for h in sorted(set(script_hashes)))
    return ("default-src 'self'; "
            f"script-src 'self' 'unsafe-eval' {hashes}; ".replace("  ", " ") +
            "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
            "object-src 'none'").encode()


# API answers carry people's data, tokens and credentials: no cache (browser or proxy) keeps them,
# unless an endpoint says otherwise (the public keys may be cached).
NO_STORE = (b"cache-control", b"no-store")
NO_STORE_PREFIXES = ("/api/",)


class SecurityHeaders:
    """Pure ASGI middleware: adds the headers without buffering bodies or touching websockets."""

    def __init__(self, app: ASGIApp, https: bool = False, script_hashes: Callable[[], Iterable[str]] = tuple):
        """``script_hashes``: the SHA-256 (base64) of each inline script of the built pages; read on
        the first request, when the build exists."""
        self.app = app
        self.extra = dict(HEADERS)
        if https:
            self.extra[b"strict-transport-security"] = b"max-age=31536000; includeSubDomains"
        self._script_hashes = script_hashes
        self._csp: bytes | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        if self._csp is None:
            self._csp = content_security_policy(self._script_hashes())
        extra = dict(self.extra) | {b"content-security-policy": self._csp}
        if scope["path"].startswith(NO_STORE_PREFIXES):
            extra[NO_STORE[0]] = NO_STORE[1]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name, value) for name, value in extra.items() if name not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)
