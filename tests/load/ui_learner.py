"""One learner taking a quiz through the real pages (websocket events), for the load test."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect, sync_playwright
from sqlalchemy import create_engine

from app.settings import get_settings
CHROMIUM = "/usr/bin/chromium"  # not imported from the e2e conftest: that one makes a test database
from tests.e2e.learning import answer_all, answer_key, attempt_id_of

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]


def take_quiz_in_browser(args: tuple[str, str, str, int, int]) -> dict:
    """(base_url, email, password, track_id, course_index) -> timings in seconds, or the error."""
    base_url, email, password, track_id, course_index = args
    engine = create_engine(get_settings().database_url)
    timings: dict[str, float] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            page = browser.new_context(base_url=base_url).new_page()
            page.set_default_timeout(60_000)
            started = time.perf_counter()
            page.goto("/login")
            page.wait_for_function("() => !!sessionStorage.getItem('token')")
            page.get_by_label("Email").fill(email)
            page.get_by_label("Password").fill(password)
            page.click("#sign-in")
            expect(page).to_have_url(re.compile(r"/tracks/?$"), timeout=120_000)  # sign-ins queue under load
            timings["sign_in"] = time.perf_counter() - started
            page.goto(f"/tracks/{track_id}")
            mark = time.perf_counter()
            page.locator(".course-card").nth(course_index).get_by_role(
                "button", name=re.compile(r"(Start|Retake) quiz")).click()
            expect(page).to_have_url(re.compile(r"/attempts/\d+/?$"), timeout=60_000)
            timings["start"] = time.perf_counter() - mark
            attempt_id = attempt_id_of(page)
            mark = time.perf_counter()
            answer_all(page, answer_key(engine, attempt_id), right=True)
            timings["answer_and_autosave"] = time.perf_counter() - mark
            mark = time.perf_counter()
            page.locator("#confirm-submit").click()
            expect(page).to_have_url(re.compile(r"/attempts/\d+/result/?$"), timeout=60_000)
            timings["submit"] = time.perf_counter() - mark
            browser.close()
        return {"email": email, "attempt_id": attempt_id, "timings": timings}
    except Exception as err:  # reported, not raised: one failing browser must not hide the others' figures
        return {"email": email, "error": f"{type(err).__name__}: {str(err)[:200]}"}
    finally:
        engine.dispose()
