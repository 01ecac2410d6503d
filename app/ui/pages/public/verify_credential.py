"""Public check of a credential file (Open Badges 3.0, VC-JWT, bare or baked into the badge image)
uploaded on the /verify page."""

import json

import reflex as rx

from app.db import session_scope
from app.domain.badge_art import extract
from app.services.accounts import rate_limits
from app.services.training import credentials
from app.services.training.dto import CredentialVerdict
from app.ui.state import client_address, utcnow

UPLOAD_ID = "credential-upload"
MAX_BYTES = 64 * 1024

STATUS_TEXT = {
    "valid": "The certificate behind it is valid.",
    "expired": "The certificate behind it has expired.",
    "revoked": "The issuer has revoked the certificate behind it.",
    "superseded": "The holder renewed the certificate; a newer one replaces it.",
    "not_found": "No certificate of ours has this number.",
}


def token_from_file(raw: bytes) -> str:
    """The compact JWT, whether the file holds it bare, inside our JSON download or baked into an SVG badge."""
    text = raw.decode("utf-8", errors="replace").strip()
    if text.startswith("<"):
        return extract(text) or ""
    if text.startswith("{"):
        try:
            return str(json.loads(text).get("jwt", "")).strip()
        except (ValueError, AttributeError):
            return ""
    return text


class CredentialCheckState(rx.State):
    verdict: str = ""  # genuine | forged | unreadable | busy
    headline: str = ""
    detail: str = ""
    credential_name: str = ""
    checking: bool = False

    @rx.event
    async def check_file(self, files: list[rx.UploadFile]):
        # The previous file's verdict goes at once: it must not stand under this file's name.
        self.checking, self.credential_name, self.verdict, self.headline, self.detail = True, "", "", "", ""
        yield
        retry_after = rate_limits.public_check_wait(client_address(self))
        if retry_after is not None:
            self._show("busy", "Too many checks", f"Please wait {retry_after} seconds and try again.")
            return
        if not files:
            self._show("unreadable", "No file", "Choose the credential file (.jwt) the holder gave you.")
            return
        raw = await files[0].read()
        token = token_from_file(raw[: MAX_BYTES + 1])
        if len(raw) > MAX_BYTES or not token:
            self._show("unreadable", "Not a credential file",
                       "This file is not a credential. Ask the holder for the .jwt file or the badge image from their "
                       "certificate page.")
            return
        with session_scope() as session:
            result = credentials.verify_credential(session=session, token=token, now=utcnow())
        self._show_result(result)

    def _show_result(self, result: CredentialVerdict) -> None:
        if result.signature != "valid":
            self._show("forged", "Not genuine",
                       f"The signature does not check out against our published keys ({result.reason}). "
                       "Do not rely on this credential.")
            return
        self._show("genuine", "Genuine credential", STATUS_TEXT.get(result.status, result.status))
        self.verdict = "genuine" if result.status == "valid" else "genuine_" + result.status
        self.credential_name = str((result.credential or {}).get("name", ""))

    def _show(self, verdict: str, headline: str, detail: str) -> None:
        self.verdict, self.headline, self.detail, self.checking = verdict, headline, detail, False


def credential_check() -> rx.Component:
    color = rx.cond(CredentialCheckState.verdict == "genuine", "green",
                    rx.cond(CredentialCheckState.verdict.contains("genuine"), "amber", "red"))
    return rx.card(
        rx.vstack(
            rx.heading("Check a credential file", size="4", as_="h2"),
            rx.text("Holders can download their certificate as an Open Badges 3.0 credential (a .jwt file) or as "
                    "a badge image that carries it (.svg). Drop either here to check its signature and status.",
                    color_scheme="gray", size="2"),
            # The label names the file input for screen readers and opens the file chooser on
            # click (the drop zone's own click handling is off, so it opens once).
            rx.el.label(
                rx.upload(
                    rx.vstack(rx.icon("file_up", size=24), rx.text("Drop the .jwt or .svg file here, or click to choose it"),
                              align="center", spacing="1"),
                    id=UPLOAD_ID,
                    multiple=False,
                    max_size=MAX_BYTES,
                    no_click=True,
                    on_drop=CredentialCheckState.check_file(rx.upload_files(upload_id=UPLOAD_ID)),
                    border=f"1px dashed {rx.color('gray', 8)}",
                    padding="1.25rem",
                    width="100%",
                    cursor="pointer",
                ),
                width="100%",
            ),
            rx.cond(CredentialCheckState.checking, rx.hstack(rx.spinner(), rx.text("Checking…"))),
            rx.cond(
                CredentialCheckState.verdict != "",
                rx.callout.root(
                    rx.callout.text(rx.text(CredentialCheckState.headline, weight="bold", id="credential-verdict"),
                                    rx.text(CredentialCheckState.detail, id="credential-detail"),
                                    rx.text(CredentialCheckState.credential_name, size="2", color_scheme="gray")),
                    color_scheme=color, role="status", width="100%",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
