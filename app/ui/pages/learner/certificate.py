"""One certificate, shown like one, with its PDF, verification link, credential, badge and LinkedIn
link (holder and admins only), and renewal once it is due (the reminder emails link here)."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.errors import InvalidInput, NotFound
from app.services.training import certificates, credential_documents, credentials
from app.settings import get_settings
from app.ui import routes
from app.ui.components.dates import day
from app.ui.components.not_found import not_found_panel
from app.ui.layout import error_callout, shell
from app.ui.pages.learner.certificate_card import certificate_card
from app.ui.pages.learner.certificate_share import badge_download, pdf_download, share_actions
from app.ui.pages.learner.certificates import certificate_row
from app.ui.state import SessionState, utcnow


class CertificateState(SessionState):
    cert_number: str = ""
    holder: str = ""
    track_title: str = ""
    issued: str = ""
    expires: str = ""
    issuer: str = ""
    status_label: str = ""
    status_color: str = "gray"
    status_detail: str = ""
    verify_url: str = ""
    linkedin_url: str = ""
    renewal_due: bool = False
    is_holder: bool = False
    copied: bool = False
    loading: bool = True
    not_found: bool = False
    error: str = ""
    _track_id: int = 0

    def _number(self) -> str:
        return routes.path_segment(self.router.url, 1)

    @rx.event
    def load(self):
        user, redirect = self._authorize()
        if redirect:
            return redirect
        self.not_found, self.copied, self.error = False, False, ""
        try:
            with session_scope() as session:
                cert = certificates.get_certificate(session=session, viewer=user, number=self._number(), now=utcnow())
        except (NotFound, InvalidInput):
            self.not_found, self.loading, self.cert_number, self.verify_url, self.linkedin_url = True, False, "", "", ""
            return None
        row = certificate_row(cert)
        self.cert_number, self.holder, self.track_title = cert.number, cert.holder_name, cert.track_title
        self.issued, self.expires = day(cert.issued_at), day(cert.expires_at)
        self.issuer = get_settings().portal_name
        self.status_label, self.status_color, self.status_detail = row["status_label"], row["status_color"], row["detail"]
        self.verify_url = certificates.verification_url(cert.number, cert.verification_code)
        self.linkedin_url = credential_documents.linkedin_url(number=cert.number, track_title=cert.track_title,
                                                              issued_at=cert.issued_at, expires_at=cert.expires_at)
        self.renewal_due, self.is_holder, self._track_id = cert.renewal_due, user.role == "learner", cert.track_id
        self.loading = False
        return None

    @rx.event
    def download_pdf(self):
        user, redirect = self._authorize()
        if redirect:
            return redirect
        return pdf_download(user, self._number()) or self._gone()

    @rx.event
    def download_credential(self):
        """The signed Open Badges 3.0 credential, for wallets and third-party verifiers."""
        user, redirect = self._authorize()
        if redirect:
            return redirect
        try:
            with session_scope() as session:
                signed = credentials.get_credential(session=session, number=self._number(), viewer=user, code=None,
                                                    now=utcnow())
        except (NotFound, InvalidInput):
            return self._gone()
        return rx.download(data=signed.jwt, filename=f"{signed.number}-open-badge.jwt", mime_type="application/jwt")

    @rx.event
    def download_badge(self):
        user, redirect = self._authorize()
        if redirect:
            return redirect
        return badge_download(user, self._number()) or self._gone()

    @rx.event
    def copy_link(self):
        _user, redirect = self._authorize()
        if redirect:
            return redirect
        self.copied = True
        return rx.set_clipboard(self.verify_url)

    @rx.event
    def renew(self):
        """The holder renews (from 60 days before expiry): a new number, the old one superseded."""
        self.error = ""
        applied = self._apply("learner", lambda s, user: certificates.issue_certificate(
            session=s, user=user, track_id=self._track_id, now=utcnow()))
        if not applied.ok:
            return self._report(applied)
        cert, _created = applied.value
        return rx.redirect(routes.certificate(cert.number))

    def _gone(self) -> None:
        self.not_found = True


def _renewal() -> rx.Component:
    return rx.cond(
        CertificateState.renewal_due & CertificateState.is_holder,
        rx.callout.root(
            rx.callout.icon(rx.icon("refresh_cw")),
            rx.callout.text(
                rx.flex(
                    rx.text("This certificate is due for renewal. Renewing issues a new certificate, valid for two "
                            "more years; this one then shows as replaced."),
                    rx.button(rx.icon("refresh_cw", size=16), "Renew now", on_click=CertificateState.renew,
                              id="renew-certificate"),
                    spacing="3", align="center", wrap="wrap",
                ),
            ),
            color_scheme="blue", width="100%",
        ),
    )


def certificate_page() -> rx.Component:
    return shell(
        rx.cond(
            CertificateState.not_found,
            not_found_panel(),
            rx.vstack(
                rx.link("← All my certificates", href=routes.CERTIFICATES, size="2"),
                error_callout(CertificateState.error),
                _renewal(),
                rx.cond(CertificateState.loading, rx.hstack(rx.spinner(), rx.text("Loading the certificate…")),
                        certificate_card(CertificateState)),
                share_actions(CertificateState),
                rx.button(rx.icon("badge_check", size=16), "Download credential (Open Badges 3.0)",
                          on_click=CertificateState.download_credential, size="2", variant="soft",
                          id="download-credential"),
                spacing="4",
                width="100%",
                max_width="56rem",
            ),
        ),
    )
