"""An admin writes a course and its quiz in the browser, publishes it and the track, and a learner takes it."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, sign_in
from tests.e2e.learning import take_quiz

pytestmark = pytest.mark.e2e


def test_an_admin_creates_and_publishes_a_quiz_that_a_learner_then_passes(page, browser, portal, portal_db,
                                                                           new_learner):
    slug = f"e2e-authoring-{os.getpid()}"
    title = f"Escalations {os.getpid()}"
    sign_in(page, "admin@demo.test")
    expect(page).to_have_url(re.compile(r"/admin/users/?$"))
    open_page(page, "/admin/content")
    first_track = page.get_by_role("row").nth(1).get_by_role("rowheader").inner_text()
    page.locator("#new-track-title").fill(title)
    page.locator("#new-track-slug").fill(slug)
    page.locator("#create-track").click()
    expect(page).to_have_url(re.compile(r"/admin/content/\d+/?$"))

    page.locator("#publish-track").click()  # nothing to publish yet: the reason is shown
    expect(page.get_by_role("status").filter(has_text="has no courses; add at least one")).to_be_visible()

    page.locator("#new-course-title").fill("When to escalate")
    page.locator("#new-course-slug").fill("when-to-escalate")
    page.locator("#add-course").click()
    page.get_by_role("link", name="When to escalate").click()
    expect(page).to_have_url(re.compile(r"/admin/courses/\d+/?$"))
    expect(page.locator("#course-title")).to_have_value("When to escalate")

    page.locator("#course-content").fill("## Escalate early\nTell your manager **before** the renewal is at risk.")
    expect(page.locator("#content-preview h2")).to_have_text("Escalate early")  # live preview
    expect(page.locator("#content-preview strong")).to_have_text("before")
    page.locator("#save-course").click()
    expect(page.get_by_text("Course saved.")).to_be_visible()

    page.locator("#publish-course").click()  # a course without questions is refused, with the reason
    expect(page.get_by_role("status").filter(has_text="has no questions; add at least one")).to_be_visible()

    page.locator("#question-prompt").fill("When should you escalate a renewal risk?")
    page.locator("#question-choices").fill("* As soon as you see it\nAfter the renewal date")
    page.locator("#save-question").click()
    expect(page.get_by_text("Question saved.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("When should you escalate"))).to_be_visible()
    page.locator("#publish-course").click()
    expect(page.get_by_text("Published: learners of a published track see this course.")).to_be_visible()

    page.get_by_role("link", name="Back to the track").click()
    expect(page.get_by_role("row", name=re.compile("When to escalate"))).to_contain_text("Published")
    page.locator("#new-course-title").fill("Coming soon")  # a draft: learners must not see it
    page.locator("#new-course-slug").fill("coming-soon")
    page.locator("#add-course").click()
    expect(page.get_by_role("row", name=re.compile("Coming soon"))).to_contain_text("Draft")
    page.locator("#publish-track").click()
    expect(page.get_by_text("Published: learners can see this track.")).to_be_visible()

    # Listed last when created; moved up once it is no longer last.
    open_page(page, "/admin/content")
    rows = page.get_by_role("row")
    expect(rows.last).to_contain_text(title)
    page.get_by_role("button", name=f"Move up: {title}").click()
    expect(rows.nth(rows.count() - 2)).to_contain_text(title)
    expect(rows.nth(1)).to_contain_text(first_track)
    page.get_by_role("link", name=title).click()
    expect(page).to_have_url(re.compile(r"/admin/content/\d+/?$"))

    learner = browser.new_context(base_url=portal, viewport={"width": 1200, "height": 800}).new_page()
    learner.set_default_timeout(20_000)
    sign_in(learner, new_learner)
    expect(learner).to_have_url(re.compile(r"/tracks/?$"))
    learner.locator(".track-card", has_text=title).locator(".track-action").click()
    expect(learner.get_by_role("heading", name=title)).to_be_visible()
    expect(learner.get_by_text("Coming soon")).to_have_count(0)
    take_quiz(learner, portal_db, 0, right=True)
    expect(learner.locator("#result-score")).to_have_text("100 %")

    # Unpublished again (after a confirmation), it leaves the learner's list (and the shared demo data as
    # the other tests expect it).
    page.locator("#unpublish-track").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Unpublish track").click()
    expect(page.get_by_text("Unpublished: learners no longer see it.")).to_be_visible()
    open_page(learner, "/tracks")
    expect(learner.locator(".track-card").first).to_be_visible()
    expect(learner.locator(".track-card", has_text=title)).to_have_count(0)
    learner.context.close()
