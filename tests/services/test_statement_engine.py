"""The one-statement engine (the public certificate check) shares the pool without leaking autocommit."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import text

from app.db import get_engine, session_scope, statement_engine
from app.models import Organization

NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)


def test_one_statement_reads_run_without_a_transaction_on_postgresql(db):
    with statement_engine().connect() as connection:
        connection.execute(text("SELECT 1"))
        autocommit = getattr(connection.connection.dbapi_connection, "autocommit", None)
    if get_engine().dialect.name == "postgresql":
        assert autocommit is True  # no BEGIN / ROLLBACK round trips around the SELECT
        assert statement_engine().pool is get_engine().pool  # no second set of connections
    else:
        assert statement_engine() is get_engine()


def test_a_connection_used_for_one_statement_comes_back_transactional(db):
    # Exhaust-and-reuse: every pooled connection passes through the one-statement engine first.
    connections = [statement_engine().connect() for _ in range(3)]
    for connection in connections:
        connection.execute(text("SELECT 1"))
        connection.close()
    try:
        with session_scope() as session:
            session.add(Organization(name="Rolled back", industry="Software", employee_count=10, created_at=NOW))
            session.flush()
            raise RuntimeError("fail the use case after its write")
    except RuntimeError:
        pass
    with session_scope() as session:
        assert session.query(Organization).filter_by(name="Rolled back").count() == 0
