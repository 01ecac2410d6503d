"""Benchmark of the nightly peer-benchmark computation on synthetic data.

`python -m app.cli bench-benchmarks --orgs 100000` fills a temporary database (SQLite, or a
new PostgreSQL database when DATABASE_URL points at PostgreSQL), then measures in this
process: load (database -> arrays), compute, write, total and peak memory, plus two
references over the same arrays: the floor (one np.sort per metric) and a naive baseline
(one np.percentile call per cohort and metric after filtering).
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np
from tqdm import tqdm

from app.demo.organizations import INDUSTRY_SHARE
from app.domain.benchmarks.cohorts import INDUSTRY_COHORTS, SIZE_COHORTS
from app.domain.benchmarks.metrics import METRICS
from app.domain.organizations import INDUSTRIES

AS_OF = date(2026, 6, 30)
MISSING_SHARE = 0.03  # some organizations lack a value for a metric


def _database_url(base: str | None, tmp: Path) -> str:
    if base and base.startswith("postgresql"):
        from tools.scratch_databases import create_database

        return create_database(base, tmp, "bench")
    return f"sqlite:///{tmp / 'bench.db'}"


def _drop(url: str) -> None:
    if url.startswith("postgresql"):
        from tools.scratch_databases import drop_database

        drop_database(url)


def run_benchmark(organizations: int, keep: bool = False) -> str:
    tmp = Path(tempfile.mkdtemp(prefix="successportal-bench-"))
    url = _database_url(os.environ.get("DATABASE_URL"), tmp)
    env = os.environ | {"DATABASE_URL": url}
    # The fill runs in another process so its memory does not count as the computation's.
    subprocess.run([sys.executable, "-m", "tools.bench_benchmarks", "fill", str(organizations)], env=env, check=True)
    try:
        result = subprocess.run([sys.executable, "-m", "tools.bench_benchmarks", "measure"], env=env, check=True,
                                capture_output=True, text=True)
        return result.stdout.strip()
    finally:
        if not keep:
            _drop(url)


def fill(organizations: int) -> None:
    from app.migrations import upgrade_head

    upgrade_head()
    rng = np.random.default_rng(42)
    industries = rng.choice(len(INDUSTRIES), size=organizations, p=np.array(INDUSTRY_SHARE) / sum(INDUSTRY_SHARE))
    sizes = np.clip(np.round(np.exp(rng.normal(np.log(180), 1.35, organizations))), 1, 500_000).astype(np.int64)
    created = datetime(2024, 1, 1, tzinfo=timezone.utc).isoformat(sep=" ")
    org_rows = ((i + 1, f"Synthetic Org {i + 1:07d}", INDUSTRIES[industries[i]], int(sizes[i]), created)
                for i in range(organizations))
    writer = _writer()
    writer("organization", ("id", "name", "industry", "employee_count", "created_at"), org_rows, organizations,
           extra={"is_active": True, "is_customer": True})
    for metric in METRICS:
        present = rng.random(organizations) >= MISSING_SHARE
        upper = metric.upper_bound if metric.upper_bound is not None else 1e6
        values = np.clip(rng.gamma(4.0, 12.0, organizations), metric.lower_bound, upper)
        ids = np.nonzero(present)[0] + 1
        rows = ((int(i), metric.key, AS_OF.isoformat(), float(v)) for i, v in zip(ids, values[present]))
        writer("metric_snapshot", ("organization_id", "metric", "as_of", "value"), rows, len(ids))


def _writer():
    from app.db import get_engine

    engine = get_engine()
    if engine.dialect.name == "postgresql":
        return _copy_writer(engine)
    return _sqlite_writer(engine)


def _copy_writer(engine):
    def write(table, columns, rows, total, extra=None):
        extra = extra or {}
        names = list(columns) + list(extra)
        with engine.raw_connection() as raw, raw.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
                for row in tqdm(rows, total=total, desc=f"Filling {table}", unit=" rows", mininterval=1):
                    copy.write_row((*row, *extra.values()))
            raw.commit()
    return write


def _sqlite_writer(engine):
    def write(table, columns, rows, total, extra=None):
        extra = extra or {}
        names = list(columns) + list(extra)
        sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("BEGIN")
            batch = []
            for row in tqdm(rows, total=total, desc=f"Filling {table}", unit=" rows", mininterval=1):
                batch.append((*row, *extra.values()))
                if len(batch) == 50_000:
                    cursor.executemany(sql, batch)
                    batch = []
            cursor.executemany(sql, batch)
            cursor.execute("COMMIT")
        finally:
            raw.close()
    return write


def measure() -> dict:
    from app.db import get_engine, session_scope
    from app.services.benchmarks.compute import _load_peers, load_metric_values, recompute_benchmarks

    now = datetime.now(timezone.utc)
    start = time.perf_counter()
    with session_scope() as session:
        report = recompute_benchmarks(session=session, as_of=AS_OF, now=now)
    total = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with session_scope() as session:
        peers = _load_peers(session)
        arrays = [load_metric_values(session, peers, m.key, AS_OF) for m in METRICS]
        rows = sum(len(v) for _, v in arrays)
    floor = _timed(lambda: [np.sort(values) for _, values in arrays])
    naive = _timed(lambda: [_naive(peers, idx, values) for idx, values in arrays])
    return {
        "database": get_engine().dialect.name,
        "organizations": report.organizations,
        "rows": rows,
        "load_seconds": round(report.seconds["load"], 3),
        "compute_seconds": round(report.seconds["compute"], 3),
        "audit_seconds": round(report.seconds["audit"], 3),
        "write_seconds": round(report.seconds["write"], 3),
        "total_seconds": round(total, 3),
        "peak_memory_mb": round(peak_mb, 1),
        "floor_sort_seconds": round(floor, 3),
        "naive_percentile_seconds": round(naive, 3),
        "compute_vs_floor": round(report.seconds["compute"] / floor, 2) if floor else None,
        "releases": {"published": report.published, "held": report.held, "suppressed": report.suppressed},
    }


def _naive(peers, member_idx, values) -> None:
    """One filter and np.percentile call per cohort: the straightforward way."""
    knots = [10, 25, 50, 75, 90]
    np.percentile(values, knots)
    industry, size = peers.industry[member_idx], peers.size[member_idx]
    for k in range(len(INDUSTRY_COHORTS)):
        selected = values[industry == k]
        if selected.size:
            np.percentile(selected, knots)
    for k in range(len(SIZE_COHORTS)):
        selected = values[size == k]
        if selected.size:
            np.percentile(selected, knots)


def _timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


if __name__ == "__main__":
    if sys.argv[1] == "fill":
        fill(int(sys.argv[2]))
    elif sys.argv[1] == "measure":
        print(json.dumps(measure(), indent=2))
