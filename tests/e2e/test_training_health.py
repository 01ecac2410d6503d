"""Training and health side by side in the real browser: the card on the customer page, the table in the
summary, and no other customer's raw value in the websocket traffic."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, func, select

from app.domain.benchmarks.certification_bands import band_for
from app.models import LatestMetricValues, MetricSnapshot, Organization, PeerBenchmark, TrainingHealthBand
from app.ui import routes
from tests.e2e.conftest import open_page, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def trained_customer(portal_db) -> dict:
    """A demo customer with learners whose band has a health-score median to show on the latest day."""
    with Session(portal_db) as s:
        day = s.exec(select(func.max(TrainingHealthBand.as_of))).one()
        shown = set(s.exec(select(TrainingHealthBand.band).where(
            TrainingHealthBand.as_of == day, TrainingHealthBand.metric == "health_score",
            TrainingHealthBand.median.is_not(None))).all())
        rows = s.exec(select(Organization.id, Organization.name, LatestMetricValues.certification_rate)
                      .join(LatestMetricValues, LatestMetricValues.organization_id == Organization.id)
                      .where(LatestMetricValues.certification_rate.is_not(None))
                      .order_by(Organization.name)).all()
    org_id, name, rate = next(r for r in rows if band_for(r[2]).key in shown)
    return {"id": org_id, "name": name, "band": band_for(rate), "day": day}


def _sign_in_as_csm(page) -> None:
    sign_in(page, "csm@demo.test")
    expect(page).not_to_have_url(re.compile(r"/login/?$"))  # signed in: opening a page now keeps the session


def _path(template: str, organization_id: int) -> str:
    return template.replace("[org_id]", str(organization_id))


def test_the_card_shows_on_the_customer_page_and_the_table_in_the_summary(page, trained_customer):
    customer = trained_customer
    _sign_in_as_csm(page)
    open_page(page, _path(routes.BENCHMARK, customer["id"]))
    expect(page.locator("#org-name")).to_have_text(customer["name"])
    card = page.locator("#training-health")
    expect(card.locator("#association-note")).to_contain_text("Shows association, not cause")
    expect(card.locator(".training-health-metric")).to_have_count(3)
    expect(card.locator("#training-health-customer")).to_contain_text(f"in the band {customer['band'].label}")
    health = card.locator('.training-health-metric[data-metric="health_score"]')
    expect(health.locator(".band-medians-chart .main-svg").first).to_be_visible()
    expect(health.locator(".comparison")).to_contain_text(re.compile(r"points, (better than|worse than|at) its band"))
    expect(health.locator(".band-row").filter(has_text="◆")).to_have_count(1)

    open_page(page, _path(routes.BENCHMARK_PRINT, customer["id"]))
    summary = page.locator("#training-health")
    expect(summary.locator("tbody tr")).to_have_count(3)  # health, tickets, resolution
    expect(summary.locator("thead th").last).to_have_text("This customer")
    expect(summary.locator("thead th").filter(has_text="◆")).to_have_text(f"◆ {customer['band'].short}")
    expect(summary).to_contain_text("Shows association, not cause")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1  # the review still fits one page


def test_no_other_customers_value_reaches_the_browser_with_the_card(page, portal_db, trained_customer):
    customer = trained_customer
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(str(payload))))
    _sign_in_as_csm(page)
    open_page(page, _path(routes.BENCHMARK, customer["id"]))
    expect(page.locator("#training-health .band-medians-chart .main-svg").first).to_be_visible()
    open_page(page, _path(routes.BENCHMARK_PRINT, customer["id"]))
    expect(page.locator("#training-health tbody tr")).to_have_count(3)
    sent = "\n".join(frames)
    with Session(portal_db) as s:
        values = s.exec(select(MetricSnapshot.organization_id, MetricSnapshot.value)
                        .where(MetricSnapshot.as_of > customer["day"] - timedelta(days=100))).all()
        extremes = {v for row in s.exec(select(PeerBenchmark.min, PeerBenchmark.max)).all() for v in row if v}
    own = {v for org_id, v in values if org_id == customer["id"]}
    # Raw values have two decimals; released numbers and axis ends at most one, so a match is a leak.
    secrets = {v for v in ({v for org_id, v in values if org_id != customer["id"]} | extremes) - own
               if round(v * 100) % 10}
    assert len(secrets) > 100
    assert [v for v in secrets if re.search(r"(?<![\d.])" + re.escape(repr(v)) + r"(?!\d)", sent)] == []
    assert "of its active learners certified" in sent  # the card's own data did arrive
    assert not re.search(r'\\?"(min|max|peer_count|members)\\?"\s*:', sent)
