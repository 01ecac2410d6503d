"""Every HTTP request is checked at the door: body size, and text nothing can store.

A body larger than its endpoint's limit is refused with 413 as soon as that is known: from
Content-Length, or while the body streams in (a client that sends none, or lies). JSON
bodies, query strings and paths of the API with NUL characters, unpaired surrogates
(``"\\ud800"``) or bytes that are not UTF-8 get a 422 naming the place, instead of failing
deep inside a change. Pure ASGI, so nothing is buffered beyond the limit and websockets
pass untouched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.domain.text import bad_strings, text_problem

MB = 1024 * 1024
KB = 1024
DEFAULT_LIMIT = 1 * MB
# Room for the multipart framing around an uploaded file.
MULTIPART_SLACK = 16 * KB
CHECKED_PREFIXES = ("/api/", "/.well-known/")
UPLOAD_PATH = "/_upload"
UPLOAD_HANDLER_HEADER = b"reflex-event-handler"


@dataclass(frozen=True)
class BodyLimits:
    """Largest request body per endpoint, in bytes."""

    default: int = DEFAULT_LIMIT
    # (method, path) -> limit, for API endpoints that take more (or less) than the default.
    endpoints: dict[tuple[str, str], int] = field(default_factory=dict)
    # Upload handler (its full event name) -> limit; uploads to other handlers get ``upload_default``.
    uploads: dict[str, int] = field(default_factory=dict)
    upload_default: int = 64 * KB

    def for_scope(self, scope: Scope) -> int:
        if scope["path"].rstrip("/") == UPLOAD_PATH:
            handler = dict(scope.get("headers", [])).get(UPLOAD_HANDLER_HEADER, b"").decode("latin-1")
            return self.uploads.get(handler, self.upload_default)
        return self.endpoints.get((scope["method"], scope["path"]), self.default)


def _size(limit: int) -> str:
    return f"{limit / MB:.0f} MB" if limit >= MB else f"{limit // KB} KB"


async def _answer(send: Send, status: int, body: dict) -> None:
    payload = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})


def _too_large(limit: int) -> dict:
    return {"detail": f"The request body is larger than {_size(limit)} ({limit:,} bytes), the most this endpoint "
                      "accepts. Send less at a time (split a file into smaller ones)."}


def _unusable(place: str, problem: str) -> dict:
    return {"detail": f"{place} contains {problem}; remove it and send the request again.", "field": place}


def _query_and_path_problem(scope: Scope) -> tuple[str, str] | None:
    if "\x00" in scope["path"]:
        return "the path", "a NUL character (\\0)"
    raw = scope.get("query_string", b"").decode("latin-1")
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        return "the query string", "bytes that are not UTF-8 text"
    for name, value in pairs:
        problem = text_problem(name) or text_problem(value)
        if problem:
            return f"query parameter {name!r}", problem
    return None


def _json_problem(body: bytes) -> tuple[str, str] | None:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "the body", "bytes that are not UTF-8 text (send JSON as UTF-8)"
    try:
        document = json.loads(text)
    except ValueError:
        return None  # not JSON at all: the endpoint's own validation says so
    found = next(bad_strings(document), None)
    return (f"body.{found[0]}" if found[0] != "value" else "the body", found[1]) if found else None


class RequestGuard:
    def __init__(self, app: ASGIApp, limits: BodyLimits | None = None):
        self.app = app
        self.limits = limits or BodyLimits()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.for_scope(scope)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await _answer(send, 400, {"detail": "The Content-Length header is not a number of bytes."})
                return
            if int(declared) > limit:
                await _answer(send, 413, _too_large(limit))
                return
        checked = scope["path"].startswith(CHECKED_PREFIXES)
        if checked and (problem := _query_and_path_problem(scope)):
            await _answer(send, 422, _unusable(*problem))
            return
        if checked and _is_json(scope) and scope["method"] in ("POST", "PUT", "PATCH"):
            await self._json_request(scope, receive, send, limit)
            return
        await self._streamed(scope, receive, send, limit)

    async def _json_request(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        """Read the (bounded) JSON body, check every string in it, then hand it on unchanged."""
        chunks, total, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > limit:
                await _answer(send, 413, _too_large(limit))
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if problem := _json_problem(body):
            await _answer(send, 422, _unusable(*problem))
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _streamed(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        """Count the body as it streams through. Past the limit the app is told the client left
        (so it stops reading), and whatever it answers to that is replaced by a 413."""
        total, started, over = 0, False, False

        async def counting_receive() -> Message:
            nonlocal total, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                total += len(message.get("body", b""))
                if total > limit:
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not over:
                raise
        if over and not started:
            await _answer(send, 413, _too_large(limit))


def _is_json(scope: Scope) -> bool:
    content_type = dict(scope.get("headers", [])).get(b"content-type", b"").split(b";")[0].strip().lower()
    return content_type == b"application/json" or content_type.endswith(b"+json")
