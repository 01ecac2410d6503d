"""The one place that writes metric snapshots, and with them each organization's latest values.

``metric_snapshot`` keeps the history; ``metric_latest`` keeps, per organization and metric,
the snapshot with the latest day, so the nightly computation reads one row per organization.
Every ingestion path (REST, CSV import, the nightly certification rate, demo data, the
benchmark fill) goes through this module; a test checks that nothing else writes snapshots.
A newer day replaces the latest value, an older one never does, the same day updates it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from app.domain.benchmarks.ingest import SnapshotRow
from app.domain.benchmarks.metrics import METRICS
from app.models import MetricSnapshot
from app.services import copy_binary

UPSERT_CHUNK = 5_000
COPY_CHUNK = 1_000_000
_ORDINAL_1970 = date(1970, 1, 1).toordinal()
LATEST_COLUMNS = [name for m in METRICS for name in (m.key, f"{m.key}_as_of")]


@dataclass(frozen=True)
class LatestBatch:
    """One metric's newest value per organization in a batch (organization ids unique)."""

    organization_ids: np.ndarray
    days: np.ndarray  # days since 1970-01-01
    values: np.ndarray


def day_number(day: date) -> int:
    return day.toordinal() - _ORDINAL_1970


def upsert_snapshots(session: Session, rows: list[SnapshotRow], on_progress=None) -> None:
    """Insert or replace on (organization, metric, as_of), in chunks inside the caller's transaction."""
    insert = postgresql.insert if _dialect(session) == "postgresql" else sqlite.insert
    table = MetricSnapshot.__table__
    for start in range(0, len(rows), UPSERT_CHUNK):
        chunk = rows[start:start + UPSERT_CHUNK]
        statement = insert(table).values(
            [{"organization_id": r.organization_id, "metric": r.metric, "as_of": r.as_of, "value": r.value} for r in chunk]
        )
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.organization_id, table.c.metric, table.c.as_of],
            set_={"value": statement.excluded.value},
        )
        session.execute(statement)
        if on_progress:
            on_progress(len(chunk))
    merge_latest(session, latest_of_rows(rows))


def insert_history(session: Session, history: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]) -> int:
    """Add new snapshots in bulk, per metric (organization ids, days since 1970, values): COPY on
    PostgreSQL. The (organization, metric, day) rows must not exist yet. Returns the rows added."""
    added = 0
    newest = {}
    for metric, (organization_ids, days, values) in history.items():
        organization_ids = np.asarray(organization_ids, dtype=np.int64)
        days = np.asarray(days, dtype=np.int64)
        values = np.asarray(values, dtype=np.float64)
        for start in range(0, len(days), COPY_CHUNK):
            part = slice(start, start + COPY_CHUNK)
            _insert_rows(session, metric, organization_ids[part], days[part], values[part])
        newest[metric] = newest_per_organization(organization_ids, days, values)
        added += len(days)
    merge_latest(session, newest)
    return added


def _insert_rows(session: Session, metric: str, organization_ids, days, values) -> None:
    connection = session.connection()
    if _dialect(session) == "postgresql":
        columns = [
            copy_binary.column(organization_ids, ">i4"),
            copy_binary.text_column(np.zeros(len(days), dtype=np.int64), [metric]),
            copy_binary.column(copy_binary.date_days(days), ">i4"),
            copy_binary.column(values, ">f8"),
        ]
        with connection.connection.cursor() as cursor:
            copy_binary.write_copy(cursor, "metric_snapshot (organization_id, metric, as_of, value)", columns)
        return
    iso = np.datetime_as_string(days.astype("datetime64[D]"))
    cursor = connection.connection.cursor()
    try:
        cursor.executemany("INSERT INTO metric_snapshot (organization_id, metric, as_of, value) VALUES (?, ?, ?, ?)",
                           zip(organization_ids.tolist(), [metric] * len(days), iso.tolist(), values.tolist()))
    finally:
        cursor.close()


def newest_per_organization(organization_ids: np.ndarray, days: np.ndarray, values: np.ndarray) -> LatestBatch:
    """Each organization's row with the latest day."""
    order = np.lexsort((days, organization_ids))
    ids = organization_ids[order]
    last = np.append(ids[1:] != ids[:-1], True) if len(ids) else np.zeros(0, dtype=bool)
    return LatestBatch(ids[last], days[order][last], values[order][last])


def latest_of_rows(rows: list[SnapshotRow]) -> dict[str, LatestBatch]:
    by_metric: dict[str, list[SnapshotRow]] = {}
    for row in rows:
        by_metric.setdefault(row.metric, []).append(row)
    return {
        metric: newest_per_organization(
            np.array([r.organization_id for r in chosen], dtype=np.int64),
            np.array([day_number(r.as_of) for r in chosen], dtype=np.int64),
            np.array([r.value for r in chosen], dtype=np.float64))
        for metric, chosen in by_metric.items()
    }


def merge_latest(session: Session, batches: dict[str, LatestBatch]) -> None:
    """Fold a batch's newest values into ``metric_latest`` (newer or same day wins)."""
    batches = {k: b for k, b in batches.items() if len(b.organization_ids)}
    if not batches:
        return
    ids = np.unique(np.concatenate([b.organization_ids for b in batches.values()]))
    wide = {}
    for metric in METRICS:
        batch = batches.get(metric.key)
        present = np.zeros(len(ids), dtype=bool)
        days = np.zeros(len(ids), dtype=np.int64)
        values = np.zeros(len(ids))
        if batch is not None:
            where = np.searchsorted(ids, batch.organization_ids)
            present[where], days[where], values[where] = True, batch.days, batch.values
        wide[metric.key] = (present, days, values)
    if _dialect(session) == "postgresql":
        _merge_postgresql(session, ids, wide)
    else:
        _merge_sqlite(session, ids, wide)


def _newer(metric: str, incoming: str) -> str:
    return (f"{incoming}.{metric}_as_of IS NOT NULL AND (metric_latest.{metric}_as_of IS NULL "
            f"OR {incoming}.{metric}_as_of >= metric_latest.{metric}_as_of)")


def _update_clause(incoming: str) -> str:
    return ", ".join(
        f"{name} = CASE WHEN {_newer(m.key, incoming)} THEN {incoming}.{name} ELSE metric_latest.{name} END"
        for m in METRICS for name in (m.key, f"{m.key}_as_of"))


def _merge_postgresql(session: Session, ids: np.ndarray, wide: dict) -> None:
    columns = [copy_binary.column(ids, ">i4")]
    for metric in METRICS:
        present, days, values = wide[metric.key]
        columns += [copy_binary.column(values, ">f8", ~present),
                    copy_binary.column(copy_binary.date_days(days), ">i4", ~present)]
    names = ", ".join(["organization_id", *LATEST_COLUMNS])
    session.execute(text("CREATE TEMP TABLE IF NOT EXISTS metric_latest_incoming "
                         "(LIKE metric_latest) ON COMMIT DELETE ROWS"))
    session.execute(text("TRUNCATE metric_latest_incoming"))
    with session.connection().connection.cursor() as cursor:
        copy_binary.write_copy(cursor, f"metric_latest_incoming ({names})", columns)
    session.execute(text(
        f"INSERT INTO metric_latest ({names}) SELECT {names} FROM metric_latest_incoming "
        f"ON CONFLICT (organization_id) DO UPDATE SET {_update_clause('excluded')}"))


def _merge_sqlite(session: Session, ids: np.ndarray, wide: dict) -> None:
    names = ["organization_id", *LATEST_COLUMNS]
    columns = [ids.tolist()]
    for metric in METRICS:
        present, days, values = wide[metric.key]
        iso = np.datetime_as_string(days.astype("datetime64[D]")).astype(object)
        columns += [np.where(present, values.astype(object), None).tolist(), np.where(present, iso, None).tolist()]
    cursor = session.connection().connection.cursor()
    try:
        cursor.executemany(
            f"INSERT INTO metric_latest ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)}) "
            f"ON CONFLICT (organization_id) DO UPDATE SET {_update_clause('excluded')}",
            zip(*columns))
    finally:
        cursor.close()


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name
