"""Training and health: one small dot chart per metric, a row per band of certification rate.

Released band medians (with the released p25-p75 as a bar where the band has enough peers) and
the customer's own value as a diamond in its band's row. Right is better, as on every benchmark
chart: a lower-is-better metric's axis runs from high to low. Only released numbers and the
customer's own value reach the figure.
"""

from __future__ import annotations

import plotly.graph_objects as go

from app.services.benchmarks.dto import TrainingHealthMetric

MEDIAN = "#1e1b4b"
SPREAD = "#a5b4fc"  # p25-p75
CUSTOMER = "#c2410c"
GRID = "#e2e8f0"
TEXT = "#334155"
FONT = dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=11, color=TEXT)
UNIT_WORDS = {"%": "percent"}


def axis_title(unit: str, higher_is_better: bool) -> str:
    return f"{UNIT_WORDS.get(unit, unit)}, {'higher' if higher_is_better else 'fewer'} is better →"


def _range(numbers: list[float], higher_is_better: bool) -> list[float]:
    low, high = min(numbers), max(numbers)
    pad = max((high - low) * 0.15, abs(high) * 0.05, 0.5)
    start = 0.0 if low >= 0 > low - pad else low - pad  # no negative room for measures that are never negative
    span = [round(start, 1), round(high + pad, 1)]
    return span if higher_is_better else span[::-1]


def band_medians_chart(metric: TrainingHealthMetric, customer_band: str | None) -> go.Figure | None:
    """None when no band has a released median (the card says why instead)."""
    shown = [b for b in metric.bands if b.median is not None]
    if not shown:
        return None
    rows = [b.short_label for b in metric.bands]  # lowest certification at the bottom
    traces: list = []
    spread = [b for b in shown if "p25" in b.released and "p75" in b.released]
    if spread:
        traces.append(go.Bar(x=[b.released["p75"] - b.released["p25"] for b in spread],
                             base=[b.released["p25"] for b in spread], y=[b.short_label for b in spread],
                             orientation="h", width=0.36, marker=dict(color=SPREAD, line=dict(width=0)),
                             name="middle half (p25–p75)", hoverinfo="skip"))
    numbers = [b.median for b in shown] + [v for b in spread for v in (b.released["p25"], b.released["p75"])]
    mine = next((b for b in metric.bands if b.key == customer_band), None)
    if metric.value is not None and mine is not None:
        traces.append(go.Scatter(x=[metric.value], y=[mine.short_label], mode="markers",
                                 name="this customer", hovertemplate="this customer %{x}<extra></extra>",
                                 marker=dict(symbol="diamond", size=14, color=CUSTOMER,
                                             line=dict(color="white", width=1.5))))
        numbers.append(metric.value)
    # Drawn last, so a customer sitting on its band's median does not hide it.
    traces.append(go.Scatter(x=[b.median for b in shown], y=[b.short_label for b in shown], mode="markers",
                             name="band median", hovertemplate="median %{x}<extra></extra>",
                             marker=dict(symbol="line-ns", size=16, color=MEDIAN, line=dict(color=MEDIAN, width=3))))
    layout = go.Layout(
        template="none", height=150, margin=dict(l=64, r=10, t=4, b=36), showlegend=False, barmode="overlay",
        font=FONT, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
        xaxis=dict(range=_range(numbers, metric.higher_is_better), showgrid=True, gridcolor=GRID, zeroline=False,
                   fixedrange=True, title=dict(text=axis_title(metric.unit, metric.higher_is_better),
                                               font=dict(size=10)), title_standoff=2,
                   ticksuffix="%" if metric.unit == "%" else ""),
        yaxis=dict(type="category", categoryorder="array", categoryarray=rows, range=[-0.5, len(rows) - 0.5],
                   fixedrange=True, showgrid=False),
    )
    return go.Figure(data=traces, layout=layout)
