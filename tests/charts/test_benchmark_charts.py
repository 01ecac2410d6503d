"""Figure builders draw only released numbers, in traces the basic plotly bundle supports."""

from __future__ import annotations

import ast
import json
from datetime import date, timedelta
from pathlib import Path

import plotly.graph_objects as go

from app.charts.benchmarks import band_chart, fan_chart
from app.services.benchmarks.dto import HistoryPoint, MetricBenchmark, MetricTrend

KNOTS = {"p10": 40.0, "p25": 52.0, "median": 63.0, "p75": 71.0, "p90": 80.0, "mean": 61.0}
BASIC_TRACES = {"scatter", "bar", "pie"}
DAY = date(2026, 6, 15)


def metric(released=KNOTS, value=66.4, higher=True, unit="points", status="published") -> MetricBenchmark:
    return MetricBenchmark("health_score", "Health score", unit, higher, value, 57, "57th percentile",
                           dict(released), status, None, "20-49")


def trend(points: list[HistoryPoint], unit="points") -> MetricTrend:
    return MetricTrend("health_score", "Health score", unit, True, points, None)


def test_the_bullet_has_both_bands_the_median_and_the_customer():
    fig = band_chart(metric())
    bars = [t for t in fig.data if t.type == "bar"]
    assert [(b.base[0], b.base[0] + b.x[0]) for b in bars] == [(40.0, 80.0), (52.0, 71.0)]
    median = next(t for t in fig.data if t.name == "median")
    assert set(median.x) == {63.0}
    customer = next(t for t in fig.data if t.name == "this customer")
    assert customer.x == (66.4,) and customer.marker.symbol == "diamond"
    assert fig.layout.annotations[0].text == "higher is better →"
    assert {t.type for t in fig.data} <= BASIC_TRACES


def test_the_direction_arrow_points_left_when_lower_is_better():
    fig = band_chart(metric(higher=False, unit="hours"))
    assert fig.layout.annotations[0].text == "← lower is better" and fig.layout.annotations[0].xanchor == "left"
    assert fig.layout.xaxis.title.text == "hours"


def test_the_axis_covers_the_bands_and_the_value_but_not_below_zero():
    fig = band_chart(metric(value=95.0, unit="%"))
    low, high = fig.layout.xaxis.range
    assert low <= 40.0 and high >= 95.0 and fig.layout.xaxis.ticksuffix == "%"
    near_zero = band_chart(metric({"p25": 0.0, "median": 0.5, "p75": 1.0}, value=0.0))
    assert near_zero.layout.xaxis.range[0] == 0.0


def test_with_ten_to_nineteen_peers_only_the_inner_band_is_drawn():
    fig = band_chart(metric({"p25": 52.0, "median": 63.0, "p75": 71.0, "mean": 61.0}))
    assert [t.name for t in fig.data] == ["p25–p75", "median", "this customer"]


def test_a_suppressed_metric_has_no_chart():
    assert band_chart(metric({}, status="suppressed")) is None


def test_the_mean_is_not_drawn_and_nothing_unreleased_can_appear():
    fig = band_chart(metric({**KNOTS, "mean": 12.345}))
    assert "12.345" not in json.dumps(fig.to_plotly_json())


def test_the_fan_draws_the_bands_over_time_and_the_customer_line():
    points = [HistoryPoint(DAY - timedelta(days=i), "published", {k: v + i for k, v in KNOTS.items()}, 60.0 + i,
                           50, "50th percentile") for i in (2, 1, 0)]
    fig = fan_chart(trend(points))
    names = [t.name for t in fig.data]
    assert names == ["p10–p90", "p10–p90", "p25–p75", "p25–p75", "median", "this customer"]
    assert fig.data[1].fill == "tonexty" and fig.data[0].y == (82.0, 81.0, 80.0) and fig.data[1].y == (42.0, 41.0, 40.0)
    assert fig.data[-1].y == (62.0, 61.0, 60.0)
    assert list(fig.data[-1].x) == [(DAY - timedelta(days=i)).isoformat() for i in (2, 1, 0)]
    assert {t.type for t in fig.data} <= BASIC_TRACES


def test_days_without_released_numbers_leave_gaps_in_the_bands():
    points = [HistoryPoint(DAY - timedelta(days=1), "suppressed", {}, 61.0, None, "not shown"),
              HistoryPoint(DAY, "published", KNOTS, 62.0, 55, "55th percentile")]
    fig = fan_chart(trend(points))
    assert fig.data[0].y == (None, 80.0)


def test_no_history_no_fan():
    assert fan_chart(trend([])) is None
    suppressed = [HistoryPoint(DAY, "suppressed", {}, None, None, "not shown")]
    assert fan_chart(trend(suppressed)) is None


def test_the_figures_are_small_enough_to_send_for_five_metrics():
    points = [HistoryPoint(DAY - timedelta(days=i), "published", KNOTS, 60.0, 50, "") for i in range(90)]
    size = len(json.dumps(fan_chart(trend(points)).to_plotly_json(), default=str))
    assert size < 20_000  # no embedded default template


def test_chart_modules_import_only_plotly_and_the_dtos():
    paths = list((Path(__file__).resolve().parents[2] / "app" / "charts").glob("*.py"))
    assert len(paths) >= 2
    for path in paths:
        tree = ast.parse(path.read_text())
        modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
            a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert all(m == "__future__" or m.startswith(("plotly", "app.services.benchmarks.dto")) for m in modules), path


def test_axis_ends_have_no_more_precision_than_released_numbers():
    low, high = band_chart(metric({"p10": 41.0, "p90": 83.0}, value=60.12)).layout.xaxis.range
    assert (low, high) == (round(low, 1), round(high, 1)) and low < 41.0 and high > 83.0
