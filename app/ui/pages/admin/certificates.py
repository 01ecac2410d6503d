"""Admin page for certificates: find one, read its history, revoke it with a reason."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.errors import DomainError
from app.services.operations import records as admin_records
from app.services.training import certificates
from app.ui.components.dates import day
from app.ui.layout import error_callout, page_header, shell
from app.ui.pages.admin.audit_rows import audit_dicts, audit_table
from app.ui.pages.admin.forms import card, labeled, notice, table
from app.ui.state import SessionState, utcnow

# The same words and colours as the holder's own certificate list.
STATUS = {"valid": ("Valid", "green"), "expired": ("Expired", "gray"), "revoked": ("Revoked", "red"),
          "superseded": ("Superseded", "gray")}
NO_MATCH = "No certificate matches that number, name or email."


def _row(cert: dict) -> dict:
    label, color = STATUS.get(cert["status"], (str(cert["status"]).capitalize(), "gray"))
    return cert | {"status_label": label, "status_color": color}


class AdminCertificatesState(SessionState):
    query: str = ""
    found: list[dict] = []
    history: list[dict] = []
    selected: str = ""
    # Set when the selected certificate is already revoked: when and why, instead of the form.
    revoked_note: str = ""
    error: str = ""
    notice: str = ""
    # Not an error and not a success: the search found nothing.
    info: str = ""

    def _search(self, actor) -> None:
        with session_scope() as session:
            self.found = [_row(c) for c in admin_records.find_certificates(session=session, actor=actor,
                                                                           query=self.query, now=utcnow())]

    def _find(self, actor, query: str) -> None:
        self.query, self.error, self.notice, self.info = query[:200], "", "", ""
        self.history, self.selected = [], ""
        if not self.query.strip():
            self.found = []
            self.error = "Type a certificate number, a holder's name or an email."
            return
        self._search(actor)
        if not self.found:
            self.info = NO_MATCH

    @rx.event
    def load(self):
        """``?number=`` (the audit log links certificates this way) finds it and opens its history."""
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        number = self.router.url.query_parameters.get("number", "")
        self.query, self.found, self.history, self.selected = "", [], [], ""
        self.error = self.notice = self.info = ""
        if not number:
            return None
        self._find(actor, number)
        return AdminCertificatesState.show_history(number) if self.found else None

    @rx.event
    def search(self, form: dict):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        self._find(actor, str(form.get("query", "")))
        return None

    @rx.event
    def show_history(self, number: str):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        try:
            with session_scope() as session:
                self.history = audit_dicts(admin_records.certificate_history(session=session, actor=actor,
                                                                             number=number))
        except DomainError as err:
            self.error, self.history, self.selected = str(err), [], ""
            return None
        cert = next((c for c in self.found if c["number"].upper() == str(number).strip().upper()), None)
        self.selected = cert["number"] if cert else str(number).strip().upper()
        self.revoked_note = (f"Revoked on {day(cert['revoked_at'])}: {cert['revoke_reason']}"
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


def _cert_row(c: dict) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(c["number"]),
        rx.table.cell(c["holder_name"], rx.text(c["holder_email"], size="1", color_scheme="gray")),
        rx.table.cell(c["track_title"]),
        rx.table.cell(rx.badge(c["status_label"], color_scheme=c["status_color"].to(str), high_contrast=True)),
        rx.table.cell(rx.button("Open", size="1", variant="soft", on_click=AdminCertificatesState.show_history(c["number"]),
                                aria_label="Open " + c["number"].to(str))),
    )


def _selected() -> rx.Component:
    S = AdminCertificatesState
    return card(
        rx.heading(S.selected, size="4"),
        rx.text("History", weight="medium"),
        rx.cond(S.history.length() > 0, audit_table(S.history, "History of the certificate"),
                rx.text("The audit log has no events for this certificate.", color_scheme="gray", size="2")),
        rx.cond(
            S.revoked_note != "",
            rx.text(S.revoked_note, id="revoked-note", weight="medium", color_scheme="red"),
            # Not reset on submit: a refused reason stays, to correct it.
            rx.form(rx.vstack(
                labeled("Reason for revoking", rx.input(name="reason", id="revoke-reason", required=True,
                                                        width="100%"),
                        "Shown to the holder and on the public check."),
                rx.button("Revoke", type="submit", color_scheme="red", id="revoke-certificate"), width="100%"),
                on_submit=S.revoke, width="100%"),
        ),
    )


def admin_certificates_page() -> rx.Component:
    S = AdminCertificatesState
    return shell(
        page_header("Certificates", "Find a certificate by number, holder name or email; revoke it with a reason."),
        error_callout(S.error),
        notice(S.notice),
        rx.cond(S.info != "", rx.callout(S.info, icon="info", color_scheme="gray", role="status", width="100%",
                                         id="certificate-info")),
        rx.form(rx.hstack(rx.input(name="query", placeholder="CERT-2026-00001, a name or an email", id="cert-query",
                                   width=rx.breakpoints(initial="100%", sm="24rem"), aria_label="Certificate search"),
                          rx.button("Find", type="submit", id="find-certificates")), on_submit=S.search),
        rx.cond(S.found.length() > 0, table(["Number", "Holder", "Track", "Status", ""], rx.foreach(S.found, _cert_row),
                                                      "Certificates found")),
        rx.cond(S.selected != "", _selected()),
    )
