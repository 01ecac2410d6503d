"""Screenshots of the learner and public pages at desktop and phone widths, for the README.

    make run   # in another terminal, on fresh demo data, then:
    .venv/bin/python -m tests.scripts.screenshots --base-url http://localhost:3000

Signs in as the demo learner and takes (and submits) the first quiz of "Data Protection
Essentials" on the way, so run it against demo data you do not mind changing.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}


def sign_in(page) -> None:
    page.goto("/login")
    page.wait_for_function("() => !!sessionStorage.getItem('token')")
    page.get_by_label("Email").fill("learner@demo.test")
    page.get_by_label("Password").fill("demo-password")
    page.click("#sign-in")
    page.wait_for_url(re.compile(r"/tracks/?$"))
    expect(page.locator(".track-card").first).to_be_visible()


def shoot(pages: dict, name: str, path: str | None = None, full_page: bool = False) -> None:
    for size, page in pages.items():
        if path:
            page.goto(path)
            page.wait_for_function("() => !!sessionStorage.getItem('token')")
            page.wait_for_timeout(1200)
        page.screenshot(path=str(OUT / f"{name}-{size}.png"), full_page=full_page)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://localhost:3000")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        pages = {}
        for size, viewport in SIZES.items():
            pages[size] = browser.new_context(base_url=args.base_url, viewport=viewport,
                                              is_mobile=size == "phone").new_page()
            sign_in(pages[size])
        shoot(pages, "tracks")
        shoot(pages, "track", "/tracks/1")
        desktop = pages["desktop"]
        desktop.goto("/tracks/2")
        card = desktop.locator(".course-card").first
        card.get_by_role("button", name=re.compile("Start quiz|Retake quiz")).or_(
            card.get_by_role("link", name="Resume quiz")).click()
        desktop.wait_for_url(re.compile(r"/attempts/\d+/?$"))
        quiz_path = desktop.url.removeprefix(args.base_url)
        desktop.locator(".quiz-choice").first.click()
        expect(desktop.locator("#save-status")).to_have_text("Saved")
        for page in pages.values():
            page.goto(quiz_path)
            expect(page.locator(".quiz-question")).to_be_visible()
            page.locator("#next-question").click()
            page.locator(".quiz-choice").nth(1).click()
            expect(page.locator("#save-status")).to_have_text("Saved")
        shoot(pages, "quiz-question")
        for page in pages.values():
            while not page.get_by_role("heading", name="Review before submitting").is_visible():
                page.locator("#next-question").click()
                page.wait_for_timeout(150)
        shoot(pages, "quiz-review")
        desktop.locator("#confirm-submit").click()
        desktop.wait_for_url(re.compile(r"/result/?$"))
        shoot(pages, "result", desktop.url.removeprefix(args.base_url), full_page=True)
        shoot(pages, "certificates", "/certificates")
        desktop.locator(".certificate-row").first.get_by_role("link").click()
        desktop.wait_for_url(re.compile(r"/certificates/CERT-"))
        number = desktop.locator("#certificate-number").inner_text()
        shoot(pages, "certificate", f"/certificates/{number}", full_page=True)
        for page in pages.values():
            page.context.clear_cookies()
            page.evaluate("localStorage.clear()")
        shoot(pages, "verify", "/verify")
        shoot(pages, "verify-valid", f"/verify/{number}")
        shoot(pages, "verify-malformed", "/verify/CERT-26-1")
        browser.close()
    print(f"Screenshots written to {OUT}")


if __name__ == "__main__":
    main()
