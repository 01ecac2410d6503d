"""The training-and-health card's screenshot for docs/csm.md, from a running demo portal.

    make run   # in another terminal, on fresh demo data, then:
    .venv/bin/python -m tests.scripts.screenshot_training_health --base-url http://localhost:3000

Opens the first demo customer with learners whose band has numbers to show (read from the API)
and saves the card alone; it changes nothing.
"""

from __future__ import annotations

import argparse
import json
import urllib.request
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from app.ui import routes

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "training-health-desktop.png"


def _api(base: str, path: str, token: str | None = None, body: dict | None = None):
    headers = {"Content-Type": "application/json"} | ({"Authorization": f"Bearer {token}"} if token else {})
    request = urllib.request.Request(base + path, data=json.dumps(body).encode() if body else None, headers=headers,
                                     method="POST" if body else "GET")
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def customer_with_a_band(base: str) -> int:
    token = _api(base, "/api/auth/login", body={"email": "csm@demo.test", "password": "demo-password"})["token"]
    for organization_id in range(1, 60):
        view = _api(base, f"/api/benchmarks/organizations/{organization_id}/training-health", token)
        bands = {b["key"]: b for b in view["metrics"][0]["bands"]} if view["metrics"] else {}
        if view["band"] and bands[view["band"]]["median"] is not None:
            return organization_id
    raise SystemExit("No demo customer with a band that has numbers: is this fresh demo data?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://localhost:3000")
    args = parser.parse_args()
    organization_id = customer_with_a_band(args.base_url)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_context(base_url=args.base_url, viewport={"width": 1200, "height": 900}).new_page()
        page.set_default_timeout(30_000)
        page.goto(routes.LOGIN)
        page.wait_for_function("() => !!sessionStorage.getItem('token')")
        page.get_by_label("Email").fill("csm@demo.test")
        page.get_by_label("Password").fill("demo-password")
        page.click("#sign-in")
        page.wait_for_url(lambda url: routes.LOGIN not in url)
        page.goto(routes.BENCHMARK.replace("[org_id]", str(organization_id)))
        card = page.locator("#training-health")
        expect(card.locator(".band-medians-chart .main-svg").first).to_be_visible(timeout=30_000)
        page.wait_for_timeout(500)  # the charts' last layout pass
        card.scroll_into_view_if_needed()
        card.screenshot(path=str(OUT))
        browser.close()
    print(f"saved {OUT}")


if __name__ == "__main__":
    main()
