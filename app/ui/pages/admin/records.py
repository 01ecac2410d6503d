"""Admin pages for certificates (find, revoke, history) and the audit log (filters)."""

from __future__ import annotations

from datetime import date

import reflex as rx

from app.db import session_scope
from app.domain.errors import DomainError, InvalidInput
from app.services.operations import records as admin_records
from app.services.training import certificates
from app.ui.components.dates import stamp
from app.ui.layout import error_callout, loading, page_header, shell
from app.ui.pages.admin.forms import card, labeled, notice, table
from app.ui.state import SessionState, utcnow


def _plain(value, nested: bool = False) -> str:
    """An event's detail as people read it ("reason: Issued in error"), not as a Python dict."""
    if isinstance(value, dict):
        text = ", ".join(f"{key}: {_plain(item, nested=True)}" for key, item in value.items())
        return f"({text})" if nested else text
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(item, nested=True) for item in value)
    return str(value)


def _audit_dicts(rows) -> list[dict]:
    return [r.as_dict() | {"at": stamp(r.at), "detail": _plain(r.detail) if r.detail else ""}
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
    # Set when the selected certificate is already revoked: when and why, instead of the form.
    revoked_note: str = ""
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
        if not self.query.strip():
            self.found = []
            self.error = "Type a certificate number, a holder's name or an email."
            return None
        self._search(actor)
        if not self.found:
            self.notice = "No certificate matches that number, name or email."
        return None

    @rx.event
    def show_history(self, number: str):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        try:
            with session_scope() as session:
                self.history = _audit_dicts(admin_records.certificate_history(session=session, actor=actor,
                                                                              number=number))
        except DomainError as err:
            self.error, self.history, self.selected = str(err), [], ""
            return None
        self.selected = number
        cert = next((c for c in self.found if c["number"] == number), None)
        self.revoked_note = (f"Revoked on {str(cert['revoked_at'])[:10]}: {cert['revoke_reason']}"
                             if cert and cert["status"] == "revoked" else "")
        return None

    @rx.event
    def revoke(self, form: dict):
        self.error = self.notice = ""
        applied = self._apply("admin", lambda s, a: certificates.revoke_certificate(
            session=s, actor=a, number=self.selected, reason=str(form.get("reason", "")), now=utcnow()))
        if not applied.ok:
            return self._report(applied)
        self._search(applied.actor)
        self.notice = f"{self.selected} is revoked."
        return [rx.set_value("revoke-reason", ""), AdminCertificatesState.show_history(self.selected)]


class AdminAuditState(SessionState):
    rows: list[dict] = []
    loading: bool = True
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
            # No rows under the error: they would read as the answer to the refused filter.
            self.error, self.rows = str(err), []
            return None
        self.rows, self.loading = _audit_dicts(rows), False
        return None


def _cert_row(c: dict) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(c["number"]),
        rx.table.cell(c["holder_name"], rx.text(c["holder_email"], size="1", color_scheme="gray")),
        rx.table.cell(c["track_title"]),
        rx.table.cell(rx.badge(c["status"], color_scheme=rx.match(c["status"], ("valid", "green"), ("revoked", "red"),
                                                                  "gray"))),
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
            rx.cond(S.history.length() > 0,
                    table(["When", "By", "Action", "Subject", "Detail"], rx.foreach(S.history, _audit_row)),
                    rx.text("The audit log has no events for this certificate.", color_scheme="gray", size="2")),
            rx.cond(
                S.revoked_note != "",
                rx.text(S.revoked_note, id="revoked-note", weight="medium", color_scheme="red"),
                # Not reset on submit: a refused reason stays, to correct it.
                rx.form(rx.vstack(
                    labeled("Reason for revoking", rx.input(name="reason", id="revoke-reason", required=True,
                                                            width="100%")),
                    rx.button("Revoke", type="submit", color_scheme="red", id="revoke-certificate"), width="100%"),
                    on_submit=S.revoke, width="100%"),
            ),
        )),
    )


def admin_audit_page() -> rx.Component:
    return shell(
        page_header("Audit log", "Who did what, newest first (up to 200 events)."),
        error_callout(AdminAuditState.error),
        # Visible labels over every filter: placeholders alone vanish once typed, and a date
        # input shows only "mm/dd/yyyy".
        rx.form(rx.flex(
            rx.box(labeled("Actor", rx.input(name="actor", placeholder="an email or part of one",
                                             aria_label="Actor email", id="audit-actor", width="100%")),
                   width=rx.breakpoints(initial="100%", sm="15rem")),
            rx.box(labeled("Action", rx.input(name="action", placeholder="e.g. user. or certificate.revoke",
                                              aria_label="Action", id="audit-action", width="100%")),
                   width=rx.breakpoints(initial="100%", sm="17rem")),
            rx.box(labeled("From (UTC)", rx.input(name="since", type="date", aria_label="From date", id="audit-since"))),
            rx.box(labeled("To (UTC)", rx.input(name="until", type="date", aria_label="To date", id="audit-until"))),
            rx.button("Filter", type="submit", id="audit-filter"),
            spacing="3", wrap="wrap", align="end"), on_submit=AdminAuditState.filter, width="100%"),
        table(["When (UTC)", "Actor", "Action", "Subject", "Detail"], rx.foreach(AdminAuditState.rows, _audit_row)),
        loading(AdminAuditState.loading),
        rx.cond((AdminAuditState.rows.length() == 0) & (AdminAuditState.error == "") & ~AdminAuditState.loading,
                rx.text("No events match these filters.", color_scheme="gray", size="2")),
    )
