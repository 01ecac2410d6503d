"""The admin console in the browser, records: organizations, certificates, the nightly job and the
audit log (in words, linked, filtered and downloaded).

The e2e portal is shared by every browser test: each test works on organizations and certificates
it makes itself, and leaves the demo data as the other tests expect it.
"""

from __future__ import annotations

import csv
import io
import os
import re
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from app.models import Organization
from tests.e2e.admin_steps import (
    ADMIN,
    ONE_DATE_FORMAT,
    choose,
    confirm,
    issue_certificate,
    search_user,
    second_browser,
    sign_in_as_admin,
    user_row,
)
from tests.e2e.conftest import open_page

pytestmark = pytest.mark.e2e

CERTIFIED_TRACK = "Secure Account Administration"
WHOLE_NUMBER = "The employee count must be a whole number."
OUT_OF_RANGE = "Employee count must be between 1 and 10,000,000."
# What the audit log must never show: stored references ("track:12", "quiz_id") and Python values.
RAW = re.compile(r"\b(track|course|quiz|question|attempt):\d+|_id\b|\bTrue\b|\bFalse\b|\{|\}")


@pytest.fixture
def new_organization_name(portal_db):
    """The name of an organization the test creates, removed again afterwards: a customer without
    metrics would join the benchmark cohorts that other browser tests choose their customers from."""
    name = f"Console Org {os.getpid()}"
    yield name
    with Session(portal_db) as s:
        for org in s.exec(select(Organization).where(Organization.name == name)).all():
            s.delete(org)
        s.commit()


def test_an_admin_creates_an_organization_and_edits_it_in_dialogs(page, new_organization_name):
    name = new_organization_name
    sign_in_as_admin(page)
    open_page(page, "/admin/organizations")
    expect(page.locator("#organizations-summary")).to_have_text(re.compile(r"^1–\d+ of \d+ organizations$"))
    page.locator("#new-org").click()
    dialog = page.get_by_role("dialog")
    page.locator("#new-org-name").fill(name)
    expect(page.locator("#new-org-industry")).to_have_text("Choose an industry")  # no default: the admin chooses
    choose(page, page.locator("#new-org-industry"), "Retail")
    for bad, message in (("abc", WHOLE_NUMBER), ("0", OUT_OF_RANGE)):
        page.locator("#new-org-employees").fill(bad)
        page.locator("#create-org").click()
        expect(dialog.get_by_role("alert")).to_have_text(message)
        expect(page.locator("#new-org-name")).to_have_value(name)  # kept, to correct the mistake
    page.locator("#new-org-employees").fill("250")
    page.locator("#create-org").click()
    expect(page.get_by_text(f"{name} created.")).to_be_visible()
    expect(dialog).to_have_count(0)

    page.locator("#org-search").fill(name)
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)  # the refused attempts created nothing
    expect(rows).to_contain_text("Retail")
    expect(rows).to_contain_text("201-1,000 employees")
    rows.get_by_role("button", name=f"Edit {name}").click()
    expect(dialog.get_by_role("heading")).to_have_text(f"Edit {name}")
    expect(page.locator("#edit-org-industry")).to_have_text("Retail")  # its own values
    expect(page.locator("#edit-org-employees")).to_have_value("250")
    choose(page, page.locator("#edit-org-industry"), "Healthcare")
    page.locator("#edit-org-employees").fill("abc")
    page.locator("#save-org").click()
    expect(dialog.get_by_role("alert")).to_have_text(WHOLE_NUMBER)
    page.locator("#edit-org-employees").fill("1200")
    page.locator("#save-org").click()
    expect(page.get_by_text(f"{name} saved.")).to_be_visible()
    expect(rows).to_contain_text("Healthcare")
    expect(rows).to_contain_text("1,200")

    open_page(page, "/admin/organizations")  # what was stored
    page.locator("#org-search").fill(name)
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Healthcare")


def test_an_admin_finds_a_certificate_reads_its_history_and_revokes_it(page, browser, portal, portal_db,
                                                                        new_learner):
    number = issue_certificate(portal_db, new_learner, CERTIFIED_TRACK)
    reason = f"Issued in error, console test {os.getpid()}"
    sign_in_as_admin(page)
    open_page(page, "/admin/certificates")
    page.locator("#find-certificates").click()
    expect(page.get_by_role("alert")).to_have_text("Type a certificate number, a holder's name or an email.")
    page.get_by_label("Certificate search").fill(f"no-such-holder-{os.getpid()}")
    page.locator("#find-certificates").click()
    info = page.locator("#certificate-info")  # neutral: neither an error nor a success
    expect(info).to_have_text("No certificate matches that number, name or email.")
    expect(info).to_have_attribute("class", re.compile(r"rt-variant-soft"))
    assert "gray" in (info.get_attribute("data-accent-color") or "")
    expect(page.get_by_role("alert")).to_have_count(0)

    page.get_by_label("Certificate search").fill(number.lower())
    page.locator("#find-certificates").click()
    rows = page.locator("tbody tr").filter(has=page.get_by_role("rowheader"))
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(new_learner)
    expect(rows.locator(".rt-Badge")).to_have_text("Valid")  # capitalised, as the holder sees it

    rows.get_by_role("button", name=f"Open {number}").click()
    expect(page.get_by_role("heading", name=number)).to_be_visible()
    issued = page.locator(".audit-row").filter(has_text="Certificate issued")
    expect(issued).to_contain_text("Erin Example")  # by the learner, on passing
    expect(issued).to_contain_text(f"Track: {CERTIFIED_TRACK}")

    page.locator("#revoke-reason").fill("no")
    page.locator("#revoke-certificate").click()
    expect(page.get_by_role("alert")).to_contain_text("Give a reason for the revocation")
    page.locator("#revoke-reason").fill(reason)
    page.locator("#revoke-certificate").click()
    expect(page.get_by_role("status").filter(has_text=f"{number} is revoked.")).to_be_visible()
    revoked = page.locator(".audit-row").filter(has_text="Certificate revoked")
    expect(revoked).to_contain_text("Avery Admin")
    expect(revoked).to_contain_text(f"Reason: {reason}")
    expect(rows.locator(".rt-Badge")).to_have_text("Revoked")
    expect(page.locator("#revoked-note")).to_contain_text(reason)
    expect(page.locator("#revoke-certificate")).to_have_count(0)

    visitor = second_browser(browser, portal)  # anyone, signed out
    visitor.goto(f"/verify/{number}")
    expect(visitor.locator("#verdict")).to_have_text(re.compile(r"^Revoked on \d{1,2} \w{3} \d{4}$"))
    visitor.context.close()


def test_the_jobs_page_lists_nightly_runs_with_durations_and_run_now_adds_one(page):
    sign_in_as_admin(page)
    open_page(page, "/admin/jobs")
    expect(page.get_by_text("Loading…")).to_have_count(0)
    runs = page.locator("tbody tr")
    before = runs.count()

    page.locator("#run-now").click()
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"^Run succeeded: as of \d{4}-\d{2}-\d{2}: "),
                                                       timeout=120_000)
    expect(page.locator("#run-now")).to_have_text("Run now")
    expect(runs).to_have_count(min(before + 1, 20))
    newest = runs.first.get_by_role("cell")
    expect(newest.nth(0)).to_have_text(ONE_DATE_FORMAT)
    expect(newest.nth(1)).to_have_text(re.compile(r"^manual-"))
    expect(newest.nth(2)).to_have_text("Succeeded")
    expect(newest.nth(3)).to_have_text(re.compile(r"^\d+\.\d s$"))  # a duration, with its unit
    expect(newest.nth(4)).to_contain_text("certification rates")


def test_the_audit_log_reads_in_words_links_to_objects_and_downloads_the_filtered_log(page, portal_db, new_learner):
    issue_certificate(portal_db, new_learner, CERTIFIED_TRACK)  # quizzes, a track completed, a certificate
    sign_in_as_admin(page)
    row = search_user(page, new_learner)
    row.get_by_role("button", name="Disable Erin Example").click()
    confirm(page, "Disable")
    row.get_by_role("button", name="Enable Erin Example").click()
    expect(row.get_by_role("button", name="Disable Erin Example")).to_be_visible()

    open_page(page, "/admin/audit")
    events = page.locator(".audit-row")
    page.locator("#audit-actor").fill(new_learner)  # what the learner did
    page.locator("#audit-filter").click()
    expect(events.filter(has_text="Quiz submitted").first).to_contain_text("Passed: Yes")
    completed = events.filter(has_text="Track completed")
    expect(completed).to_have_count(1)
    expect(completed.get_by_role("link", name=f"Track: {CERTIFIED_TRACK}")).to_have_attribute(
        "href", re.compile(r"/admin/content/\d+$"))
    for text in events.all_inner_texts():
        assert not RAW.search(text), text
        assert ONE_DATE_FORMAT.match(text.splitlines()[0].strip()), text

    page.locator("#audit-actor").fill("Avery Admin")  # by name as well as by email
    choose(page, page.locator("#audit-action"), "People")
    page.locator("#audit-filter").click()
    disabled = events.filter(has_text="User disabled").filter(has_text="Erin Example")
    expect(disabled.first).to_be_visible()
    expect(events.filter(has_not_text=re.compile("User (created|enabled|disabled)|Users imported|Role changed"))
           ).to_have_count(0)  # people's events only
    with page.expect_download() as download:
        page.locator("#audit-csv").click()
    lines = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert download.value.suggested_filename.startswith("audit-log-")
    assert lines and {line["action_code"].split(".")[0] for line in lines} == {"user"}  # the same filter
    assert {"User disabled", "User enabled"} <= {line["action"] for line in lines if line["subject"] == "Erin Example"}
    assert {line["actor_name"] for line in lines} == {"Avery Admin"}

    disabled.first.get_by_role("link", name="Erin Example").click()  # the person's row in the user list
    expect(page).to_have_url(re.compile(r"/admin/users\?search="))
    expect(user_row(page, new_learner)).to_have_count(1)
    expect(page.locator(".user-row")).to_have_count(1)


def test_the_audit_log_filters_by_dates(page):
    sign_in_as_admin(page)
    open_page(page, "/admin/audit")
    events = page.locator(".audit-row")
    page.locator("#audit-actor").fill(ADMIN)
    today = datetime.now(timezone.utc).date()
    for day, found in ((today - timedelta(days=400), False), (today, True)):
        page.get_by_label("From (UTC)").fill(day.isoformat())
        page.get_by_label("To (UTC)").fill(day.isoformat())
        page.locator("#audit-filter").click()
        expect(page.locator("#audit-empty")).to_have_count(0 if found else 1)
        if found:  # this database was made today: the admin signed in
            expect(events.filter(has_text="Signed in").first).to_be_visible()
        else:
            expect(events).to_have_count(0)
    page.get_by_label("From (UTC)").fill((today + timedelta(days=1)).isoformat())
    page.locator("#audit-filter").click()
    expect(page.get_by_role("alert")).to_have_text("The start date is after the end date.")
    expect(events).to_have_count(0)
