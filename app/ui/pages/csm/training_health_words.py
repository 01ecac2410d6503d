"""The training-and-health comparison in the words and values the card shows (no reflex, tested plainly).

What it returns is what the state holds, so what the browser receives: released band medians,
peer counts as bands, the customer's own values, and figures drawn from those. Nothing else.
"""

from __future__ import annotations

from app.charts.training_health import band_medians_chart
from app.domain.benchmarks.certification_bands import BANDS_BY_KEY
from app.services.benchmarks.dto import BandRelease, TrainingHealth, TrainingHealthMetric
from app.ui.components.dates import day
from app.ui.pages.csm.benchmark_words import figure_dict, value_text

ASSOCIATION = ("Shows association, not cause: customers who certify more learners may also differ in size, "
               "industry, budget or how long they have used the product, and healthier customers may simply "
               "train more. Use it to open a conversation, not as proof that training improves health.")
ASSOCIATION_SHORT = "Shows association, not cause: customers who train more also differ in other ways."
WHAT_IT_IS = ("Across all customers, the median of each metric among customers whose share of active learners "
              "holding a valid certificate falls in each band; released under the same privacy rules as every "
              "benchmark.")
SHORT_METRIC = {"health_score": "Health", "tickets_per_100_users": "Tickets", "resolution_hours": "Resolution"}


def customer_sentence(view: TrainingHealth) -> str:
    if view.band is None:
        return f"This customer is in no band: {view.band_reason}."
    rate = f"{view.certification_rate:,.1f}".removesuffix(".0")
    return f"This customer: {rate}% of its active learners certified, in the band {view.band_label}."


def summary_sentence(view: TrainingHealth) -> str:
    """The customer's place in a few words, for the printed summary."""
    if view.band is None:
        return "This customer is in no band (no active learners)." if view.as_of else "Not computed yet."
    rate = f"{view.certification_rate:,.1f}".removesuffix(".0")
    return f"This customer: {rate}% of active learners certified (◆ {BANDS_BY_KEY[view.band].short})."


def _band_row(band: BandRelease, unit: str, own_band: str | None) -> dict:
    shown = band.median is not None
    return {
        "key": band.key, "label": band.label,
        "median": value_text(band.median, unit) if shown else "not shown",
        "peers": (f"{band.peer_count_band} customers" if shown and band.peer_count_band else "")
                 + (" · an earlier release" if band.status == "held" else ""),
        "mine": band.key == own_band, "shown": shown,
    }


def _comparison(metric: TrainingHealthMetric, own_band: str | None) -> str:
    """How the customer compares with its own band's median, in words (direction-aware)."""
    if metric.value is None:
        return "No value for this customer in the window."
    mine = next((b for b in metric.bands if b.key == own_band), None)
    if mine is None or mine.median is None:
        return f"This customer: {value_text(metric.value, metric.unit)}."
    if metric.value == mine.median:
        where = "at"
    else:
        better = (metric.value > mine.median) == metric.higher_is_better
        where = "better than" if better else "worse than"
    return (f"This customer: {value_text(metric.value, metric.unit)}, {where} its band's median "
            f"({value_text(mine.median, metric.unit)}).")


def metric_card(metric: TrainingHealthMetric, own_band: str | None) -> dict:
    figure = band_medians_chart(metric, own_band)
    return {
        "key": metric.key, "label": metric.label,
        "better": "higher is better" if metric.higher_is_better else "fewer is better",
        "figure": figure_dict(figure), "has_chart": figure is not None,
        "rows": [_band_row(b, metric.unit, own_band) for b in metric.bands],
        "comparison": _comparison(metric, own_band),
    }


def withheld(view: TrainingHealth) -> list[str]:
    """Each withheld or held band once, with its reason (a band is usually withheld for every metric alike)."""
    lines: dict[str, None] = {}
    for metric in view.metrics:
        for band in metric.bands:
            if band.median is None and band.reason:
                lines.setdefault(f"Not shown for {band.label}: {band.reason}")
            elif band.status == "held" and band.reason:
                lines.setdefault(f"Numbers of an earlier release for {band.label}: {band.reason.removeprefix('held: ')}")
    return list(lines)


def card(view: TrainingHealth) -> dict:
    return {
        "as_of": day(view.as_of) if view.as_of else "",
        "customer": customer_sentence(view),
        "metrics": [metric_card(m, view.band) for m in view.metrics],
        "withheld": withheld(view),
        "empty": "" if view.metrics else f"Nothing to compare yet: {view.band_reason}.",
    }


def summary_table(view: TrainingHealth) -> dict:
    """The compact table of the printed summary: a column per band (the customer's marked ◆), a row per
    metric with each band's median, the customer's own value last."""
    if not view.metrics:
        return {"header": [], "rows": []}
    bands = view.metrics[0].bands
    header = ["Median by share certified", *[("◆ " if b.key == view.band else "") + BANDS_BY_KEY[b.key].short
                                             for b in bands], "This customer"]
    rows = [{"label": SHORT_METRIC[m.key],
             "cells": [value_text(b.median, m.unit) if b.median is not None else "–" for b in m.bands]
             + [value_text(m.value, m.unit)]} for m in view.metrics]
    return {"header": header, "rows": rows}
