"""The training-and-health dot chart, read as data: right is better, the customer in its band's row."""

from app.charts.training_health import band_medians_chart
from app.domain.benchmarks.certification_bands import BANDS_BY_KEY
from app.services.benchmarks.dto import BandRelease, TrainingHealthMetric


def _band(key: str, median: float | None, spread: tuple[float, float] | None = None) -> BandRelease:
    released = {} if median is None else {"median": median} | (
        {"p25": spread[0], "p75": spread[1]} if spread else {})
    return BandRelease(key, key, "published" if median is not None else "suppressed", None,
                       "10-19" if median is not None else None, median, released, BANDS_BY_KEY[key].short)


def _metric(higher_is_better: bool, value: float | None = 7.0, unit: str = "hours") -> TrainingHealthMetric:
    bands = [_band("0-25", 12.0, (10.0, 14.0)), _band("25-50", 9.5), _band("50-75", None), _band("75-100", 6.0)]
    return TrainingHealthMetric("resolution_hours", "Resolution", unit, higher_is_better, value, bands)


def _trace(figure, name):
    return next(t for t in figure.data if t.name == name)


def test_a_lower_is_better_axis_runs_from_high_to_low_and_says_so():
    figure = band_medians_chart(_metric(False), "75-100")
    low, high = figure.layout.xaxis.range
    assert low > high
    assert figure.layout.xaxis.title.text == "hours, fewer is better →"


def test_a_higher_is_better_axis_runs_from_low_to_high():
    figure = band_medians_chart(_metric(True, unit="points"), "75-100")
    low, high = figure.layout.xaxis.range
    assert low < high and figure.layout.xaxis.title.text == "points, higher is better →"


def test_medians_only_for_released_bands_and_the_middle_half_where_released():
    figure = band_medians_chart(_metric(False), "75-100")
    medians = _trace(figure, "band median")
    assert list(medians.x) == [12.0, 9.5, 6.0] and list(medians.y) == ["under 25 %", "25–50 %", "75 % +"]
    spread = _trace(figure, "middle half (p25–p75)")
    assert list(spread.base) == [10.0] and list(spread.x) == [4.0]
    assert list(figure.layout.yaxis.categoryarray) == ["under 25 %", "25–50 %", "50–75 %", "75 % +"]


def test_the_customer_sits_in_its_own_bands_row_and_under_the_median():
    figure = band_medians_chart(_metric(False), "75-100")
    customer = _trace(figure, "this customer")
    assert (list(customer.x), list(customer.y)) == ([7.0], ["75 % +"])
    assert figure.data[-1].name == "band median"  # drawn over the customer's diamond


def test_a_customer_without_a_band_or_value_is_not_drawn():
    assert all(t.name != "this customer" for t in band_medians_chart(_metric(False), None).data)
    assert all(t.name != "this customer" for t in band_medians_chart(_metric(False, value=None), "0-25").data)


def test_no_chart_when_no_band_has_a_median():
    metric = TrainingHealthMetric("health_score", "Health", "points", True, 50.0,
                                  [_band(k, None) for k in ("0-25", "25-50", "50-75", "75-100")])
    assert band_medians_chart(metric, "0-25") is None
