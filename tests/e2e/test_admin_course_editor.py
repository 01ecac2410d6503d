"""The course editor: leaving with unsaved edits asks first (links, menus and closing the tab), the
preview is the learner's own rendering, and removing or unpublishing asks before it happens."""

from __future__ import annotations

import os
import re
import uuid
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from app.domain.training.authoring import parse_choice_lines
from app.domain.training.content import QuestionSpec
from app.services.accounts import users as accounts
from app.services.training import authoring
from tests.e2e.conftest import open_page, sign_in

pytestmark = pytest.mark.e2e

MARKDOWN = """## Escalate early

Tell your manager **before** the renewal is at risk, and *write it down*.

1. Note the signal
2. Name the owner

- [The playbook](https://example.com/playbook)
- `code` and a > quote

> Quoted advice.

<b onclick="alert(1)">raw HTML</b> is not rendered.

| Signal | Owner |
|---|---|
| Usage drop | CSM |
"""


@pytest.fixture
def own_course(portal_db):
    """A published course in a published track of this test's own, with the text above; the track
    is unpublished again afterwards, so other tests see the demo tracks they expect."""
    now = datetime.now(timezone.utc)
    tag = f"editor-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    with Session(portal_db) as s:
        admin = accounts.user_by_email(s, "admin@demo.test")
        track_id = authoring.create_track(session=s, actor=admin, slug=tag, title=f"Editor test {tag}",
                                          description="", now=now)
        course_id = authoring.add_course(session=s, actor=admin, track_id=track_id, slug="escalations",
                                         title="Escalations", now=now)
        authoring.update_course(session=s, actor=admin, course_id=course_id, title="Escalations", summary="When.",
                                content=MARKDOWN, now=now)
        authoring.save_question(session=s, actor=admin, course_id=course_id, question_id=None, now=now,
                                spec=QuestionSpec("single_choice", "When?", 1, "", parse_choice_lines("* Early\nLate")))
        authoring.set_course_published(session=s, actor=admin, course_id=course_id, published=True, now=now)
        authoring.set_published(session=s, actor=admin, track_id=track_id, published=True, now=now)
        s.commit()
    yield track_id, course_id
    with Session(portal_db) as s:
        admin = accounts.user_by_email(s, "admin@demo.test")
        authoring.set_published(session=s, actor=admin, track_id=track_id, published=False,
                                now=datetime.now(timezone.utc))
        s.commit()


def test_leaving_with_unsaved_edits_asks_first_and_saved_edits_leave_freely(page, own_course):
    _track_id, course_id = own_course
    sign_in(page, "admin@demo.test")
    expect(page).to_have_url(re.compile(r"/admin/users/?$"))
    open_page(page, f"/admin/courses/{course_id}")
    expect(page.locator("#content-preview h2")).to_have_text("Escalate early")
    prompt = page.locator("#unsaved-changes-dialog")

    page.locator("#course-summary").press("End")
    page.locator("#course-summary").press_sequentially(" Soon.")
    page.locator("#site-header").get_by_role("link", name="Users", exact=True).click()  # a link in the menu bar
    expect(prompt).to_be_visible()
    expect(prompt).to_contain_text("Your changes to this course are not saved yet")
    page.locator("#stay-on-page").click()
    expect(prompt).to_have_count(0)
    expect(page).to_have_url(re.compile(rf"/admin/courses/{course_id}/?$"))
    expect(page.locator("#course-summary")).to_have_value("When. Soon.")  # nothing lost

    # Closing the tab (or reloading) gets the browser's own question.
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert questions == ["beforeunload"]


def test_a_saved_course_leaves_without_a_question_and_leave_discards_edits(page, own_course):
    track_id, course_id = own_course
    sign_in(page, "admin@demo.test")
    expect(page).to_have_url(re.compile(r"/admin/users/?$"))
    open_page(page, f"/admin/courses/{course_id}")
    prompt = page.locator("#unsaved-changes-dialog")
    page.locator("#course-summary").press("End")
    page.locator("#course-summary").press_sequentially(" Today.")
    page.locator("#save-course").click()
    expect(page.get_by_text("Course saved.")).to_be_visible()
    page.get_by_role("link", name="Back to the track").click()  # saved: no question
    expect(page).to_have_url(re.compile(rf"/admin/content/{track_id}/?$"))
    expect(prompt).to_have_count(0)

    page.get_by_role("link", name="Escalations").click()
    expect(page.locator("#course-summary")).to_have_value("When. Today.")
    page.locator("#question-prompt").press_sequentially("A half-written question")  # the question form counts too
    page.get_by_role("link", name="Back to the track").click()
    expect(prompt).to_be_visible()
    page.locator("#leave-page").click()
    expect(page).to_have_url(re.compile(rf"/admin/content/{track_id}/?$"))
    page.get_by_role("link", name="Escalations").click()
    expect(page.locator("#question-prompt")).to_have_value("")  # left without saving


def test_the_preview_is_exactly_what_the_learner_sees(browser, portal, page, own_course, new_learner):
    track_id, course_id = own_course
    learner = browser.new_context(base_url=portal, viewport={"width": 1200, "height": 800}).new_page()
    learner.set_default_timeout(20_000)
    sign_in(learner, new_learner)
    expect(learner).to_have_url(re.compile(r"/tracks/?$"))
    open_page(learner, f"/tracks/{track_id}")
    learner.get_by_text("Read the course").click()
    reading = learner.locator(".course-reading .course-text")
    expect(reading.locator("h2")).to_have_text("Escalate early")
    seen_by_learner = reading.inner_html()
    learner.context.close()

    sign_in(page, "admin@demo.test")
    expect(page).to_have_url(re.compile(r"/admin/users/?$"))
    open_page(page, f"/admin/courses/{course_id}")
    preview = page.locator("#content-preview .course-text")
    expect(preview.locator("h2")).to_have_text("Escalate early")
    assert preview.inner_html() == seen_by_learner
    assert "&lt;b onclick" in seen_by_learner and preview.locator("b").count() == 0  # raw HTML shown as text
    assert "<table" in seen_by_learner and "<strong>before</strong>" in seen_by_learner

    # Side by side, at one height, on a desk.
    editor, shown = page.locator("#course-content").bounding_box(), page.locator("#content-preview").bounding_box()
    assert editor["x"] + editor["width"] <= shown["x"] and abs(editor["y"] - shown["y"]) < 4
    assert abs(editor["height"] - shown["height"]) < 4


def test_removing_a_question_and_unpublishing_ask_first(page, own_course):
    track_id, course_id = own_course
    sign_in(page, "admin@demo.test")
    expect(page).to_have_url(re.compile(r"/admin/users/?$"))
    open_page(page, f"/admin/courses/{course_id}")
    page.locator("#question-prompt").fill("Who owns the risk?")
    page.locator("#question-choices").fill("* The CSM\nNobody")
    page.locator("#save-question").click()
    rows = page.get_by_role("region", name="Questions").locator("tbody tr")
    expect(rows).to_have_count(2)

    remove = page.get_by_role("button", name="Remove question: Who owns the risk?")
    expect(remove).to_have_attribute("class", re.compile("rt-variant-soft"))  # secondary, not a red solid button
    remove.click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Remove this question?")
    dialog.get_by_role("button", name="Cancel").click()
    expect(rows).to_have_count(2)  # nothing removed
    remove.click()
    page.get_by_role("alertdialog").get_by_role("button", name="Remove question").click()
    expect(page.get_by_text("Question removed; attempts that had it keep it.")).to_be_visible()
    expect(rows).to_have_count(1)

    open_page(page, f"/admin/content/{track_id}")
    page.locator("#unpublish-track").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Learners no longer see this track")
    dialog.get_by_role("button", name="Cancel").click()
    expect(page.locator("#unpublish-track")).to_be_visible()  # still published
    page.locator("#unpublish-track").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Unpublish track").click()
    expect(page.get_by_text("Unpublished: learners no longer see it.")).to_be_visible()
