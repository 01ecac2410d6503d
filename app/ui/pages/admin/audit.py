"""The audit log: who did what, in words, filtered, a page at a time, and as a CSV file."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import reflex as rx

from app.db import session_scope
from app.domain.errors import DomainError, InvalidInput
from app.services.operations import records as admin_records
from app.services.operations.audit_words import ACTION_GROUPS
from app.services.operations.records import AuditFilter
from app.ui.layout import error_callout, loading, page_header, shell
from app.ui.pages.admin.audit_rows import audit_dicts, audit_table
from app.ui.pages.admin.client_parts import api_download
from app.ui.pages.admin.forms import labeled
from app.ui.components.paging import PagedMixin, pager
from app.ui.pages.admin.widgets import PAGE_SIZE
from app.ui.state import SessionState

ANY = "any"
GROUPS = {prefix: label for label, prefix in ACTION_GROUPS}


def _day(raw: str, field: str) -> date | None:
    if not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidInput(field, f"{raw!r} is not a date like 2026-11-28.") from None


class AdminAuditState(PagedMixin, SessionState):
    rows: list[dict] = []
    loading: bool = True
    error: str = ""
    # The filters as applied (not as being typed): {"actor", "action", "since", "until"}.
    applied: dict[str, str] = {}
    csv_href: str = "/api/admin/audit?format=csv"

    def _filters(self) -> AuditFilter:
        a = self.applied
        return AuditFilter(actor=a.get("actor", ""), action=a.get("action", ""),
                           since=_day(a.get("since", ""), "since"), until=_day(a.get("until", ""), "until"))

    def _reload(self):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        self.error = ""
        try:
            with session_scope() as session:
                found = admin_records.audit_page(session=session, actor=actor, filters=self._filters(),
                                                 page=self.page, page_size=PAGE_SIZE)
        except DomainError as err:
            # No rows under the error: they would read as the answer to the refused filter.
            self.error, self.rows, self.summary = str(err), [], ""
            return None
        self.rows = audit_dicts(found.rows)
        self._paged(found, "events")
        self.loading = False
        return None

    @rx.event
    def load(self):
        self.applied, self.page = {}, 1
        self.csv_href = "/api/admin/audit?format=csv"
        return self._reload()

    @rx.event
    def filter(self, form: dict):
        action = str(form.get("action", ""))
        self.applied = {"actor": str(form.get("actor", ""))[:254], "action": action if action in GROUPS else "",
                        "since": str(form.get("since", ""))[:10], "until": str(form.get("until", ""))[:10]}
        self.page = 1
        # The download asks the REST API for the same events.
        query = {k: v for k, v in self.applied.items() if v}
        self.csv_href = "/api/admin/audit?" + urlencode(query | {"format": "csv"})
        return self._reload()

    @rx.event
    def download_failed(self, message: str):
        self.error = str(message)[:300]


def _filters() -> rx.Component:
    S = AdminAuditState
    # Visible labels over every filter: placeholders alone vanish once typed, and a date
    # input shows only "mm/dd/yyyy".
    return rx.form(rx.flex(
        rx.box(labeled("Who", rx.input(name="actor", placeholder="a name or email, or part of one",
                                       id="audit-actor", width="100%")),
               width=rx.breakpoints(initial="100%", sm="15rem")),
        rx.box(labeled("What", rx.select.root(
            rx.select.trigger(id="audit-action", width="100%"),
            rx.select.content(rx.select.item("Any action", value=ANY),
                              *[rx.select.item(label, value=prefix) for label, prefix in ACTION_GROUPS]),
            name="action", default_value=ANY), for_id="audit-action"),
            width=rx.breakpoints(initial="100%", sm="13rem")),
        rx.box(labeled("From (UTC)", rx.input(name="since", type="date", id="audit-since"))),
        rx.box(labeled("To (UTC)", rx.input(name="until", type="date", id="audit-until"))),
        rx.button("Filter", type="submit", id="audit-filter"),
        spacing="3", wrap="wrap", align="end"), on_submit=S.filter, width="100%")


def admin_audit_page() -> rx.Component:
    S = AdminAuditState
    return shell(
        rx.flex(
            page_header("Audit log", "Who did what, newest first. Times are UTC."),
            api_download(rx.icon("download", size=16), "Download CSV", href=S.csv_href, filename="audit-log.csv",
                         token_key="sp_token", on_failure=S.download_failed, id="audit-csv"),
            justify="between", align="start", spacing="3", wrap="wrap", width="100%",
        ),
        error_callout(S.error),
        _filters(),
        audit_table(S.rows),
        loading(S.loading),
        rx.cond((S.rows.length() == 0) & (S.error == "") & ~S.loading,
                rx.text("No events match these filters.", color_scheme="gray", size="2", id="audit-empty"),
                pager(S, "audit")),
    )
