"""The page shell: one header row on a phone with everything in a menu, the full bar on a desktop,
and the brand mark as the browser's icon."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from app.ui.layout import NAV_BY_ROLE

pytestmark = pytest.mark.e2e


@pytest.fixture
def phone(browser, portal):
    context = browser.new_context(base_url=portal, viewport={"width": 390, "height": 800}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.mark.parametrize("email, role", [("admin@demo.test", "admin"), ("csm@demo.test", "csm"),
                                         ("learner@demo.test", "learner")])
def test_on_a_phone_the_header_is_one_row_and_the_menu_holds_the_links_and_sign_out(phone, email, role):
    sign_in(phone, email)
    expect(phone.locator("#nav-menu-button")).to_be_visible()
    header = phone.locator("#site-header").bounding_box()
    assert header["height"] < 72, "brand and menu button on one row"
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    expect(phone.get_by_role("button", name="Sign out")).to_be_hidden()
    phone.locator("#nav-menu-button").click()
    menu = phone.get_by_role("menu")
    for label, _href in NAV_BY_ROLE[role]:
        expect(menu.get_by_role("menuitem", name=label, exact=True)).to_be_visible()
    label, href = NAV_BY_ROLE[role][-1]
    menu.get_by_role("menuitem", name=label, exact=True).click()
    expect(phone).to_have_url(re.compile(re.escape(href) + "/?$"))
    # The menu closes as the link is followed; opening it again before then would close it instead.
    expect(menu).to_be_hidden()
    phone.locator("#nav-menu-button").click()
    phone.get_by_role("menuitem", name="Sign out").click()
    expect(phone).to_have_url(re.compile(r"/login/?$"))


def test_on_a_desktop_the_links_and_the_user_are_in_the_bar(page):
    sign_in(page, "admin@demo.test")
    expect(page.locator("#nav-menu-button")).to_be_hidden()
    for label, _href in NAV_BY_ROLE["admin"]:
        expect(page.locator("#site-header").get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_the_brand_mark_is_the_page_icon(page):
    page.goto("/verify")
    icons = page.locator("link[rel='icon']")
    expect(icons).to_have_attribute("href", "/favicon.svg")
    response = page.request.get("/favicon.svg")
    assert response.ok and "<svg" in response.text()
    assert page.request.get("/favicon.ico").ok
    expect(page.locator("img[src='/brand-mark.svg']").first).to_be_visible()
