"""What a person sees when an event fails on the server.

No `from __future__ import annotations` here: Reflex evaluates the handler's return annotation."""


import logging

import reflex as rx
from sqlalchemy.exc import OperationalError

log = logging.getLogger(__name__)

DATABASE_DOWN = ("The portal cannot reach its database right now. Everything you saved before this "
                 "message is safe; try again in a minute.")
UNEXPECTED = "Something went wrong on our side. Please try again; if it keeps happening, tell your administrator."


def backend_error(exception: Exception) -> rx.event.EventSpec:
    """A friendly toast instead of a stack trace; details go to the log, never to the browser."""
    if isinstance(exception, OperationalError):
        log.error("database unavailable during an event: %s", type(exception).__name__)
        message = DATABASE_DOWN
    else:
        log.exception("unexpected error in an event handler", exc_info=exception)
        message = UNEXPECTED
    return rx.toast.error(message, id="backend_error", position="top-center", duration=8000)
