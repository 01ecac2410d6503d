"""Benchmark rules the services and pages share: the value window, cohort kinds, what a release holds."""

from datetime import date
from types import SimpleNamespace

import pytest

from app.domain.benchmarks.cohorts import check_cohort_kind, cohort_for
from app.domain.benchmarks.disclosure import RELEASED_NUMBERS, released_values
from app.domain.benchmarks.window import ValueWindow
from app.domain.errors import InvalidInput

DAY = date(2026, 6, 15)


def test_the_window_holds_the_days_after_its_start_up_to_the_as_of_day():
    window = ValueWindow(days=7)
    assert window.start(DAY) == date(2026, 6, 8)
    assert not window.contains(date(2026, 6, 8), DAY)
    assert window.contains(date(2026, 6, 9), DAY) and window.contains(DAY, DAY)
    assert not window.contains(date(2026, 6, 16), DAY)


def test_a_window_ending_near_the_calendars_first_day_starts_on_it():
    window = ValueWindow(days=7)
    assert window.start(date(1, 1, 3)) == date.min
    assert window.start(date(1, 1, 8)) == date(1, 1, 1)
    assert window.latest([(date(1, 1, 2), 5.0)], date(1, 1, 3)) == 5.0


def test_the_latest_value_within_the_window_counts_and_older_ones_do_not():
    series = [(date(2026, 6, 1), 10.0), (date(2026, 6, 10), 20.0), (date(2026, 6, 12), 30.0), (date(2026, 6, 20), 40.0)]
    window = ValueWindow(days=7)
    assert window.latest(series, DAY) == 30.0
    assert window.latest(series, date(2026, 6, 11)) == 20.0
    assert window.latest(series[:1], DAY) is None


def test_an_unknown_cohort_kind_is_refused_with_the_kinds_to_choose_from():
    assert check_cohort_kind("size") == "size"
    for refuse in (lambda: check_cohort_kind("galaxy"), lambda: cohort_for("galaxy", "Retail", 40)):
        with pytest.raises(InvalidInput) as err:
            refuse()
        assert str(err.value) == "Unknown cohort 'galaxy'; choose one of: all, industry, size."


def test_a_release_holds_the_five_knots_only_and_drops_the_empty_ones():
    assert RELEASED_NUMBERS == ("p10", "p25", "median", "p75", "p90")
    row = SimpleNamespace(p10=None, p25=2.0, median=3.0, p75=4.0, p90=None, mean=3.5, min=0.0, max=9.0)
    assert released_values(row) == {"p25": 2.0, "median": 3.0, "p75": 4.0}
