"""The learner and public pages as a learner and a stranger meet them: the quiz navigator and review,
True before False, whole-number scores, the reading column, the verification page, renewal, and
every page at a phone's 390 px."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import expect
from sqlalchemy import text

from tests.e2e.conftest import open_page, sign_in
from tests.e2e.learning import answer_key, attempt_id_of, choose, shown_question_id
from tests.e2e.test_accessibility_and_secrets import axe_violations

pytestmark = pytest.mark.e2e
TRACK = "Customer Success Foundations"
DATE = re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b")


def start_course_quiz(page, course: int) -> None:
    page.locator(".track-card", has_text=TRACK).locator(".track-action").click()
    page.locator(".course-card").nth(course).get_by_role("button", name="Start quiz").click()
    expect(page.locator(".quiz-question")).to_be_visible()


def fits(page) -> None:
    """No element wider than the screen: the page does not scroll sideways and no box sticks out."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => {
        const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > innerWidth + 1 || r.left < -1);
    }).map(e => e.tagName + '.' + e.className).slice(0, 5)""")
    assert wide == [], wide


def test_the_navigator_jumps_marks_answered_questions_and_the_review_lists_every_answer(page, portal_db, new_learner):
    sign_in(page, new_learner)
    start_course_quiz(page, 2)  # five questions, one of them True/False
    key = answer_key(portal_db, attempt_id_of(page))
    nav = page.get_by_role("navigation", name="Questions")
    expect(nav.get_by_role("button", name=re.compile(r"^Question \d, not answered$"))).to_have_count(5)
    first = shown_question_id(page)
    choose(page, key[first][0])
    expect(page.locator("#save-status")).to_have_text("Saved")
    expect(nav.get_by_role("button", name="Question 1, answered")).to_be_visible()
    nav.get_by_role("button", name="Question 4, not answered").click()
    expect(page.locator("#question-heading")).to_have_text("Question 4 of 5")
    expect(nav.get_by_role("button", name="Question 4, not answered")).to_have_attribute("aria-current", "step")

    nav.get_by_role("button", name="Review").click()
    rows = page.locator(".quiz-summary-row")
    expect(rows).to_have_count(5)
    expect(rows.nth(0)).to_contain_text("Your answer:")
    expect(rows.nth(1)).to_contain_text("Not answered: scores 0")
    expect(page.locator("#unanswered-note")).to_contain_text("4 of 5 questions are unanswered")
    rows.nth(2).get_by_role("button", name="Answer question 3").click()
    expect(page.locator("#question-heading")).to_have_text("Question 3 of 5")
    expect(page.locator("#question-heading")).to_be_focused()


def test_true_false_questions_read_true_then_false(page, portal_db, new_learner):
    with portal_db.connect() as conn:
        tf_questions = {row[0]: row[1] for row in conn.execute(text(
            "SELECT q.id, q.prompt FROM question q WHERE q.kind = 'true_false' AND q.retired_at IS NULL"))}
    sign_in(page, new_learner)
    start_course_quiz(page, 2)
    seen = 0
    for number in range(1, 6):
        page.get_by_role("navigation", name="Questions").get_by_role(
            "button", name=re.compile(rf"^Question {number},")).click()
        expect(page.locator("#question-heading")).to_have_text(f"Question {number} of 5")
        if shown_question_id(page) in tf_questions:
            assert page.locator(".quiz-choice").all_inner_texts() == ["True", "False"]
            seen += 1
    assert seen >= 1


def test_a_fractional_score_shows_as_a_whole_number_with_the_exact_value_beside_it(page, portal_db, new_learner):
    sign_in(page, new_learner)
    start_course_quiz(page, 2)  # 6 points over 5 questions
    key = answer_key(portal_db, attempt_id_of(page))
    choose(page, key[shown_question_id(page)][0])
    expect(page.locator("#save-status")).to_have_text("Saved")
    page.locator("#nav-review").click()
    page.locator("#confirm-submit").click()
    expect(page).to_have_url(re.compile(r"/result/?$"))
    score = page.locator("#result-score")
    expect(score).to_have_text(re.compile(r"^\d{1,3} %$"))
    expect(score).to_have_attribute("title", re.compile(r"^Exactly \d+(\.\d+)? %: \d of 6 points$"))
    expect(page.locator("#result-exact")).to_contain_text("Exactly")
    assert DATE.search(page.locator("#result-exact").inner_text())
    assert axe_violations(page) == []


def test_course_text_reads_in_a_column_of_about_70_characters_with_headings_below_the_title(page, new_learner):
    sign_in(page, new_learner)
    page.locator(".track-card", has_text=TRACK).locator(".track-action").click()
    reading = page.locator(".course-card").first.locator(".course-reading")
    expect(reading).to_have_attribute("open", "")  # the course to read next is open
    expect(page.locator("#track-progress")).to_have_text("0 of 4 courses passed")
    expect(page.get_by_role("progressbar", name="Track progress")).to_be_visible()
    column = page.evaluate("""() => { const t = document.querySelector('.course-reading .course-text');
        const s = getComputedStyle(t); const probe = document.createElement('span'); probe.textContent = '0';
        t.appendChild(probe); const ch = probe.getBoundingClientRect().width; probe.remove();
        const h = [...t.querySelectorAll('h1, h2, h3')].map(e => parseFloat(getComputedStyle(e).fontSize));
        const title = parseFloat(getComputedStyle([...document.querySelectorAll('h1')].find(h => !h.closest('#site-header'))).fontSize);
        return {chars: t.getBoundingClientRect().width / ch, headings: h, title}; }""")
    assert 55 <= column["chars"] <= 75, column
    assert column["headings"] and max(column["headings"]) < column["title"], column


def test_the_public_check_shows_the_issuer_the_achievement_its_badge_and_validity_in_words(page, portal_db):
    with portal_db.connect() as conn:
        number, holder, code = conn.execute(text(
            "SELECT number, holder_name, verification_code FROM certificate WHERE revoked_at IS NULL "
            "AND superseded_by IS NULL AND expires_at > :now ORDER BY id LIMIT 1"),
            {"now": datetime.now(timezone.utc)}).one()
    open_page(page, f"/verify/{number}")
    expect(page.locator("#verdict")).to_have_text("Valid")
    expect(page.locator("#verdict-detail")).to_have_text(re.compile(r"^Valid until \d{1,2} \w{3} \d{4} \(expires in "))
    expect(page.locator("#verify-issuer")).to_have_text("Success Portal")
    expect(page.locator("#verify-criteria")).to_contain_text("Passed the final quiz")
    expect(page.locator("#verify-description")).not_to_be_empty()
    page.wait_for_function("() => document.querySelector('#verify-badge')?.naturalWidth > 0")
    expect(page.locator("#verify-holder")).to_have_text(" ".join(f"{p[0]}." for p in holder.split()))
    expect(page.locator("#initials-note")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"/verify/{number}?code={code}")
    expect(page.locator("#verify-holder")).to_have_text(holder)
    expect(page.locator("#initials-note")).to_have_count(0)


def test_a_stale_error_never_stays_under_a_later_verdict(page, portal_db):
    open_page(page, "/verify/hello-world")
    expect(page.locator("#verdict")).to_have_text("That is not a certificate number")
    page.locator("#check-certificate").click()
    expect(page.get_by_role("alert")).to_have_text("Type the certificate number, for example CERT-2026-00042.")
    with portal_db.connect() as conn:
        number = conn.execute(text("SELECT number FROM certificate ORDER BY id LIMIT 1")).scalar_one()
    page.get_by_label("Certificate number").fill(number)
    page.locator("#check-certificate").click()
    expect(page).to_have_url(re.compile(rf"/verify/{number}/?$"))
    expect(page.locator("#verdict")).not_to_have_text("That is not a certificate number")
    expect(page.get_by_text("That is not a certificate number")).to_have_count(0)
    expect(page.get_by_role("alert")).to_have_text("")


def test_a_certificate_due_for_renewal_offers_renew_now_and_the_jobs_page_lists_unsent_reminders(
        page, browser, portal, portal_db):
    with portal_db.begin() as conn:  # another demo learner's: the demo learner's are other tests' fixtures
        cert_id, number, email = conn.execute(text(
            "SELECT c.id, c.number, u.email FROM certificate c JOIN \"user\" u ON u.id = c.user_id "
            "WHERE u.email <> 'learner@demo.test' AND u.role = 'learner' AND u.is_active "
            "AND c.revoked_at IS NULL AND c.superseded_by IS NULL ORDER BY c.id DESC LIMIT 1")).one()
        conn.execute(text("UPDATE certificate SET expires_at = :at WHERE id = :id"),
                     {"at": datetime.now(timezone.utc) + timedelta(days=20), "id": cert_id})
    admin = browser.new_context(base_url=portal).new_page()
    sign_in(admin, "admin@demo.test")
    admin.wait_for_url(re.compile(r"/admin/users/?$"))
    admin.goto("/admin/jobs")
    admin.locator("#run-now").click()
    expect(admin.get_by_role("status")).to_contain_text("Run succeeded", timeout=120_000)
    listed = admin.locator("#listed-reminders")
    expect(listed).to_contain_text("Set SMTP_URL")
    expect(listed.get_by_role("row", name=re.compile(number))).to_contain_text("30 days before")
    admin.context.close()

    sign_in(page, email)
    page.wait_for_url(re.compile(r"/tracks/?$"))
    page.goto(f"/certificates/{number}")
    page.locator("#renew-certificate").click()
    expect(page).to_have_url(re.compile(r"/certificates/CERT-\d{4}-\d{5}/?$"))
    expect(page).not_to_have_url(re.compile(rf"/certificates/{number}/?$"))
    expect(page.locator("#certificate-status")).to_have_text("Valid")


def test_learner_and_public_pages_fit_a_390_px_phone(browser, portal, portal_db, new_learner):
    context = browser.new_context(base_url=portal, viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.set_default_timeout(20_000)
    sign_in(phone, new_learner)
    expect(phone.locator(".track-card")).to_have_count(3)
    fits(phone)
    phone.locator(".track-card", has_text=TRACK).locator(".track-action").click()
    expect(phone.locator(".course-card").first).to_be_visible()
    fits(phone)
    phone.locator(".course-card").nth(2).get_by_role("button", name="Start quiz").click()
    expect(phone.locator(".quiz-question")).to_be_visible()
    fits(phone)
    phone.locator("#nav-review").click()
    expect(phone.locator(".quiz-summary-row").first).to_be_visible()
    fits(phone)
    phone.locator("#confirm-submit").click()
    expect(phone).to_have_url(re.compile(r"/result/?$"))
    expect(phone.locator("#result-score")).to_be_visible()
    fits(phone)
    with portal_db.connect() as conn:
        number = conn.execute(text("SELECT number FROM certificate ORDER BY id LIMIT 1")).scalar_one()
    for path in ("/certificates", "/verify", f"/verify/{number}"):
        open_page(phone, path)
        phone.locator("h1, h2").first.wait_for()
        phone.wait_for_timeout(500)
        fits(phone)
    context.close()
