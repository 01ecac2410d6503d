"""Every test run gets its own database, created here before the app reads its settings.

With DATABASE_URL=postgresql+psycopg://... the run uses a fresh PostgreSQL database
(created now, dropped at the end); otherwise an SQLite file in a temporary folder.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tools.scratch_databases import create_database, drop_database

_TMP = Path(tempfile.mkdtemp(prefix="successportal-tests-"))
BASE_DATABASE_URL = os.environ.get("DATABASE_URL")
TEST_DATABASE_URL = create_database(BASE_DATABASE_URL, _TMP, "suite")
os.environ["DATABASE_URL"] = TEST_DATABASE_URL
# Keep the signing-key passphrase of test runs out of the working tree.
os.environ["SIGNING_KEY_PASSPHRASE_FILE"] = str(_TMP / "signing-key.passphrase")


def _cleanup() -> None:
    from app.db import reset_engine

    reset_engine()
    drop_database(TEST_DATABASE_URL)
    shutil.rmtree(_TMP, ignore_errors=True)


atexit.register(_cleanup)

from sqlalchemy import text  # noqa: E402
from sqlmodel import SQLModel  # noqa: E402

from app.db import get_engine, reset_engine, session_scope  # noqa: E402
from app.settings import get_settings  # noqa: E402

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc)


def pytest_report_header(config) -> str:
    return f"database: {TEST_DATABASE_URL.split('@')[-1]}"


@pytest.fixture(scope="session")
def tmp_root() -> Path:
    return _TMP


@pytest.fixture(scope="session")
def migrated() -> str:
    """The run's database, migrated to head once."""
    from app.migrations import upgrade_head

    get_settings.cache_clear()
    reset_engine()
    upgrade_head()
    return TEST_DATABASE_URL


def _empty_all_tables() -> None:
    import app.models  # noqa: F401

    engine = get_engine()
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))


@pytest.fixture(autouse=True)
def fresh_counters():
    """Every test starts with empty throttling counters (in this process, whatever the settings)."""
    from app.services.accounts.rate_limits import MemoryCounters, use_counters

    use_counters(MemoryCounters())
    yield
    use_counters(None)


@pytest.fixture
def db(migrated):
    """A migrated database emptied before each test."""
    _empty_all_tables()
    yield
    get_settings.cache_clear()


@pytest.fixture
def session(db):
    """A unit of work for arranging and asserting; committed when the test ends."""
    with session_scope() as s:
        yield s


def pytest_collection_modifyitems(config, items):
    """Browser tests run last: Playwright's sync API keeps an event loop running in this
    thread for the rest of the session, which async tests cannot share."""
    items.sort(key=lambda item: "tests/e2e/" in str(item.path).replace("\\", "/"))
