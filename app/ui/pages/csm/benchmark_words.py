"""Benchmark DTOs turned into the plain words and values a page shows.

Plain functions without reflex, so the wording is tested without a browser. The dicts
they return are what the page state holds: released numbers, the customer's own value
and rank, peer counts as bands, figures drawn from those. Nothing else.
"""

from __future__ import annotations

import json

from app.charts.benchmarks import band_chart, fan_chart
from app.domain.benchmarks.disclosure import RELEASED_NUMBERS
from app.domain.benchmarks.rank import ordinal
from app.domain.benchmarks.zones import BOTTOM, zone_for
from app.services.benchmarks.dto import MetricBenchmark, MetricTrend, OrganizationBenchmarks, RankChange
from app.services.training.dto import TrainingStatus
from app.ui.components.dates import day

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
    """Why a metric's numbers are older than the as-of date, or missing for the day.

    A withheld metric says only that: the banner at the top of the page gives the reason once.
    """
    reason = metric.reason or ""
    if metric.status == "suppressed":
        return "Withheld to protect the peers' privacy: see the note at the top."
    if metric.status == "held":
        return f"{reason[:1].upper()}{reason[1:]}; these are the numbers of the last release."
    if metric.status == "no_release":
        return "No benchmark was computed for this day."
    return ""


def metric_panel(metric: MetricBenchmark, cohort: dict, chart_height: int = 100) -> dict:
    figure = band_chart(metric, height=chart_height)
    zone = zone_for(metric.rank, metric.rank_label)
    return {
        "key": metric.key,
        "label": metric.label,
        "better": "Higher is better" if metric.higher_is_better else "Lower is better",
        "value": value_text(metric.value, metric.unit),
        "rank": rank_sentence(metric, cohort),
        "chip": chip_text(metric),
        "zone": zone.key,
        "zone_color": zone.color,
        "zone_words": zone.words,
        "status": metric.status,
        "note": status_note(metric),
        "has_chart": figure is not None,
        "figure": figure_dict(figure),
        "knots": [{"name": label, "value": value_text(metric.released[key], metric.unit)}
                  for key, label in KNOT_LABELS if key in metric.released],
        "knots_line": knots_line(metric),
    }


def knots_line(metric: MetricBenchmark) -> str:
    """The released numbers in one short line for the printed summary, the unit said once."""
    shown = [f"{label} {number_text(metric.released[key])}" for key, label in KNOT_LABELS if key in metric.released]
    if not shown:
        return ""
    return " · ".join(shown) + ("%" if metric.unit == "%" else f" {metric.unit}")


def chip_text(metric: MetricBenchmark) -> str:
    """The rank as the chip shows it, with the zone in words: colour is never the only cue."""
    zone = zone_for(metric.rank, metric.rank_label)
    if zone.key == "none":
        return "Withheld" if metric.status == "suppressed" else "Not ranked"
    if metric.rank is None:  # a median-only tier
        return metric.rank_label[:1].upper() + metric.rank_label[1:]
    where = short_rank(metric.rank_label)
    return f"{zone.words} · {where[:1].upper()}{where[1:]}"


def overview(report: OrganizationBenchmarks, chart_height: int = 100) -> dict:
    """Header values, the headline and one panel per metric."""
    cohort = report.cohort
    band = cohort.get("peer_count_band")
    return {
        "org_name": report.organization["name"],
        "org_summary": f"{report.organization['industry']} · {report.organization['size_range']} employees",
        # Withheld for too few peers, or to protect a smaller cohort: the banner says why.
        "cohort_label": f"{cohort['label']} ({band} peers)" if band else f"{cohort['label']} (every number withheld)",
        "as_of": day(report.as_of),
        "headline": headline(report.metrics),
        "panels": [metric_panel(m, cohort, chart_height) for m in report.metrics],
    }


# Short names for the headline: "2 of 5 metrics in the bottom quarter: resolution time, tickets".
SHORT_NAMES = {"health_score": "health score", "adoption_rate": "seat adoption",
               "certification_rate": "learners certified", "tickets_per_100_users": "tickets",
               "resolution_hours": "resolution time"}


def _short_name(metric) -> str:
    return SHORT_NAMES.get(metric.key, metric.label.lower())


def _standing(metric: MetricBenchmark) -> str:
    """Where a ranked metric sits, as the end of a sentence: 'at the 31st percentile', 'in the top 10%'."""
    if metric.rank is None:
        return metric.rank_label
    if metric.rank_label in TAIL_WORDS:
        return f"in the {short_rank(metric.rank_label)}"
    return f"at the {ordinal(metric.rank)} percentile"


def headline(metrics: list[MetricBenchmark]) -> str:
    """One line a CSM reads first: how many metrics sit in the bottom quarter, and which.

    Counted over the metrics that have a rank in the chosen cohort; the weakest comes first.
    """
    ranked = [m for m in metrics if zone_for(m.rank, m.rank_label).key != "none"]
    unranked = len(metrics) - len(ranked)
    if not ranked:
        return "No metric can be ranked in this cohort: its peer numbers are withheld or missing."
    bottom = sorted((m for m in ranked if zone_for(m.rank, m.rank_label) is BOTTOM), key=lambda m: m.rank)
    of = f"{len(ranked)} ranked metrics" if unranked else f"{len(metrics)} metrics"
    rest = f" ({unranked} not ranked)" if unranked else ""
    if bottom:
        return f"{len(bottom)} of {of} in the bottom quarter: {', '.join(_short_name(m) for m in bottom)}{rest}"
    numbered = [m for m in ranked if m.rank is not None]
    if numbered:
        weakest = min(numbered, key=lambda m: m.rank)
        return f"No metric in the bottom quarter; weakest: {_short_name(weakest)} {_standing(weakest)}{rest}"
    below = [_short_name(m) for m in ranked if m.rank_label == "below the median"]
    if below:
        return f"No metric in the bottom quarter; below the median: {', '.join(below)}{rest}"
    return f"No metric in the bottom quarter; every ranked metric is at or above the median{rest}"


def _percentile(rank: int) -> str:
    return f"{ordinal(rank)} percentile"


def change_sentences(change: RankChange | None, since: bool = True) -> list[str]:
    """What happened to the rank over the window, in words: which way, and who moved.

    ``since=False`` leaves the start day out, for the summary that names it once above its trends.
    """
    if change is None:
        return ["No rank change to show: this metric was not ranked on two days in this window."]
    total = change.current_rank - change.previous_rank
    if total > 0:
        moved = f"Rank rose from {ordinal(change.previous_rank)} to {_percentile(change.current_rank)}"
    elif total < 0:
        moved = f"Rank fell from {ordinal(change.previous_rank)} to {_percentile(change.current_rank)}"
    else:
        moved = f"Rank held at the {_percentile(change.current_rank)}"
    start = f" since {day(change.since)}" if since else ""
    return [f"{moved}{start}: {_who_moved(change.customer_moved, change.peers_moved)}."]


def _who_moved(customer: int, peers: int) -> str:
    """The customer's own move and the peers' move, in words (``peers`` is their effect on the rank)."""
    if customer > 0 > peers:  # both improved: the net says who improved more
        total = customer + peers
        return ("the customer improved faster than peers" if total > 0 else
                "the customer improved, but peers improved more" if total < 0 else
                "the customer improved as much as peers")
    if customer < 0 < peers:  # both slipped
        total = customer + peers
        return ("the customer slipped, but peers fell back more" if total > 0 else
                "the customer slipped more than peers" if total < 0 else "the customer and peers slipped alike")
    own = "the customer improved" if customer > 0 else "the customer slipped" if customer < 0 else \
        "the customer held steady"
    # Peers falling back lifts the customer's rank: their effect has the opposite sign of their move.
    others = "peers stayed level" if peers == 0 else "peers fell back" if peers > 0 else "peers improved"
    return f"{own}, {others}"


def trend_panel(trend: MetricTrend) -> dict:
    figure = fan_chart(trend)
    released_days = sum(1 for p in trend.points if p.released)
    return {
        "key": trend.key,
        "label": trend.label,
        "has_chart": figure is not None and released_days > 0,
        "figure": figure_dict(figure),
        "change": change_sentences(trend.change),
        # Said only when something was withheld: "90 of the last 90 days" tells nothing.
        "coverage": f"Peer numbers released on {released_days} of the last {len(trend.points)} days."
        if 0 < released_days < len(trend.points) else "",
    }


def small_multiple(trend: MetricTrend) -> dict:
    """A trend for the printed summary: a small chart and one line."""
    figure = fan_chart(trend, compact=True)
    released = any(p.released for p in trend.points)
    return {"key": trend.key, "label": _short_name(trend).capitalize(), "has_chart": figure is not None and released,
            "figure": figure_dict(figure), "change": change_sentences(trend.change, since=False)[0]}


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
