"""The cohort switch marks cohorts without numbers, and one banner explains a withheld cohort."""

from __future__ import annotations

from app.services.benchmarks.cohort_choices import CohortChoice
from app.services.benchmarks.dto import MetricBenchmark
from app.ui.pages.csm import cohort_words

FEW = "fewer than 5 peers in this cohort"
NEIGHBOUR = "another cohort shown today differs from this one by fewer than 5 customers, so comparing the two could single one out"
CHOICES = [CohortChoice("all", "All customers", 5, 0, None), CohortChoice("industry", "Energy", 0, 5, FEW),
           CohortChoice("size", "51-200 employees", 4, 1, FEW)]
LABELS = ["Health score", "Seat adoption (30 days)", "Learners certified", "Support tickets per 100 users",
          "Median case resolution time"]


def metrics(*statuses: str, reason: str = FEW) -> list[MetricBenchmark]:
    return [MetricBenchmark(f"m{i}", label, "points", True, 50.0, None, "not shown", {}, status,
                            reason if status == "suppressed" else None, None)
            for i, (label, status) in enumerate(zip(LABELS, statuses))]


def test_a_cohort_without_numbers_is_marked_in_the_switch_before_it_is_chosen():
    items = cohort_words.switch_choices(CHOICES)
    assert [i["label"] for i in items] == ["All customers", "Same industry — not enough peers", "Same size range"]
    assert [i["mark"] for i in items] == ["", "not enough peers", ""]
    assert items[1]["title"] == "Energy: not enough peers"
    other = cohort_words.switch_choices([CohortChoice("industry", "Energy", 0, 5, NEIGHBOUR)])
    assert other[0]["label"] == "Same industry — numbers withheld"


def test_a_fully_withheld_cohort_is_explained_once_and_offers_the_cohort_with_numbers():
    banner = cohort_words.withheld_banner(metrics(*["suppressed"] * 5), "industry", CHOICES)
    assert banner["text"] == ("Every peer number for peers in Energy is withheld: fewer than 5 peers in this cohort. "
                              "All customers has numbers for 5 of 5 metrics.")
    assert (banner["offer"], banner["offer_label"]) == ("all", "Compare with all customers")


def test_a_partly_withheld_cohort_names_the_metrics_and_the_reason():
    banner = cohort_words.withheld_banner(metrics("published", "suppressed", "published", "published", "published"),
                                          "size", CHOICES)
    assert banner["text"].startswith("Seat adoption (30 days) is withheld for peers with 51-200 employees: fewer than 5")
    assert banner["offer"] == "all"
    two = cohort_words.withheld_banner(metrics("suppressed", "suppressed", "published", "published", "published"),
                                       "size", CHOICES)
    assert two["text"].startswith("Health score and Seat adoption (30 days) are withheld")


def test_no_banner_when_nothing_is_withheld_and_no_offer_when_no_cohort_has_more():
    assert cohort_words.withheld_banner(metrics(*["published"] * 5), "all", CHOICES)["text"] == ""
    banner = cohort_words.withheld_banner(metrics("suppressed", *["published"] * 4), "all",
                                          [CohortChoice("all", "All customers", 4, 1, FEW), *CHOICES[1:]])
    assert banner["text"] and banner["offer"] == ""
