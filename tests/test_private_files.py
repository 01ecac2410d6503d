"""The SQLite database and backups are readable by the portal's user only (0600, in a 0700 folder)."""

import stat

from sqlalchemy import text

from app.db import _create_engine
from app.services.operations.backup import backup
from app.private_files import private_file


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_sqlite_database_is_0600_in_a_0700_folder(tmp_path):
    path = tmp_path / "fresh" / "portal.db"
    engine = _create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    engine.dispose()
    assert _mode(path) == 0o600 and _mode(path.parent) == 0o700


def test_an_existing_database_file_is_tightened(tmp_path):
    tmp_path.chmod(0o755)  # a folder someone else made, say /tmp: left alone
    path = tmp_path / "old.db"
    path.write_bytes(b"")
    path.chmod(0o644)
    private_file(path)
    assert _mode(path) == 0o600 and _mode(tmp_path) == 0o755


def test_a_backup_is_0600_in_a_0700_folder(tmp_path):
    source = tmp_path / "source.db"
    engine = _create_engine(f"sqlite:///{source}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    engine.dispose()
    target = backup(f"sqlite:///{source}", tmp_path / "backups" / "portal.backup")
    assert _mode(target) == 0o600 and _mode(target.parent) == 0o700
