"""Course text cannot run script, and every page of the portal runs under its Content-Security-Policy
without a single violation (collected in Chromium from securitypolicyviolation events and the console)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import text

from app.ui import routes
from tests.e2e.conftest import open_page, sign_in

pytestmark = pytest.mark.e2e

WATCH = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || e.sourceFile || '')));"""

ATTACKS = """## Reading

<iframe srcdoc="<script>parent.__ran = (parent.__ran || []).concat('iframe')</script>"></iframe>

<svg><script>window.__ran = (window.__ran || []).concat('svg')</script></svg>

<img src="x" onerror="window.__ran = (window.__ran || []).concat('img')">

[a link](javascript:window.__ran=['link'])

Prices run from $5 to $10 a seat.
"""


@pytest.fixture
def watched(browser, portal):
    """A fresh tab that records CSP violations and console errors."""
    context = browser.new_context(base_url=portal, viewport={"width": 1200, "height": 800})
    context.add_init_script(WATCH)
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page, errors
    context.close()


def _violations(page, errors) -> list[str]:
    found = page.evaluate("window.__violations")
    return found + [e for e in errors if "Content Security Policy" in e or "Refused to" in e]


@pytest.fixture
def poisoned_course(portal_db):
    """The first course of the first track, its reading text replaced by script attacks."""
    with portal_db.begin() as conn:
        course_id, track_id, original = conn.execute(text(
            "SELECT c.id, c.track_id, c.content_md FROM course c JOIN track t ON t.id = c.track_id "
            "WHERE t.is_published AND c.is_published ORDER BY t.position, c.position LIMIT 1")).one()
        conn.execute(text("UPDATE course SET content_md = :md WHERE id = :id"), {"md": ATTACKS, "id": course_id})
    yield course_id, track_id
    with portal_db.begin() as conn:
        conn.execute(text("UPDATE course SET content_md = :md WHERE id = :id"), {"md": original, "id": course_id})


def _nothing_ran(page, reading) -> None:
    expect(reading.get_by_role("heading", name="Reading")).to_be_visible()
    page.wait_for_timeout(1000)  # an iframe's script would have run by now
    assert page.evaluate("window.__ran") is None
    assert reading.locator("iframe, svg script, img[onerror], a[href^='javascript']").count() == 0
    expect(reading.get_by_text("Prices run from $5 to $10 a seat.")).to_be_visible()  # text, not math
    link = reading.get_by_role("link", name="a link")
    if link.count():
        link.click()  # its javascript: address was dropped; following it runs nothing
    assert page.evaluate("window.__ran") is None


def test_script_in_course_text_runs_neither_for_learners_nor_in_the_editor_preview(watched, poisoned_course):
    page, errors = watched
    course_id, track_id = poisoned_course
    sign_in(page, "learner@demo.test")
    expect(page).to_have_url(re.compile(r"/tracks/?$"))
    page.goto(f"/tracks/{track_id}")
    card = page.locator(".course-card").first
    card.get_by_text("Read the course").click()
    _nothing_ran(page, card.locator(".course-reading"))
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login/?$"))

    sign_in(page, "admin@demo.test")
    expect(page).to_have_url(re.compile(r"/admin/users/?$"))
    page.goto(f"/admin/courses/{course_id}")
    _nothing_ran(page, page.locator("#content-preview"))
    assert _violations(page, errors) == []


LEARNER_PAGES = ["/tracks", "/certificates"]
CSM_PAGES = ["/customers"]
ADMIN_PAGES = ["/admin/users", "/admin/content", "/admin/organizations", "/admin/certificates", "/admin/jobs",
               "/admin/audit"]


def _visit(page, path: str, ready: str = "h1, h2, h3, #sign-in") -> None:
    page.goto(path)
    page.wait_for_function("() => !!sessionStorage.getItem('token')")
    page.locator(ready).first.wait_for()
    page.wait_for_timeout(800)  # let the page's data arrive and render


def test_every_page_loads_without_a_policy_violation(watched, portal_db):
    page, errors = watched
    for path in ("/login", "/verify"):
        _visit(page, path)
    with portal_db.connect() as conn:
        number, slug = conn.execute(text("SELECT c.number, t.slug FROM certificate c JOIN track t ON t.id = c.track_id "
                                         "ORDER BY c.id LIMIT 1")).one()
        org_id = conn.execute(text("SELECT id FROM organization ORDER BY id LIMIT 1")).scalar_one()
        learner_cert = conn.execute(text(
            "SELECT c.number FROM certificate c JOIN \"user\" u ON u.id = c.user_id "
            "WHERE u.email = 'learner@demo.test' ORDER BY c.id LIMIT 1")).scalar()
    _visit(page, f"/verify/{number}")
    _visit(page, f"/achievements/{slug}", ready="#achievement-name")
    page.wait_for_function("() => document.querySelector('#achievement-image').naturalWidth > 0")  # the badge drew
    assert _violations(page, errors) == [], "public pages"

    sign_in(page, "learner@demo.test")
    expect(page).to_have_url(re.compile(r"/tracks/?$"))
    for path in LEARNER_PAGES + ["/tracks/1"] + ([f"/certificates/{learner_cert}"] if learner_cert else []):
        _visit(page, path)
    page.goto("/tracks/1")
    page.locator(".course-card").first.get_by_role("button", name=re.compile("Start quiz|Retake")).first.click()
    expect(page.locator(".quiz-question")).to_be_visible()
    assert _violations(page, errors) == [], "learner pages"
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "csm@demo.test")
    expect(page).to_have_url(re.compile(r"/customers/?$"))
    for path in CSM_PAGES + [routes.benchmark(org_id), routes.benchmark_print(org_id)]:
        _visit(page, path)
    page.goto(routes.benchmark(org_id))
    expect(page.locator(".band-chart .main-svg").first).to_be_visible()  # plotly drew under the policy
    assert _violations(page, errors) == [], "CSM pages"
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "admin@demo.test")
    expect(page).to_have_url(re.compile(r"/admin/users/?$"))
    for path in ADMIN_PAGES + ["/admin/content/1", "/admin/courses/1"]:
        _visit(page, path)
    assert _violations(page, errors) == [], "admin pages"


def test_the_policy_names_default_and_script_sources(page, portal):
    response = page.request.get(f"{portal}/login")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "'unsafe-inline'" not in \
        policy.split("script-src")[1].split(";")[0]
