"""Database engine and the unit-of-work helper every service uses."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from app.private_files import private_file
from app.settings import get_settings

_engine: Engine | None = None
_engine_url: str | None = None
_statement_engine: tuple[Engine, Engine] | None = None  # (engine, its one-statement copy)
_lock = threading.Lock()


def _create_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:":
            private_file(Path(path))  # SQLite gives its journal files the database file's mode
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    settings = get_settings()
    # Up to one connection per request thread (40 per worker): a smaller pool makes requests
    # queue for a connection, and time out under load, while CPU is still free.
    return create_engine(url, pool_pre_ping=True, pool_size=settings.db_pool_size,
                         max_overflow=settings.db_max_overflow)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Let SQLAlchemy, not the driver, open transactions (see _sqlite_begin_immediate).
    dbapi_connection.isolation_level = None
    # Foreign keys are off by default in SQLite; WAL lets readers and one writer overlap.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin_immediate(connection) -> None:
    """Take SQLite's write lock when a transaction starts, not at its first write.

    A deferred transaction that read first and writes later fails at once with
    "database is locked" when another writer got in between; an immediate one waits
    (busy_timeout) and then runs alone. That makes read-check-write use cases such
    as certificate numbering serial on SQLite, as row locks make them on PostgreSQL.
    """
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def get_engine() -> Engine:
    """The process's engine, created lazily because app workers fork after import."""
    global _engine, _engine_url
    url = get_settings().database_url
    with _lock:
        if _engine is None or _engine_url != url:
            if _engine is not None:
                _engine.dispose()
            _engine = _create_engine(url)
            _engine_url = url
        return _engine


def statement_engine() -> Engine:
    """The engine for reads of one statement that need no transaction around them (the public
    certificate check). On PostgreSQL its connections run each statement on its own (autocommit):
    no BEGIN before the query and no ROLLBACK when the connection goes back to the pool, two of
    the four round trips such a read otherwise takes. It shares the engine's pool."""
    global _statement_engine
    engine = get_engine()
    cached = _statement_engine
    if cached is not None and cached[0] is engine:
        return cached[1]
    one_statement = engine.execution_options(isolation_level="AUTOCOMMIT") \
        if engine.dialect.name == "postgresql" else engine
    _statement_engine = (engine, one_statement)
    return one_statement


def reset_engine() -> None:
    """Forget the engine (tests switch databases between runs)."""
    global _engine, _engine_url
    with _lock:
        if _engine is not None:
            _engine.dispose()
        _engine, _engine_url = None, None


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session that commits once on success and rolls back on any error."""
    session = Session(get_engine(), expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
