"""Find a customer for its benchmarks; each row shows its weakest metric against all customers."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.organizations import INDUSTRIES, SIZE_RANGES
from app.services.benchmarks import views as benchmark_views
from app.ui.layout import loading, page_header, shell
from app.ui.list_filters import ANY, OrganizationFilterMixin
from app.ui.pages.csm import benchmark_words as words
from app.ui.pages.csm.benchmarks_org import BenchmarkState
from app.ui.state import SessionState
ORDERS = (("name", "Name"), ("weakest", "Weakest rank first"))


def _row(standing: benchmark_views.OrganizationStanding) -> dict:
    return {
        "id": standing.id, "name": standing.name, "industry": standing.industry, "size_range": standing.size_range,
        "weakest_metric": standing.weakest_metric or "No ranked metric",
        "weakest": words.short_rank(standing.weakest_rank_label) if standing.weakest_metric else "",
        "rank": standing.weakest_rank if standing.weakest_rank is not None else 101,
        # Traffic light for a quick scan: bottom quarter red, below the median amber.
        "color": "gray" if standing.weakest_rank is None else (
            "red" if standing.weakest_rank < 25 else "amber" if standing.weakest_rank < 50 else "green"),
    }


class BenchmarksState(OrganizationFilterMixin, SessionState):
    rows: list[dict] = []
    order: str = "name"

    def _reload(self):
        user, redirect = self._authorize("csm", "admin")
        if redirect:
            return redirect
        with session_scope() as session:
            found = benchmark_views.benchmark_directory(session=session, viewer=user, **self._filters())
        rows = [_row(s) for s in found]
        self.rows = sorted(rows, key=lambda r: (r["rank"], r["name"])) if self.order == "weakest" else rows
        self.loading = False
        return None

    @rx.event
    async def load(self):
        redirect = self._reload()
        if redirect:
            return redirect
        # After a full page load the browser still holds the customer opened before it (the
        # page's own clean-up runs only when leaving within the app).
        (await self.get_state(BenchmarkState)).forget()
        return None

    @rx.event
    def set_order(self, value: str):
        self.order = value if value in dict(ORDERS) else "name"
        return self._reload()


# On a phone the industry and size move under the name, so the weakest metric stays in view.
WIDE_ONLY = rx.breakpoints(initial="none", sm="table-cell")
PHONE_ONLY = rx.breakpoints(initial="block", sm="none")


def _table_row(row: dict) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.link(row["name"], href="/benchmarks/" + row["id"].to_string(), weight="medium"),
            rx.text(row["industry"], " · ", row["size_range"], size="1", color_scheme="gray", display=PHONE_ONLY),
        ),
        rx.table.cell(row["industry"], display=WIDE_ONLY),
        rx.table.cell(row["size_range"], display=WIDE_ONLY),
        rx.table.cell(
            rx.hstack(
                rx.text(row["weakest_metric"], size="2"),
                rx.cond(row["weakest"] != "", rx.badge(row["weakest"], color_scheme=row["color"], variant="soft",
                                                             high_contrast=True)),
                spacing="2", align="center", wrap="wrap",
            )
        ),
        class_name="benchmark-row",
    )


def _select(placeholder: str, value, on_change, items: list[tuple[str, str]], label: str) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(placeholder=placeholder, aria_label=label),
        rx.select.content(*[rx.select.item(text, value=key) for key, text in items]),
        value=value, on_change=on_change,
    )


def benchmarks_page() -> rx.Component:
    return shell(
        page_header("Benchmarks", "Open a customer to see where it stands against its peers. "
                    "The weakest metric is ranked against all customers on the latest release."),
        rx.flex(
            rx.input(
                placeholder="Search by name…", value=BenchmarksState.search,
                on_change=BenchmarksState.set_search.debounce(300),
                width=rx.breakpoints(initial="100%", sm="18rem"), id="benchmark-search", aria_label="Search by name",
            ),
            _select("Industry", BenchmarksState.industry, BenchmarksState.set_industry,
                    [(ANY, "All industries"), *[(name, name) for name in INDUSTRIES]], "Industry"),
            _select("Size range", BenchmarksState.size_range, BenchmarksState.set_size_range,
                    [(ANY, "All sizes"), *[(r.key, r.label) for r in SIZE_RANGES]], "Size range"),
            _select("Order", BenchmarksState.order, BenchmarksState.set_order, list(ORDERS), "Order"),
            spacing="3", wrap="wrap", width="100%",
        ),
        loading(BenchmarksState.loading),
        rx.text(BenchmarksState.rows.length().to_string(), " customers", size="2", color_scheme="gray"),
        rx.box(
            rx.table.root(
                rx.table.header(rx.table.row(
                    rx.table.column_header_cell("Customer"),
                    rx.table.column_header_cell("Industry", display=WIDE_ONLY),
                    rx.table.column_header_cell("Size", display=WIDE_ONLY),
                    rx.table.column_header_cell("Weakest metric"),
                )),
                rx.table.body(rx.foreach(BenchmarksState.rows, _table_row)),
                variant="surface", width="100%",
            ),
            overflow_x="auto", width="100%",
        ),
    )
