"""The customer list, the CSM's home, in the real browser: rows open customers, filters, orders, pages, phone."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect
from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from app.models import Organization
from app.ui import routes
from tests.e2e.conftest import open_page, sign_in
from tests.e2e.test_benchmark_dashboard import api_get

pytestmark = pytest.mark.e2e
EXTRA = 31  # with the demo's 20 customers: three pages of 25 (the last holds one)


@pytest.fixture(scope="module")
def customers(portal_db):
    """Enough customers for three pages (added without values, so no cohort changes), removed afterwards."""
    names = [f"Paging Customer {i:02d}" for i in range(EXTRA)]
    with portal_db.begin() as conn:
        conn.execute(insert(Organization), [
            {"name": name, "industry": "Retail", "employee_count": 75, "is_active": True, "is_customer": True,
             "created_at": datetime.now(timezone.utc)} for name in names])
    with Session(portal_db) as s:
        total = len(s.exec(select(Organization.id).where(Organization.is_active, Organization.is_customer)).all())
    yield {"total": total, "names": names}
    with portal_db.begin() as conn:
        conn.execute(delete(Organization).where(col(Organization.name).in_(names)))


def rows(page):
    return page.locator(".customer-row")


def names(page) -> list[str]:
    return page.locator(".customer-row .customer-name").all_text_contents()


def test_a_csm_lands_on_the_list_and_opens_a_customer_from_a_row_by_click_and_keyboard(page, portal, customers):
    sign_in(page, "csm@demo.test")
    expect(page).to_have_url(re.compile(r"/customers/?$"))
    expect(page.get_by_role("heading", name="Customers", exact=True)).to_be_visible()
    expect(page.locator("#customer-summary")).to_have_text(f"Showing 1–25 of {customers['total']} customers")
    expect(rows(page)).to_have_count(25)
    first = rows(page).first
    expect(first.locator(".rank-chip")).to_have_count(5)
    # Weakest first, as the API orders it; a chip carries its rank or words, an icon and its zone.
    assert names(page) == [r["name"] for r in api_get(portal, "/api/benchmarks/customers")["items"]]
    expect(first.locator('.rank-chip[data-zone="bottom"]').first).to_be_visible()
    expect(first.locator(".rank-chip svg").first).to_be_visible()
    name = names(page)[0]
    first.click()
    expect(page.locator("#org-name")).to_have_text(name)
    page.go_back()
    expect(rows(page).first).to_contain_text(name)
    second = names(page)[1]
    rows(page).nth(1).focus()
    assert page.evaluate("() => document.activeElement.classList.contains('customer-row')")
    page.keyboard.press("Enter")
    expect(page.locator("#org-name")).to_have_text(second)


def test_filters_narrow_the_list_and_stay_in_the_address(page, customers):
    sign_in(page, "csm@demo.test")
    expect(rows(page)).to_have_count(25)
    page.locator("#industry-filter").click()
    page.get_by_role("option", name="Retail", exact=True).click()
    expect(page).to_have_url(re.compile(r"/customers\?industry=Retail$"))
    expect(page.locator("#customer-summary")).to_contain_text("customers")
    assert all("Retail" in text for text in page.locator(".customer-row").all_text_contents())
    page.locator("#size-filter").click()
    page.get_by_role("option", name="51-200 employees", exact=True).click()
    page.locator("#customer-search").fill("paging customer 1")
    expect(rows(page)).to_have_count(10)
    expect(page).to_have_url(re.compile(r"q=paging\+customer\+1&industry=Retail&size=51-200"))
    page.reload()  # a bookmark or a reload opens the same list
    expect(page.locator("#customer-search")).to_have_value("paging customer 1")
    expect(rows(page)).to_have_count(10)


def test_the_order_follows_the_choice_and_matches_the_api(page, portal, customers):
    sign_in(page, "csm@demo.test")
    expect(rows(page)).to_have_count(25)
    for label, key in (("Name (A–Z)", "name"), ("Resolution: weakest first", "resolution_hours")):
        page.locator("#sort-order").click()
        page.get_by_role("option", name=label, exact=True).click()
        expect(page).to_have_url(re.compile(rf"sort={key}$"))
        expected = [r["name"] for r in api_get(portal, f"/api/benchmarks/customers?sort={key}")["items"]]
        expect(page.locator(".customer-row .customer-name").first).to_have_text(expected[0])
        assert names(page) == expected
        if key == "name":
            assert expected == sorted(expected)
        else:  # the lowest resolution rank first (the slowest to resolve)
            ranks = [c.get_attribute("data-zone") for c in page.locator(".rank-chip[data-metric=resolution_hours]").all()]
            assert ranks[0] == "bottom" and ranks[-1] == "none"


def test_pages_move_with_next_and_previous_and_the_page_is_in_the_address(page, portal, customers):
    sign_in(page, "csm@demo.test")
    expect(page).to_have_url(re.compile(r"/customers/?$"))
    open_page(page, routes.CUSTOMERS + "?sort=name")
    expect(rows(page)).to_have_count(25)
    page.locator("#customers-next").click()
    expect(page.locator("#customer-summary")).to_have_text(f"Showing 26–50 of {customers['total']} customers")
    expect(page).to_have_url(re.compile(r"sort=name&page=2$"))
    expected = api_get(portal, "/api/benchmarks/customers?sort=name&page=2")["items"]
    expect(page.locator(".customer-row .customer-name").first).to_have_text(expected[0]["name"])
    page.locator("#customers-next").click()
    expect(rows(page)).to_have_count(customers["total"] - 50)
    expect(page.locator("#customers-next")).to_be_disabled()
    page.locator("#customers-previous").click()
    expect(page.locator("#customer-summary")).to_contain_text("Showing 26–50")


def test_an_empty_result_says_so_and_clear_filters_brings_the_list_back(page, customers):
    sign_in(page, "csm@demo.test")
    expect(rows(page)).to_have_count(25)
    page.locator("#customer-search").fill("no customer is called this")
    expect(page.locator("#empty-list")).to_contain_text("No customers match these filters.")
    expect(rows(page)).to_have_count(0)
    page.get_by_role("button", name="Clear filters").click()
    expect(rows(page)).to_have_count(25)
    expect(page.locator("#customer-search")).to_have_value("")
    expect(page).to_have_url(re.compile(r"/customers$"))


def test_on_a_phone_the_rows_wrap_without_a_sideways_scroll_and_open_on_tap(browser, portal, customers):
    context = browser.new_context(base_url=portal, viewport={"width": 390, "height": 800}, is_mobile=True,
                                  has_touch=True)
    phone = context.new_page()
    try:
        phone.set_default_timeout(20_000)
        sign_in(phone, "csm@demo.test")
        expect(rows(phone)).to_have_count(25)
        assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
        for index in range(3):
            box = rows(phone).nth(index).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390
            for chip in rows(phone).nth(index).locator(".rank-chip").all():
                chip_box = chip.bounding_box()
                assert box["x"] <= chip_box["x"] and chip_box["x"] + chip_box["width"] <= box["x"] + box["width"]
        name = names(phone)[0]
        rows(phone).first.tap()
        expect(phone.locator("#org-name")).to_have_text(name)
    finally:
        context.close()
