"""The CSV export carries exactly the released numbers; the methodology follows the settings."""

from __future__ import annotations

import csv
import io
import pytest

from app.db import session_scope
from app.models import PeerBenchmark
from app.services.benchmarks import exports as benchmark_exports
from app.services.benchmarks import views as benchmark_views
from app.settings import get_settings
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.services.test_benchmarks import add_orgs, add_values, recompute

DAY = NOW.date()


@pytest.fixture
def setup(db):
    make_org("Vendor", "Software", 300)
    csm = make_user("cara@vendor.test", "csm", org="Vendor")
    ids = add_orgs(40)
    add_values(ids, DAY)
    recompute(DAY)
    return csm, ids


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_has_one_row_per_metric_with_the_released_numbers_of_the_view(setup):
    csm, ids = setup
    with session_scope() as s:
        export = benchmark_exports.organization_csv(session=s, viewer=csm, organization_id=ids[0], cohort_kind="all")
        view = benchmark_views.organization_benchmarks(session=s, viewer=csm, organization_id=ids[0], cohort_kind="all")
    rows = parse(export.text)
    assert export.filename == f"benchmarks-org-000-all-{DAY}.csv"
    assert [r["metric"] for r in rows] == [m.key for m in view.metrics]
    for row, metric in zip(rows, view.metrics):
        for knot in ("p10", "p25", "median", "p75", "p90"):
            assert row[knot] == ("" if knot not in metric.released else repr(metric.released[knot]))
        assert row["value"] == ("" if metric.value is None else repr(metric.value))
        assert row["rank_label"] == metric.rank_label and row["status"] == metric.status
    health = rows[0]
    assert (health["cohort"], health["peer_count_band"], health["better"]) == ("All customers", "20-49", "higher")
    assert rows[1]["status"] == "suppressed" and rows[1]["reason"] == "fewer than 5 peers in this cohort"


def test_the_csv_never_carries_min_max_or_exact_peer_counts(setup):
    csm, ids = setup
    with session_scope() as s:
        export = benchmark_exports.organization_csv(session=s, viewer=csm, organization_id=ids[0], cohort_kind="all")
        stored = s.get(PeerBenchmark, 1)
        secrets = {repr(stored.min), repr(stored.max)}
    header = export.text.splitlines()[0].split(",")
    assert "min" not in header and "max" not in header and "peer_count" not in header
    cells = {cell for row in csv.reader(io.StringIO(export.text)) for cell in row}
    assert not secrets & cells and "40" not in cells  # 40 peers: only the band 20-49


def test_text_cells_that_a_spreadsheet_would_run_are_defused():
    rows = [{c: None for c in benchmark_exports.CSV_COLUMNS} | {"organization": "=HYPERLINK(\"x\")", "value": 1.5}]
    row = parse(benchmark_exports.to_csv(rows))[0]
    assert row["organization"] == "'=HYPERLINK(\"x\")" and row["value"] == "1.5" and row["rank"] == ""


def test_the_methodology_names_cohorts_thresholds_quantiles_and_schedule(monkeypatch):
    monkeypatch.setenv("MIN_PEER_COUNT", "7")
    monkeypatch.setenv("NIGHTLY_AT", "03:30")
    get_settings.cache_clear()
    note = " ".join(benchmark_exports.methodology())
    assert "fewer than 7 peers" in note and "p25 and p75 need 10" in note and "p10 and p90 need 20" in note
    assert "type 7" in note and "03:30 UTC" in note and "1,001+ employees" in note
    assert "never shown" in note
    get_settings.cache_clear()
