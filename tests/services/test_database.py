"""`create-database`: the configured PostgreSQL database is created when missing, and only then."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy.engine import make_url

from app.services.operations.database import ensure_database, is_postgres
from tests.conftest import BASE_DATABASE_URL
from tools.scratch_databases import drop_database


def test_an_sqlite_database_needs_no_creating(tmp_path):
    assert ensure_database(f"sqlite:///{tmp_path / 'portal.db'}") is False


@pytest.mark.skipif(not (BASE_DATABASE_URL and is_postgres(BASE_DATABASE_URL)), reason="PostgreSQL run only")
def test_a_missing_postgresql_database_is_created_once():
    url = make_url(BASE_DATABASE_URL).set(database=f"sp_ensure_{uuid.uuid4().hex[:8]}").render_as_string(
        hide_password=False)
    try:
        assert ensure_database(url) is True
        assert ensure_database(url) is False
    finally:
        drop_database(url)
