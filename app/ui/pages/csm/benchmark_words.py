"""Benchmark DTOs turned into the plain words and values a page shows.

Plain functions without reflex, so the wording is tested without a browser. The dicts
they return are what the page state holds: released numbers, the customer's own value
and rank, peer counts as bands, figures drawn from those. Nothing else.
"""

from __future__ import annotations

import json

from app.charts.benchmarks import band_chart, fan_chart
from app.domain.benchmarks.disclosure import RELEASED_NUMBERS
from app.services.benchmarks.dto import MetricBenchmark, MetricTrend, OrganizationBenchmarks, RankChange
from app.services.training.dto import TrainingStatus
from app.ui.components.dates import day

COHORT_CHOICES = (("all", "All customers", "All"), ("industry", "Same industry", "Industry"),
                  ("size", "Same size range", "Size range"))
# The released numbers in their order, named as on the page: "p10" stays, "median" reads "Median".
KNOT_LABELS = tuple((key, key if key.startswith("p") else key.capitalize()) for key in RELEASED_NUMBERS)
# Ranks are mirrored for lower-is-better metrics, so "above p90" always means among the best.
TAIL_WORDS = {"below p10": "bottom 10% (below the 10th percentile)", "above p90": "top 10% (above the 90th percentile)",
              "below p25": "bottom quarter (below the 25th percentile)",
              "above p75": "top quarter (above the 75th percentile)"}


def short_rank(rank_label: str) -> str:
    """A rank for a badge: 'top 10%' rather than the engine's 'above p90'."""
    return TAIL_WORDS.get(rank_label, rank_label).split(" (")[0]


def figure_dict(figure) -> dict:
    """A plain, picklable dict for the state (plotly's own encoder handles numpy and dates)."""
    return json.loads(figure.to_json()) if figure is not None else {}


def number_text(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.1f}".removesuffix(".0")


def value_text(value: float | None, unit: str) -> str:
    if value is None:
        return "No value"
    return f"{number_text(value)}%" if unit == "%" else f"{number_text(value)} {unit}"


def cohort_phrase(cohort: dict, band: str | None) -> str:
    peers = f"{band} " if band else ""
    if cohort["kind"] == "all":
        return f"among {peers}customers"
    if cohort["kind"] == "industry":
        return f"among {peers}peers in {cohort['label']}"
    return f"among {peers}peers with {cohort['label']}"


def rank_sentence(metric: MetricBenchmark, cohort: dict) -> str:
    """'63rd percentile among 20-49 peers in Healthcare', or why there is no rank."""
    if metric.status == "suppressed":
        return "Not ranked: the peer numbers are withheld."
    if metric.value is None:
        return "Not ranked: this customer has no recent value."
    if metric.rank_label in ("no data", "not shown"):
        return "Not ranked: no peer numbers for this day."
    words = TAIL_WORDS.get(metric.rank_label, metric.rank_label)
    return f"{words[0].upper()}{words[1:]} {cohort_phrase(cohort, metric.peer_count_band)}"


def status_note(metric: MetricBenchmark) -> str:
    """Why a metric shows no chart, or why its numbers are older than the as-of date."""
    reason = metric.reason or ""
    if metric.status == "suppressed":
        return f"Not shown: {reason}." if reason else "Not shown to protect the peers' privacy."
    if metric.status == "held":
        return f"{reason[:1].upper()}{reason[1:]}; these are the numbers of the last release."
    if metric.status == "no_release":
        return "No benchmark was computed for this day."
    return ""


def metric_panel(metric: MetricBenchmark, cohort: dict) -> dict:
    figure = band_chart(metric)
    return {
        "key": metric.key,
        "label": metric.label,
        "better": "Higher is better" if metric.higher_is_better else "Lower is better",
        "value": value_text(metric.value, metric.unit),
        "rank": rank_sentence(metric, cohort),
        "status": metric.status,
        "note": status_note(metric),
        "has_chart": figure is not None,
        "figure": figure_dict(figure),
        "knots": [{"name": label, "value": value_text(metric.released[key], metric.unit)}
                  for key, label in KNOT_LABELS if key in metric.released],
    }


def overview(report: OrganizationBenchmarks) -> dict:
    """Header values and one panel per metric."""
    cohort = report.cohort
    band = cohort.get("peer_count_band")
    return {
        "org_name": report.organization["name"],
        "org_summary": f"{report.organization['industry']} · {report.organization['size_range']} employees",
        # Withheld for too few peers, or to protect a smaller cohort: the panels say which.
        "cohort_label": f"{cohort['label']} ({band} peers)" if band else f"{cohort['label']} (every number withheld)",
        "as_of": day(report.as_of),
        "panels": [metric_panel(m, cohort) for m in report.metrics],
    }


def _signed(points: int) -> str:
    return f"+{points}" if points > 0 else ("0" if points == 0 else f"−{abs(points)}")


def change_sentences(change: RankChange | None) -> list[str]:
    if change is None:
        return ["No rank change to show: the latest two days are not both ranked."]
    total = change.current_rank - change.previous_rank
    return [
        f"Since {day(change.since)}: rank {change.previous_rank} → {change.current_rank} ({_signed(total)}).",
        f"The customer moved: {_signed(change.customer_moved)} (today's value against the earlier peer numbers).",
        f"The peers moved: {_signed(change.peers_moved)} (the peer numbers changed around the customer).",
    ]


def trend_panel(trend: MetricTrend) -> dict:
    figure = fan_chart(trend)
    released_days = sum(1 for p in trend.points if p.released)
    return {
        "key": trend.key,
        "label": trend.label,
        "has_chart": figure is not None and released_days > 0,
        "figure": figure_dict(figure),
        "change": change_sentences(trend.change),
        "coverage": f"Peer numbers released on {released_days} of the last {len(trend.points)} days."
        if released_days else "",
    }


def training_summary(status: TrainingStatus) -> dict:
    return {
        "learners": status.learners,
        "rows": [
            {"label": "Certified", "count": status.certified, "hint": "hold a valid certificate"},
            {"label": "Expiring within 60 days", "count": status.expiring_soon, "hint": "certified, renewal due"},
            {"label": "Expired", "count": status.expired, "hint": "no valid certificate any more"},
            {"label": "In progress", "count": status.in_progress, "hint": "started a quiz, not certified yet"},
            {"label": "Not started", "count": status.not_started, "hint": "no quiz attempt yet"},
        ],
        "contacts": [{"name": c.name, "track": c.track, "when": ("expired " if c.status == "expired" else "expires ")
                      + day(c.expires_on), "expired": c.status == "expired"} for c in status.to_contact],
        "more": max(0, status.to_contact_total - len(status.to_contact)),
    }


def training_line(status: TrainingStatus) -> str:
    """The training status in one sentence, for the printed summary."""
    if status.learners == 0:
        return "no learners from this customer use the portal yet."
    return (f"{status.certified} of {status.learners} learners certified ({status.expiring_soon} expiring within "
            f"60 days), {status.expired} expired, {status.in_progress} in progress, {status.not_started} not started.")
