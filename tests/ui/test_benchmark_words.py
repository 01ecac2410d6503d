"""The words a CSM reads on the benchmark pages, built from the DTOs."""

from __future__ import annotations

from datetime import date

from app.services.benchmarks.dto import MetricBenchmark, RankChange
from app.services.training.dto import LearnerToContact, TrainingStatus
from app.ui.pages.csm import benchmark_words as words

HEALTHCARE = {"kind": "industry", "value": "Healthcare", "label": "Healthcare", "peer_count_band": "20-49"}
EVERYONE = {"kind": "all", "value": "all", "label": "All customers", "peer_count_band": "100+"}
SMALL = {"kind": "size", "value": "1-50", "label": "1-50 employees", "peer_count_band": "5-9"}
KNOTS = {"p10": 40.0, "p25": 52.0, "median": 63.0, "p75": 71.0, "p90": 80.0}


def metric(rank=63, label="63rd percentile", status="published", reason=None, value=66.4, released=KNOTS,
           band="20-49", unit="points", higher=True) -> MetricBenchmark:
    return MetricBenchmark("health_score", "Health score", unit, higher, value, rank, label, dict(released), status,
                           reason, band)


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
    assert words.status_note(few) == "Not shown: fewer than 5 peers in this cohort."
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


def test_the_rank_change_is_told_as_the_customer_move_and_the_peer_move():
    change = RankChange(date(2026, 6, 14), date(2026, 6, 15), 50, 47, 2, -5)
    assert words.change_sentences(change) == [
        "Since 14 Jun 2026: rank 50 → 47 (−3).",
        "The customer moved: +2 (today's value against the earlier peer numbers).",
        "The peers moved: −5 (the peer numbers changed around the customer).",
    ]
    assert words.change_sentences(None)[0].startswith("No rank change to show")


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
