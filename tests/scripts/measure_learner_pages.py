"""How long the track, quiz and result pages take to become usable after navigation, measured in
Chromium against a running portal: from navigation start until the page's main controls are
there and enabled (and the app is connected).

    make run   # in another terminal (demo data), then:
    .venv/bin/python -m tests.scripts.measure_learner_pages --base-url http://localhost:3000 --runs 20

It signs in as the demo learner, opens "Customer Success Foundations", resumes (or starts) the
quiz of its course 3 (no time limit, so repeated runs change nothing) and finds a submitted
attempt of the same quiz for the result page (submitting one first if there is none).
"""

from __future__ import annotations

import argparse
import re
import statistics

from playwright.sync_api import Page, expect, sync_playwright

CONNECTED = "!!sessionStorage.getItem('token')"
USABLE = {
    "track": f"""() => {CONNECTED} && document.querySelectorAll('.course-card').length > 0
        && [...document.querySelectorAll('.course-card button, .course-card a')].every(b => !b.disabled)""",
    "quiz": f"""() => {{ const inputs = [...document.querySelectorAll('.quiz-question input')];
        return {CONNECTED} && inputs.length > 0 && inputs.every(i => !i.disabled); }}""",
    "result": f"""() => {CONNECTED} && /\\d+ %/.test(document.querySelector('#result-score')?.textContent || '')
        && !!document.querySelector('#primary-action')""",
}


def _sign_in(page: Page) -> None:
    page.goto("/login")
    page.wait_for_function(f"() => {CONNECTED}")
    page.get_by_label("Email").fill("learner@demo.test")
    page.get_by_label("Password").fill("demo-password")
    page.click("#sign-in")
    page.wait_for_url(re.compile(r"/tracks/?$"))


def _addresses(page: Page) -> dict[str, str]:
    """The three pages to time: the track, an attempt in progress, a submitted attempt's result."""
    page.locator(".track-card", has_text="Customer Success Foundations").locator(".track-action").click()
    page.wait_for_url(re.compile(r"/tracks/\d+/?$"))
    track = page.url
    card = page.locator(".course-card").nth(2)
    start = card.get_by_role("button", name=re.compile("Start quiz|Retake quiz")).or_(
        card.get_by_role("link", name="Resume quiz"))
    start.click()
    page.wait_for_url(re.compile(r"/attempts/\d+/?$"))
    expect(page.locator(".quiz-question")).to_be_visible()
    page.locator("#nav-review").click()
    page.locator("#confirm-submit").click()  # a result of our own, then a fresh attempt to time
    page.wait_for_url(re.compile(r"/result/?$"))
    result = page.url
    page.goto(track)
    start.click()
    page.wait_for_url(re.compile(r"/attempts/\d+/?$"))
    return {"track": track, "quiz": page.url, "result": result}


def measure(page: Page, url: str, usable: str, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        page.goto("about:blank")
        page.goto(url, wait_until="commit")
        page.wait_for_function(usable, polling=10)
        timings.append(page.evaluate("performance.now()"))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://localhost:3000")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_context(base_url=args.base_url, viewport={"width": 1280, "height": 800}).new_page()
        _sign_in(page)
        for name, url in _addresses(page).items():
            timings = measure(page, url, USABLE[name], args.runs)
            print(f"{name:>6} page usable after navigation, {len(timings)} loads: median "
                  f"{statistics.median(timings):.0f} ms, min {min(timings):.0f} ms, max {max(timings):.0f} ms")
        browser.close()


if __name__ == "__main__":
    main()
