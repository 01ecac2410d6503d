"""What the nightly computation reads: the active customers and, per metric, each one's latest
value within the window, decided by the database and moved in bulk into numpy arrays.

For a day D a value counts if it is the organization's latest with as_of in (D - window, D].
``metric_latest`` holds each organization's latest value overall, which is that value whenever
no snapshot of the metric is dated after D: the normal nightly case. For an earlier day (a
backfill, ``recompute-benchmarks --as-of``) the metric is read from the history instead, with
the latest row per organization picked by the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from datetime import date

import numpy as np
from sqlmodel import Session

from app.domain.benchmarks.cohorts import SIZE_COHORTS
from app.domain.benchmarks.metrics import METRICS
from app.domain.organizations import INDUSTRIES, SIZE_RANGES
from app.services.benchmarks.policy import value_window
from app.services.copy_binary import read_arrays

NONE, IN_WINDOW, AFTER_DAY = 0, 1, 2  # where an organization's latest value lies relative to the window


@dataclass(frozen=True)
class Peers:
    """Active customer organizations, ordered by cell (industry x size range), then by id, so
    that every metric's members come grouped by cell (what the statistics need)."""

    ids: np.ndarray
    industry: np.ndarray  # int8 index into INDUSTRIES
    size: np.ndarray  # int8 index into SIZE_RANGES

    @classmethod
    def from_cells(cls, ids: np.ndarray, cells: np.ndarray) -> "Peers":
        """Peers from ids in ascending order and their cells, put in cell order."""
        order = np.argsort(cells.astype(np.int8), kind="stable")  # a radix sort; ids stay ascending
        sizes = len(SIZE_COHORTS)
        return cls(ids[order], (cells[order] // sizes).astype(np.int8), (cells[order] % sizes).astype(np.int8))

    @cached_property
    def cell(self) -> np.ndarray:
        """industry x size range, one code per organization (industry * sizes + size)."""
        return self.industry.astype(np.int64) * len(SIZE_COHORTS) + self.size

    @cached_property
    def cell_bounds(self) -> np.ndarray:
        """Cell c's peers are ``[cell_bounds[c], cell_bounds[c + 1])``."""
        return np.searchsorted(self.cell, np.arange(len(INDUSTRIES) * len(SIZE_COHORTS) + 1))

    @cached_property
    def by_id(self) -> np.ndarray:
        """Peer indexes in ascending id order."""
        return np.argsort(self.ids, kind="stable")

    def index_of(self, ids: np.ndarray) -> np.ndarray:
        """The peer index of each id (-1 for an id that is not a peer)."""
        ordered = self.ids[self.by_id]
        position = np.minimum(np.searchsorted(ordered, ids), max(len(ordered) - 1, 0))
        found = (ordered[position] == ids) if len(ordered) else np.zeros(len(ids), dtype=bool)
        return np.where(found, self.by_id[position] if len(ordered) else -1, -1)


@dataclass(frozen=True)
class MetricValues:
    """One metric's members: index into the peers' arrays (ascending, so grouped by cell) and their values."""

    member_idx: np.ndarray
    values: np.ndarray
    from_history: bool = False  # read from the snapshots, not metric_latest


@dataclass(frozen=True)
class Inputs:
    peers: Peers
    metrics: dict[str, MetricValues]


def load_inputs(session: Session, as_of: date) -> Inputs:
    """The peers and every metric's values for ``as_of``."""
    start = value_window().start(as_of)
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        rows = _latest_postgresql(connection, as_of, start)
    else:
        rows = _latest_sqlite(connection, as_of, start)
    cells = rows["cell"].astype(np.int64)
    if np.any(cells < 0):
        raise ValueError("An active customer has an industry outside the known list; fix it in the admin console.")
    peers = Peers.from_cells(rows["id"].astype(np.int64), cells)
    peers.cell_bounds  # computed once here, as part of reading the peers
    order = np.argsort(cells.astype(np.int8), kind="stable")  # the same order as the peers'
    states = rows["states"][order].astype(np.int64)
    metrics = {}
    for j, metric in enumerate(METRICS):
        state = states // 3 ** j % 3
        if np.any(state == AFTER_DAY):
            metrics[metric.key] = window_values(session, peers, metric.key, as_of)
        else:
            member_idx = np.flatnonzero(state == IN_WINDOW)
            metrics[metric.key] = MetricValues(member_idx, rows[metric.key][order[member_idx]].astype(np.float64))
    return Inputs(peers, metrics)


def _latest_select(marker, cast) -> tuple[str, dict]:
    """The active customers joined with their latest values, one row each: id, industry-and-size cell
    (industry * sizes + size; negative for an unknown industry), the five metrics' states packed in
    base 3 (fewer columns to move), and the five values (0 where none)."""
    params = {f"industry_{i}": name for i, name in enumerate(INDUSTRIES)}
    industry = " ".join(f"WHEN {marker(f'industry_{i}')} THEN {i}" for i in range(len(INDUSTRIES)))
    size = " ".join(f"WHEN o.employee_count <= {int(r.maximum)} THEN {i}" for i, r in enumerate(SIZE_RANGES[:-1]))
    states = " + ".join(
        f"{3 ** j} * (CASE WHEN l.{m.key}_as_of > {marker('day')} THEN {AFTER_DAY} "
        f"WHEN l.{m.key}_as_of > {marker('start')} THEN {IN_WINDOW} ELSE {NONE} END)" for j, m in enumerate(METRICS))
    columns = [cast("o.id", "int4"),
               cast(f"(CASE o.industry {industry} ELSE -1 END) * {len(SIZE_RANGES)} "
                    f"+ (CASE {size} ELSE {len(SIZE_RANGES) - 1} END)", "int2"),
               cast(f"COALESCE({states}, 0)", "int2")]
    columns += [cast(f"COALESCE(l.{m.key}, 0)", "float8") for m in METRICS]
    listed = ", ".join(f"{expr} AS {name}" for expr, (name, _) in zip(columns, _FIELDS))
    sql = (f"SELECT {listed} FROM organization o LEFT JOIN metric_latest l ON l.organization_id = o.id "
           f"WHERE o.is_active AND o.is_customer")
    return sql, params


_FIELDS = [("id", "i4"), ("cell", "i2"), ("states", "i2")] + [(m.key, "f8") for m in METRICS]


def _latest_postgresql(connection, as_of: date, start: date) -> dict[str, np.ndarray]:
    sql, params = _latest_select(lambda name: f"%({name})s", lambda expr, kind: f"({expr})::{kind}")
    with connection.connection.cursor() as cursor:
        columns = read_arrays(cursor, sql, params | {"day": as_of, "start": start},
                              [(name, f">{kind}") for name, kind in _FIELDS])
    ids = columns["id"]
    if np.any(ids[1:] < ids[:-1]):  # a hash join's order: sorted here, cheaper than in the database
        order = np.argsort(ids)
        columns = {name: values[order] for name, values in columns.items()}
    return columns


def _latest_sqlite(connection, as_of: date, start: date) -> np.ndarray:
    """The same rows as a structured array (SQLite hands rows to numpy directly)."""
    sql, params = _latest_select(lambda name: f":{name}", lambda expr, kind: expr)
    dtype = np.dtype(_FIELDS)
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql + " ORDER BY o.id", params | {"day": as_of.isoformat(), "start": start.isoformat()})
        return np.fromiter(cursor, dtype=dtype)
    finally:
        cursor.close()


def window_values(session: Session, peers: Peers, metric: str, as_of: date) -> MetricValues:
    """Each peer's latest value within the window ending at ``as_of``, read from the history."""
    start = value_window().start(as_of)
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        sql = ("SELECT DISTINCT ON (organization_id) organization_id::int4 AS id, value::float8 AS value "
               "FROM metric_snapshot WHERE metric = %(metric)s AND as_of > %(start)s AND as_of <= %(day)s "
               "ORDER BY organization_id, as_of DESC")
        with connection.connection.cursor() as cursor:
            rows = read_arrays(cursor, sql, {"metric": metric, "start": start, "day": as_of},
                               [("id", ">i4"), ("value", ">f8")])
        order = np.argsort(rows["id"], kind="stable")
        ids, values = rows["id"][order].astype(np.int64), rows["value"][order]
    else:
        # SQLite returns the other columns of the row holding MAX(as_of) in each group.
        cursor = connection.connection.cursor()
        try:
            cursor.execute("SELECT organization_id, value, MAX(as_of) FROM metric_snapshot "
                           "WHERE metric = ? AND as_of > ? AND as_of <= ? GROUP BY organization_id "
                           "ORDER BY organization_id", (metric, start.isoformat(), as_of.isoformat()))
            rows = np.fromiter(((r[0], r[1]) for r in cursor), dtype=[("id", "i8"), ("value", "f8")])
        finally:
            cursor.close()
        ids, values = rows["id"], rows["value"]
    position = peers.index_of(ids)
    known = position >= 0
    order = np.argsort(position[known], kind="stable")
    return MetricValues(position[known][order], values[known][order], from_history=True)
