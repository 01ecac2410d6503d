"""Figure builders draw only released numbers, right (or up) is better, the customer in its zone colour."""

from __future__ import annotations

import ast
import json
from datetime import date, timedelta
from pathlib import Path

import plotly.graph_objects as go

from app.charts.benchmarks import MEDIAN, band_chart, fan_chart
from app.domain.benchmarks.zones import ABOVE, BELOW, BOTTOM, NONE
from app.services.benchmarks.dto import HistoryPoint, MetricBenchmark, MetricTrend

KNOTS = {"p10": 40.0, "p25": 52.0, "median": 63.0, "p75": 71.0, "p90": 80.0, "mean": 61.0}
BASIC_TRACES = {"scatter", "bar", "pie"}
DAY = date(2026, 6, 15)


def metric(released=KNOTS, value=66.4, higher=True, unit="points", status="published", rank=57,
           label="57th percentile") -> MetricBenchmark:
    return MetricBenchmark("health_score", "Health score", unit, higher, value, rank, label,
                           dict(released), status, None, "20-49")


def trend(points: list[HistoryPoint], unit="points", higher=True) -> MetricTrend:
    return MetricTrend("health_score", "Health score", unit, higher, points, None)


def customer(fig) -> go.Scatter:
    return next(t for t in fig.data if t.name == "this customer")


def test_the_bullet_has_both_bands_the_median_and_the_customer():
    fig = band_chart(metric())
    bars = [t for t in fig.data if t.type == "bar"]
    assert [(b.base[0], b.base[0] + b.x[0]) for b in bars] == [(40.0, 80.0), (52.0, 71.0)]
    median = next(t for t in fig.data if t.name == "median")
    assert set(median.x) == {63.0}
    assert customer(fig).x == (66.4,) and customer(fig).marker.symbol == "diamond"
    assert {t.type for t in fig.data} <= BASIC_TRACES


def test_right_is_better_on_every_axis_and_the_title_says_so():
    higher = band_chart(metric())
    low, high = higher.layout.xaxis.range
    assert low < high and higher.layout.xaxis.title.text == "points, higher is better →"
    lower = band_chart(metric(higher=False, unit="hours"))
    left, right = lower.layout.xaxis.range
    # Reversed: the most hours on the left, the fewest (the best) on the right.
    assert left > right and left >= 80.0 and right <= 40.0
    assert lower.layout.xaxis.title.text == "hours, fewer is better →"
    assert band_chart(metric(unit="%")).layout.xaxis.title.text == "percent, higher is better →"


def test_the_customer_marker_takes_its_zone_colour():
    for rank, label, zone in ((12, "below p25", BOTTOM), (24, "24th percentile", BOTTOM), (25, "25th percentile", BELOW),
                              (49, "49th percentile", BELOW), (50, "50th percentile", ABOVE), (95, "above p90", ABOVE)):
        assert customer(band_chart(metric(rank=rank, label=label))).marker.color == zone.hex, rank
    tiers = {"below the median": BELOW, "at the median": ABOVE, "above the median": ABOVE, "no data": NONE}
    for label, zone in tiers.items():
        assert customer(band_chart(metric({"median": 63.0}, rank=None, label=label))).marker.color == zone.hex


def test_the_median_is_drawn_over_a_customer_who_sits_on_it():
    fig = band_chart(metric(value=63.0, rank=50, label="50th percentile"))
    names = [t.name for t in fig.data]
    assert names.index("median") > names.index("this customer")  # later traces are drawn on top
    median = fig.data[names.index("median")]
    assert median.line.color == MEDIAN and min(median.y) < -0.3 and max(median.y) > 0.3  # longer than the diamond
    assert customer(fig).marker.line.color == "white" and customer(fig).marker.line.width >= 2


def test_the_axis_covers_the_bands_and_the_value_but_not_below_zero():
    fig = band_chart(metric(value=95.0, unit="%"))
    low, high = fig.layout.xaxis.range
    assert low <= 40.0 and high >= 95.0 and fig.layout.xaxis.ticksuffix == "%"
    near_zero = band_chart(metric({"p25": 0.0, "median": 0.5, "p75": 1.0}, value=0.0))
    assert near_zero.layout.xaxis.range[0] == 0.0


def test_with_ten_to_nineteen_peers_only_the_inner_band_is_drawn():
    fig = band_chart(metric({"p25": 52.0, "median": 63.0, "p75": 71.0, "mean": 61.0}))
    assert [t.name for t in fig.data] == ["p25–p75", "this customer", "median"]


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
    assert fig.data[-1].line.color == ABOVE.hex  # the latest rank, 50th percentile
    assert fig.data[1].fill == "tonexty" and fig.data[0].y == (82.0, 81.0, 80.0) and fig.data[1].y == (42.0, 41.0, 40.0)
    assert fig.data[-1].y == (62.0, 61.0, 60.0)
    assert list(fig.data[-1].x) == [(DAY - timedelta(days=i)).isoformat() for i in (2, 1, 0)]
    assert {t.type for t in fig.data} <= BASIC_TRACES


def test_the_fan_is_up_is_better_and_reversed_when_lower_is_better():
    points = [HistoryPoint(DAY, "published", KNOTS, 60.0, 12, "below p25")]
    assert fan_chart(trend(points)).layout.yaxis.autorange is True
    fewer = fan_chart(trend(points, unit="hours", higher=False))
    assert fewer.layout.yaxis.autorange == "reversed"
    # The title is turned with the axis, so its arrow points up: the better direction.
    assert fewer.layout.yaxis.title.text == "hours, fewer is better →"
    assert fewer.data[-1].line.color == BOTTOM.hex


def test_the_compact_fan_is_a_small_multiple_without_legend():
    points = [HistoryPoint(DAY - timedelta(days=i), "published", KNOTS, 60.0, 50, "") for i in range(3)]
    small = fan_chart(trend(points, unit="hours", higher=False), compact=True)
    assert small.layout.height <= 120 and small.layout.showlegend is False
    assert small.layout.yaxis.autorange == "reversed"


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
        allowed = ("plotly", "app.services.benchmarks.dto", "app.domain.")  # the pure rules: zones
        assert all(m == "__future__" or m.startswith(allowed) for m in modules), path


def test_axis_ends_have_no_more_precision_than_released_numbers():
    low, high = band_chart(metric({"p10": 41.0, "p90": 83.0}, value=60.12)).layout.xaxis.range
    assert (low, high) == (round(low, 1), round(high, 1)) and low < 41.0 and high > 83.0
