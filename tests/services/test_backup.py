"""A backup taken while the portal runs restores with every certificate intact."""

import pytest
from sqlalchemy import create_engine, text

from app.domain.errors import Conflict
from app.services.operations.backup import backup, restore
from app.settings import get_settings
from tests.conftest import BASE_DATABASE_URL
from tests.factories import make_org, make_user
from tests.services.test_certificates import issue, pass_all
from tests.training_fixtures import make_track
from tools.scratch_databases import create_database, drop_database


def _certificates(url: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT number, holder_name, verification_code, issued_at FROM certificate "
                                     "ORDER BY number")).all()
    finally:
        engine.dispose()


def test_backup_and_restore_keep_certificates_intact(db, tmp_path):
    make_org("Acme Health")
    track_id, keys = make_track()
    for email in ("lena@acme.test", "omar@acme.test"):
        user = make_user(email)
        pass_all(user.id, keys)
        issue(user, track_id)
    source_url = get_settings().database_url
    before = _certificates(source_url)
    assert len(before) == 2
    archive = backup(source_url, tmp_path / "portal.backup")
    target = create_database(BASE_DATABASE_URL, tmp_path / "restored", "restored")
    try:
        restore(target, archive)
        assert _certificates(target) == before
        with pytest.raises(Conflict, match="already"):
            restore(target, archive)
    finally:
        drop_database(target)
