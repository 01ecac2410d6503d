"""Online backups and restores, for SQLite and PostgreSQL.

SQLite: the sqlite3 online-backup API copies a consistent snapshot while the portal runs.
PostgreSQL: pg_dump (custom format) takes a consistent snapshot; pg_restore loads it into
an empty database.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url

from app.domain.errors import Conflict, InvalidInput
from app.private_files import private_file


def _libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise InvalidInput("tool", f"{name} is needed for PostgreSQL backups: install the PostgreSQL client "
                                   "(apt-get install postgresql-client).")
    return path


def backup(database_url: str, target: Path) -> Path:
    """Write a consistent copy of the database to ``target`` while it stays in use (readable by
    this user only: it holds everything, password hashes included)."""
    private_file(target)
    if database_url.startswith("sqlite"):
        source = sqlite3.connect(make_url(database_url).database)
        destination = sqlite3.connect(target)
        try:
            with destination:
                source.backup(destination)
        finally:
            destination.close()
            source.close()
        return target
    subprocess.run([_require_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}",
                    _libpq_url(database_url)], check=True, capture_output=True)
    target.chmod(0o600)
    return target


def _is_empty(database_url: str) -> bool:
    engine = create_engine(database_url)
    try:
        return not inspect(engine).get_table_names()
    finally:
        engine.dispose()


def restore(database_url: str, source: Path) -> None:
    """Load a backup into an empty database (it refuses to overwrite data)."""
    if not source.is_file():
        raise InvalidInput("file", f"No backup file at {source}.")
    if database_url.startswith("sqlite"):
        path = Path(make_url(database_url).database)
        if path.exists() and not _is_empty(database_url):
            raise Conflict(f"{path} already holds data; restore into a new database file (set DATABASE_URL).")
        backup(f"sqlite:///{source}", path)
        return
    if not _is_empty(database_url):
        raise Conflict("The target database already has tables; create an empty database and point DATABASE_URL at it.")
    subprocess.run([_require_tool("pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={_libpq_url(database_url)}",
                    str(source)], check=True, capture_output=True)
