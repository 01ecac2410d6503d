"""Screenshots of the learner and public pages and of the admin console at desktop and phone
widths, for the README and the docs.

    make run   # in another terminal, on fresh demo data, then:
    .venv/bin/python -m tests.scripts.screenshots --base-url http://localhost:3000
    .venv/bin/python -m tests.scripts.screenshots --only admin   # just the admin-*.png

Signs in as the demo learner and takes (and submits) the first quiz of "Data Protection
Essentials" on the way, and as the demo admin presses "Run now" on the nightly job (and opens,
but cancels or leaves, the dialogs it shows), so run it against demo data you do not mind changing.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def sign_in(page, email: str = "learner@demo.test", home: str = r"/tracks/?$") -> None:
    page.goto("/login")
    page.wait_for_function("() => !!sessionStorage.getItem('token')")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("demo-password")
    page.click("#sign-in")
    page.wait_for_url(re.compile(home))


def shoot(pages: dict, name: str, path: str | None = None, full_page: bool = False) -> None:
    for size, page in pages.items():
        if path:
            page.goto(path)
            page.wait_for_function("() => !!sessionStorage.getItem('token')")
            page.wait_for_timeout(1200)
        page.screenshot(path=str(OUT / f"{name}-{size}.png"), full_page=full_page)


def learner_pages(browser, base_url: str) -> None:
    pages = {}
    for size, viewport in SIZES.items():
        pages[size] = browser.new_context(base_url=base_url, viewport=viewport,
                                          is_mobile=size == "phone").new_page()
        sign_in(pages[size])
        expect(pages[size].locator(".track-card").first).to_be_visible()
    shoot(pages, "tracks")
    shoot(pages, "track", "/tracks/1")
    desktop = pages["desktop"]
    desktop.goto("/tracks/2")
    card = desktop.locator(".course-card").first
    card.get_by_role("button", name=re.compile("Start quiz|Retake quiz")).or_(
        card.get_by_role("link", name="Resume quiz")).click()
    desktop.wait_for_url(re.compile(r"/attempts/\d+/?$"))
    quiz_path = desktop.url.removeprefix(base_url)
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
    shoot(pages, "result", desktop.url.removeprefix(base_url), full_page=True)
    certified_result(pages, base_url)
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


def certified_result(pages: dict, base_url: str) -> None:
    """A result in a track the demo learner holds a certificate for: the certificate and its share actions."""
    desktop = pages["desktop"]
    for track_id in (1, 2, 3):
        desktop.goto(f"/tracks/{track_id}")
        desktop.wait_for_function("() => !!sessionStorage.getItem('token')")
        desktop.locator(".course-card").first.wait_for()
        if desktop.get_by_text("You hold certificate").count():
            break
    card = desktop.locator(".course-card").last
    card.get_by_role("button", name=re.compile("Start quiz|Retake quiz")).or_(
        card.get_by_role("link", name="Resume quiz")).click()
    desktop.wait_for_url(re.compile(r"/attempts/\d+/?$"))
    desktop.locator("#nav-review").click()
    desktop.locator("#confirm-submit").click()
    desktop.wait_for_url(re.compile(r"/result/?$"))
    expect(desktop.locator("#certificate-moment")).to_be_visible()
    shoot(pages, "result-certified", desktop.url.removeprefix(base_url), full_page=True)


def shoot_each(pages: dict, name: str, prepare) -> None:
    """Prepare and take one page after the other: a page whose window is not in front loses the
    focus, and with it an open picker list."""
    for size, page in pages.items():
        page.bring_to_front()
        prepare(page)
        page.wait_for_timeout(400)
        page.screenshot(path=str(OUT / f"{name}-{size}.png"))


def _open_user_dialog(page) -> None:
    page.locator("#new-user").click()
    page.locator("#new-user-first").fill("Nia")
    page.locator("#new-user-last").fill("Ng")
    page.locator("#new-user-org").fill("beacon")
    expect(page.get_by_role("option").first).to_be_visible()


def _ask_role_change(page) -> None:
    page.keyboard.press("Escape")  # the picker's list, then the dialog
    page.keyboard.press("Escape")
    row = page.locator(".user-row").filter(has=page.get_by_role("combobox")).first
    row.get_by_role("combobox").click()
    page.get_by_role("option", name="Admin", exact=True).click()
    expect(page.get_by_role("alertdialog")).to_be_visible()


def _leave_with_an_edit(page) -> None:
    page.locator("#course-summary").press("End")
    page.locator("#course-summary").press_sequentially(" (draft)")
    page.get_by_role("link", name="Back to the track").click()
    expect(page.locator("#unsaved-changes-dialog")).to_be_visible()


def _admin_page(browser, base_url: str, size: str):
    page = browser.new_context(base_url=base_url, viewport=SIZES[size], is_mobile=size == "phone").new_page()
    sign_in(page, "admin@demo.test", r"/admin/users/?$")
    expect(page.locator(".user-row").first).to_be_visible()
    return page


def admin_pages(browser, base_url: str) -> None:
    """The admin console at desktop and phone widths, its dialogs open where they matter."""
    pages = {size: _admin_page(browser, base_url, size) for size in SIZES}
    shoot(pages, "admin-users")
    shoot_each(pages, "admin-user-dialog", _open_user_dialog)
    shoot_each(pages, "admin-role-change", _ask_role_change)
    for page in pages.values():
        page.get_by_role("alertdialog").get_by_role("button", name="Cancel").click()
    shoot(pages, "admin-content", "/admin/content")
    desktop = pages["desktop"]
    desktop.locator("tbody tr").first.get_by_role("link").click()
    desktop.wait_for_url(re.compile(r"/admin/content/\d+/?$"))
    track_path = desktop.url.removeprefix(base_url)
    shoot(pages, "admin-track", track_path, full_page=True)
    desktop.locator("tbody tr").first.get_by_role("link").click()
    desktop.wait_for_url(re.compile(r"/admin/courses/\d+/?$"))
    course_path = desktop.url.removeprefix(base_url)
    shoot(pages, "admin-course", course_path)
    shoot_each(pages, "admin-unsaved-changes", _leave_with_an_edit)
    for page in pages.values():
        page.locator("#leave-page").click()  # the demo course stays as it was
    shoot(pages, "admin-organizations", "/admin/organizations")
    for page in pages.values():
        page.goto("/admin/certificates")
        page.wait_for_function("() => !!sessionStorage.getItem('token')")
        page.get_by_label("Certificate search").fill("learner@demo.test")
        page.locator("#find-certificates").click()
        page.locator("tbody tr").first.get_by_role("button").click()
        expect(page.get_by_text("History", exact=True)).to_be_visible()
        page.wait_for_timeout(600)
    shoot(pages, "admin-certificates")
    desktop.goto("/admin/jobs")
    desktop.wait_for_function("() => !!sessionStorage.getItem('token')")
    desktop.locator("#run-now").click()
    expect(desktop.get_by_role("status")).to_contain_text("Run succeeded", timeout=120_000)
    shoot(pages, "admin-jobs", "/admin/jobs")
    shoot(pages, "admin-audit", "/admin/audit")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://localhost:3000")
    parser.add_argument("--only", choices=("learner", "admin"),
                        help="only the learner and public pages, or only the admin console")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        if args.only != "admin":
            learner_pages(browser, args.base_url)
        if args.only != "learner":
            admin_pages(browser, args.base_url)
        browser.close()
    print(f"Screenshots written to {OUT}")


if __name__ == "__main__":
    main()
