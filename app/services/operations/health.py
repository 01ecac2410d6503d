"""Liveness of the parts the portal depends on."""

from __future__ import annotations

import logging

from sqlalchemy import text

from app.db import get_engine

log = logging.getLogger(__name__)


def database_ok() -> bool:
    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception as err:  # any driver error means "not reachable" to a health check
        log.warning("database health check failed: %s", err)
        return False
