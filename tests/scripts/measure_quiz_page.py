"""How long the quiz page takes to become usable: from navigation start until the first
question's inputs are enabled, measured in Chromium against a running portal.

    make run   # in another terminal (demo data), then:
    .venv/bin/python -m tests.scripts.measure_quiz_page --base-url http://localhost:3000 --runs 10

It signs in as the demo learner and resumes (or starts) the quiz of course 3 of
"Customer Success Foundations" (no time limit, so repeated runs change nothing).
"""

from __future__ import annotations

import argparse
import re
import statistics

from playwright.sync_api import sync_playwright

USABLE = """() => {
  const inputs = [...document.querySelectorAll('.quiz-question input')];
  return inputs.length > 0 && inputs.every(i => !i.disabled) && !!sessionStorage.getItem('token');
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://localhost:3000")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_context(base_url=args.base_url, viewport={"width": 1280, "height": 800}).new_page()
        page.goto("/login")
        page.wait_for_function("() => !!sessionStorage.getItem('token')")
        page.get_by_label("Email").fill("learner@demo.test")
        page.get_by_label("Password").fill("demo-password")
        page.click("#sign-in")
        page.wait_for_url(re.compile(r"/tracks/?$"))
        page.goto("/tracks/1")
        card = page.locator(".course-card").nth(2)
        card.get_by_role("button", name=re.compile("Start quiz|Retake quiz")).or_(
            card.get_by_role("link", name="Resume quiz")).click()
        page.wait_for_url(re.compile(r"/attempts/\d+/?$"))
        url = page.url
        timings = []
        for _ in range(args.runs):
            page.goto("about:blank")
            page.goto(url, wait_until="commit")
            page.wait_for_function(USABLE, polling=10)
            timings.append(page.evaluate("performance.now()"))
        browser.close()
    print(f"quiz page usable after navigation, {len(timings)} loads: median {statistics.median(timings):.0f} ms, "
          f"min {min(timings):.0f} ms, max {max(timings):.0f} ms")


if __name__ == "__main__":
    main()
