"""Uploads over REST keep each organization's latest values with the history."""

from datetime import timedelta

from app.domain.benchmarks.metrics import METRICS
from tests.api.conftest import bearer
from tests.conftest import NOW
from tests.services.test_latest_values import assert_latest_matches_history


def test_rest_uploads_keep_the_latest_values(client, people):
    day = NOW.date()
    rows = [{"organization_name": "Acme Health", "metric": m.key, "as_of": str(day - timedelta(days=d)), "value": 10 + d}
            for m in METRICS for d in (3, 0, 1)]
    assert client.post("/api/metrics/snapshots", headers=bearer("ada@vendor.test"), json=rows).status_code == 200
    later = [{"organization_name": "Globex Retail", "metric": "health_score", "as_of": str(day), "value": 50},
             {"organization_name": "Acme Health", "metric": "health_score", "as_of": str(day - timedelta(days=9)),
              "value": 99}]
    assert client.post("/api/metrics/snapshots", headers=bearer("ada@vendor.test"), json=later).status_code == 200
    assert_latest_matches_history()
