"""Accessibility (axe-core, keyboard, sizes, narrow screens) and no answer key in the browser before submitting."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from app.models import Choice, Question, QuizAttempt
from tests.e2e.conftest import ROOT, open_page, sign_in
from tests.e2e.learning import attempt_id_of

pytestmark = pytest.mark.e2e
AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `make axe`.")
    # Evaluated through the browser's debugging protocol: the pages' Content-Security-Policy
    # (rightly) refuses an injected inline <script>.
    page.evaluate("source => { (0, eval)(source); }", Path(AXE).read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def start_quiz(page, course: int) -> None:
    page.locator(".track-card", has_text="Customer Success Foundations").locator(".track-action").click()
    page.locator(".course-card").nth(course).get_by_role("button", name="Start quiz").click()
    expect(page.locator(".quiz-question")).to_be_visible()


def test_tracks_quiz_and_verify_pages_have_no_serious_accessibility_violations(page, new_learner):
    sign_in(page, new_learner)
    expect(page.locator(".track-card")).to_have_count(3)
    assert axe_violations(page) == []
    start_quiz(page, 1)  # a timed quiz, so the timer is checked too
    expect(page.locator("#quiz-time-left")).to_be_visible()
    assert axe_violations(page) == []
    page.locator("#next-question").click()
    page.locator("#previous-question").click()
    expect(page.locator("#question-heading")).to_have_text(re.compile("Question 1 of"))
    open_page(page, "/verify")
    assert axe_violations(page) == []
    page.goto("/verify/CERT-2026-00001")
    expect(page.locator("#verdict")).to_be_visible()
    assert axe_violations(page) == []


def test_a_whole_quiz_can_be_taken_with_the_keyboard_alone(page, new_learner):
    sign_in(page, new_learner)
    page.locator(".track-card", has_text="Customer Success Foundations").locator(".track-action").focus()
    page.keyboard.press("Enter")
    start = page.locator(".course-card").nth(2).get_by_role("button", name="Start quiz")
    start.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".quiz-question")).to_be_visible()
    navbar_bottom = page.evaluate("document.querySelector('.rt-Container').getBoundingClientRect().top")
    total = int(re.search(r"of (\d+)", page.locator("#question-heading").inner_text()).group(1))
    for number in range(1, total + 1):
        expect(page.locator("#question-heading")).to_have_text(f"Question {number} of {total}")
        if number > 1:  # the same: focus moves to the new question's heading first
            expect(page.locator("#question-heading")).to_be_focused()
        tab_to(page, "input")
        page.keyboard.press("Space")
        expect(page.locator(".quiz-question input:checked")).to_have_count(1)
        tab_to(page, "#next-question", navbar_bottom)
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Review before submitting")).to_be_visible()
    # The page moves focus to the review heading once it has drawn it; tabbing on before that
    # lands would have the Enter go to the heading instead of the submit button.
    expect(page.locator("#review-heading")).to_be_focused()
    tab_to(page, "#confirm-submit", navbar_bottom)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/attempts/\d+/result/?$"))
    expect(page.locator("#result-score")).to_be_visible()


def tab_to(page, selector: str, navbar_bottom: float = 0, limit: int = 30) -> None:
    """Press Tab until the focused element matches; it must show a focus ring and not hide under the bar."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({json.dumps(selector)})"):
            box = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect(),
                s = getComputedStyle(e); return {top: r.top, outline: s.outlineStyle, width: s.outlineWidth}; }""")
            assert box["outline"] != "none" and box["width"] != "0px", f"no visible focus on {selector}"
            assert box["top"] >= navbar_bottom - 1, f"{selector} is hidden under the sticky bar"
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_quiz_targets_are_at_least_24_px_and_pages_fit_320_px(browser, portal, new_learner):
    context = browser.new_context(base_url=portal, viewport={"width": 320, "height": 640}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, new_learner)
    expect(page.locator(".track-card")).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    start_quiz(page, 0)
    sizes = page.evaluate("""() => [...document.querySelectorAll('.quiz-question input, .quiz-choice, button')]
        .filter(e => e.offsetParent).map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })""")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    open_page(page, "/verify")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_no_answer_key_reaches_the_browser_before_the_attempt_is_submitted(page, portal_db, new_learner):
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(str(payload))))
    sign_in(page, new_learner)
    start_quiz(page, 0)  # this quiz reveals correct answers and explanations after submitting
    attempt_id = attempt_id_of(page)
    while not page.get_by_role("heading", name="Review before submitting").is_visible():
        page.locator(".quiz-choice").first.click()
        expect(page.locator("#save-status")).to_have_text("Saved")
        page.locator("#next-question").click()
        page.wait_for_timeout(100)
    with Session(portal_db) as s:
        quiz_id = s.get(QuizAttempt, attempt_id).quiz_id
        explanations = s.exec(select(Question.explanation).where(Question.quiz_id == quiz_id)).all()
        prompts = s.exec(select(Question.prompt).where(Question.quiz_id == quiz_id)).all()
        assert s.exec(select(Choice.id).join(Question).where(Question.quiz_id == quiz_id, Choice.is_correct)).all()
    received = "\n".join(frames)
    assert all(json.dumps(prompt)[1:-1] in received for prompt in prompts)  # the capture sees the quiz itself
    for secret in ("is_correct", "correct_choice", "explanation", *explanations):
        assert json.dumps(secret)[1:-1] not in received, f"{secret!r} reached the browser before submitting"

    page.locator("#confirm-submit").click()
    expect(page).to_have_url(re.compile(r"/result/?$"))
    expect(page.get_by_text(explanations[0][:40])).to_be_visible()  # now, and only now, the review shows them
