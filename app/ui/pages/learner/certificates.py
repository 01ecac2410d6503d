"""The learner's certificates: status, time to expiry, renewal when it is due."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.services.training import certificates
from app.services.training.dto import CertificateView
from app.ui import routes
from app.ui.components.dates import day, time_to_expiry
from app.ui.layout import error_callout, link_button, loading, page_header, shell
from app.ui.state import SessionState, utcnow

STATUS = {
    "valid": ("Valid", "green"),
    "expired": ("Expired", "gray"),
    "revoked": ("Revoked", "red"),
    "superseded": ("Superseded", "gray"),
}


def certificate_row(cert: CertificateView) -> dict:
    label, color = STATUS[cert.status]
    if cert.status == "valid":
        detail = f"Valid until {day(cert.expires_at)} ({time_to_expiry(cert.days_to_expiry)})"
    elif cert.status == "expired":
        detail = f"Expired on {day(cert.expires_at)}"
    elif cert.status == "revoked":
        detail = f"Revoked on {day(cert.revoked_at)}"
    else:
        detail = f"Replaced by {cert.superseded_by}"
    return {
        "number": cert.number, "track_id": cert.track_id, "track_title": cert.track_title,
        "issued": f"Issued {day(cert.issued_at)}", "status_label": label, "status_color": color, "detail": detail,
        "renewal_due": cert.renewal_due, "href": routes.certificate(cert.number),
    }


class CertificatesState(SessionState):
    rows: list[dict] = []
    loading: bool = True
    error: str = ""
    notice: str = ""

    @rx.event
    def load(self):
        user, redirect = self._authorize("learner")
        if redirect:
            return redirect
        with session_scope() as session:
            found = certificates.list_certificates(session=session, user=user, now=utcnow())
        self.rows = [certificate_row(c) for c in found]
        self.loading = False
        return None

    @rx.event
    def renew(self, track_id: int):
        self.error = self.notice = ""
        applied = self._apply("learner", lambda s, user: certificates.issue_certificate(
            session=s, user=user, track_id=int(track_id), now=utcnow()))
        if not applied.ok:
            return self._report(applied)
        cert, created = applied.value
        self.notice = f"Renewed: your new certificate is {cert.number}." if created else ""
        return CertificatesState.load


def _row(cert: rx.Var) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.vstack(
                rx.hstack(
                    rx.heading(cert["track_title"], size="4", as_="h2"),
                    rx.badge(cert["status_label"], color_scheme=cert["status_color"], size="2"),
                    align="center", wrap="wrap",
                ),
                rx.text(rx.code(cert["number"]), " · ", cert["issued"], size="2"),
                rx.text(cert["detail"], size="2", color_scheme="gray"),
                spacing="1",
                align="start",
            ),
            rx.flex(
                rx.cond(cert["renewal_due"],
                        rx.button(rx.icon("refresh-cw", size=16), "Renew", on_click=CertificatesState.renew(cert["track_id"]),
                                  class_name="renew-certificate")),
                link_button("Open", href=cert["href"], variant="soft",
                            aria_label="Open certificate " + cert["number"].to(str)),
                spacing="2", wrap="wrap",
            ),
            justify="between", align="center", spacing="3", wrap="wrap",
        ),
        width="100%",
        class_name="certificate-row",
    )


def certificates_page() -> rx.Component:
    return shell(
        page_header("My certificates", "Each track you complete earns a certificate valid for two years."),
        error_callout(CertificatesState.error),
        rx.cond(CertificatesState.notice != "",
                rx.callout(CertificatesState.notice, icon="circle_check", color_scheme="green", role="status")),
        loading(CertificatesState.loading, "Loading your certificates…"),
        rx.cond(
            ~CertificatesState.loading & (CertificatesState.rows.length() == 0),
            rx.text("No certificates yet. Complete every course of a track to earn one. ",
                    rx.link("See your tracks", href=routes.TRACKS), "."),
        ),
        rx.foreach(CertificatesState.rows, _row),
    )
