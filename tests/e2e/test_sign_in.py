"""Signing in through the real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, sign_in

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    "email, home, heading",
    [
        ("learner@demo.test", "/tracks", "My training tracks"),
        ("csm@demo.test", "/customers", "Customers"),
        ("admin@demo.test", "/admin/users", "Users"),
    ],
)
def test_each_role_signs_in_and_lands_on_its_home_page(page, email, home, heading):
    sign_in(page, email)
    expect(page).to_have_url(re.compile(re.escape(home) + "/?$"))
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator("#signed-in-user")).not_to_have_text("")


def test_the_learner_home_shows_tracks_with_progress(page):
    sign_in(page, "learner@demo.test")
    # The three demo tracks (other tests may publish more in this shared database).
    for title in ("Customer Success Foundations", "Data Protection Essentials", "Secure Account Administration"):
        expect(page.locator(".track-card", has_text=title)).to_have_count(1)
    expect(page.get_by_text("Customer Success Foundations")).to_be_visible()
    expect(page.get_by_text(re.compile(r"\d of \d courses passed")).first).to_be_visible()


def test_a_wrong_password_shows_a_clear_error_and_stays_on_sign_in(page):
    sign_in(page, "learner@demo.test", "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("Email or password is incorrect.")
    expect(page).to_have_url(re.compile(r"/login/?$"))


def test_a_learner_opening_an_admin_page_is_told_they_have_no_access(page):
    sign_in(page, "learner@demo.test")
    expect(page).to_have_url(re.compile(r"/tracks/?$"))
    page.goto("/admin/users")
    expect(page).to_have_url(re.compile(r"/forbidden/?$"))
    expect(page.get_by_text("You do not have access to that page")).to_be_visible()
    expect(page.locator("table")).to_have_count(0)  # no user list leaks into the page


def test_signing_out_ends_the_session(page):
    sign_in(page, "csm@demo.test")
    expect(page).to_have_url(re.compile(r"/customers/?$"))
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login/?$"))
    page.goto("/customers")
    expect(page).to_have_url(re.compile(r"/login/?$"))


def test_a_signed_out_visitor_is_sent_to_sign_in(page):
    page.goto("/tracks")
    expect(page).to_have_url(re.compile(r"/login/?$"))


def test_an_unknown_page_is_a_friendly_404(page):
    page.goto("/no/such/page")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_role("link", name="Back to the portal")).to_be_visible()


def test_sign_in_fits_a_phone_screen(browser, portal):
    context = browser.new_context(base_url=portal, viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    open_page(page, "/login")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    expect(page.locator("#sign-in")).to_be_in_viewport()
    context.close()
