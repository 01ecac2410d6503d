"""Migration 0006 on existing data: credentials signed before status lists stay, without a status."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text

from app.migrations import alembic_config
from tests.conftest import BASE_DATABASE_URL
from tools.scratch_databases import create_database, drop_database

ROWS = [
    "INSERT INTO organization (id, name, industry, employee_count, is_active, is_customer, created_at) "
    "VALUES (1, 'Acme', 'Retail', 10, true, true, '2026-01-01 00:00:00')",
    "INSERT INTO \"user\" (id, organization_id, email, first_name, last_name, password_hash, role, is_active, created_at) "
    "VALUES (1, 1, 'a@acme.test', 'A', 'B', 'x', 'learner', true, '2026-01-01 00:00:00')",
    "INSERT INTO track (id, slug, title, description, is_published, position, created_at) "
    "VALUES (1, 't', 'T', '', true, 1, '2026-01-01 00:00:00')",
    "INSERT INTO certificate (id, number, user_id, track_id, issued_at, expires_at, verification_code, holder_name, "
    "track_title) VALUES (1, 'CERT-2026-00001', 1, 1, '2026-01-01 00:00:00', '2028-01-01 00:00:00', 'ABCD-EFGH-JKLM', "
    "'A B', 'T')",
    "INSERT INTO certificate_credential (id, certificate_id, kid, jwt, created_at) "
    "VALUES (1, 1, 'abc123', 'header.payload.signature', '2026-01-01 00:00:00')",
]


def test_existing_credentials_survive_0006_without_a_status_and_back(tmp_path):
    url = create_database(BASE_DATABASE_URL, tmp_path, "status_lists")
    engine = create_engine(url)
    try:
        config = alembic_config()
        config.attributes["configure_logger"] = False
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0005")
        with engine.begin() as conn:
            for row in ROWS:
                conn.execute(text(row))
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        with engine.connect() as conn:
            row = conn.execute(text("SELECT kid, jwt, status_list_id, status_index FROM certificate_credential")).one()
        assert tuple(row) == ("abc123", "header.payload.signature", None, None)
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0005")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT jwt FROM certificate_credential")).scalar() == "header.payload.signature"
    finally:
        engine.dispose()
        drop_database(url)
