"""A scratch database moved between migrations, for tests of what a migration does to existing rows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from app.migrations import alembic_config
from tests.conftest import BASE_DATABASE_URL
from tools.scratch_databases import create_database, drop_database


@dataclass
class ScratchDatabase:
    engine: Engine

    def upgrade(self, revision: str = "head") -> None:
        self._migrate(command.upgrade, revision)

    def downgrade(self, revision: str) -> None:
        self._migrate(command.downgrade, revision)

    def run(self, *statements: str, params: list[dict] | dict | None = None) -> None:
        """SQL written against the schema of the revision the database is at, in one transaction."""
        with self.engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement), params) if params is not None else conn.execute(text(statement))

    def _migrate(self, step, revision: str) -> None:
        config = alembic_config()
        config.attributes["configure_logger"] = False
        with self.engine.begin() as conn:
            config.attributes["connection"] = conn
            step(config, revision)


@contextmanager
def database_at(revision: str, tmp_path, name: str) -> Iterator[ScratchDatabase]:
    """A new database (SQLite, or PostgreSQL in the PostgreSQL run) migrated to ``revision``; dropped afterwards."""
    url = create_database(BASE_DATABASE_URL, tmp_path, name)
    engine = create_engine(url)
    try:
        database = ScratchDatabase(engine)
        database.upgrade(revision)
        yield database
    finally:
        engine.dispose()
        drop_database(url)
