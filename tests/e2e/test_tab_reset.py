"""One tab, two people: what the first saw never reaches the second (read from the websocket frames)."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import text

from tests.e2e.conftest import DEMO_LEARNER_ORG, sign_in

pytestmark = pytest.mark.e2e

IMPORT_WITHIN_MS = 60_000


def _record_frames(page) -> list[str]:
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(str(payload))))
    return frames


def _admin_imports_a_user(page, tag: str) -> tuple[str, list[str]]:
    """The admin imports one user without a password; returns the initial password shown and
    some of the other users' emails the page listed."""
    sign_in(page, "admin@demo.test")
    expect(page).to_have_url(re.compile(r"/admin/users/?$"))
    expect(page.locator(".user-row").first).to_be_visible()
    rows = f"email,first_name,last_name,role,organization\n{tag}@demo.test,Ina,Itial,learner,{DEMO_LEARNER_ORG}\n"
    page.locator("#open-import").click()
    page.locator("#csv-upload input[type=file]").set_input_files(
        {"name": f"{tag}.csv", "mimeType": "text/csv", "buffer": rows.encode()})
    page.locator("#import-csv").click()
    password = page.locator("#imported-users code")
    expect(password).to_have_text(re.compile(r"^\S{12,}$"), timeout=IMPORT_WITHIN_MS)
    listed = page.locator(".user-row .user-email").all_inner_texts()
    emails = [cell for cell in listed if "@" in cell and cell != "learner@demo.test"]
    assert len(emails) > 20
    return password.inner_text(), emails


def _learner_signs_in(page, frames: list[str]) -> str:
    frames.clear()
    sign_in(page, "learner@demo.test")
    expect(page).to_have_url(re.compile(r"/tracks/?$"))
    expect(page.locator(".track-card").first).to_be_visible()
    page.reload()  # a reload sends the whole state of the tab again
    expect(page.locator(".track-card").first).to_be_visible()
    return "\n".join(frames)


def test_after_an_admin_signs_out_the_next_person_in_the_tab_gets_none_of_their_data(page):
    frames = _record_frames(page)
    password, emails = _admin_imports_a_user(page, f"once{os.getpid()}")
    page.keyboard.press("Escape")  # the import dialog closes; Sign out is behind it
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login/?$"))
    received = _learner_signs_in(page, frames)
    assert "Learner" in received or "learner@demo.test" in received  # the capture sees the new user's data
    assert password not in received
    assert [e for e in emails if e in received] == []


def test_a_revoked_session_leaves_nothing_for_the_next_person_either(page, portal_db):
    frames = _record_frames(page)
    password, emails = _admin_imports_a_user(page, f"revoked{os.getpid()}")
    with portal_db.begin() as conn:  # e.g. another admin disabled the account, or the session ran out
        conn.execute(text("UPDATE auth_session SET revoked_at = CURRENT_TIMESTAMP WHERE revoked_at IS NULL "
                          "AND user_id = (SELECT id FROM \"user\" WHERE email = 'admin@demo.test')"))
    page.keyboard.press("Escape")  # closing the import dialog is the next event: it finds the session ended
    expect(page).to_have_url(re.compile(r"/login/?$"))
    received = _learner_signs_in(page, frames)
    assert password not in received
    assert [e for e in emails if e in received] == []


def test_initial_passwords_are_gone_once_the_admin_leaves_the_page(page):
    frames = _record_frames(page)
    password, _ = _admin_imports_a_user(page, f"leave{os.getpid()}")
    page.goto("/admin/content")
    expect(page.get_by_role("heading", name="Content")).to_be_visible()
    frames.clear()
    page.goto("/admin/users")  # a full load: the server sends every state of the tab
    expect(page.locator(".user-row").first).to_be_visible()
    expect(page.locator("#imported-users")).to_have_count(0)
    assert password not in "\n".join(frames)
