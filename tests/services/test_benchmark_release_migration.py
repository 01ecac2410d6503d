"""Migration 0005 on existing releases: every earlier publication enters the release log with
the sketch of its members, so the neighbour rule (R7) also compares with them; means go."""

from __future__ import annotations

import zlib
from datetime import date

import numpy as np
from sqlalchemy import inspect, text

from app.domain.benchmarks.sketch import Sketch, group_sketches, organization_hashes
from tests.migration_support import database_at

IDS = np.array([3, 4, 9, 12, 15, 20, 21], dtype=np.int64)
INDUSTRY = np.array([0, 0, 0, 0, 0, 1, 1], dtype=np.int8)  # Software x5, Healthcare x2 (INDUSTRIES order)
SIZE = np.array([0, 1, 1, 1, 1, 1, 1], dtype=np.int8)


def old_member_list() -> bytes:
    """How 0001-0004 stored a day's members: count, id gaps, industry codes, size codes."""
    gaps = np.diff(IDS, prepend=0).astype("<u4")
    payload = np.array([len(IDS)], dtype="<u4").tobytes() + gaps.tobytes() + INDUSTRY.tobytes() + SIZE.tobytes()
    return zlib.compress(payload)


def release_row(kind: str, value: str, status: str, median, members=None) -> dict:
    return {"metric": "health_score", "kind": kind, "value": value, "day": date(2026, 11, 1), "n": 5,
            "median": median, "mean": 55.5 if median else None, "status": status, "members": members}


def test_existing_published_releases_are_logged_with_their_members_sketch(tmp_path):
    with database_at("0004", tmp_path, "release-log") as db:
        db.run("INSERT INTO peer_benchmark (metric, cohort_kind, cohort_value, as_of, peer_count, median, mean, "
               "status, reason, computed_at, members) VALUES (:metric, :kind, :value, :day, :n, :median, :mean, "
               ":status, '', '2026-11-01 02:00:00', :members)",
               params=[release_row("all", "all", "published", 55.0, old_member_list()),
                       release_row("industry", "Software", "published", 50.0),
                       release_row("industry", "Healthcare", "suppressed", None)])
        db.upgrade()
        with db.engine.connect() as conn:
            logged = conn.execute(text(
                "SELECT cohort_kind, cohort_value, median, sketch FROM benchmark_release ORDER BY cohort_kind")).all()
            columns = {c["name"] for c in inspect(conn).get_columns("peer_benchmark")}
    assert [(k, v, m) for k, v, m, _ in logged] == [("all", "all", 55.0), ("industry", "Software", 50.0)]
    hashes = organization_hashes(IDS)
    expected = {"all": group_sketches(hashes, np.zeros(len(IDS), dtype=np.int8), 1)[0],
                "industry": group_sketches(hashes, INDUSTRY, 2)[0]}
    for kind, _, _, blob in logged:
        assert np.array_equal(Sketch.from_bytes(0, bytes(blob)).cells, expected[kind].cells)
    assert "mean" not in columns and "members" not in columns
