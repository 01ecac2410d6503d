"""The configured database itself: create it when it is missing (a deploy step, `python -m app.cli create-database`)."""

from __future__ import annotations

import psycopg
from sqlalchemy.engine import make_url


def is_postgres(url: str) -> bool:
    return url.startswith("postgresql")


def admin_conninfo(url: str) -> str:
    """The same server's maintenance database, from which databases are created and dropped."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)


def ensure_database(url: str) -> bool:
    """Create the database named in a PostgreSQL URL if it does not exist; True if created."""
    if not is_postgres(url):
        return False
    name = make_url(url).database
    with psycopg.connect(admin_conninfo(url), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return False
        conn.execute(f'CREATE DATABASE "{name}"')
    return True
