"""One certificate, shown like one, with its PDF, verification link, credential, badge and LinkedIn
link (holder and admins only)."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.errors import InvalidInput, NotFound
from app.services.training import certificate_pdf, certificates, credential_documents, credentials
from app.settings import get_settings
from app.ui import routes
from app.ui.components.dates import day
from app.ui.components.not_found import not_found_panel
from app.ui.layout import shell
from app.ui.pages.learner.certificate_card import certificate_card
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
    copied: bool = False
    loading: bool = True
    not_found: bool = False

    def _number(self) -> str:
        return routes.path_segment(self.router.url, 1)

    @rx.event
    def load(self):
        user, redirect = self._authorize()
        if redirect:
            return redirect
        self.not_found, self.copied = False, False
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
        self.loading = False
        return None

    @rx.event
    def download_pdf(self):
        user, redirect = self._authorize()
        if redirect:
            return redirect
        try:
            with session_scope() as session:
                pdf = certificate_pdf.render_certificate_pdf(session=session, viewer=user, number=self._number(),
                                                             now=utcnow())
        except (NotFound, InvalidInput):
            self.not_found = True
            return None
        return rx.download(data=pdf.content, filename=pdf.filename, mime_type="application/pdf")

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
            self.not_found = True
            return None
        return rx.download(data=signed.jwt, filename=f"{signed.number}-open-badge.jwt", mime_type="application/jwt")

    @rx.event
    def download_badge(self):
        """The track's badge image with the signed credential baked in (Open Badges 3.0 SVG)."""
        user, redirect = self._authorize()
        if redirect:
            return redirect
        try:
            with session_scope() as session:
                badge = credential_documents.baked_badge(session=session, number=self._number(), viewer=user,
                                                         code=None, now=utcnow())
        except (NotFound, InvalidInput):
            self.not_found = True
            return None
        return rx.download(data=badge.svg, filename=badge.filename, mime_type="image/svg+xml")

    @rx.event
    def copy_link(self):
        _user, redirect = self._authorize()
        if redirect:
            return redirect
        self.copied = True
        return rx.set_clipboard(self.verify_url)


def _share_row() -> rx.Component:
    """Showing it elsewhere: LinkedIn's pre-filled form, and the badge image that carries the credential."""
    return rx.flex(
        # A link drawn as a button (as_child): one focusable element, opening LinkedIn in a new tab.
        rx.button(
            rx.link(rx.icon("share_2", size=16), "Add to LinkedIn profile", href=CertificateState.linkedin_url,
                    is_external=True, id="add-to-linkedin", underline="none"),
            as_child=True, size="3", variant="outline",
        ),
        rx.button(rx.icon("award", size=16), "Download badge image", on_click=CertificateState.download_badge,
                  size="3", variant="outline", id="download-badge"),
        spacing="3", wrap="wrap", align="center",
    )


def certificate_page() -> rx.Component:
    return shell(
        rx.cond(
            CertificateState.not_found,
            not_found_panel(),
            rx.vstack(
                rx.link("← All my certificates", href=routes.CERTIFICATES, size="2"),
                rx.cond(CertificateState.loading, rx.hstack(rx.spinner(), rx.text("Loading the certificate…")),
                        certificate_card(CertificateState)),
                rx.flex(
                    rx.button(rx.icon("download", size=16), "Download PDF", on_click=CertificateState.download_pdf,
                              size="3", id="download-pdf"),
                    rx.button(rx.icon("badge_check", size=16), "Download credential (Open Badges 3.0)",
                              on_click=CertificateState.download_credential, size="3", variant="soft",
                              id="download-credential"),
                    rx.button(rx.icon("link", size=16), "Copy verification link", on_click=CertificateState.copy_link,
                              size="3", variant="soft", id="copy-link"),
                    spacing="3", wrap="wrap",
                ),
                _share_row(),
                rx.text(rx.cond(CertificateState.copied, "Link copied. ", ""),
                        "Anyone with this link sees the certificate's status and your full name:",
                        size="2", role="status"),
                rx.code(CertificateState.verify_url, id="verify-url", word_break="break-all"),
                spacing="4",
                width="100%",
                max_width="56rem",
            ),
        ),
    )
