"""Public certificate check: a form at /verify and the verdict at /verify/<number>. No sign-in."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.errors import NotFound
from app.domain.training.numbering import NotACertificateNumber
from app.services.accounts import rate_limits
from app.services.training import certificates, credential_documents
from app.services.training.dto import Verification
from app.ui import routes
from app.ui.components.dates import day, time_to_expiry
from app.ui.layout import public_shell
from app.ui.pages.public.verify_credential import credential_check
from app.ui.pages.public.verify_view import verdict_panel, verify_form
from app.ui.state import client_address, utcnow


def _verdict(found: Verification, now) -> tuple[str, str]:
    """The headline, and the validity in words."""
    if found.status == "valid":
        return "Valid", f"Valid until {day(found.expires_at)} ({time_to_expiry((found.expires_at - now).days)})."
    if found.status == "expired":
        return (f"Expired on {day(found.expires_at)}",
                f"It was valid from {day(found.issued_at)} to {day(found.expires_at)} and has not been renewed.")
    if found.status == "revoked":
        return (f"Revoked on {day(found.revoked_at)}",
                "The issuer withdrew this certificate: it is no longer valid, whatever its dates say.")
    return (f"Superseded by {found.superseded_by}",
            "The holder renewed it: the newer certificate replaces this one.")


class VerifyState(rx.State):
    typed: str = ""
    form_error: str = ""
    verdict: str = ""  # valid | expired | revoked | superseded | not_found | malformed | busy
    headline: str = ""
    detail: str = ""
    shown_number: str = ""
    track_title: str = ""
    issued: str = ""
    expires: str = ""
    holder: str = ""
    holder_label: str = ""
    holder_is_full_name: bool = False
    achievement: dict = {}  # what it certifies, its criteria, badge image and issuer (public facts)
    superseded_href: str = ""
    loading: bool = True

    @rx.event
    def set_typed(self, value: str):
        self.typed = value[:60]
        self.form_error = ""

    @rx.event
    def check(self, form: dict):
        number = str(form.get("number", self.typed)).strip()
        if not number:
            self.form_error = "Type the certificate number, for example CERT-2026-00042."
            return None
        self.form_error = ""
        return rx.redirect(routes.verify(number))

    @rx.event
    def load(self):
        """Public: looks up one certificate, with the same answers as the REST check."""
        # The previous verdict and any form error go first: nothing stale stays on screen
        # while this one is looked up.
        self._answer("", "", "")
        self.loading, self.form_error, self.typed = True, "", ""
        yield
        now = utcnow()
        raw = routes.path_segment(self.router.url, 1)
        code = self.router.url.query_parameters.get("code") or None
        self.shown_number = raw.strip()[:40]
        # The same allowance as the REST check (one per client), so the page is no easier to walk through.
        retry_after = rate_limits.public_check_wait(client_address(self))
        if retry_after is not None:
            self._answer("busy", "Too many checks", f"Please wait {retry_after} seconds, then reload this page.")
            return
        try:
            with session_scope() as session:
                found = certificates.verify_certificate(session=session, number=raw, code=code, now=now)
                achievement = credential_documents.certificate_achievement(session=session, number=found.number)
        except NotACertificateNumber:
            self._answer("malformed", "That is not a certificate number",
                         "Certificate numbers look like CERT-2026-00042: CERT, the year of issue and a number. "
                         "Check the number printed on the certificate.")
            return
        except NotFound:
            self._answer("not_found", "Not found", "No certificate has this number. Check it against the certificate; "
                                                   "a certificate that is not listed here was not issued by us.")
            return
        headline, detail = _verdict(found, now)
        self._answer(found.status, headline, detail)
        self.shown_number, self.track_title = found.number, found.track_title
        self.issued, self.expires = day(found.issued_at), day(found.expires_at)
        self.holder, self.holder_is_full_name = found.holder, found.holder_is_full_name
        self.holder_label = "Holder" if found.holder_is_full_name else "Holder's initials"
        self.achievement = {"slug": achievement.slug, "href": f"/achievements/{achievement.slug}",
                            "description": achievement.description, "criteria": achievement.criteria,
                            "image": achievement.image_path, "issuer": achievement.issuer_name,
                            "issuer_url": achievement.issuer_url, "issuer_image": achievement.issuer_image_path}
        self.superseded_href = routes.verify(found.superseded_by) if found.superseded_by else ""

    def _answer(self, verdict: str, headline: str, detail: str) -> None:
        self.verdict, self.headline, self.detail, self.loading = verdict, headline, detail, False
        self.track_title = self.issued = self.expires = self.holder = self.holder_label = self.superseded_href = ""
        self.holder_is_full_name, self.achievement = False, {}


def verify_form_page() -> rx.Component:
    return public_shell(verify_form(VerifyState), credential_check())


def verify_result_page() -> rx.Component:
    return public_shell(verdict_panel(VerifyState), verify_form(VerifyState, compact=True))
