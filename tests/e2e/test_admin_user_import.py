"""An admin imports users by uploading a CSV file: a bad row stops the whole file, a good file signs people up."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_LEARNER_ORG, sign_in

pytestmark = pytest.mark.e2e

HEADER = "email,first_name,last_name,role,organization,password\n"
CARD = "Import users from a CSV file"
# Every imported row hashes a password (argon2): with other test runs sharing the CPU, an
# import has been seen to take more than the default 20 s.
IMPORTED_WITHIN_MS = 60_000


def _csv(name: str, text: str, bom: bytes = b"") -> dict:
    return {"name": name, "mimeType": "text/csv", "buffer": bom + text.encode("utf-8")}


def _open_import(page) -> None:
    page.locator("#open-import").click()
    expect(page.locator("#import-dialog")).to_be_visible()


def _choose(page, file: dict) -> None:
    page.locator("#csv-upload input[type=file]").set_input_files(file)
    expect(page.locator("#csv-file-name")).to_have_text(file["name"])  # shown before anything is imported


def _search_users(page, text: str):
    """The rows of the user list (the page's first table) once the search is applied."""
    page.locator("#user-search").fill(text)
    user_list = page.locator("table").first
    # The demo admin leaves the list once the search has been applied.
    expect(user_list.get_by_role("row", name=re.compile("admin@demo.test"))).to_have_count(0)
    return user_list.get_by_role("row", name=re.compile(text))


def test_a_file_with_a_bad_row_lists_every_problem_and_imports_nobody(page):
    tag = f"bad{os.getpid()}"
    sign_in(page, "admin@demo.test")
    expect(page).to_have_url(re.compile(r"/admin/users/?$"))
    _open_import(page)
    import_card = page.get_by_role("dialog", name=CARD)

    _choose(page, _csv("team.xlsx", "not a spreadsheet"))
    page.locator("#import-csv").click()
    expect(import_card.get_by_role("alert")).to_contain_text("'team.xlsx' is not a .csv file")

    rows = HEADER + (f"{tag}-gia@demo.test,Gia,Good,learner,{DEMO_LEARNER_ORG},\n"
                     f"{tag}-bo@demo.test,Bo,Bad,boss,No Such Org {tag},\n"
                     f"{tag}-cy@demo.test,Cy,Good,csm,{DEMO_LEARNER_ORG},\n")
    _choose(page, _csv(f"{tag}.csv", rows))
    page.locator("#import-csv").click()
    problems = page.locator("#import-problems li")
    expect(problems).to_have_count(2, timeout=IMPORTED_WITHIN_MS)
    expect(problems.nth(0)).to_contain_text("line 3, role:")
    expect(problems.nth(1)).to_have_text(f"line 3, organization: no organization is named 'No Such Org {tag}'")
    expect(page.locator("#import-problems")).to_contain_text("Nothing was imported")
    expect(import_card.get_by_role("alert")).to_have_count(0)  # the earlier file's error is gone
    expect(page.locator("#imported-users")).to_have_count(0)

    page.keyboard.press("Escape")
    expect(_search_users(page, tag)).to_have_count(0)


def test_a_good_file_with_a_byte_order_mark_imports_everyone_with_initial_passwords(page, browser, portal):
    tag = f"new{os.getpid()}"
    sign_in(page, "admin@demo.test")
    expect(page).to_have_url(re.compile(r"/admin/users/?$"))
    _open_import(page)
    import_button = page.locator("#import-csv")
    expect(import_button).to_be_disabled()  # nothing chosen yet

    rows = HEADER + (f"{tag}-gia@demo.test,Gia,Grant,learner,{DEMO_LEARNER_ORG},\n"
                     f"{tag}-cy@demo.test,Cy,Chen,csm,{DEMO_LEARNER_ORG},given-password-{tag}\n")
    _choose(page, _csv(f"{tag}.csv", rows, bom=b"\xef\xbb\xbf"))  # as Excel saves "CSV UTF-8"
    expect(import_button).to_be_enabled()
    import_button.click()

    expect(page.get_by_role("status").filter(has_text=f"2 user(s) imported from {tag}.csv.")).to_be_visible(
        timeout=IMPORTED_WITHIN_MS)
    imported = page.locator("#imported-users")
    gia = imported.get_by_role("row", name=re.compile(f"{tag}-gia@demo.test"))
    expect(gia.locator("code")).to_have_text(re.compile(r"^\S{12,}$"))
    expect(imported.get_by_role("row", name=re.compile(f"{tag}-cy@demo.test"))).to_contain_text("as given in the file")
    expect(page.locator("#import-problems li")).to_have_count(0)
    expect(page.locator("#csv-file-name")).to_have_count(0)  # ready for the next file
    expect(import_button).to_be_disabled()

    learner_password = gia.locator("code").inner_text()
    page.keyboard.press("Escape")  # the list is behind the dialog
    found = _search_users(page, tag)
    expect(found).to_have_count(2)
    expect(found.filter(has_text=f"{tag}-gia@demo.test")).to_contain_text(DEMO_LEARNER_ORG)

    # The initial password is the one the new learner signs in with.
    learner = browser.new_context(base_url=portal, viewport={"width": 1200, "height": 800}).new_page()
    learner.set_default_timeout(20_000)
    sign_in(learner, f"{tag}-gia@demo.test", learner_password)
    expect(learner).to_have_url(re.compile(r"/tracks/?$"))
    learner.context.close()


def test_a_long_import_shows_its_progress_until_every_user_is_created(page):
    tag = f"many{os.getpid()}"
    sign_in(page, "admin@demo.test")
    expect(page).to_have_url(re.compile(r"/admin/users/?$"))
    # Each initial password is hashed with argon2 (tens of ms per row): 40 rows take a few seconds.
    rows = HEADER + "".join(f"{tag}-{n}@demo.test,Max,Many{n},learner,{DEMO_LEARNER_ORG},\n" for n in range(40))
    _open_import(page)
    _choose(page, _csv(f"{tag}.csv", rows))
    page.locator("#import-csv").click()
    expect(page.locator("#import-csv")).to_have_text("Importing…")
    expect(page.locator("#import-csv")).to_be_disabled()
    # The import runs in the background and reports how far it got.
    expect(page.locator("#import-progress")).to_contain_text(re.compile(r"Created \d+ of 40 users"),
                                                            timeout=IMPORTED_WITHIN_MS)
    expect(page.get_by_role("status").filter(has_text=f"40 user(s) imported from {tag}.csv.")).to_be_visible(
        timeout=IMPORTED_WITHIN_MS)
    expect(page.locator("#import-csv")).to_have_text("Import users")
