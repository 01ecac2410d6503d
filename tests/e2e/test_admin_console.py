"""The admin console in the browser, people: the New user dialog and its organization picker, role
changes and disabling that ask first, your own row, filters and pages.

The e2e portal is shared by every browser test: each test works on people it makes itself, and
leaves the demo data as the other tests expect it.
"""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.admin_steps import (
    ADMIN,
    ONE_DATE_FORMAT,
    choose,
    confirm,
    pick_organization,
    search_user,
    second_browser,
    sign_in_as_admin,
    user_row,
)
from tests.e2e.conftest import DEMO_LEARNER_ORG, open_page, sign_in

pytestmark = pytest.mark.e2e


def test_an_admin_creates_a_user_in_the_dialog_picking_the_organization_by_name(page, browser, portal):
    email, password = f"console-user-{os.getpid()}@demo.test", "console-password"
    sign_in_as_admin(page)
    page.locator("#new-user").click()  # the primary action, at the top
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    page.locator("#new-user-first").fill("Quinn")
    page.locator("#new-user-last").fill("Console")
    page.locator("#new-user-email").fill(email)
    page.locator("#new-user-password").fill(password)
    page.locator("#new-user-org").fill("no organization has this name")
    expect(page.get_by_role("listbox")).to_contain_text("No organization has that in its name")
    page.locator("#create-user").click()  # typed, not picked: refused, nothing lost
    expect(dialog.get_by_role("alert")).to_have_text(re.compile("Choose the organization"))
    pick_organization(page, "new-user-org", "vendor", DEMO_LEARNER_ORG)
    expect(dialog).to_be_visible()  # Enter picked; it did not submit the form
    page.locator("#create-user").click()
    expect(page.get_by_text(f"Quinn Console ({email}) can now sign in.")).to_be_visible()
    expect(dialog).to_have_count(0)

    page.locator("#new-user").click()  # the same address again: refused inside the dialog, which keeps what was typed
    page.locator("#new-user-first").fill("Quinn")
    page.locator("#new-user-last").fill("Again")
    page.locator("#new-user-email").fill(email.upper())
    page.locator("#new-user-password").fill(password)
    pick_organization(page, "new-user-org", "vendor", DEMO_LEARNER_ORG)
    page.locator("#create-user").click()
    expect(dialog.get_by_role("alert")).to_contain_text("already exists")
    expect(page.locator("#new-user-last")).to_have_value("Again")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)

    row = search_user(page, email)
    expect(row).to_contain_text("Quinn Console")
    expect(row).to_contain_text(DEMO_LEARNER_ORG)
    expect(row).to_contain_text("Active")
    expect(row).to_contain_text("Never")  # has not signed in yet
    other = second_browser(browser, portal)
    sign_in(other, email, password)
    expect(other).to_have_url(re.compile(r"/tracks/?$"))
    other.context.close()
    open_page(page, "/admin/users")
    search_user(page, email)
    expect(user_row(page, email).get_by_role("cell").nth(3)).to_have_text(ONE_DATE_FORMAT)  # last sign-in


def test_a_role_change_asks_first_and_says_what_changes(page, browser, portal, new_learner):
    sign_in_as_admin(page)
    row = search_user(page, new_learner)
    role = row.get_by_role("combobox")
    expect(role).to_have_text("Learner")

    role.click()
    page.get_by_role("option", name="Admin", exact=True).click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog.get_by_role("heading")).to_have_text("Make Erin Example an admin?")
    expect(dialog).to_contain_text("They will be able to manage users, organizations")
    expect(dialog).to_contain_text("no longer take training")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)
    expect(role).to_have_text("Learner")  # nothing changed

    other = second_browser(browser, portal)
    sign_in(other, new_learner)
    expect(other).to_have_url(re.compile(r"/tracks/?$"))
    role.click()
    page.get_by_role("option", name="CSM", exact=True).click()
    confirm(page, "Change role")
    expect(page.get_by_text("Erin Example is now a CSM.")).to_be_visible()  # a toast, wherever the row is
    expect(role).to_have_text("CSM")
    open_page(other, "/")  # the open session follows the new role at once
    expect(other).to_have_url(re.compile(r"/customers/?$"))

    row.get_by_role("button", name="Disable Erin Example").click()  # disabling asks too
    confirm(page, "Disable")
    expect(row.get_by_role("button", name="Enable Erin Example")).to_be_visible()
    expect(row).to_contain_text("Disabled")
    other.goto("/customers")  # the open session has ended
    expect(other).to_have_url(re.compile(r"/login/?$"))
    row.get_by_role("button", name="Enable Erin Example").click()
    expect(row.get_by_role("button", name="Disable Erin Example")).to_be_visible()
    other.context.close()


def test_your_own_row_offers_no_disable_and_no_role_change(page):
    sign_in_as_admin(page)
    row = search_user(page, ADMIN)
    expect(row).to_contain_text("Admin (you)")
    expect(row.get_by_role("button")).to_have_count(0)
    expect(row.get_by_role("combobox")).to_have_count(0)


def test_the_user_list_filters_by_role_status_and_organization_a_page_at_a_time(page):
    sign_in_as_admin(page)
    summary = page.locator("#users-summary")
    expect(summary).to_have_text(re.compile(r"^1–50 of \d{3,} users$"))  # the demo has over a hundred people
    expect(page.locator(".user-row")).to_have_count(50)
    first_page = page.locator(".user-row").first.inner_text()
    page.locator("#users-next").click()
    expect(summary).to_have_text(re.compile(r"^51–100 of"))
    expect(page.locator(".user-row").first).not_to_have_text(first_page)

    choose(page, page.locator("#role-filter"), "Admin")
    expect(summary).to_have_text(re.compile(r"^1–\d+ of \d+ users$"))  # back to the first page
    expect(page.locator(".user-row").filter(has_not_text="Admin")).to_have_count(0)
    choose(page, page.locator("#role-filter"), "Any role")
    pick_organization(page, "org-filter", "vendor", DEMO_LEARNER_ORG)
    expect(page.locator(".user-row").filter(has_not_text=DEMO_LEARNER_ORG)).to_have_count(0)
    expect(page.locator(".user-row").filter(has_text="csm@demo.test")).to_have_count(1)
    choose(page, page.locator("#status-filter"), "Disabled")
    expect(page.locator(".user-row").filter(has_not_text="Disabled")).to_have_count(0)
    page.locator("#clear-filters").click()
    expect(page.locator("#org-filter")).to_have_value("")
    expect(summary).to_have_text(re.compile(r"^1–50 of"))
