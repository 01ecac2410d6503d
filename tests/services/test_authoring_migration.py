"""Migrations 0003 and 0004 on existing data: attempts keep their questions and threshold,
courses stay published and tracks keep their order."""

from __future__ import annotations

import json

from sqlalchemy import text

from tests.migration_support import database_at

ROWS = [
    "INSERT INTO organization (id, name, industry, employee_count, is_active, is_customer, created_at) "
    "VALUES (1, 'Acme', 'Retail', 10, true, true, '2026-01-01 00:00:00')",
    "INSERT INTO \"user\" (id, organization_id, email, first_name, last_name, password_hash, role, is_active, created_at) "
    "VALUES (1, 1, 'a@acme.test', 'A', 'B', 'x', 'learner', true, '2026-01-01 00:00:00')",
    "INSERT INTO track (id, slug, title, description, is_published, created_at) "
    "VALUES (1, 't', 'T', '', true, '2026-01-01 00:00:00'), (4, 'u', 'U', '', false, '2026-01-01 00:00:00')",
    "INSERT INTO course (id, track_id, slug, position, title, summary, content_md) VALUES (1, 1, 'c', 1, 'C', '', '')",
    "INSERT INTO quiz (id, course_id, title, pass_threshold, cooldown_minutes, review_policy) "
    "VALUES (1, 1, 'Q', 70, 0, 'correctness')",
    "INSERT INTO question (id, quiz_id, position, kind, prompt, points, explanation) "
    "VALUES (5, 1, 1, 'true_false', 'P', 1, ''), (6, 1, 2, 'true_false', 'R', 1, '')",
    "INSERT INTO quiz_attempt (id, user_id, quiz_id, attempt_number, started_at, shuffle_seed) "
    "VALUES (1, 1, 1, 1, '2026-01-01 00:00:00', 7)",
]


def test_upgrading_records_each_existing_attempts_questions_and_threshold(tmp_path):
    with database_at("0002", tmp_path, "versioning") as db:
        db.run(*ROWS)
        db.upgrade()
        with db.engine.connect() as conn:
            row = conn.execute(text("SELECT question_ids, pass_threshold FROM quiz_attempt")).one()
            courses = conn.execute(text("SELECT is_published FROM course")).scalars().all()
            tracks = conn.execute(text("SELECT slug, position FROM track ORDER BY position")).all()
        ids = row[0] if isinstance(row[0], list) else json.loads(row[0])
        assert ids == [5, 6] and row[1] == 70
        assert [bool(c) for c in courses] == [True]
        assert [tuple(t) for t in tracks] == [("t", 1), ("u", 4)]
        db.downgrade("0003")  # and back, with the data still there
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM course")).scalar() == 1
            assert conn.execute(text("SELECT count(*) FROM track")).scalar() == 2
