"""Old page addresses keep working: bookmarks of pages that moved answer a permanent redirect.

The composition root passes the moves (old path -> new route, both with ``[name]`` parameters)
so the API layer never imports the pages. The query string goes along (``?cohort=size``).
"""

from __future__ import annotations

import re

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse

_PARAMETER = re.compile(r"\[(\w+)\]")


def add_page_redirects(api: FastAPI, moves: dict[str, str]) -> None:
    for old, new in moves.items():
        pattern = _PARAMETER.sub(r"{\1}", old)

        def redirect(request: Request, new: str = new) -> RedirectResponse:
            target = new
            for name, value in request.path_params.items():
                # Ids only: anything else opens the list the page belonged to, never another address.
                if not (value.isdigit() and len(value) < 12):
                    return RedirectResponse(new.split("/[")[0], status_code=301)
                target = target.replace(f"[{name}]", value)
            query = request.url.query
            return RedirectResponse(f"{target}?{query}" if query else target, status_code=301)

        for path in (pattern, pattern + "/"):
            api.add_api_route(path, redirect, methods=["GET", "HEAD"], include_in_schema=False)
