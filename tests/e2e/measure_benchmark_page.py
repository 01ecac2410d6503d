"""Time until a customer's benchmark page is usable, and screenshots for the README.

Usable = all five metric panels are on screen with their released-number text, every
published metric's chart SVG is drawn, and the cohort switch can be clicked.

    python -m tests.e2e.measure_benchmark_page --base http://localhost:3200 --runs 15 \
        [--screenshots docs/screenshots]

Needs a running portal with the demo data (``make run``) and Chromium at /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from app.ui import routes

CHROMIUM = "/usr/bin/chromium"
# Demo customer with learners in a small industry: shows the training card and withheld numbers.
SHOWN = "Orchard Transit Authority"
USABLE = """(name) => {
  const heading = document.querySelector('#org-name');
  if (!heading || (name && heading.textContent !== name)) return false;
  const panels = document.querySelectorAll('.metric-panel');
  if (panels.length !== 5) return false;
  const charts = document.querySelectorAll('.metric-panel .band-chart');
  const drawn = document.querySelectorAll('.metric-panel .band-chart .main-svg');
  const cohort = document.querySelector('#cohort-switch button');
  return drawn.length >= charts.length && charts.length > 0 && cohort && !cohort.disabled;
}"""


def sign_in(page, base: str, email: str = "csm@demo.test") -> None:
    page.goto(f"{base}/login")
    page.wait_for_function("() => !!sessionStorage.getItem('token')")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("demo-password")
    page.click("#sign-in")
    page.wait_for_url(f"**{routes.home_for_role('csm')}")


def measure(page, base: str, runs: int) -> dict[str, list[float]]:
    """In-app navigation (a click in the list) and a full page load, each timed ``runs`` times."""
    result: dict[str, list[float]] = {"click from the list": [], "full page load": []}
    for i in range(runs):
        page.goto(f"{base}/customers?sort=name")
        page.wait_for_selector(".customer-row")
        link = page.locator(".customer-row").nth(i % 10)
        name = link.locator(".customer-name").text_content()
        started = time.perf_counter()
        link.click()
        page.wait_for_function(USABLE, arg=name, polling="raf")
        result["click from the list"].append(time.perf_counter() - started)
        url = page.url
        page.goto(f"{base}/customers")
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_function(USABLE, arg=name, polling="raf")
        result["full page load"].append(time.perf_counter() - started)
    return result


def screenshots(browser, base: str, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("desktop", {"width": 1280, "height": 800}), ("phone", {"width": 390, "height": 800})):
        context = browser.new_context(viewport=viewport, device_scale_factor=1)
        page = context.new_page()
        sign_in(page, base)
        page.goto(f"{base}/customers")
        page.wait_for_selector(".customer-row .rank-chip")
        page.wait_for_timeout(300)
        page.screenshot(path=str(folder / f"customers-list-{name}.png"))
        page.get_by_placeholder("Search by name…").fill(SHOWN)
        page.wait_for_function("() => document.querySelectorAll('.customer-row').length === 1")
        page.locator(".customer-row").first.click()
        page.wait_for_function(USABLE, arg=SHOWN, polling="raf")
        page.wait_for_selector(".trend-panel .main-svg")
        page.wait_for_timeout(500)
        page.screenshot(path=str(folder / f"benchmark-org-{name}.png"), full_page=True)
        if name == "desktop":
            page.evaluate("() => window.scrollTo(0, document.querySelector('#trend-panels').offsetTop - 120)")
            page.wait_for_timeout(800)  # let the scrolled-to charts paint
            page.screenshot(path=str(folder / "benchmark-trends-desktop.png"))
            page.evaluate("() => window.scrollTo(0, 0)")
        page.locator("#cohort-switch").get_by_role("radio").nth(1).click()  # same industry: marked, withheld
        page.wait_for_selector("#withheld-banner")
        page.wait_for_timeout(500)
        page.screenshot(path=str(folder / f"benchmark-suppressed-{name}.png"))
        if name == "desktop":
            page.goto(page.url.split("?")[0] + "/review?cohort=all")
            page.wait_for_selector(".small-multiple .main-svg")
            page.wait_for_timeout(500)
            page.emulate_media(media="print")
            page.screenshot(path=str(folder / "benchmark-print-desktop.png"), full_page=True)
            page.pdf(path="/tmp/benchmark-summary.pdf", format="A4", print_background=True)
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://localhost:3200")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--screenshots", type=Path)
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        sign_in(page, args.base)
        page.wait_for_timeout(500)
        measure(page, args.base, 2)  # warm the browser cache and the server
        for label, seconds in measure(page, args.base, args.runs).items():
            ms = sorted(s * 1000 for s in seconds)
            print(f"{label}: median {statistics.median(ms):.0f} ms, p90 {ms[int(0.9 * (len(ms) - 1))]:.0f} ms, "
                  f"max {ms[-1]:.0f} ms over {len(ms)} runs")
        context.close()
        if args.screenshots:
            screenshots(browser, args.base, args.screenshots)
        browser.close()


if __name__ == "__main__":
    main()
