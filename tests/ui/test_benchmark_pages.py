"""Benchmark page handlers without a browser: roles re-checked, released numbers only in state."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from datetime import timedelta

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from sqlmodel import select

from app.db import session_scope
from app.domain.benchmarks.ingest import SnapshotRow
from app.models import MetricSnapshot, Organization, PeerBenchmark
from app.services.benchmarks import metrics
from app.services.benchmarks.compute import recompute_benchmarks
from app.ui import routes
from app.ui.pages.csm.benchmarks_org import BenchmarkState
from app.ui.pages.csm.benchmarks_print import BenchmarkPrintState
from app.ui.pages.csm.customers import CustomersState
from app.ui.state import utcnow
from tests.factories import make_org, make_user
from tests.ui.test_handler_guards import _is_redirect_to, _token

INDUSTRIES = ["Software"] * 5 + ["Healthcare"] * 3 + ["Retail"]
ENERGY = 8  # the only Energy customer: its industry cohort is suppressed


def industry(i: int) -> str:
    return "Energy" if i == ENERGY else INDUSTRIES[i % len(INDUSTRIES)]


@pytest.fixture
def world(db):
    """45 customers with two days of values that have three decimals, so no released number equals one."""
    vendor = make_org("Vendor", "Software", 300)
    make_user("cara@vendor.test", "csm", org="Vendor")
    make_user("lena@vendor.test", "learner", org="Vendor")
    today = utcnow().date()
    with session_scope() as s:
        s.get(Organization, vendor.id).is_customer = False
        orgs = [Organization(name=f"Customer {i:02d}", industry=industry(i),
                             employee_count=20 + 37 * i, created_at=utcnow()) for i in range(45)]
        s.add_all(orgs)
        s.flush()
        ids = [o.id for o in orgs]
        rows = [SnapshotRow(org_id, metric, today - timedelta(days=d), base + 1.371 * i + 0.113 * d)
                for i, org_id in enumerate(ids) for d in (1, 0)
                for metric, base in (("health_score", 20.0), ("tickets_per_100_users", 2.0))]
        metrics.upsert_snapshots(s, rows)
    for d in (1, 0):
        with session_scope() as s:
            recompute_benchmarks(session=s, as_of=today - timedelta(days=d), now=utcnow())
    return {"ids": ids, "today": today}


async def _state(cls, token: str, path: str):
    root = rx.State(_reflex_internal_init=True)
    root.router = RouterData.from_router_data({"headers": {"origin": "http://portal.test"}, "asPath": path})
    state = await root.get_state(cls)
    state.token = token
    return state


def _open(state) -> None:
    """What the browser does: load, then ask for the trends once today's charts are drawn."""
    assert "requestAnimationFrame" in str(state.load())
    assert state.load_trends(1) is None


def _browser_view(state) -> str:
    return json.dumps(state.dict(), default=str)


def _appears(number: float, text: str) -> bool:
    return re.search(r"(?<![\d.])" + re.escape(repr(number)) + r"(?!\d)", text) is not None


async def test_a_learner_is_sent_to_the_forbidden_page_by_every_handler(world):
    token = _token("lena@vendor.test")
    state = await _state(BenchmarkState, token, routes.benchmark(world['ids'][0]))
    assert _is_redirect_to(state.load(), routes.FORBIDDEN)
    assert _is_redirect_to(state.load_trends(1), routes.FORBIDDEN)
    assert _is_redirect_to(state.set_cohort("industry"), routes.FORBIDDEN)
    assert _is_redirect_to(state.download_csv(), routes.FORBIDDEN)
    assert state.panels == [] and state.trends == [] and state.training == {}
    listing = await _state(CustomersState, token, routes.CUSTOMERS)
    assert _is_redirect_to(await listing.load(), routes.FORBIDDEN)
    assert _is_redirect_to(list(listing.set_search("Customer")), routes.FORBIDDEN) and listing.rows == []
    summary = await _state(BenchmarkPrintState, token, routes.benchmark_print(world['ids'][0]))
    assert _is_redirect_to(summary.load(), routes.FORBIDDEN) and summary.panels == []
    assert _is_redirect_to(summary.print_page(), routes.FORBIDDEN)


async def test_without_a_session_the_dashboard_sends_to_sign_in(world):
    state = await _state(BenchmarkState, "forged", routes.benchmark(world['ids'][0]))
    assert _is_redirect_to(state.load(), routes.LOGIN) and state.panels == []


async def test_a_csm_sees_five_panels_trends_training_and_the_method(world):
    state = await _state(BenchmarkState, _token("cara@vendor.test"), routes.benchmark(world['ids'][7]))
    _open(state)
    assert state.org_name == "Customer 07" and state.cohort == "all" and not state.loading
    assert [p["key"] for p in state.panels] == ["health_score", "adoption_rate", "certification_rate",
                                                "tickets_per_100_users", "resolution_hours"]
    health = state.panels[0]
    assert health["has_chart"] and health["figure"]["data"] and health["rank"].endswith("among 20-49 customers")
    assert state.panels[1]["zone"] == "none" and not state.panels[1]["has_chart"]
    # Three metrics have no values at all: withheld, and said once, in the banner.
    assert state.banner["text"] == ("Seat adoption (30 days), Learners certified and Median case resolution time are "
                                    "withheld for all customers: fewer than 5 peers in this cohort.")
    assert state.banner["offer"] == ""  # no cohort of this customer has more numbers
    assert state.headline.endswith(" (3 not ranked)") and " of 2 ranked metrics " in state.headline
    assert state.switch_marks == {"all": "", "industry": "", "size": ""}
    assert len(state.trends) == 5 and state.trends[0]["has_chart"] and not state.trends_loading
    assert state.trends[0]["change"][0].startswith("Rank ")
    assert state.training["learners"] == 0 and state.methodology


async def test_the_synced_state_holds_no_peer_value_min_max_or_exact_count(world):
    viewed = world["ids"][7]
    state = await _state(BenchmarkState, _token("cara@vendor.test"), routes.benchmark(viewed))
    _open(state)
    for cohort in ("industry", "size"):
        assert "requestAnimationFrame" in str(state.set_cohort(cohort))
        state.load_trends(1)
    sent = _browser_view(state)
    with session_scope() as s:
        peer_values = set(s.exec(select(MetricSnapshot.value).where(MetricSnapshot.organization_id != viewed)).all())
        own_values = set(s.exec(select(MetricSnapshot.value).where(MetricSnapshot.organization_id == viewed)).all())
        extremes = {v for row in s.exec(select(PeerBenchmark.min, PeerBenchmark.max)).all() for v in row if v}
    leaked = {v for v in (peer_values | extremes) - own_values if _appears(v, sent)}
    assert leaked == set()
    assert _appears(sorted(own_values)[-1], sent)  # the check does find a number that is there
    assert not re.search(r'"(min|max|peer_count|members)"\s*:', sent)


async def test_switching_cohort_shows_the_industry_and_its_suppressed_metrics(world):
    energy = world["ids"][ENERGY]
    state = await _state(BenchmarkState, _token("cara@vendor.test"), routes.benchmark(energy))
    _open(state)
    state.set_cohort("industry")
    state.load_trends(1)
    assert state.cohort == "industry" and state.cohort_label == "Energy (every number withheld)"
    assert not any(t["has_chart"] for t in state.trends)
    assert state.switch_marks["industry"] == "not enough peers"  # marked before it was chosen, too
    assert state.banner == {"text": "Every peer number for peers in Energy is withheld: fewer than 5 peers in this "
                                    "cohort. All customers has numbers for 2 of 5 metrics.",
                            "offer": "all", "offer_label": "Compare with all customers"}
    assert state.headline.startswith("No metric can be ranked")
    assert state.panels[0]["rank"] == "Not ranked: the peer numbers are withheld."
    assert state.set_cohort("bogus") is None and state.cohort == "industry"
    state.set_cohort(state.banner["offer"])  # the banner's button
    assert state.cohort == "all" and state.banner["offer"] == "" and state.panels[0]["has_chart"]


async def test_the_csv_download_carries_the_released_numbers(world):
    state = await _state(BenchmarkState, _token("cara@vendor.test"), routes.benchmark(world['ids'][7]))
    _open(state)
    args = {name._js_expr: value._var_value for name, value in state.download_csv().args}
    assert args["filename"] == f"benchmarks-customer-07-all-{world['today']}.csv"
    prefix = "data:text/csv;base64,"
    assert args["url"].startswith(prefix)
    rows = list(csv.DictReader(io.StringIO(base64.b64decode(args["url"][len(prefix):]).decode())))
    health = state.panels[0]
    assert rows[0]["metric"] == "health_score" and rows[0]["status"] == "published"
    assert [f"{k['name']} {k['value']}" for k in health["knots"]][2] == f"Median {rows[0]['median'].removesuffix('.0')} points"


async def test_an_unknown_organization_shows_a_message(world):
    state = await _state(BenchmarkState, _token("cara@vendor.test"), routes.benchmark(999999))
    assert state.load() is None
    assert state.error == "No organization with id 999999." and state.panels == [] and not state.loading


async def test_the_customer_list_opens_weakest_first_a_page_at_a_time_with_the_address_following(world):
    state = await _state(CustomersState, _token("cara@vendor.test"), routes.CUSTOMERS + "?sort=name&page=2")
    assert '/customers?sort=name&page=2' in str(await state.load())  # the address says so
    assert (state.sort, state.page, state.pages) == ("name", 2, 2)
    assert state.summary == "Showing 26–45 of 45 customers" and state.rows[0]["name"] == "Customer 25"
    events = list(state.set_sort("weakest"))
    assert events[0] is None and "replaceState" in str(events[-1]) and state.page == 1
    chips = [row["chips"][0] for row in state.rows]  # health score, higher is better
    assert [c["text"] for c in chips[:2]] == ["<10th", "<10th"] and chips[0]["color"] == "red"
    assert chips[0]["title"] == "Health score: below p10 (bottom quarter)"
    list(state.set_industry("Energy"))
    assert [r["name"] for r in state.rows] == ["Customer 08"] and state.filtered
    assert '?industry=Energy"' in str(list(state.go_to_page(3))[-1])  # one page: stays on it
    list(state.set_search("nobody"))
    assert state.rows == [] and state.summary == "No customers match"
    list(state.clear_filters())
    assert len(state.rows) == 25 and not state.filtered and state.search == ""
    list(state.set_sort("name"))
    state.router = RouterData.from_router_data({"headers": {}, "asPath": routes.CUSTOMERS})
    await state.load()  # opened from the menu: the tab's order stays
    assert state.sort == "name" and state.rows[0]["name"] == "Customer 00"
    assert "peer_count" not in _browser_view(state)


async def test_the_printable_summary_loads_for_the_chosen_cohort(world):
    state = await _state(BenchmarkPrintState, _token("cara@vendor.test"),
                         routes.benchmark_print(world['ids'][7]) + "?cohort=size")
    assert state.load() is None
    assert state.org_name == "Customer 07" and state.cohort_label.startswith("201-1,000 employees")
    assert len(state.panels) == 5 and state.methodology and state.prepared
    assert state.headline and [t["key"] for t in state.trends] == [p["key"] for p in state.panels]
    assert state.trends[0]["has_chart"] and state.trends[0]["figure"]["layout"]["height"] <= 120
    assert state.training_line == "no learners from this customer use the portal yet."
    assert "window.print()" in str(state.print_page())


async def test_leaving_the_page_forgets_the_customer(world):
    state = await _state(BenchmarkState, _token("cara@vendor.test"), routes.benchmark(world['ids'][7]))
    _open(state)
    state.leave()
    assert state.panels == [] and state.trends == [] and state.org_name == "" and state.loading


async def test_opening_the_list_forgets_the_customer_opened_before(world):
    token = _token("cara@vendor.test")
    customer = await _state(BenchmarkState, token, routes.benchmark(world['ids'][7]))
    _open(customer)
    listing = await customer.get_state(CustomersState)
    assert "replaceState" in str(await listing.load())
    assert customer.panels == [] and customer.org_name == "" and customer.loading
