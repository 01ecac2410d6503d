"""A real SMTP server in the test process (aiosmtpd), pointed at by SMTP_URL, that keeps what it receives."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from app.settings import get_settings


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def inbox(monkeypatch):
    """SMTP_URL points at a running server; its messages arrive in ``inbox.messages``."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setenv("SMTP_URL", f"smtp://127.0.0.1:{controller.port}")
    monkeypatch.setenv("SMTP_FROM", "Success Portal Training <training@portal.example.com>")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://portal.example.com")
    get_settings.cache_clear()
    handler.port = controller.port
    yield handler
    controller.stop()
    get_settings.cache_clear()
