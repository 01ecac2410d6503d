"""The words a CSM reads on the benchmark pages, built from the DTOs."""

from __future__ import annotations

from datetime import date

from app.services.benchmarks.dto import HistoryPoint, MetricBenchmark, MetricTrend, RankChange
from app.services.training.dto import LearnerToContact, TrainingStatus
from app.ui.pages.csm import benchmark_words as words

HEALTHCARE = {"kind": "industry", "value": "Healthcare", "label": "Healthcare", "peer_count_band": "20-49"}
EVERYONE = {"kind": "all", "value": "all", "label": "All customers", "peer_count_band": "100+"}
SMALL = {"kind": "size", "value": "1-50", "label": "1-50 employees", "peer_count_band": "5-9"}
KNOTS = {"p10": 40.0, "p25": 52.0, "median": 63.0, "p75": 71.0, "p90": 80.0}


def metric(rank=63, label="63rd percentile", status="published", reason=None, value=66.4, released=KNOTS,
           band="20-49", unit="points", higher=True, key="health_score", name="Health score") -> MetricBenchmark:
    return MetricBenchmark(key, name, unit, higher, value, rank, label, dict(released), status, reason, band)


def five(*ranks) -> list[MetricBenchmark]:
    """The five metrics with these ranks (None: withheld), labelled as the rank engine labels them."""
    keys = [("health_score", "Health score"), ("adoption_rate", "Seat adoption (30 days)"),
            ("certification_rate", "Learners certified"), ("tickets_per_100_users", "Support tickets per 100 users"),
            ("resolution_hours", "Median case resolution time")]
    return [metric(rank=r, label=f"{r}th percentile" if r is not None else "not shown", key=k, name=n,
                   status="published" if r is not None else "suppressed", released=KNOTS if r is not None else {})
            for (k, n), r in zip(keys, ranks)]


def test_the_rank_reads_as_a_sentence_with_the_peer_band_and_cohort():
    assert words.rank_sentence(metric(), HEALTHCARE) == "63rd percentile among 20-49 peers in Healthcare"
    assert words.rank_sentence(metric(band="100+"), EVERYONE) == "63rd percentile among 100+ customers"
    assert words.rank_sentence(metric(rank=None, label="above the median", band="5-9"), SMALL) == (
        "Above the median among 5-9 peers with 1-50 employees")
    assert words.rank_sentence(metric(rank=5, label="below p10"), HEALTHCARE) == (
        "Bottom 10% (below the 10th percentile) among 20-49 peers in Healthcare")


def test_without_a_rank_the_sentence_says_why():
    suppressed = metric(rank=None, label="not shown", status="suppressed", released={}, band=None,
                        reason="fewer than 5 peers in this cohort")
    assert words.rank_sentence(suppressed, HEALTHCARE) == "Not ranked: the peer numbers are withheld."
    assert words.rank_sentence(metric(value=None, rank=None, label="no data"), HEALTHCARE) == (
        "Not ranked: this customer has no recent value.")


def test_withheld_and_held_numbers_are_explained_in_plain_words():
    few = metric(status="suppressed", reason="fewer than 5 peers in this cohort", released={})
    # The reason is told once, in the banner at the top; the card only points there.
    assert words.status_note(few) == "Withheld to protect the peers' privacy: see the note at the top."
    held = metric(status="held", reason="held: this cohort changed by fewer than 5 organizations since the last release")
    assert words.status_note(held) == ("Held: this cohort changed by fewer than 5 organizations since the last "
                                       "release; these are the numbers of the last release.")
    assert words.status_note(metric(status="no_release", released={})) == "No benchmark was computed for this day."
    assert words.status_note(metric()) == ""


def test_values_carry_their_unit():
    assert words.value_text(66.43, "points") == "66.4 points"
    assert words.value_text(63.0, "%") == "63%"
    assert words.value_text(1234.5, "hours") == "1,234.5 hours"
    assert words.value_text(None, "%") == "No value"


def test_a_panel_lists_only_released_knots_and_has_a_chart_only_when_something_was_released():
    panel = words.metric_panel(metric(released={"median": 63.0, "p25": 52.0}), HEALTHCARE)
    assert [k["name"] for k in panel["knots"]] == ["p25", "Median"] and panel["has_chart"]
    assert panel["better"] == "Higher is better"
    hidden = words.metric_panel(metric(status="suppressed", released={}, reason="fewer than 5 peers in this cohort"),
                                HEALTHCARE)
    assert not hidden["has_chart"] and hidden["figure"] == {} and hidden["knots"] == []


def test_the_rank_change_says_what_happened_in_words():
    change = RankChange(date(2026, 3, 17), date(2026, 6, 15), 16, 23, 7, 0)
    assert words.change_sentences(change) == [
        "Rank rose from 16th to 23rd percentile since 17 Mar 2026: the customer improved, peers stayed level."]
    fell = RankChange(date(2026, 3, 17), date(2026, 6, 15), 50, 47, 2, -5)
    assert words.change_sentences(fell) == [
        "Rank fell from 50th to 47th percentile since 17 Mar 2026: the customer improved, but peers improved more."]
    held = RankChange(date(2026, 3, 17), date(2026, 6, 15), 40, 40, 0, 0)
    assert words.change_sentences(held)[0].startswith("Rank held at the 40th percentile since 17 Mar 2026: "
                                                      "the customer held steady, peers stayed level")
    assert words.change_sentences(RankChange(date(2026, 3, 17), date(2026, 6, 15), 60, 52, -8, 0))[0].endswith(
        "the customer slipped, peers stayed level.")
    assert words.change_sentences(RankChange(date(2026, 3, 17), date(2026, 6, 15), 40, 45, 0, 5))[0].endswith(
        "the customer held steady, peers fell back.")
    assert words.change_sentences(None)[0].startswith("No rank change to show")
    assert not any(ch in " ".join(words.change_sentences(fell)) for ch in "+−→")  # no arithmetic


def test_the_headline_counts_the_bottom_quarter_weakest_first():
    assert words.headline(five(60, 55, 70, 20, 8)) == (
        "2 of 5 metrics in the bottom quarter: resolution time, tickets")
    assert words.headline(five(60, 12, 70, 80, 90)) == "1 of 5 metrics in the bottom quarter: seat adoption"


def test_without_a_bottom_quarter_the_headline_names_the_weakest():
    assert words.headline(five(60, 31, 70, 80, 55)) == (
        "No metric in the bottom quarter; weakest: seat adoption at the 31st percentile")
    top = [metric(rank=95, label="above p90")]
    assert words.headline(top) == "No metric in the bottom quarter; weakest: health score in the top 10%"


def test_the_headline_counts_only_ranked_metrics_and_says_how_many_are_not():
    assert words.headline(five(None, None, 70, 10, 55)) == (
        "1 of 3 ranked metrics in the bottom quarter: tickets (2 not ranked)")
    assert words.headline(five(None, None, None, None, None)) == (
        "No metric can be ranked in this cohort: its peer numbers are withheld or missing.")
    tiers = [metric(rank=None, label="below the median", released={"median": 63.0}),
             metric(rank=None, label="above the median", released={"median": 63.0}, key="adoption_rate")]
    assert words.headline(tiers) == "No metric in the bottom quarter; below the median: health score"


def test_the_chip_says_the_zone_in_words_beside_its_colour():
    bottom = words.metric_panel(metric(rank=5, label="below p10"), EVERYONE)
    assert (bottom["zone"], bottom["zone_color"], bottom["chip"]) == ("bottom", "red", "Bottom quarter · Bottom 10%")
    below = words.metric_panel(metric(rank=40, label="40th percentile"), EVERYONE)
    assert (below["zone_color"], below["chip"]) == ("amber", "Below median · 40th percentile")
    above = words.metric_panel(metric(), EVERYONE)
    assert (above["zone_color"], above["chip"]) == ("green", "Median or above · 63rd percentile")
    tier = words.metric_panel(metric(rank=None, label="below the median", released={"median": 63.0}), SMALL)
    assert (tier["zone_color"], tier["chip"]) == ("amber", "Below the median")
    withheld = words.metric_panel(metric(rank=None, label="not shown", status="suppressed", released={}), SMALL)
    assert (withheld["zone_color"], withheld["chip"]) == ("gray", "Withheld")


def _trend(released_days: int, total: int = 90) -> MetricTrend:
    points = [HistoryPoint(date(2026, 6, 15), "published" if i < released_days else "suppressed",
                           KNOTS if i < released_days else {}, 60.0, 50 if i < released_days else None, "")
              for i in range(total)]
    return MetricTrend("health_score", "Health score", "points", True, points, None)


def test_released_days_are_counted_only_when_something_was_withheld():
    assert words.trend_panel(_trend(90))["coverage"] == ""
    assert words.trend_panel(_trend(61))["coverage"] == "Peer numbers released on 61 of the last 90 days."
    assert words.trend_panel(_trend(0))["coverage"] == "" and not words.trend_panel(_trend(0))["has_chart"]


def test_training_counts_and_contacts_are_ready_to_show():
    status = TrainingStatus(12, 8, 2, 1, 2, 1, [LearnerToContact("Ann Lee", "Basics", "expired", date(2026, 5, 1))], 3)
    summary = words.training_summary(status)
    assert [r["count"] for r in summary["rows"]] == [8, 2, 1, 2, 1]
    assert summary["contacts"][0]["when"] == "expired 1 May 2026" and summary["more"] == 2
    assert words.training_line(status) == ("8 of 12 learners certified (2 expiring within 60 days), 1 expired, "
                                           "2 in progress, 1 not started.")


def test_badges_use_short_rank_words():
    assert words.short_rank("above p90") == "top 10%" and words.short_rank("below p10") == "bottom 10%"
    assert words.short_rank("63rd percentile") == "63rd percentile"
