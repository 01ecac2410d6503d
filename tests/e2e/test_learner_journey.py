"""A learner's way through a track in the real browser: quizzes, results, certificate, PDF, public check."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import pypdfium2
import pytest
import zxingcpp
from playwright.sync_api import expect
from sqlmodel import Session, select

from app.models import Certificate, QuizAttempt, User
from tests.e2e.conftest import open_page, sign_in
from tests.e2e.learning import answer_all, answer_key, attempt_id_of, choose, set_deadline, shown_question_id, take_quiz

pytestmark = pytest.mark.e2e
TRACK = "Customer Success Foundations"


def open_track(page) -> None:
    expect(page).to_have_url(re.compile(r"/tracks/?$"))
    page.locator(".track-card", has_text=TRACK).locator(".track-action").click()
    expect(page.get_by_role("heading", name=TRACK)).to_be_visible()


def test_a_learner_fails_retakes_passes_every_quiz_and_gets_a_certificate_that_verifies(page, portal, portal_db,
                                                                                         new_learner, browser):
    sign_in(page, new_learner)
    open_track(page)
    take_quiz(page, portal_db, 0, right=True)
    expect(page.locator("#result-score")).to_have_text("100 %")
    # One primary action, the next course; one way back.
    expect(page.locator("#primary-action")).to_have_text("Start the next course: Customer Health Scores")
    expect(page.get_by_role("link", name=re.compile("Back to the track"))).to_have_count(1)
    page.locator("#primary-action").click()
    expect(page).to_have_url(re.compile(r"/tracks/\d+#course-\d+$"))
    expect(page.locator(".course-card").nth(1).locator(".course-reading")).to_have_attribute("open", "")

    take_quiz(page, portal_db, 1, right=False)
    expect(page.locator("#retake-note")).to_have_text("You can retake this quiz now; your best attempt counts.")
    expect(page.locator(".review-item")).to_have_count(7)  # correctness policy: which were right, not the answers
    expect(page.get_by_text("Correct answer:")).to_have_count(0)
    expect(page.locator("#primary-action")).to_have_text("Retake the quiz")
    expect(page.locator("#retake")).to_have_count(0)  # the retake is the primary action here, not repeated
    page.locator("#primary-action").click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+/?$"))
    answer_all(page, answer_key(portal_db, attempt_id_of(page)), right=True)
    page.locator("#confirm-submit").click()
    expect(page.locator("#result-verdict")).to_contain_text("Passed")
    # This quiz has no attempt limit and no cooldown: Retake stands beside the next course.
    expect(page.locator("#primary-action")).to_have_text("Start the next course: Business Reviews That Matter")
    expect(page.locator("#retake")).to_be_visible()

    for course in (2, 3):
        page.get_by_role("link", name="Back to the track").click()
        take_quiz(page, portal_db, course, right=True)
    # The last pass issued the certificate: the moment of success, on the result page itself.
    expect(page.locator("#success-heading")).to_have_text("You earned your certificate")
    expect(page.locator("#certificate-moment #certificate-holder")).to_have_text("Erin Example")
    moment_number = page.locator("#certificate-moment #certificate-number").inner_text()
    assert re.fullmatch(r"CERT-\d{4}-\d{5}", moment_number)
    expect(page.locator("#add-to-linkedin")).to_have_attribute("href", re.compile(r"^https://www\.linkedin\.com/"))
    with page.expect_download() as badge:
        page.locator("#download-badge").click()
    assert badge.value.suggested_filename == f"{moment_number}-badge.svg"
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("#copy-link").click()
    expect(page.locator("#copy-link")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#verify-url").inner_text()
    page.locator("#primary-action").click()
    expect(page).to_have_url(re.compile(rf"/certificates/{moment_number}/?$"))
    expect(page.locator("#certificate-holder")).to_have_text("Erin Example")
    expect(page.locator("#certificate-status")).to_have_text("Valid")
    number = page.locator("#certificate-number").inner_text()

    with page.expect_download() as download:
        page.locator("#download-pdf").click()
    assert download.value.suggested_filename == f"{number}.pdf"
    pdf = open(download.value.path(), "rb").read()
    assert pdf.startswith(b"%PDF-")
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=2).to_pil()
    (url,) = [code.text for code in zxingcpp.read_barcodes(image)]
    assert url.startswith(f"{portal}/verify/{number}?code=")
    assert page.locator("#verify-url").inner_text() == url

    stranger = browser.new_context()
    public = stranger.new_page()
    public.goto(url)
    expect(public.locator("#verdict")).to_have_text("Valid")
    expect(public.get_by_text("Erin Example")).to_be_visible()
    public.goto(f"{portal}/verify/{number}")
    expect(public.locator("#verdict")).to_have_text("Valid")
    expect(public.get_by_text("E. E.", exact=True)).to_be_visible()
    expect(public.get_by_text("Erin Example")).to_have_count(0)
    stranger.close()


def test_a_reload_or_a_new_sign_in_resumes_the_attempt_with_its_answers(page, browser, portal, portal_db, new_learner):
    sign_in(page, new_learner)
    open_track(page)
    page.locator(".course-card").nth(2).get_by_role("button", name="Start quiz").click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+/?$"))
    attempt_url = page.url
    key = answer_key(portal_db, attempt_id_of(page))
    answer_all(page, key, right=True, count=2)
    expect(page.locator("#question-heading")).to_have_text("Question 3 of 5")

    page.reload()
    expect(page.locator("#question-heading")).to_have_text("Question 3 of 5")  # first unanswered
    page.locator("#previous-question").click()
    expect(page.locator("#question-heading")).to_have_text("Question 2 of 5")
    for choice in key[shown_question_id(page)][0]:
        expect(page.locator(f"#choice-{choice}")).to_be_checked()

    other = browser.new_context(base_url=portal).new_page()
    sign_in(other, new_learner)
    open_track(other)
    other.locator(".course-card").nth(2).get_by_role("link", name="Resume quiz").click()
    expect(other).to_have_url(attempt_url)
    expect(other.locator("#question-heading")).to_have_text("Question 3 of 5")
    other.locator("#previous-question").click()
    expect(other.locator("#question-heading")).to_have_text("Question 2 of 5")
    for choice in key[shown_question_id(other)][0]:
        expect(other.locator(f"#choice-{choice}")).to_be_checked()
    other.context.close()


def test_the_timer_warns_and_submits_the_saved_answers_at_the_deadline(page, portal_db, new_learner):
    sign_in(page, new_learner)
    open_track(page)
    page.locator(".course-card").nth(1).get_by_role("button", name="Start quiz").click()
    expect(page.locator("#quiz-time-left")).to_have_text(re.compile(r"^1[45]:\d\d$"))
    expect(page.locator("#quiz-time-warning")).to_have_text("")
    attempt_id = attempt_id_of(page)
    key = answer_key(portal_db, attempt_id)
    choose(page, key[shown_question_id(page)][0])
    expect(page.locator("#save-status")).to_have_text("Saved")

    # Bring the server's deadline close instead of waiting 15 minutes; the page reads it on load.
    set_deadline(portal_db, attempt_id, datetime.now(timezone.utc) + timedelta(seconds=8))
    page.reload()
    expect(page.locator("#quiz-time-warning")).to_contain_text("1 minute left")
    expect(page).to_have_url(re.compile(r"/attempts/\d+/result/?$"), timeout=20_000)
    expect(page.locator("#late-note")).to_be_visible()
    expect(page.locator(".review-correct")).to_have_count(1)
    with Session(portal_db) as s:
        attempt = s.get(QuizAttempt, attempt_id)
        assert attempt.submitted_at is not None and attempt.earned_points >= 1


def test_another_learners_attempt_and_certificate_show_the_404_page(page, portal_db, new_learner):
    with Session(portal_db) as s:
        demo = s.exec(select(User.id).where(User.email == "learner@demo.test")).one()
        attempt_id = s.exec(select(QuizAttempt.id).where(QuizAttempt.user_id == demo)).first()
        number = s.exec(select(Certificate.number).where(Certificate.user_id == demo)).first()
    sign_in(page, new_learner)
    expect(page).to_have_url(re.compile(r"/tracks/?$"))
    for path in (f"/attempts/{attempt_id}", f"/attempts/{attempt_id}/result", f"/certificates/{number}"):
        open_page(page, path)
        expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
        expect(page.get_by_text(number)).to_have_count(0)
