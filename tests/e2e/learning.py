"""Steps of a learner in the browser, and answer keys read server-side from the e2e database."""

from __future__ import annotations

import re
from datetime import datetime

from playwright.sync_api import Page, expect
from sqlalchemy import Engine
from sqlmodel import Session, select

from app.models import Choice, Course, Question, Quiz, QuizAttempt


def quiz_ids(engine: Engine, track_title: str) -> list[int]:
    from app.models import Track

    with Session(engine) as s:
        return list(s.exec(select(Quiz.id).join(Course, Course.id == Quiz.course_id).join(Track, Track.id == Course.track_id)
                           .where(Track.title == track_title).order_by(Course.position)).all())


def answer_key(engine: Engine, attempt_id: int) -> dict[int, tuple[set[int], set[int]]]:
    """question id -> (correct choice ids, wrong choice ids) for the attempt's quiz."""
    with Session(engine) as s:
        quiz_id = s.get(QuizAttempt, attempt_id).quiz_id
        rows = s.exec(select(Question.id, Choice.id, Choice.is_correct).join(Choice, Choice.question_id == Question.id)
                      .where(Question.quiz_id == quiz_id)).all()
    key: dict[int, tuple[set[int], set[int]]] = {}
    for question_id, choice_id, is_correct in rows:
        key.setdefault(question_id, (set(), set()))[0 if is_correct else 1].add(choice_id)
    return key


def set_deadline(engine: Engine, attempt_id: int, deadline: datetime) -> None:
    with Session(engine) as s:
        attempt = s.get(QuizAttempt, attempt_id)
        attempt.deadline = deadline
        s.add(attempt)
        s.commit()


def attempt_id_of(page: Page) -> int:
    return int(re.search(r"/attempts/(\d+)", page.url).group(1))


def shown_question_id(page: Page) -> int:
    name = page.locator(".quiz-question input").first.get_attribute("name")
    return int(name.removeprefix("question-"))


def choose(page: Page, choice_ids) -> None:
    for choice_id in sorted(choice_ids):
        page.locator(f"label[for='choice-{choice_id}']").click()
        expect(page.locator(f"#choice-{choice_id}")).to_be_checked()


def answer_all(page: Page, key, right: bool, count: int | None = None) -> None:
    """Answer the shown attempt's questions in order (all right, or all wrong), then open the review."""
    expect(page.locator(".quiz-question")).to_be_visible()
    total = int(re.search(r"of (\d+)", page.locator("#question-heading").inner_text()).group(1))
    for index in range(total if count is None else count):
        question_id = shown_question_id(page)
        correct, wrong = key[question_id]
        choose(page, correct if right else {min(wrong)})
        expect(page.locator("#save-status")).to_have_text("Saved")
        heading = f"Question {index + 2} of {total}"
        page.locator("#next-question").click()
        if index + 1 < total:
            expect(page.locator("#question-heading")).to_have_text(heading)
    if count is None:
        expect(page.get_by_role("heading", name="Review before submitting")).to_be_visible()


def take_quiz(page: Page, engine: Engine, course_index: int, right: bool) -> None:
    """From the track page: start (or retake) the course's quiz, answer, submit, land on the result."""
    card = page.locator(".course-card").nth(course_index)
    card.get_by_role("button", name=re.compile(r"(Start|Retake) quiz")).click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+/?$"))
    answer_all(page, answer_key(engine, attempt_id_of(page)), right)
    page.locator("#confirm-submit").click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+/result/?$"))
    expect(page.locator("#result-verdict")).to_contain_text("Passed" if right else "Not passed")
