"""Directory of customer organizations for CSMs and admins."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.organizations import INDUSTRIES, SIZE_RANGES
from app.services.accounts import organizations
from app.ui.layout import loading, page_header, shell
from app.ui.list_filters import ANY, OrganizationFilterMixin
from app.ui.state import SessionState


class OrganizationsState(OrganizationFilterMixin, SessionState):
    rows: list[dict] = []

    def _reload(self):
        user, redirect = self._authorize("csm", "admin")
        if redirect:
            return redirect
        with session_scope() as session:
            found = organizations.list_organizations(session=session, viewer=user, **self._filters())
        self.rows = [org.as_dict() for org in found]
        self.loading = False
        return None

    @rx.event
    def load(self):
        return self._reload()



def _row(org: dict) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(org["name"]),
        rx.table.cell(org["industry"]),
        rx.table.cell(org["size_range"], " (", org["employee_count"].to_string(), " employees)"),
        rx.table.cell(org["user_count"].to_string()),
        rx.table.cell(rx.cond(org["is_active"], rx.badge("Active", color_scheme="green"), rx.badge("Inactive", color_scheme="gray"))),
    )


def organizations_page() -> rx.Component:
    return shell(
        page_header("Organizations", "Customer organizations, their industry and size range."),
        rx.flex(
            rx.input(
                placeholder="Search by name…",
                value=OrganizationsState.search,
                on_change=OrganizationsState.set_search.debounce(300),
                width=rx.breakpoints(initial="100%", sm="18rem"),
                id="org-search",
            ),
            rx.select.root(
                rx.select.trigger(placeholder="Industry"),
                rx.select.content(
                    rx.select.item("All industries", value=ANY),
                    *[rx.select.item(name, value=name) for name in INDUSTRIES],
                ),
                value=OrganizationsState.industry,
                on_change=OrganizationsState.set_industry,
            ),
            rx.select.root(
                rx.select.trigger(placeholder="Size range"),
                rx.select.content(
                    rx.select.item("All sizes", value=ANY),
                    *[rx.select.item(r.label, value=r.key) for r in SIZE_RANGES],
                ),
                value=OrganizationsState.size_range,
                on_change=OrganizationsState.set_size_range,
            ),
            gap="3",
            wrap="wrap",
            width="100%",
        ),
        loading(OrganizationsState.loading),
        rx.text(OrganizationsState.rows.length().to_string(), " organizations", size="2", color_scheme="gray"),
        rx.box(
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        *[rx.table.column_header_cell(h) for h in ("Name", "Industry", "Size", "Users", "Status")]
                    )
                ),
                rx.table.body(rx.foreach(OrganizationsState.rows, _row)),
                variant="surface",
                width="100%",
            ),
            overflow_x="auto",
            width="100%",
        ),
    )
