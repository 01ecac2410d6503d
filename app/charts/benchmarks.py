"""Peer-benchmark figures: a bullet of today's released bands and a 90-day fan.

Only released numbers reach a figure (the DTOs carry nothing else). Every trace is a
scatter or a bar, so the small "basic" plotly bundle draws them.
"""

from __future__ import annotations

import plotly.graph_objects as go

from app.services.benchmarks.dto import MetricBenchmark, MetricTrend

OUTER = "#c7d2fe"  # p10-p90
INNER = "#818cf8"  # p25-p75
MEDIAN = "#1e1b4b"
CUSTOMER = "#c2410c"
GRID = "#e2e8f0"
TEXT = "#334155"
FONT = dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=12, color=TEXT)


def _axis_range(numbers: list[float]) -> list[float]:
    low, high = min(numbers), max(numbers)
    pad = max((high - low) * 0.12, abs(high) * 0.05, 0.5)
    start = low - pad
    # Never invent negative room for measures that are all zero or more. One decimal, like
    # the released numbers: no number in a figure has the precision of a raw value.
    return [round(0.0 if low >= 0 > start else start, 1), round(high + pad, 1)]


def _value_axis(unit: str) -> dict:
    if unit == "%":
        return dict(ticksuffix="%")
    return dict(title=dict(text=unit, font=dict(size=11)), title_standoff=2)


def better_direction(higher_is_better: bool) -> str:
    return "higher is better →" if higher_is_better else "← lower is better"


def band_chart(metric: MetricBenchmark) -> go.Figure | None:
    """Horizontal bullet: p10-p90 light band, p25-p75 dark band, median line, the customer's diamond.

    None when nothing was released (suppressed cohorts show their reason instead).
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
    if "median" in knots:
        traces.append(go.Scatter(x=[knots["median"]] * 2, y=[-0.38, 0.38], mode="lines", name="median",
                                 line=dict(color=MEDIAN, width=3)))
    if metric.value is not None:
        traces.append(go.Scatter(x=[metric.value], y=[0], mode="markers", name="this customer",
                                 marker=dict(symbol="diamond", size=15, color=CUSTOMER, line=dict(color="white", width=1.5))))
    numbers = [knots[k] for k in bands] + ([metric.value] if metric.value is not None else [])
    layout = go.Layout(
        template="none", height=96, margin=dict(l=12, r=12, t=22, b=34), showlegend=False, barmode="overlay",
        font=FONT, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
        xaxis=dict(range=_axis_range(numbers), showgrid=True, gridcolor=GRID, zeroline=False, fixedrange=True,
                   **_value_axis(metric.unit)),
        yaxis=dict(range=[-0.5, 0.5], visible=False, fixedrange=True),
        annotations=[dict(text=better_direction(metric.higher_is_better), xref="paper", yref="paper", y=1.0,
                          yanchor="bottom", showarrow=False, font=dict(size=11, color=TEXT),
                          x=1.0 if metric.higher_is_better else 0.0,
                          xanchor="right" if metric.higher_is_better else "left")],
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


def fan_chart(trend: MetricTrend) -> go.Figure | None:
    """The released bands over time with the customer's own line. None without any release."""
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
                                 line=dict(color=CUSTOMER, width=2.5),
                                 hovertemplate="this customer %{y:.1f}<extra></extra>"))
    if not traces:
        return None
    layout = go.Layout(
        template="none", height=230, margin=dict(l=44, r=12, t=10, b=64), font=FONT, hovermode="x unified",
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
        legend=dict(orientation="h", x=0, y=-0.22, yanchor="top", font=dict(size=11)),
        xaxis=dict(type="date", showgrid=False, fixedrange=True, tickformat="%d %b"),
        yaxis=dict(gridcolor=GRID, zeroline=False, fixedrange=True, ticksuffix="%" if trend.unit == "%" else ""),
    )
    return go.Figure(data=traces, layout=layout)
