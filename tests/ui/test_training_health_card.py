"""The training-and-health card without a browser: roles re-checked, released numbers only in state."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from sqlmodel import select

from app.db import session_scope
from app.domain.benchmarks.ingest import SnapshotRow
from app.models import MetricSnapshot, Organization
from app.services.benchmarks import metrics
from app.services.benchmarks.compute import recompute_benchmarks
from app.ui import routes
from app.ui.pages.csm.training_health import TrainingHealthState
from app.ui.state import utcnow
from tests.factories import make_org, make_user
from tests.ui.test_handler_guards import _is_redirect_to, _token


@pytest.fixture
def world(db):
    """40 customers with values of three decimals (so no released number equals one); 30 have learners."""
    make_org("Vendor", "Software", 300)
    make_user("cara@vendor.test", "csm", org="Vendor")
    make_user("lena@vendor.test", "learner", org="Vendor")
    today = utcnow().date()
    with session_scope() as s:
        orgs = [Organization(name=f"Customer {i:02d}", industry=("Software", "Retail", "Healthcare", "Education")[i % 4],
                             employee_count=20 + 37 * i, created_at=utcnow()) for i in range(40)]
        s.add_all(orgs)
        s.flush()
        ids = [o.id for o in orgs]
        rows = [SnapshotRow(org_id, metric, today, base + 1.371 * i + 0.113)
                for i, org_id in enumerate(ids)
                for metric, base in (("health_score", 20.0), ("tickets_per_100_users", 2.0), ("resolution_hours", 5.0))]
        rows += [SnapshotRow(org_id, "certification_rate", today, (10.0, 40.0, 90.0)[i % 3] + 0.117)
                 for i, org_id in enumerate(ids[:30])]
        metrics.upsert_snapshots(s, rows)
    with session_scope() as s:
        recompute_benchmarks(session=s, as_of=today, now=utcnow())
    return {"ids": ids, "today": today}


async def _state(token: str, path: str) -> TrainingHealthState:
    root = rx.State(_reflex_internal_init=True)
    root.router = RouterData.from_router_data({"headers": {"origin": "http://portal.test"}, "asPath": path})
    state = await root.get_state(TrainingHealthState)
    state.token = token
    return state


def _page(organization_id: int) -> str:
    return routes.BENCHMARK.replace("[org_id]", str(organization_id))


async def test_a_learner_is_refused_by_every_handler(world):
    state = await _state(_token("lena@vendor.test"), _page(world["ids"][0]))
    assert _is_redirect_to(state.load(), routes.FORBIDDEN)
    assert state.metrics == [] and state.summary == []
    state.leave()
    assert state.metrics == []


async def test_without_a_session_it_sends_to_sign_in(world):
    state = await _state("forged", _page(world["ids"][0]))
    assert _is_redirect_to(state.load(), routes.LOGIN) and state.metrics == []


async def test_a_csm_sees_three_metrics_across_the_bands_and_the_customers_band(world):
    state = await _state(_token("cara@vendor.test"), _page(world["ids"][1]))
    assert state.load() is None and not state.loading and state.error == ""
    assert "40.1% of its active learners certified" in state.customer and "25 to under 50 %" in state.customer
    assert [m["key"] for m in state.metrics] == ["health_score", "tickets_per_100_users", "resolution_hours"]
    health = state.metrics[0]
    assert health["has_chart"] and [r["mine"] for r in health["rows"]] == [False, True, False, False]
    assert health["rows"][2]["median"] == "not shown"  # nobody between 50 and 75 %
    assert any("50 to under 75 % certified: fewer than 5 peers" in line for line in state.withheld)
    assert [row["label"] for row in state.summary] == ["Health", "Tickets", "Resolution"]
    assert state.summary_header == ["Median by share certified", "under 25 %", "◆ 25–50 %", "50–75 %", "75 % +",
                                    "This customer"]
    state.leave()
    assert state.metrics == [] and state.loading


async def test_the_summary_reads_the_id_from_its_own_path(world):
    path = routes.BENCHMARK_PRINT.replace("[org_id]", str(world["ids"][35]))
    state = await _state(_token("cara@vendor.test"), path)
    state.load()
    assert "no active learners" in state.customer and state.summary_header[-1] == "This customer"
    assert not any(name.startswith("◆") for name in state.summary_header)


async def test_the_synced_state_holds_no_peer_value_or_exact_count(world):
    viewed = world["ids"][4]
    state = await _state(_token("cara@vendor.test"), _page(viewed))
    state.load()
    sent = json.dumps(state.dict(), default=str)
    with session_scope() as s:
        peer_values = set(s.exec(select(MetricSnapshot.value).where(MetricSnapshot.organization_id != viewed)).all())
        own_values = set(s.exec(select(MetricSnapshot.value).where(MetricSnapshot.organization_id == viewed)).all())

    def appears(number: float) -> bool:
        return re.search(r"(?<![\d.])" + re.escape(repr(number)) + r"(?!\d)", sent) is not None

    assert {v for v in peer_values - own_values if appears(v)} == set()
    assert appears(20.0 + 1.371 * 4 + 0.113)  # the check finds a number that is there: its own health score
    assert not re.search(r'"(min|max|peer_count|members)"\s*:', sent)
