"""Showing a certificate elsewhere: the PDF, the badge image with the credential baked in, the
verification link and LinkedIn's add-to-profile form. Used by the certificate page and by the
result page's moment of success, each state calling these from its own checked handlers."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.errors import InvalidInput, NotFound
from app.services.dto import UserDTO
from app.services.training import certificate_pdf, credential_documents
from app.ui.state import utcnow


def pdf_download(user: UserDTO, number: str):
    """The certificate's PDF as a download, or None when the viewer may not have it."""
    try:
        with session_scope() as session:
            pdf = certificate_pdf.render_certificate_pdf(session=session, viewer=user, number=number, now=utcnow())
    except (NotFound, InvalidInput):
        return None
    return rx.download(data=pdf.content, filename=pdf.filename, mime_type="application/pdf")


def badge_download(user: UserDTO, number: str):
    """The track's badge image with the signed credential baked in (Open Badges 3.0 SVG), or None."""
    try:
        with session_scope() as session:
            badge = credential_documents.baked_badge(session=session, number=number, viewer=user, code=None,
                                                     now=utcnow())
    except (NotFound, InvalidInput):
        return None
    return rx.download(data=badge.svg, filename=badge.filename, mime_type="image/svg+xml")


def share_actions(state, primary_pdf: bool = True) -> rx.Component:
    """Copy link, LinkedIn, PDF and badge: ``state`` has verify_url, linkedin_url, copied and the
    handlers copy_link, download_pdf and download_badge."""
    return rx.vstack(
        rx.flex(
            rx.button(rx.icon("download", size=16), "Download PDF", on_click=state.download_pdf, size="3",
                      id="download-pdf", variant="solid" if primary_pdf else "outline"),
            # A link drawn as a button (as_child): one focusable element, opening LinkedIn in a new tab.
            rx.button(
                rx.link(rx.icon("share_2", size=16), "Add to LinkedIn profile", href=state.linkedin_url,
                        is_external=True, id="add-to-linkedin", underline="none"),
                as_child=True, size="3", variant="outline",
            ),
            rx.button(rx.icon("award", size=16), "Download badge", on_click=state.download_badge, size="3",
                      variant="outline", id="download-badge"),
            rx.button(rx.cond(state.copied, rx.icon("check", size=16), rx.icon("link", size=16)),
                      rx.cond(state.copied, "Link copied", "Copy link"), on_click=state.copy_link, size="3",
                      variant="outline", id="copy-link"),
            spacing="3", wrap="wrap", class_name="share-actions",
        ),
        rx.text(rx.cond(state.copied, "Copied to the clipboard. ", ""),
                "Anyone with this link sees the certificate's status and your full name:", size="2", role="status"),
        rx.code(state.verify_url, id="verify-url", class_name="verify-url"),
        spacing="2",
        width="100%",
    )
