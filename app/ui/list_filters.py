"""The search and filter controls shared by the list pages (organizations, benchmarks, users).

Each page state mixes one of these in and defines ``_reload()``, which checks the role,
reads the list with the current filters and returns a redirect when the role is missing.
"""

from __future__ import annotations

import reflex as rx

from app.domain.organizations import INDUSTRIES, SIZE_RANGES

ANY = "any"


class SearchMixin(rx.State, mixin=True):
    search: str = ""
    loading: bool = True

    @rx.event
    def set_search(self, value: str):
        self.search = value[:200]
        return self._reload()


class OrganizationFilterMixin(SearchMixin, mixin=True):
    """Name search plus industry and size range ("any" for no filter)."""

    industry: str = ANY
    size_range: str = ANY

    def _filters(self) -> dict:
        """The filters as the organization services take them."""
        return {"search": self.search,
                "industry": None if self.industry == ANY else self.industry,
                "size_range": None if self.size_range == ANY else self.size_range}

    @rx.event
    def set_industry(self, value: str):
        self.industry = value if value in INDUSTRIES else ANY
        return self._reload()

    @rx.event
    def set_size_range(self, value: str):
        self.size_range = value if value in {r.key for r in SIZE_RANGES} else ANY
        return self._reload()
