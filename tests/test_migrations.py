"""Migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

import app.models  # noqa: F401
from app.db import get_engine
from tests.conftest import BASE_DATABASE_URL
from tools.scratch_databases import create_database, drop_database, is_postgres


def _differences(engine) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, SQLModel.metadata)


def test_upgrade_head_matches_the_models_on_this_runs_database(migrated):
    assert _differences(get_engine()) == []
    tables = set(inspect(get_engine()).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables


def _upgrade(url: str) -> None:
    from alembic import command

    from app.migrations import alembic_config

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            config.attributes["configure_logger"] = False
            command.upgrade(config, "head")
        assert _differences(engine) == []
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_and_downgrade_on_an_empty_sqlite_database(tmp_path):
    url = create_database(None, tmp_path, "migrations")
    _upgrade(url)


@pytest.mark.skipif(not (BASE_DATABASE_URL and is_postgres(BASE_DATABASE_URL)), reason="PostgreSQL run only")
def test_upgrade_and_downgrade_on_an_empty_postgresql_database(tmp_path):
    url = create_database(BASE_DATABASE_URL, tmp_path, "migrations")
    try:
        _upgrade(url)
    finally:
        drop_database(url)
