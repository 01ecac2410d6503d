"""A customer's page and summary paths, built from the route patterns in app/ui/routes.py.

The patterns may move (they are routes' to change); the pages only fill in the id.
"""

from __future__ import annotations

import reflex as rx

from app.ui import routes

ORG_ID = "[org_id]"


def org_id_from(url: str, pattern: str) -> int:
    """The organization id in a page URL, read at the pattern's [org_id] segment."""
    return routes.path_id(url, pattern.strip("/").split("/").index(ORG_ID))


def org_path(pattern: str, org_id: rx.Var) -> rx.Var:
    """The pattern with a state var's id filled in, for a link on a page (routes.benchmark for an int)."""
    before, after = pattern.split(ORG_ID)
    return before + org_id.to_string() + after
