"""Migration 0006 on existing data: credentials signed before status lists stay, without a status."""

from __future__ import annotations

from sqlalchemy import text

from tests.migration_support import database_at

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
    with database_at("0005", tmp_path, "status_lists") as db:
        db.run(*ROWS)
        db.upgrade()
        with db.engine.connect() as conn:
            row = conn.execute(text("SELECT kid, jwt, status_list_id, status_index FROM certificate_credential")).one()
        assert tuple(row) == ("abc123", "header.payload.signature", None, None)
        db.downgrade("0005")
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT jwt FROM certificate_credential")).scalar() == "header.payload.signature"
