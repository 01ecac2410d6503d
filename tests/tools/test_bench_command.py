"""The benchmark command runs end to end on a small fill (it proves the command works; the
figures themselves are measured by hand, never asserted here)."""

import json

from app import cli
from app.domain.benchmarks.metrics import METRICS


def test_bench_benchmarks_fills_daily_history_and_reports_every_part(capsys):
    assert cli.main(["bench-benchmarks", "--orgs", "10000", "--days", "8"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["organizations"] == 10000 and report["days"] == 8
    assert report["customer_ranks_written"] == 10000
    assert sum(report["releases"].values()) == len(METRICS) * 13
    # Some organizations miss days and metrics, so fewer values than organizations x metrics.
    assert 0.8 * 10000 * len(METRICS) < report["values"] < 10000 * len(METRICS)
    assert report["latest_values_match_history"] is True
    for part in ("load", "audit", "compute", "ranks", "write", "total", "floor_sort", "naive_percentile",
                 "backfill_day_total"):
        assert report[f"{part}_seconds"] >= 0
    assert report["peak_memory_mb"] > 0
    assert ("postgresql_percentile_cont_seconds" in report) == (report["database"] == "postgresql")
