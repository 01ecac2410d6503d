"""Steps of an admin in the browser, shared by the admin console's tests."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from playwright.sync_api import expect
from sqlmodel import Session, select

from app.models import Track
from app.services.accounts import users as accounts
from app.services.training import attempts, certificates
from tests.e2e.conftest import sign_in
from tests.e2e.learning import answer_key, quiz_ids

ADMIN = "admin@demo.test"
ONE_DATE_FORMAT = re.compile(r"^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$")


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
