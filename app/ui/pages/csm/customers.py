"""The customer list's state: filters, order and page, mirrored in the address so Back and bookmarks keep them."""

from __future__ import annotations

import json

import reflex as rx

from app.db import session_scope
from app.domain.errors import DomainError
from app.services.benchmarks import customer_list
from app.ui import routes
from app.ui.components.dates import day
from app.ui.pages.csm import customer_rows as rows_of
from app.ui.pages.csm.benchmarks_org import BenchmarkState
from app.ui.pages.csm.customer_rows import ANY
from app.ui.state import SessionState

PAGE_SIZE = 25


class CustomersState(SessionState):
    rows: list[dict] = []
    search: str = ""
    industry: str = ANY
    size_range: str = ANY
    sort: str = "weakest"
    page: int = 1
    pages: int = 1
    summary: str = ""
    ranks_as_of: str = ""
    loading: bool = True
    error: str = ""

    @rx.var
    def filtered(self) -> bool:
        return bool(self.search.strip()) or self.industry != ANY or self.size_range != ANY

    def _read(self):
        """Read the current page of the list; the events to send instead when the role is missing."""
        user, redirect = self._authorize("csm", "admin")
        if redirect:
            return redirect
        try:
            with session_scope() as session:
                found = customer_list.list_customers(
                    session=session, viewer=user, search=self.search,
                    industry=None if self.industry == ANY else self.industry,
                    size_range=None if self.size_range == ANY else self.size_range,
                    sort=self.sort, page=self.page, page_size=PAGE_SIZE)
        except DomainError as err:
            self.error, self.rows, self.loading = str(err), [], False
            return None
        self.rows = [rows_of.row(c) for c in found.items]
        self.page, self.pages, self.summary = found.page, found.pages, rows_of.summary(found)
        self.ranks_as_of = day(found.ranks_as_of) if found.ranks_as_of else ""
        self.error, self.loading = "", False
        return None

    def _address(self):
        """The address follows the list (without a navigation, so no second load): Back from a
        customer's page, a reload or a bookmark opens the same filters and page."""
        address = routes.CUSTOMERS + rows_of.query_string(
            search=self.search, industry=self.industry, size_range=self.size_range, sort=self.sort, page=self.page)
        return rx.call_script(f"window.history.replaceState(window.history.state, '', {json.dumps(address)})")

    def _reload(self):
        return self._read() or self._address()

    def _changed(self):
        """After a filter or the order changed: back to the first page, the spinner while reading."""
        self.page, self.loading = 1, True
        yield
        yield self._reload()

    @rx.event
    async def load(self):
        """An address with the list's parameters opens exactly that; without any (the menu, the home
        page) the tab's last filters and page stay, and the address is rewritten to show them."""
        query = self.router.url.query_parameters
        if any(name in query for name in rows_of.QUERY_NAMES):
            wanted = rows_of.from_query(query)
            self.search, self.industry, self.size_range = wanted["search"], wanted["industry"], wanted["size_range"]
            self.sort, self.page = wanted["sort"], wanted["page"]
        redirect = self._read()
        if redirect:
            return redirect
        # After a full page load the browser still holds the customer opened before it (the
        # page's own clean-up runs only when leaving within the app).
        (await self.get_state(BenchmarkState)).forget()
        return self._address()

    @rx.event
    def set_search(self, value: str):
        self.search = str(value)[:200]
        yield from self._changed()

    @rx.event
    def set_industry(self, value: str):
        self.industry = rows_of.choice(str(value), rows_of.INDUSTRY_CHOICES, ANY)
        yield from self._changed()

    @rx.event
    def set_size_range(self, value: str):
        self.size_range = rows_of.choice(str(value), rows_of.SIZE_CHOICES, ANY)
        yield from self._changed()

    @rx.event
    def set_sort(self, value: str):
        self.sort = rows_of.choice(str(value), rows_of.SORT_CHOICES, "weakest")
        yield from self._changed()

    @rx.event
    def clear_filters(self):
        self.search, self.industry, self.size_range = "", ANY, ANY
        yield from self._changed()

    @rx.event
    def go_to_page(self, page: int):
        self.page, self.loading = max(1, min(int(page), self.pages)), True
        yield
        yield self._reload()
