"""The admin console in the browser: users, organizations, certificates, the nightly job and the audit log.

The e2e portal is shared by every browser test: each test works on people, organizations and
certificates it makes itself, and leaves the demo data as the other tests expect it.
"""

from __future__ import annotations

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


def row_with_cell(page, text: str):
    return page.locator("tbody tr").filter(has=page.get_by_role("cell", name=text, exact=True))


def audit_event(page, action: str, subject: str):
    """One audit log row, found the same whether or not a filter has been applied yet."""
    return row_with_cell(page, action).filter(has=page.get_by_role("cell", name=subject, exact=True))


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


def test_an_admin_finds_creates_promotes_disables_and_enables_a_user(page, browser, portal):
    email, password = f"console-user-{os.getpid()}@demo.test", "console-password"
    sign_in_as_admin(page)

    page.locator("#user-search").fill("learner@demo.test")
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(row_with_cell(page, "learner@demo.test")).to_contain_text("Lee Learner")

    page.locator("#new-user-email").fill(email)
    page.locator("#new-user-first").fill("Quinn")
    page.locator("#new-user-last").fill("Console")
    page.locator("#new-user-org").fill(DEMO_LEARNER_ORG)
    page.locator("#new-user-password").fill(password)
    page.locator("#create-user").click()
    expect(page.get_by_role("status").filter(has_text=f"{email} created.")).to_be_visible()
    expect(page.locator("#new-user-email")).to_have_value("")  # a created user's form is cleared
    page.locator("#new-user-email").fill(email.upper())  # the same address again
    for field, value in (("first", "Quinn"), ("last", "Again"), ("org", DEMO_LEARNER_ORG), ("password", password)):
        page.locator(f"#new-user-{field}").fill(value)
    page.locator("#create-user").click()
    expect(page.get_by_role("alert").filter(has_text="already exists")).to_be_visible()
    expect(page.locator("#new-user-last")).to_have_value("Again")  # a refused form keeps what was typed
    page.locator("#user-search").fill(email)
    row = row_with_cell(page, email)
    expect(row).to_contain_text("Quinn Console")
    expect(row).to_contain_text(DEMO_LEARNER_ORG)
    expect(row.get_by_role("combobox")).to_have_text("learner")

    other = second_browser(browser, portal)
    sign_in(other, email, password)
    expect(other).to_have_url(re.compile(r"/tracks/?$"))

    choose(page, row.get_by_role("combobox"), "csm")
    expect(page.get_by_text(f"{email} is now csm.")).to_be_visible()  # a toast, wherever the row is
    open_page(page, "/admin/users")  # stored, not just shown
    page.locator("#user-search").fill(email)
    expect(row.get_by_role("combobox")).to_have_text("csm")
    open_page(other, "/")  # the open session follows the new role at once
    expect(other).to_have_url(re.compile(r"/organizations/?$"))

    row.get_by_role("button", name="Disable").click()
    expect(row.get_by_role("button", name="Enable")).to_be_visible()
    other.goto("/organizations")  # the open session has ended
    expect(other).to_have_url(re.compile(r"/login/?$"))
    sign_in(other, email, password)
    expect(other.get_by_role("alert")).to_have_text("Email or password is incorrect.")
    expect(other).to_have_url(re.compile(r"/login/?$"))

    row.get_by_role("button", name="Enable").click()
    expect(row.get_by_role("button", name="Disable")).to_be_visible()
    sign_in(other, email, password)
    expect(other).to_have_url(re.compile(r"/organizations/?$"))
    other.context.close()


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


def test_an_admin_creates_an_organization_and_changes_its_industry_and_size(page, new_organization_name):
    name = new_organization_name
    sign_in_as_admin(page)
    open_page(page, "/admin/organizations")
    page.locator("#new-org-name").fill(name)
    choose(page, page.locator("#new-org-industry"), "Retail")
    for bad, message in (("abc", WHOLE_NUMBER), ("0", OUT_OF_RANGE)):
        page.locator("#new-org-employees").fill(bad)
        page.locator("#create-org").click()
        expect(page.get_by_role("alert")).to_have_text(message)
        expect(page.locator("#new-org-name")).to_have_value(name)  # kept, to correct the mistake
    page.locator("#new-org-employees").fill("250")
    page.locator("#create-org").click()
    expect(page.get_by_role("status").filter(has_text="Organization created.")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.locator("#new-org-name")).to_have_value("")

    page.locator("#org-search").fill(name)
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)  # the refused attempts created nothing
    industry, employees = rows.get_by_role("combobox", name="Industry"), rows.get_by_label("Employees")
    expect(rows.get_by_role("rowheader")).to_have_text(name)
    expect(industry).to_have_text("Retail")  # its own values, not those of the row shown there before the search
    expect(employees).to_have_value("250")

    choose(page, industry, "Healthcare")
    employees.fill("1200")
    rows.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text(f"{name} saved.")
    for bad, message in (("abc", WHOLE_NUMBER), ("0", OUT_OF_RANGE)):
        employees.fill(bad)
        rows.get_by_role("button", name="Save").click()
        expect(page.get_by_role("alert")).to_have_text(f"{name}: {message}")  # which of the many rows

    open_page(page, "/admin/organizations")  # what was stored: the last good values
    page.locator("#org-search").fill(name)
    expect(rows).to_have_count(1)
    expect(industry).to_have_text("Healthcare")
    expect(employees).to_have_value("1200")


def test_an_admin_finds_a_certificate_reads_its_history_and_revokes_it(page, browser, portal, portal_db,
                                                                        new_learner):
    number = issue_certificate(portal_db, new_learner, CERTIFIED_TRACK)
    reason = f"Issued in error, console test {os.getpid()}"
    sign_in_as_admin(page)
    open_page(page, "/admin/certificates")
    page.locator("#find-certificates").click()
    expect(page.get_by_role("alert")).to_have_text("Type a certificate number, a holder's name or an email.")

    page.get_by_label("Certificate search").fill(number.lower())
    page.locator("#find-certificates").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.get_by_role("rowheader")).to_have_text(number)
    expect(rows).to_contain_text(new_learner)
    expect(rows).to_contain_text(CERTIFIED_TRACK)
    expect(rows).to_contain_text("valid")
    page.get_by_label("Certificate search").fill(new_learner)
    page.locator("#find-certificates").click()
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(rows).to_have_count(1)
    expect(rows.get_by_role("rowheader")).to_have_text(number)

    rows.get_by_role("button", name="Open").click()
    expect(page.get_by_role("heading", name=number)).to_be_visible()
    expect(row_with_cell(page, "certificate.issue")).to_contain_text(new_learner)  # by the learner, on passing

    page.locator("#revoke-reason").fill("no")
    page.locator("#revoke-certificate").click()
    expect(page.get_by_role("alert")).to_contain_text("Give a reason for the revocation")
    expect(page.locator("#revoke-reason")).to_have_value("no")
    page.locator("#revoke-reason").fill(reason)
    page.locator("#revoke-certificate").click()
    expect(page.get_by_role("status").filter(has_text=f"{number} is revoked.")).to_be_visible()
    expect(row_with_cell(page, "certificate.revoke")).to_contain_text(ADMIN)
    expect(row_with_cell(page, "certificate.revoke")).to_contain_text(f"reason: {reason}")  # readable detail
    expect(page.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=number))).to_contain_text("revoked")
    expect(page.locator("#revoked-note")).to_contain_text(reason)
    expect(page.locator("#revoke-certificate")).to_have_count(0)  # nothing left to revoke

    visitor = second_browser(browser, portal)  # anyone, signed out
    visitor.goto(f"/verify/{number}")
    expect(visitor.locator("#verdict")).to_have_text(re.compile(r"^Revoked on \d{1,2} \w{3} \d{4}$"))
    visitor.context.close()

    open_page(page, "/admin/audit")
    page.get_by_label("Actor email").fill(ADMIN)
    page.get_by_label("Action").fill("certificate.revoke")
    page.locator("#audit-filter").click()
    expect(audit_event(page, "certificate.revoke", number)).to_contain_text(reason)
    expect(page.locator("tbody tr").filter(has_not_text="certificate.revoke")).to_have_count(0)


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
    expect(page.locator("#run-now")).to_be_enabled()
    expect(runs).to_have_count(min(before + 1, 20))
    newest = runs.first.get_by_role("cell")
    expect(newest.nth(0)).to_have_text(re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"))
    expect(newest.nth(1)).to_have_text(re.compile(r"^manual-"))
    expect(newest.nth(2)).to_have_text("succeeded")
    expect(newest.nth(3)).to_have_text(re.compile(r"^\d+\.\d s$"))  # a duration, with its unit
    expect(newest.nth(4)).to_contain_text("certification rates")


def test_the_audit_log_filters_by_actor_action_and_dates(page, new_learner):
    sign_in_as_admin(page)
    page.locator("#user-search").fill(new_learner)
    row = row_with_cell(page, new_learner)
    row.get_by_role("button", name="Disable").click()
    row.get_by_role("button", name="Enable").click()
    expect(row.get_by_role("button", name="Disable")).to_be_visible()

    open_page(page, "/admin/audit")
    events = page.locator("tbody tr")
    page.get_by_label("Actor email").fill(ADMIN)
    page.get_by_label("Action").fill("user.deactivate")
    page.locator("#audit-filter").click()
    expect(audit_event(page, "user.deactivate", new_learner)).to_contain_text(ADMIN)
    expect(events.filter(has_not_text="user.deactivate")).to_have_count(0)

    page.get_by_label("Action").fill("")  # every action of that actor, newest first
    page.locator("#audit-filter").click()
    expect(row_with_cell(page, new_learner)).to_have_count(2)
    expect(row_with_cell(page, new_learner).first).to_contain_text("user.activate")
    expect(events.filter(has_not_text=ADMIN)).to_have_count(0)

    today = datetime.now(timezone.utc).date()
    for day, found in ((today - timedelta(days=1), 0), (today, 2)):  # this database was made today
        page.get_by_label("From date").fill(day.isoformat())
        page.get_by_label("To date").fill(day.isoformat())
        page.locator("#audit-filter").click()
        expect(page.get_by_text("No events match these filters.")).to_have_count(1 if found == 0 else 0)
        expect(row_with_cell(page, new_learner)).to_have_count(found)

    page.get_by_label("From date").fill((today + timedelta(days=1)).isoformat())
    page.locator("#audit-filter").click()
    expect(page.get_by_role("alert")).to_have_text("The start date is after the end date.")
    expect(events).to_have_count(0)
