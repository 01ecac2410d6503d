"""The training-and-health card's words: the customer's band, comparisons that know which way is better."""

from datetime import date

from app.services.benchmarks.dto import BandRelease, TrainingHealth, TrainingHealthMetric
from app.ui.pages.csm import training_health_words as words

FEW = "fewer than 5 peers in this cohort"


def _bands(medians):
    return [BandRelease(k, label, "published" if m is not None else "suppressed", None if m is not None else FEW,
                        "10-19" if m is not None else None, m, {"median": m} if m is not None else {})
            for (k, label), m in zip((("0-25", "under 25 % certified"), ("25-50", "25 to under 50 % certified"),
                                      ("50-75", "50 to under 75 % certified"), ("75-100", "75 % or more certified")),
                                     medians)]


def _view(band="75-100", rate=80.0, reason=None) -> TrainingHealth:
    return TrainingHealth({"id": 1, "name": "Acme"}, date(2026, 6, 15), rate, band,
                          "75 % or more certified" if band else None, reason, [
                              TrainingHealthMetric("health_score", "Health score", "points", True, 70.0,
                                                   _bands([55.0, 60.0, None, 68.0])),
                              TrainingHealthMetric("resolution_hours", "Resolution", "hours", False, 9.0,
                                                   _bands([14.0, 12.5, None, 8.5])),
                          ])


def test_the_customer_sentence_names_its_rate_and_band_or_why_it_has_none():
    assert words.customer_sentence(_view()) == ("This customer: 80% of its active learners certified, in the band "
                                                "75 % or more certified.")
    none = _view(None, None, "no certification rate in the 7 days up to 2026-06-15: the customer has no active learners")
    assert words.customer_sentence(none).startswith("This customer is in no band: no certification rate")


def test_better_or_worse_than_its_band_follows_the_metrics_direction():
    card = words.card(_view())
    health, hours = card["metrics"]
    assert health["comparison"] == "This customer: 70 points, better than its band's median (68 points)."
    assert hours["comparison"] == "This customer: 9 hours, worse than its band's median (8.5 hours)."
    assert hours["better"] == "fewer is better" and health["rows"][3]["mine"]


def test_a_withheld_band_is_explained_once_for_the_card():
    card = words.card(_view())
    assert card["withheld"] == [f"Not shown for 50 to under 75 % certified: {FEW}"]
    assert card["metrics"][0]["rows"][2] == {"key": "50-75", "label": "50 to under 75 % certified",
                                             "median": "not shown", "peers": "", "mine": False, "shown": False}
    assert card["metrics"][0]["rows"][0]["peers"] == "10-19 customers"


def test_the_summary_table_marks_the_customers_band_and_ends_with_its_values():
    table = words.summary_table(_view())
    assert table["header"] == ["Median by share certified", "under 25 %", "25–50 %", "50–75 %", "◆ 75 % +",
                               "This customer"]
    assert [r["label"] for r in table["rows"]] == ["Health", "Resolution"]
    assert table["rows"][0]["cells"] == ["55 points", "60 points", "–", "68 points", "70 points"]
    assert table["rows"][1]["cells"] == ["14 hours", "12.5 hours", "–", "8.5 hours", "9 hours"]


def test_before_the_first_comparison_the_card_says_so():
    empty = TrainingHealth({"id": 1, "name": "Acme"}, None, None, None, None,
                           "no comparison has been computed yet; it is computed every night", [])
    card = words.card(empty)
    assert card["metrics"] == [] and card["empty"].startswith("Nothing to compare yet")
    assert words.summary_table(empty) == {"header": [], "rows": []}


def test_the_caveat_says_association_not_cause():
    assert words.ASSOCIATION.startswith("Shows association, not cause: ")
    assert words.ASSOCIATION_SHORT.startswith("Shows association, not cause: ")


def test_a_held_band_shows_its_earlier_numbers_and_says_so_once():
    view = _view()
    held = BandRelease("0-25", "under 25 % certified", "held", "held: this cohort changed by fewer than 5 customers "
                       "since an earlier release", "5-9", 55.0, {"median": 55.0})
    for metric in view.metrics:
        metric.bands[0] = held
    card = words.card(view)
    assert card["metrics"][0]["rows"][0]["peers"] == "5-9 customers · an earlier release"
    assert card["withheld"][0] == ("Numbers of an earlier release for under 25 % certified: this cohort "
                                   "changed by fewer than 5 customers since an earlier release")
    assert len(card["withheld"]) == 2


def test_the_summary_sentence_is_short():
    assert words.summary_sentence(_view()) == "This customer: 80% of active learners certified (◆ 75 % +)."
    assert words.summary_sentence(_view(None, None, "none")) == "This customer is in no band (no active learners)."
