"""An achievement's id, /achievements/<slug>, answers machines with JSON and people with a page.

The page is the frontend's; this middleware sends requests that prefer JSON to the JSON
endpoint instead, before the frontend sees them.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_ACHIEVEMENT = re.compile(r"/achievements/([a-z0-9-]{1,100})/?")
JSON_TYPES = ("application/json", "application/ld+json")


def _quality(accept: str, media_type: str) -> float:
    """The q-value ``accept`` gives ``media_type`` by an exact match (wildcards count for nothing)."""
    best = 0.0
    for part in accept.split(","):
        name, *params = [p.strip() for p in part.split(";")]
        if name.lower() != media_type:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        best = max(best, q)
    return best


def prefers_json(accept: str) -> bool:
    """JSON when asked for by name and liked at least as much as HTML; browsers get the page."""
    json_q = max(_quality(accept, media_type) for media_type in JSON_TYPES)
    return json_q > 0 and json_q >= _quality(accept, "text/html")


class AchievementNegotiation:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = _ACHIEVEMENT.fullmatch(scope.get("path", "")) if scope["type"] == "http" else None
        if match is None or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        accept = dict(scope["headers"]).get(b"accept", b"").decode("latin-1")
        if prefers_json(accept):
            path = f"/api/credentials/achievements/{match.group(1)}"
            scope = dict(scope, path=path, raw_path=path.encode())

        async def send_varying(message: Message) -> None:
            # Caches must keep the page and the JSON apart.
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"vary", b"Accept")]
            await send(message)

        await self.app(scope, receive, send_varying)
