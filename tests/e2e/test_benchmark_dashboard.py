"""A CSM's customer page in the real browser: charts read at a glance, cohorts, the withheld banner, CSV, privacy,
the one-page review summary, a phone."""

from __future__ import annotations

import csv
import json
import re
import urllib.request
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, func, select

from app.domain.benchmarks.zones import ZONES
from app.models import MetricSnapshot, Organization, PeerBenchmark
from app.ui import routes
from tests.e2e.conftest import open_page, sign_in
from tests.e2e.test_accessibility_and_secrets import axe_violations

pytestmark = pytest.mark.e2e
KNOTS = ("p10", "p25", "median", "p75", "p90")
ZONE_HEX = {zone.key: zone.hex for zone in ZONES}
# Each band chart's figure as plotly holds it in the page: the data, not the pixels.
FIGURES = """() => [...document.querySelectorAll('.metric-panel')].map(panel => {
  const graph = panel.querySelector('.band-chart .js-plotly-plot');
  const marker = graph && graph.data.find(t => t.name === 'this customer');
  return {metric: panel.dataset.metric, zone: panel.dataset.zone,
          chip: panel.querySelector('.rank-chip').dataset.zone, chip_text: panel.querySelector('.rank-chip').textContent,
          range: graph && graph.layout.xaxis.range, title: graph && graph.layout.xaxis.title.text,
          color: marker ? marker.marker.color : null, order: graph ? graph.data.map(t => t.name) : []};
})"""
LOWER_IS_BETTER = {"tickets_per_100_users", "resolution_hours"}


@pytest.fixture(scope="module")
def small_industry_customer(portal_db) -> dict:
    """A demo customer whose industry cohort is suppressed on the latest release."""
    with Session(portal_db) as s:
        day = s.exec(select(func.max(PeerBenchmark.as_of))).one()
        suppressed = set(s.exec(select(PeerBenchmark.cohort_value).where(
            PeerBenchmark.as_of == day, PeerBenchmark.cohort_kind == "industry",
            PeerBenchmark.metric == "health_score", PeerBenchmark.status == "suppressed")).all())
        org = s.exec(select(Organization).where(Organization.industry.in_(suppressed), Organization.is_customer)
                     .order_by(Organization.name)).first()
        reason = s.exec(select(PeerBenchmark.reason).where(
            PeerBenchmark.as_of == day, PeerBenchmark.cohort_kind == "industry", PeerBenchmark.cohort_value == org.industry,
            PeerBenchmark.metric == "health_score")).one()
        published_for_all = s.exec(select(func.count(PeerBenchmark.id)).where(
            PeerBenchmark.as_of == day, PeerBenchmark.cohort_kind == "all", PeerBenchmark.status == "published")).one()
    return {"id": org.id, "name": org.name, "industry": org.industry, "reason": reason, "day": day,
            "charts_for_all": published_for_all}


def api_get(portal: str, path: str):
    login = urllib.request.Request(f"{portal}/api/auth/login", method="POST",
                                   data=json.dumps({"email": "csm@demo.test", "password": "demo-password"}).encode(),
                                   headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(login) as response:
        token = json.load(response)["token"]
    request = urllib.request.Request(f"{portal}{path}", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def api_day(portal: str) -> str:
    return next(c["as_of"] for c in api_get(portal, "/api/benchmarks/cohorts") if c["kind"] == "all")


def open_customer_page(page, customer: dict, cohort: str = "") -> None:
    """Straight to the customer's page, once signing in has landed on the home page."""
    expect(page).to_have_url(re.compile(re.escape(routes.home_for_role("csm")) + "/?$"))
    open_page(page, routes.benchmark(customer["id"]) + (f"?cohort={cohort}" if cohort else ""))
    expect(page.locator("#org-name")).to_have_text(customer["name"])


def expect_drawn(page, charts: str, count: int) -> None:
    """``count`` charts matching ``charts``, each drawn by plotly."""
    expect(page.locator(charts)).to_have_count(count)
    for chart in range(count):
        expect(page.locator(charts).nth(chart).locator("svg.main-svg").first).to_be_visible()


def open_customer(page, name: str) -> None:
    """From the customer list (the CSM's home): search, then open the one row."""
    page.get_by_role("link", name="Customers", exact=True).click()
    expect(page).to_have_url(re.compile(r"/customers(\?.*)?$"))
    page.locator("#customer-search").fill(name)
    expect(page.locator(".customer-row")).to_have_count(1)
    page.locator(".customer-row", has_text=name).click()
    expect(page.locator("#org-name")).to_have_text(name)


def test_a_csm_sees_the_headline_charts_switches_cohort_and_meets_a_suppressed_metric(page, small_industry_customer):
    customer = small_industry_customer
    sign_in(page, "csm@demo.test")
    open_customer_page(page, customer)
    expect(page.locator(".metric-panel")).to_have_count(5)
    assert customer["charts_for_all"] == 5  # the demo releases every metric for all customers
    expect_drawn(page, ".metric-panel .band-chart", 5)
    expect(page.locator("#headline")).to_contain_text(re.compile(r"of 5 metrics in the bottom quarter|No metric in the "
                                                                 r"bottom quarter; weakest: "))
    expect(page.locator("#cohort-label")).to_contain_text("All customers")
    expect(page.locator("#withheld-banner")).to_have_count(0)
    expect(page.locator(".metric-panel").first).to_contain_text(re.compile(r"(percentile|median|top|bottom).*customers"))
    expect(page.locator(".trend-panel .fan-chart .main-svg").first).to_be_visible()
    expect(page.locator(".trend-panel .trend-caption").first).to_contain_text(re.compile(
        r"^(Rank (rose|fell) from \d+\w\w to \d+\w\w percentile|Rank held at the \d+\w\w percentile|No rank change)"))

    # The industry cohort is marked as having no numbers before it is chosen.
    industry = page.get_by_role("radio", name="Same industry — not enough peers")
    expect(industry).to_have_count(1)
    industry.click()
    expect(page.locator("#cohort-label")).to_have_text(f"{customer['industry']} (every number withheld)")
    banner = page.locator("#withheld-banner")
    expect(banner).to_contain_text(f"Every peer number for peers in {customer['industry']} is withheld: "
                                   f"{customer['reason']}.")
    # Said once for the page, in the banner, not on every card (the training-and-health card below
    # speaks of its own cohorts, the bands of certification rate, and may give the same reason for one).
    expect(banner.get_by_text(customer["reason"])).to_have_count(1)
    for cards in ("#metric-panels", "#trend-panels"):
        expect(page.locator(cards).get_by_text(customer["reason"])).to_have_count(0)
    health = page.locator(".metric-panel", has_text="Health score")
    expect(health).to_contain_text("Not ranked: the peer numbers are withheld.")
    expect(health.locator(".band-chart")).to_have_count(0)
    expect(health.locator(".rank-chip")).to_have_text("Withheld")
    page.locator("#withheld-offer").click()  # "Compare with all customers"
    expect(page.locator("#cohort-label")).to_contain_text("All customers")
    expect(page.get_by_role("radio", name="All customers")).to_be_checked()
    expect(banner).to_have_count(0)
    page.get_by_role("radio", name="Same size range").click()
    expect(page.locator("#cohort-label")).to_contain_text("employees")


def test_axes_run_towards_better_and_the_customer_takes_its_zone_colour(page, small_industry_customer):
    sign_in(page, "csm@demo.test")
    open_customer_page(page, small_industry_customer)
    expect_drawn(page, ".metric-panel .band-chart", 5)
    figures = page.evaluate(FIGURES)
    assert [f["metric"] for f in figures] == ["health_score", "adoption_rate", "certification_rate",
                                              "tickets_per_100_users", "resolution_hours"]
    for figure in figures:
        low_to_high = figure["range"][0] < figure["range"][1]
        assert low_to_high == (figure["metric"] not in LOWER_IS_BETTER), figure
        assert figure["title"].endswith(("higher is better →", "fewer is better →")), figure
        assert figure["zone"] == figure["chip"] != "none"
        assert figure["color"] == ZONE_HEX[figure["zone"]], figure
        assert figure["order"].index("median") > figure["order"].index("this customer")
        words = {"bottom": "Bottom quarter", "below": "Below median", "above": "Median or above"}[figure["zone"]]
        assert figure["chip_text"].startswith(words) or "median" in figure["chip_text"].lower(), figure


def test_the_downloaded_csv_carries_the_same_numbers_as_the_api(page, portal, small_industry_customer):
    customer = small_industry_customer
    sign_in(page, "csm@demo.test")
    open_customer_page(page, customer)
    page.get_by_role("radio", name="Same size range").click()
    expect(page.locator("#cohort-label")).to_contain_text("employees")
    with page.expect_download() as download:
        page.locator("#download-csv").click()
    assert re.fullmatch(rf"benchmarks-[a-z0-9-]+-size-{api_day(portal)}\.csv", download.value.suggested_filename)
    with open(download.value.path(), newline="") as handle:
        rows = list(csv.DictReader(handle))
    api = api_get(portal, f"/api/benchmarks/organizations/{customer['id']}?cohort=size")
    assert [r["metric"] for r in rows] == [m["key"] for m in api["metrics"]]
    for row, metric in zip(rows, api["metrics"]):
        assert row["status"] == metric["status"] and row["rank_label"] == metric["rank_label"]
        assert row["cohort"] == api["cohort"]["label"] and row["as_of"] == api["as_of"]
        for name in KNOTS:
            expected = metric["released"].get(name)
            assert (float(row[name]) if row[name] else None) == expected, (metric["key"], name)
        assert (float(row["value"]) if row["value"] else None) == metric["value"]
        assert (int(row["rank"]) if row["rank"] else None) == metric["rank"]
    assert "min" not in rows[0] and "max" not in rows[0] and "peer_count" not in rows[0]


def test_no_peer_value_min_or_max_reaches_the_browser(page, portal_db, small_industry_customer):
    customer = small_industry_customer
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(str(payload))))
    sign_in(page, "csm@demo.test")
    open_customer_page(page, customer)
    expect(page.locator(".trend-panel .fan-chart .main-svg").first).to_be_visible()
    for cohort in ("Same industry", "Same size range"):
        page.get_by_role("radio", name=cohort).click()
        page.wait_for_timeout(300)
    expect(page.locator(".trend-panel .fan-chart .main-svg").first).to_be_visible()
    sent = "\n".join(frames)
    with Session(portal_db) as s:
        since = customer["day"] - timedelta(days=100)
        values = s.exec(select(MetricSnapshot.organization_id, MetricSnapshot.value)
                        .where(MetricSnapshot.as_of > since)).all()
        extremes = {v for row in s.exec(select(PeerBenchmark.min, PeerBenchmark.max)).all() for v in row if v}
    own = {v for org_id, v in values if org_id == customer["id"]}
    # Raw values have two decimals; released numbers and axis ends at most one, so a match is a leak.
    secrets = {v for org_id, v in values if org_id != customer["id"]} | extremes
    secrets = {v for v in secrets - own if round(v * 100) % 10}
    assert len(secrets) > 100
    leaked = [v for v in secrets if re.search(r"(?<![\d.])" + re.escape(repr(v)) + r"(?!\d)", sent)]
    assert leaked == []
    assert any(repr(v) in sent for v in own)  # the customer's own numbers do arrive
    assert not re.search(r'\\?"(min|max|peer_count|members)\\?"\s*:', sent)


def test_a_learner_is_told_the_dashboard_is_not_for_them(page, small_industry_customer):
    sign_in(page, "learner@demo.test")
    expect(page).to_have_url(re.compile(r"/tracks/?$"))
    open_page(page, routes.benchmark(small_industry_customer["id"]))
    expect(page).to_have_url(re.compile(r"/forbidden/?$"))
    expect(page.get_by_text("You do not have access to that page")).to_be_visible()
    expect(page.locator(".metric-panel")).to_have_count(0)


def test_the_review_summary_fits_one_a4_page_with_headline_bands_trends_and_method(page, small_industry_customer):
    sign_in(page, "csm@demo.test")
    open_customer_page(page, small_industry_customer)
    headline = page.locator("#headline").text_content()
    page.locator("#print-summary").click()
    summary = routes.benchmark_print(small_industry_customer["id"])
    expect(page).to_have_url(re.compile(re.escape(summary) + r"\?cohort=all$"))
    expect(page.locator("#org-name")).to_have_text(small_industry_customer["name"])
    expect(page.locator("#masthead")).to_contain_text("Success Portal")
    expect(page.locator("#masthead img")).to_have_attribute("src", re.compile(r"brand-mark\.svg$"))
    expect(page.locator("#prepared")).not_to_be_empty()
    expect(page.locator("#headline")).to_have_text(headline)
    expect(page.locator(".print-row")).to_have_count(5)
    expect(page.locator(".print-row .rank-chip")).to_have_count(5)
    expect(page.locator(".small-multiple")).to_have_count(5)
    expect(page.locator(".small-multiple .trend-caption").first).not_to_be_empty()
    expect(page.locator("#training-line")).to_contain_text("Training:")
    expect(page.locator("#methodology")).to_contain_text("type 7")
    expect_drawn(page, ".print-row .band-chart", 5)
    expect_drawn(page, ".small-multiple .fan-chart", 5)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_the_benchmark_pages_have_no_serious_accessibility_violations(page, small_industry_customer):
    sign_in(page, "csm@demo.test")
    open_customer(page, small_industry_customer["name"])
    expect(page.locator(".trend-panel .fan-chart .main-svg").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Customers", exact=True).click()
    expect(page.locator(".customer-row").first).to_be_visible()
    page.mouse.move(0, 400)  # not hovering the link just clicked
    assert axe_violations(page) == []


def test_on_a_phone_the_page_fits_390_px_and_the_charts_stay_readable(browser, portal, small_industry_customer):
    context = browser.new_context(base_url=portal, viewport={"width": 390, "height": 844})
    phone = context.new_page()
    try:
        phone.set_default_timeout(20_000)
        sign_in(phone, "csm@demo.test")
        open_customer_page(phone, small_industry_customer)
        panels = phone.locator(".metric-panel")
        expect(panels).to_have_count(5, timeout=20_000)
        expect(phone.locator(".trend-panel .fan-chart .main-svg").first).to_be_visible()
        first, second = panels.nth(0).bounding_box(), panels.nth(1).bounding_box()
        assert second["y"] >= first["y"] + first["height"] and first["width"] > 320  # stacked, full width
        for chart in (".metric-panel .band-chart", ".trend-panel .fan-chart"):
            assert phone.locator(chart).first.bounding_box()["width"] >= 300  # as wide as the phone allows
        switch = phone.locator("#cohort-switch").bounding_box()
        assert switch["x"] >= 0 and switch["x"] + switch["width"] <= 390
        expect(phone.locator("#headline")).to_be_visible()
        assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
