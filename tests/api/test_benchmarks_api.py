from datetime import timedelta

import pytest
from sqlmodel import func, select

from app.db import session_scope
from app.models import MetricSnapshot
from tests.api.conftest import bearer
from tests.conftest import NOW
from tests.services.test_benchmarks import add_orgs, add_values, recompute

DAY = NOW.date()


@pytest.fixture
def peers(people):
    ids = add_orgs(40, start=100)
    for offset in (1, 0):
        add_values(ids + [people["acme"].id], DAY - timedelta(days=offset))
    recompute(DAY - timedelta(days=1))
    recompute(DAY)
    return ids


def test_learners_are_refused_benchmarks(client, peers):
    learner = bearer("lena@acme.test")
    for path in ("/api/benchmarks/cohorts", f"/api/benchmarks/organizations/{peers[0]}",
                 f"/api/benchmarks/organizations/{peers[0]}/history?metric=health_score"):
        assert client.get(path, headers=learner).status_code == 403, path


def test_cohorts_list_bands_and_the_latest_date(client, peers):
    cohorts = client.get("/api/benchmarks/cohorts", headers=bearer("cara@vendor.test")).json()
    everyone = next(c for c in cohorts if c["kind"] == "all")
    assert everyone["peer_count_band"] == "20-49" and everyone["as_of"] == DAY.isoformat()
    assert len(cohorts) == 13


def test_organization_view_carries_only_released_numbers_and_a_rank(client, people, peers):
    response = client.get(f"/api/benchmarks/organizations/{people['acme'].id}?cohort=all",
                          headers=bearer("cara@vendor.test"))
    assert response.status_code == 200
    body = response.json()
    assert body["organization"]["name"] == "Acme Health" and body["cohort"]["kind"] == "all"
    health = next(m for m in body["metrics"] if m["key"] == "health_score")
    assert health["status"] == "published" and health["value"] == 41.0
    assert (health["rank"], health["rank_label"]) == (5, "below p10")  # the lowest value of 41
    assert set(health["released"]) == {"p10", "p25", "median", "p75", "p90"}
    assert '"min"' not in response.text and '"max"' not in response.text and "peer_count\"" not in response.text
    missing = next(m for m in body["metrics"] if m["key"] == "adoption_rate")
    assert missing["status"] == "suppressed" and missing["reason"] and missing["released"] == {}


def test_history_lists_each_day(client, people, peers):
    points = client.get(f"/api/benchmarks/organizations/{people['acme'].id}/history",
                        params={"metric": "health_score", "cohort": "all", "days": 90},
                        headers=bearer("cara@vendor.test")).json()
    assert [p["as_of"] for p in points] == [(DAY - timedelta(days=1)).isoformat(), DAY.isoformat()]
    assert all(p["value"] is not None and "median" in p["released"] for p in points)


@pytest.mark.parametrize("query, message", [("?cohort=galaxy", "Unknown cohort"),
                                            ("?cohort=industry&cohort=size", "one cohort at a time")])
def test_bad_cohort_filters_are_422(client, people, peers, query, message):
    response = client.get(f"/api/benchmarks/organizations/{people['acme'].id}{query}", headers=bearer("cara@vendor.test"))
    assert response.status_code == 422 and message in response.json()["detail"]


def test_unknown_organization_and_metric(client, peers):
    csm = bearer("cara@vendor.test")
    assert client.get("/api/benchmarks/organizations/999999", headers=csm).status_code == 404
    bad = client.get(f"/api/benchmarks/organizations/{peers[0]}/history?metric=joy", headers=csm)
    assert bad.status_code == 422 and "Unknown metric" in bad.json()["detail"]


def test_recompute_is_for_admins_and_returns_the_job_run(client, peers):
    assert client.post("/api/benchmarks/recompute", headers=bearer("cara@vendor.test")).status_code == 403
    response = client.post("/api/benchmarks/recompute", headers=bearer("ada@vendor.test"))
    assert response.status_code == 200
    run = response.json()
    assert run["job"] == "nightly-benchmarks" and run["status"] == "succeeded" and run["slot"].startswith("manual-")


def test_snapshot_upload_lists_every_bad_row_and_saves_nothing(client, people):
    admin = bearer("ada@vendor.test")
    rows = [
        {"organization_name": "Acme Health", "metric": "health_score", "as_of": "2026-06-01", "value": 70},
        {"organization_name": "Nobody Inc", "metric": "health_score", "as_of": "2026-06-01", "value": 70},
        {"organization_id": people["acme"].id, "metric": "adoption_rate", "as_of": "2030-01-01", "value": 50},
    ]
    bad = client.post("/api/metrics/snapshots", headers=admin, json=rows)
    assert bad.status_code == 422
    assert "row 2: unknown organization 'Nobody Inc'" in bad.json()["detail"]
    assert "row 3: as_of 2030-01-01 is in the future" in bad.json()["detail"]
    with session_scope() as s:
        assert s.exec(select(func.count(MetricSnapshot.id))).one() == 0
    good = client.post("/api/metrics/snapshots", headers=admin, json=rows[:1])
    assert good.status_code == 200 and good.json()["rows"] == 1
    assert client.post("/api/metrics/snapshots", headers=bearer("cara@vendor.test"), json=rows[:1]).status_code == 403


def test_training_and_health_side_by_side_has_released_medians_and_the_customers_band(client, people, peers):
    from tests.services.test_training_health import add

    add({i: 10.0 * (k % 10) for k, i in enumerate(peers)} | {people["acme"].id: 80.0}, "certification_rate")
    recompute(DAY)
    path = f"/api/benchmarks/organizations/{people['acme'].id}/training-health"
    assert client.get(path, headers=bearer("lena@acme.test")).status_code == 403
    response = client.get(path, headers=bearer("cara@vendor.test"))
    assert response.status_code == 200
    body = response.json()
    assert (body["band"], body["certification_rate"], body["as_of"]) == ("75-100", 80.0, DAY.isoformat())
    health = next(m for m in body["metrics"] if m["key"] == "health_score")
    assert health["value"] == 41.0 and [b["key"] for b in health["bands"]] == ["0-25", "25-50", "50-75", "75-100"]
    assert all(b["status"] in ("published", "suppressed", "held") for b in health["bands"])
    shown = [b for b in health["bands"] if b["status"] == "published"]
    assert shown and all(b["median"] is not None and b["peer_count_band"] for b in shown)
    assert '"min"' not in response.text and '"max"' not in response.text and "peer_count\"" not in response.text
    assert client.get("/api/benchmarks/organizations/99999/training-health",
                      headers=bearer("cara@vendor.test")).status_code == 404
