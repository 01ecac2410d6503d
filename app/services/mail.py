"""Sending email through the SMTP server in SMTP_URL (settings). Without one, nothing is sent:
callers check ``mail_configured`` and do something visible instead."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from app.settings import get_settings

TIMEOUT_S = 20


class MailNotSent(Exception):
    """The server refused the message or could not be reached; ``str`` says why (no password in it)."""


def mail_configured() -> bool:
    return get_settings().smtp_url is not None


def send_email(*, to: str, subject: str, body: str) -> None:
    """One plain-text message to one recipient, from SMTP_FROM. smtps:// is TLS from the start;
    smtp:// upgrades with STARTTLS whenever the server offers it, and signs in only then or on localhost."""
    settings = get_settings()
    url = urlsplit(settings.smtp_url or "")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.smtp_from, to, subject
    message.set_content(body)
    try:
        with _connect(url) as smtp:
            if url.username:
                smtp.login(unquote(url.username), unquote(url.password or ""))
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as err:
        raise MailNotSent(f"{type(err).__name__}: {err}"[:300]) from None


def _connect(url) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if url.scheme == "smtps":
        return smtplib.SMTP_SSL(url.hostname, url.port or 465, timeout=TIMEOUT_S, context=context)
    smtp = smtplib.SMTP(url.hostname, url.port or 25, timeout=TIMEOUT_S)
    smtp.ehlo()
    if smtp.has_extn("starttls"):
        smtp.starttls(context=context)
        smtp.ehlo()
    elif url.username and url.hostname not in ("localhost", "127.0.0.1", "::1"):
        smtp.close()
        raise MailNotSent(f"{url.hostname} does not offer STARTTLS: the password would cross the network in clear; "
                          "use smtps:// or a server that offers STARTTLS")
    return smtp
