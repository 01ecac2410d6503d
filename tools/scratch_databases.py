"""Throw-away databases (test runs, benchmarks): an SQLite file, or a fresh PostgreSQL database."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from app.services.operations.database import admin_conninfo, is_postgres

__all__ = ["create_database", "drop_database", "is_postgres"]


def create_database(base_url: str | None, tmp_dir: Path, label: str) -> str:
    """A new, empty database like ``base_url`` (PostgreSQL) or an SQLite file in ``tmp_dir``."""
    if base_url and is_postgres(base_url):
        name = f"sp_{label}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(admin_conninfo(base_url), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return make_url(base_url).set(drivername="postgresql+psycopg", database=name).render_as_string(
            hide_password=False
        )
    tmp_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{tmp_dir / f'{label}.db'}"


def drop_database(url: str) -> None:
    if not is_postgres(url):
        path = make_url(url).database
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = make_url(url).database
    with psycopg.connect(admin_conninfo(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
