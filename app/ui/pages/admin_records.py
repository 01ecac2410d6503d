"""Admin pages for certificates (find, revoke, history) and the audit log (filters)."""

from __future__ import annotations

from datetime import date

import reflex as rx

from app.db import session_scope
from app.domain.errors import DomainError, InvalidInput
from app.services import admin_records, certificates
from app.ui.components.admin_forms import card, labeled, notice, table
from app.ui.layout import error_callout, page_header, shell
from app.ui.state import SessionState, utcnow


def _audit_dicts(rows) -> list[dict]:
    return [r.as_dict() | {"at": f"{r.at:%Y-%m-%d %H:%M:%S}", "detail": str(r.detail) if r.detail else ""}
            for r in rows]


def _day(raw: str, field: str) -> date | None:
    if not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidInput(field, f"{raw!r} is not a date like 2026-11-28.") from None


class AdminCertificatesState(SessionState):
    query: str = ""
    found: list[dict] = []
    history: list[dict] = []
    selected: str = ""
    error: str = ""
    notice: str = ""

    def _search(self, actor) -> None:
        with session_scope() as session:
            self.found = admin_records.find_certificates(session=session, actor=actor, query=self.query, now=utcnow())

    @rx.event
    def load(self):
        _actor, redirect = self._authorize("admin")
        return redirect

    @rx.event
    def search(self, form: dict):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        self.query, self.error, self.notice, self.history, self.selected = str(form.get("query", ""))[:200], "", "", [], ""
        self._search(actor)
        if not self.found:
            self.notice = "No certificate matches that number, name or email."
        return None

    @rx.event
    def show_history(self, number: str):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        with session_scope() as session:
            self.history = _audit_dicts(admin_records.certificate_history(session=session, actor=actor, number=number))
        self.selected = number
        return None

    @rx.event
    def revoke(self, form: dict):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        self.error = self.notice = ""
        try:
            with session_scope() as session:
                certificates.revoke_certificate(session=session, actor=actor, number=self.selected,
                                                reason=str(form.get("reason", "")), now=utcnow())
        except DomainError as err:
            self.error = str(err)
            return None
        self._search(actor)
        self.notice = f"{self.selected} is revoked."
        return AdminCertificatesState.show_history(self.selected)


class AdminAuditState(SessionState):
    rows: list[dict] = []
    error: str = ""

    @rx.event
    def load(self):
        return self.filter({})

    @rx.event
    def filter(self, form: dict):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        self.error = ""
        try:
            with session_scope() as session:
                rows = admin_records.audit_events(
                    session=session, actor=actor, actor_email=str(form.get("actor", ""))[:254],
                    action=str(form.get("action", ""))[:60], since=_day(str(form.get("since", "")), "since"),
                    until=_day(str(form.get("until", "")), "until"))
        except DomainError as err:
            self.error = str(err)
            return None
        self.rows = _audit_dicts(rows)
        return None


def _cert_row(c: dict) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(c["number"]),
        rx.table.cell(c["holder_name"], rx.text(c["holder_email"], size="1", color_scheme="gray")),
        rx.table.cell(c["track_title"]),
        rx.table.cell(rx.badge(c["status"])),
        rx.table.cell(rx.button("Open", size="1", variant="soft", on_click=AdminCertificatesState.show_history(c["number"]))),
    )


def _audit_row(r: dict) -> rx.Component:
    return rx.table.row(rx.table.cell(r["at"]), rx.table.cell(r["actor_email"]), rx.table.cell(rx.code(r["action"])),
                        rx.table.cell(r["subject"]), rx.table.cell(rx.text(r["detail"], size="1")))


def admin_certificates_page() -> rx.Component:
    S = AdminCertificatesState
    return shell(
        page_header("Certificates", "Find a certificate by number, holder name or email; revoke it with a reason."),
        error_callout(S.error),
        notice(S.notice),
        rx.form(rx.hstack(rx.input(name="query", placeholder="CERT-2026-00001, a name or an email", id="cert-query",
                                   width=rx.breakpoints(initial="100%", sm="24rem"), aria_label="Certificate search"),
                          rx.button("Find", type="submit", id="find-certificates")), on_submit=S.search),
        table(["Number", "Holder", "Track", "Status", ""], rx.foreach(S.found, _cert_row)),
        rx.cond(S.selected != "", card(
            rx.heading(S.selected, size="4"),
            rx.text("History", weight="medium"),
            table(["When", "By", "Action", "Subject", "Detail"], rx.foreach(S.history, _audit_row)),
            rx.form(rx.vstack(
                labeled("Reason for revoking", rx.input(name="reason", id="revoke-reason", required=True, width="100%")),
                rx.button("Revoke", type="submit", color_scheme="red", id="revoke-certificate"), width="100%"),
                on_submit=S.revoke, reset_on_submit=True, width="100%"),
        )),
    )


def admin_audit_page() -> rx.Component:
    return shell(
        page_header("Audit log", "Who did what, newest first (up to 200 events)."),
        error_callout(AdminAuditState.error),
        rx.form(rx.flex(
            rx.input(name="actor", placeholder="Actor email", aria_label="Actor email", id="audit-actor"),
            rx.input(name="action", placeholder="Action, e.g. user. or track.publish", aria_label="Action",
                     id="audit-action"),
            rx.input(name="since", type="date", aria_label="From date", id="audit-since"),
            rx.input(name="until", type="date", aria_label="To date", id="audit-until"),
            rx.button("Filter", type="submit", id="audit-filter"),
            gap="2", wrap="wrap"), on_submit=AdminAuditState.filter),
        table(["When (UTC)", "Actor", "Action", "Subject", "Detail"], rx.foreach(AdminAuditState.rows, _audit_row)),
    )
