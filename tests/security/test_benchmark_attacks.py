"""Each known attack on released benchmarks, rebuilt with small data through the command line
and the REST API, first shown to work on the raw values, then shown blocked in what is released.

The attacker is a customer or anyone holding several reports: they know which organizations
are in which cohort and the exact counts, and an insider knows its own value.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest

from app import cli
from tests.api.conftest import api, bearer, client, people  # noqa: F401  (fixtures)
from tests.conftest import NOW
from tests.factories import make_org

DAY = NOW.date()
KNOTS = {"p10", "p25", "median", "p75", "p90"}
# Values are spread so that an attack on unprotected numbers would land within 1 %.
BASE = [41.0, 44.0, 47.0, 49.0, 52.0, 55.0, 58.0, 60.0, 61.0, 63.0, 65.0, 67.0, 70.0, 72.0, 74.0, 77.0, 79.0,
        81.0, 84.0, 88.0]


@pytest.fixture
def staff(people):
    """CSM Cara and admin Ada (from the API fixtures), with some customers outside every attack."""
    return people


def add_customers(names_and_values: dict[str, float], industry: str, employees: int) -> None:
    for name in names_and_values:
        make_org(name, industry, employees)


def import_day(tmp_path, day: date, values: dict[str, float]) -> None:
    """Values arrive as a CSV through `import-metrics`, like a customer data feed."""
    path = tmp_path / f"metrics-{day}-{len(values)}.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["organization_name", "metric", "as_of", "value"])
        for name, value in values.items():
            writer.writerow([name, "health_score", day.isoformat(), value])
    assert cli.main(["import-metrics", str(path)]) == 0


def recompute(day: date) -> None:
    assert cli.main(["recompute-benchmarks", "--as-of", day.isoformat()]) == 0


def health(client, organization_id: int, cohort: str, day: date) -> dict:
    """What a CSM (and so a customer, in a business review) gets for the health score."""
    body = client.get(f"/api/benchmarks/organizations/{organization_id}",
                      params={"cohort": cohort, "as_of": day.isoformat()}, headers=bearer("cara@vendor.test")).json()
    metric = next(m for m in body["metrics"] if m["key"] == "health_score")
    assert set(metric["released"]) <= KNOTS, "only quantiles are ever released: no mean to difference"
    return metric


def org_id(client, name: str) -> int:
    rows = client.get("/api/organizations", params={"search": name}, headers=bearer("cara@vendor.test")).json()
    return next(r["id"] for r in rows if r["name"] == name)


def named(prefix: str, values) -> dict[str, float]:
    return {f"{prefix} {i:02d}": float(v) for i, v in enumerate(values)}


def comparable(a: dict, b: dict) -> bool:
    """Two releases an attacker could difference: both freshly published, with different numbers."""
    return a["status"] == b["status"] == "published" and a["released"] != b["released"]


def test_attack_overlapping_cohorts_industry_is_a_size_range_plus_one(client, staff, tmp_path):
    small = named("Small care", BASE)  # Healthcare, 1-50 employees: the whole size range
    target = {"Target care": 97.0}  # Healthcare, 51-200 employees
    rest = named("Other retail", [v + 3 for v in BASE])  # Retail, 51-200
    add_customers(small, "Healthcare", 30)
    add_customers(target, "Healthcare", 120)
    add_customers(rest, "Retail", 120)
    # Unprotected, the means isolate the target: n_ind x mean_ind - n_size x mean_size.
    n_ind, n_size = 21, 20
    mean_ind, mean_size = round(sum({**small, **target}.values()) / n_ind), round(sum(small.values()) / n_size)
    assert abs(n_ind * mean_ind - n_size * mean_size - 97.0) < 10
    import_day(tmp_path, DAY, {**small, **target, **rest})
    recompute(DAY)
    inside = org_id(client, "Small care 00")
    industry, size = health(client, inside, "industry", DAY), health(client, inside, "size", DAY)
    assert not comparable(industry, size)
    assert "differs from this one" in (size["reason"] or "") + (industry["reason"] or "")


def test_attack_insider_plus_overlap_two_outside_the_size_range(client, staff, tmp_path):
    small = named("Small care", BASE)
    insider, target = {"Insider care": 60.0}, {"Target care": 93.0}
    add_customers(small, "Healthcare", 30)
    add_customers({**insider, **target}, "Healthcare", 150)
    # Unprotected: n_ind x mean_ind - n_size x mean_size - own value = the target.
    total_ind = sum({**small, **insider, **target}.values())
    assert total_ind - sum(small.values()) - 60.0 == 93.0
    import_day(tmp_path, DAY, {**small, **insider, **target})
    recompute(DAY)
    me = org_id(client, "Insider care")
    mine, other = health(client, me, "industry", DAY), health(client, org_id(client, "Small care 00"), "size", DAY)
    assert not comparable(mine, other)


def test_attack_withheld_mean_rebuilt_from_siblings_has_no_means_to_use(client, staff, tmp_path):
    software = named("Soft", BASE)
    retail = named("Shop", [v - 2 for v in BASE])
    whale = {"Whale energy": 99.0}
    add_customers(software, "Software", 300)
    add_customers(retail, "Retail", 300)
    add_customers(whale, "Energy", 300)
    import_day(tmp_path, DAY, {**software, **retail, **whale})
    recompute(DAY)
    views = [health(client, org_id(client, name), cohort, DAY)
             for name in ("Soft 00", "Shop 00", "Whale energy") for cohort in ("all", "industry", "size")]
    assert all("mean" not in v["released"] for v in views)
    assert health(client, org_id(client, "Whale energy"), "industry", DAY)["status"] == "suppressed"


def test_attack_run_now_after_an_import_replaces_the_morning_release(client, staff, tmp_path):
    everyone = named("Customer", BASE + [v + 1 for v in BASE[:10]])
    add_customers(everyone, "Software", 300)
    add_customers({"Joiner": 95.0}, "Software", 300)
    import_day(tmp_path, DAY, everyone)
    admin = bearer("ada@vendor.test")
    assert client.post("/api/benchmarks/recompute", headers=admin).status_code == 200
    anyone = org_id(client, "Customer 00")
    morning = health(client, anyone, "all", DAY)
    assert morning["status"] == "published"
    joiner_row = {"organization_name": "Joiner", "metric": "health_score", "as_of": DAY.isoformat(), "value": 95.0}
    assert client.post("/api/metrics/snapshots", json=[joiner_row], headers=admin).status_code == 200
    assert client.post("/api/benchmarks/recompute", headers=admin).status_code == 200  # "Run now" again
    afternoon = health(client, anyone, "all", DAY)
    assert afternoon["status"] == "held" and afternoon["released"] == morning["released"]


def test_attack_day_one_against_day_three_when_day_two_changed_a_lot(client, staff, tmp_path):
    base = named("Customer", BASE)
    crowd = named("Seasonal", [50.0 + i for i in range(10)])
    add_customers({**base, **crowd, "Joiner": 0}, "Software", 300)
    # Days ten apart: each day's values are the only ones in the 7-day window.
    day1, day2, day3 = DAY - timedelta(days=20), DAY - timedelta(days=10), DAY
    import_day(tmp_path, day1, base)
    import_day(tmp_path, day2, {**base, **crowd})
    import_day(tmp_path, day3, {**base, "Joiner": 96.0})
    for day in (day1, day2, day3):
        recompute(day)
    anyone = org_id(client, "Customer 00")
    first, second, third = (health(client, anyone, "all", d) for d in (day1, day2, day3))
    assert first["status"] == second["status"] == "published"
    assert not comparable(first, third) and third["released"] == second["released"]


def test_attack_backfilled_day_is_compared_with_the_later_days_already_released(client, staff, tmp_path):
    base = named("Customer", BASE)
    add_customers({**base, "Joiner": 0}, "Software", 300)
    later, earlier = DAY, DAY - timedelta(days=10)
    import_day(tmp_path, later, {**base, "Joiner": 96.0})
    import_day(tmp_path, earlier, base)
    recompute(later)
    recompute(earlier)  # back-filled after the later day was released
    anyone = org_id(client, "Customer 00")
    shown_later, shown_earlier = health(client, anyone, "all", later), health(client, anyone, "all", earlier)
    assert shown_later["status"] == "published"
    assert not comparable(shown_later, shown_earlier)
    assert shown_earlier["status"] == "suppressed" and "earlier release" in shown_earlier["reason"]


def test_the_held_numbers_are_an_earlier_release_not_new_ones(client, staff, tmp_path):
    base = named("Customer", BASE)
    add_customers({**base, "Joiner": 0}, "Software", 300)
    import_day(tmp_path, DAY - timedelta(days=10), base)
    import_day(tmp_path, DAY, {**{k: v + 5 for k, v in base.items()}, "Joiner": 96.0})
    recompute(DAY - timedelta(days=10))
    recompute(DAY)
    anyone = org_id(client, "Customer 00")
    before, now = health(client, anyone, "all", DAY - timedelta(days=10)), health(client, anyone, "all", DAY)
    assert now["status"] == "held" and now["released"] == before["released"]
    assert now["value"] == base["Customer 00"] + 5  # the customer's own value is today's
