"""Steps shared by the scripts that time a list at 100,000 rows (tools/measure_*_list.py)."""

from __future__ import annotations

import statistics
import time


def analyze(engine) -> None:
    """What the database's routine maintenance (autovacuum on PostgreSQL) does to tables in use."""
    from sqlalchemy import text

    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"))


def timed(call, runs: int) -> tuple[float, float]:
    """Median and slowest of ``runs`` calls, in milliseconds, after one call to warm caches as a page in use has them."""
    call()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)
