"""The admin console in the browser: users, organizations, certificates, the nightly job and the audit log.

The e2e portal is shared by every browser test: each test works on people, organizations and
certificates it makes itself, and leaves the demo data as the other tests expect it.
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

from app.models import Organization, Track
from app.services.accounts import users as accounts
from app.services.training import attempts, certificates
from tests.e2e.conftest import DEMO_LEARNER_ORG, open_page, sign_in
from tests.e2e.learning import answer_key, quiz_ids

pytestmark = pytest.mark.e2e

ADMIN = "admin@demo.test"
CERTIFIED_TRACK = "Secure Account Administration"
WHOLE_NUMBER = "The employee count must be a whole number."
OUT_OF_RANGE = "Employee count must be between 1 and 10,000,000."
ONE_DATE_FORMAT = re.compile(r"^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$")
# What the audit log must never show: stored references ("track:12", "quiz_id") and Python values.
RAW = re.compile(r"\b(track|course|quiz|question|attempt):\d+|_id\b|\bTrue\b|\bFalse\b|\{|\}")


def sign_in_as_admin(page) -> None:
    sign_in(page, ADMIN)
    expect(page).to_have_url(re.compile(r"/admin/users/?$"))


def second_browser(browser, portal):
    """Another person at another computer: a context of its own, no shared session."""
    page = browser.new_context(base_url=portal, viewport={"width": 1200, "height": 800}).new_page()
    page.set_default_timeout(20_000)
    return page


def choose(page, combobox, option: str) -> None:
    combobox.click()
    page.get_by_role("option", name=option, exact=True).click()
    expect(combobox).to_have_text(option)


def user_row(page, email: str):
    return page.locator(".user-row").filter(has_text=email)


def search_user(page, email: str):
    """The user's row, once the search has narrowed the list to them."""
    page.locator("#user-search").fill(email)
    expect(page.locator(".user-row")).to_have_count(1)
    expect(user_row(page, email)).to_have_count(1)
    return user_row(page, email)


def confirm(page, button: str) -> None:
    """Answer the open confirmation dialog with its action button."""
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name=button, exact=True).click()
    expect(dialog).to_have_count(0)


def pick_organization(page, input_id: str, typed: str, name: str) -> None:
    """Type part of the name, then pick with the keyboard alone."""
    box = page.locator(f"#{input_id}")
    box.fill(typed)
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option", name=name, exact=True)).to_be_visible()
    while page.locator(f"#{input_id}").get_attribute("aria-activedescendant") != \
            listbox.get_by_role("option", name=name, exact=True).get_attribute("id"):
        box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value(name)
    expect(listbox).to_be_hidden()


def issue_certificate(engine, email: str, track_title: str) -> str:
    """The learner passes every quiz of the track and takes its certificate, through the services
    (the same use cases the pages call; in the browser this takes minutes)."""
    now = datetime.now(timezone.utc)
    with Session(engine) as s:
        user = accounts.user_by_email(s, email)
        track_id = s.exec(select(Track.id).where(Track.title == track_title)).one()
    for quiz_id in quiz_ids(engine, track_title):
        with Session(engine) as s:
            attempt_id = attempts.start_attempt(session=s, user=user, quiz_id=quiz_id, now=now).attempt_id
            s.commit()
        right = {question: sorted(correct) for question, (correct, _wrong) in answer_key(engine, attempt_id).items()}
        with Session(engine) as s:
            result = attempts.submit_attempt(session=s, user=user, attempt_id=attempt_id, answers=right,
                                             submission_key=None, now=now)
            s.commit()
        assert result.passed, result
    with Session(engine) as s:
        cert, _new = certificates.issue_certificate(session=s, user=user, track_id=track_id, now=now)
        s.commit()
    return cert.number


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
    expect(other).to_have_url(re.compile(r"/organizations/?$"))

    row.get_by_role("button", name="Disable Erin Example").click()  # disabling asks too
    confirm(page, "Disable")
    expect(row.get_by_role("button", name="Enable Erin Example")).to_be_visible()
    expect(row).to_contain_text("Disabled")
    other.goto("/organizations")  # the open session has ended
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
