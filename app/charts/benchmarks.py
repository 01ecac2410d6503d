"""Peer-benchmark figures: a bullet of today's released bands and a 90-day fan.

Only released numbers reach a figure (the DTOs carry nothing else). Every trace is a
scatter or a bar, so the small "basic" plotly bundle draws them.
"""

from __future__ import annotations

import plotly.graph_objects as go

from app.domain.benchmarks.zones import zone_for
from app.services.benchmarks.dto import MetricBenchmark, MetricTrend

OUTER = "#c7d2fe"  # p10-p90
INNER = "#818cf8"  # p25-p75
MEDIAN = "#1e1b4b"
GRID = "#e2e8f0"
TEXT = "#334155"
FONT = dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=12, color=TEXT)
UNIT_WORDS = {"%": "percent"}


def _axis_range(numbers: list[float]) -> list[float]:
    low, high = min(numbers), max(numbers)
    pad = max((high - low) * 0.12, abs(high) * 0.05, 0.5)
    start = low - pad
    # Never invent negative room for measures that are all zero or more. One decimal, like
    # the released numbers: no number in a figure has the precision of a raw value.
    return [round(0.0 if low >= 0 > start else start, 1), round(high + pad, 1)]


def better_direction(unit: str, higher_is_better: bool) -> str:
    """The axis title: the unit and which way is better; the axis always runs towards better."""
    return f"{UNIT_WORDS.get(unit, unit)}, {'higher' if higher_is_better else 'fewer'} is better →"


def _value_axis(unit: str, higher_is_better: bool, size: int = 11) -> dict:
    axis = dict(title=dict(text=better_direction(unit, higher_is_better), font=dict(size=size)), title_standoff=2)
    return axis | (dict(ticksuffix="%") if unit == "%" else {})


def band_chart(metric: MetricBenchmark, height: int = 100) -> go.Figure | None:
    """Horizontal bullet: p10-p90 light band, p25-p75 dark band, the customer's diamond, the median line.

    Right is always better: a lower-is-better metric's axis runs from high to low. The
    diamond takes its zone's colour; the median is drawn over it, so a customer sitting on
    the median does not hide it. None when nothing was released (the page says why instead).
    """
    knots = metric.released
    bands = [k for k in ("p10", "p25", "median", "p75", "p90") if k in knots]
    if not bands:
        return None
    traces: list = []
    for low, high, color, name in (("p10", "p90", OUTER, "p10–p90"), ("p25", "p75", INNER, "p25–p75")):
        if low in knots and high in knots:
            traces.append(go.Bar(x=[knots[high] - knots[low]], base=[knots[low]], y=[0], orientation="h", width=0.56,
                                 marker=dict(color=color, line=dict(width=0)), name=name))
    if metric.value is not None:
        zone = zone_for(metric.rank, metric.rank_label)
        traces.append(go.Scatter(x=[metric.value], y=[0], mode="markers", name="this customer",
                                 marker=dict(symbol="diamond", size=16, color=zone.hex,
                                             line=dict(color="white", width=2))))
    if "median" in knots:
        traces.append(go.Scatter(x=[knots["median"]] * 2, y=[-0.4, 0.4], mode="lines", name="median",
                                 line=dict(color=MEDIAN, width=2.5)))
    numbers = [knots[k] for k in bands] + ([metric.value] if metric.value is not None else [])
    value_range = _axis_range(numbers)
    layout = go.Layout(
        template="none", height=height, margin=dict(l=12, r=12, t=6, b=40), showlegend=False, barmode="overlay",
        font=FONT, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
        xaxis=dict(range=value_range if metric.higher_is_better else value_range[::-1], showgrid=True,
                   gridcolor=GRID, zeroline=False, fixedrange=True, **_value_axis(metric.unit, metric.higher_is_better)),
        yaxis=dict(range=[-0.5, 0.5], visible=False, fixedrange=True),
    )
    return go.Figure(data=traces, layout=layout)


def _series(trend: MetricTrend, knot: str) -> list[float | None]:
    return [p.released.get(knot) for p in trend.points]


def _band(days: list[str], upper: list, lower: list, color: str, name: str) -> list[go.Scatter]:
    """Two lines with the area between them filled: the upper first, the lower fills up to it."""
    edge = dict(width=0, color=color)
    return [
        go.Scatter(x=days, y=upper, mode="lines", line=edge, name=name, legendgroup=name, showlegend=False,
                   hoverinfo="skip"),
        go.Scatter(x=days, y=lower, mode="lines", line=edge, fill="tonexty", fillcolor=color, name=name,
                   legendgroup=name, hoverinfo="skip"),
    ]


def _latest_zone_hex(trend: MetricTrend) -> str:
    latest = next((p for p in reversed(trend.points) if p.value is not None), None)
    return zone_for(latest.rank, latest.rank_label).hex if latest else zone_for(None).hex


def fan_chart(trend: MetricTrend, compact: bool = False) -> go.Figure | None:
    """The released bands over time with the customer's own line. None without any release.

    Up is always better: a lower-is-better metric's value axis is reversed. The customer's
    line takes the zone colour of its latest rank, like the marker of today's chart.
    ``compact`` is the printed summary's small multiple: no legend, a smaller frame.
    """
    if not trend.points:
        return None
    days = [p.as_of.isoformat() for p in trend.points]
    traces: list = []
    for low, high, color, name in (("p10", "p90", OUTER, "p10–p90"), ("p25", "p75", INNER, "p25–p75")):
        upper, lower = _series(trend, high), _series(trend, low)
        if any(v is not None for v in upper) and any(v is not None for v in lower):
            traces += _band(days, upper, lower, color, name)
    median = _series(trend, "median")
    if any(v is not None for v in median):
        traces.append(go.Scatter(x=days, y=median, mode="lines", name="median", line=dict(color=MEDIAN, width=1.5),
                                 hovertemplate="median %{y}<extra></extra>"))
    values = [p.value for p in trend.points]
    if any(v is not None for v in values):
        traces.append(go.Scatter(x=days, y=values, mode="lines", name="this customer",
                                 line=dict(color=_latest_zone_hex(trend), width=2 if compact else 2.5),
                                 hovertemplate="this customer %{y:.1f}<extra></extra>"))
    if not traces:
        return None
    value_axis = dict(gridcolor=GRID, zeroline=False, fixedrange=True, ticksuffix="%" if trend.unit == "%" else "",
                      autorange=True if trend.higher_is_better else "reversed")
    if compact:
        layout = go.Layout(
            template="none", height=100, margin=dict(l=34, r=6, t=4, b=20), font=FONT | dict(size=9),
            showlegend=False, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
            xaxis=dict(type="date", showgrid=False, fixedrange=True, tickformat="%d %b", nticks=3),
            yaxis=value_axis | dict(nticks=4),
        )
    else:
        layout = go.Layout(
            template="none", height=240, margin=dict(l=58, r=12, t=10, b=64), font=FONT, hovermode="x unified",
            paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
            legend=dict(orientation="h", x=0, y=-0.22, yanchor="top", font=dict(size=11)),
            xaxis=dict(type="date", showgrid=False, fixedrange=True, tickformat="%d %b"),
            # Rotated with the axis, the title's arrow points up: the better direction.
            yaxis=value_axis | _value_axis(trend.unit, trend.higher_is_better, size=10),
        )
    return go.Figure(data=traces, layout=layout)
