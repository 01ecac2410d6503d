"""Every admin page at a desk (1280 px) and on a phone (390 px): nothing wider than the screen (wide
tables scroll inside their own box), the dialogs fit, and no serious accessibility violation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, sign_in
from tests.e2e.test_accessibility_and_secrets import axe_violations

pytestmark = pytest.mark.e2e

WIDTHS = {"desktop": 1280, "phone": 390}
# Each page and what shows once its data is there.
PAGES = {
    "/admin/users": ".user-row",
    "/admin/content": "tbody tr",
    "/admin/content/1": "tbody tr",
    "/admin/courses/1": "#content-preview h2",
    "/admin/organizations": "tbody tr",
    "/admin/certificates": "#cert-query",
    "/admin/jobs": "#run-now",
    "/admin/audit": ".audit-row",
}
# Elements past the right edge of the screen, unless a box that scrolls sideways (and itself fits)
# holds them: a wide table inside its card is fine, a wide page is not.
OVERFLOW = """() => {
  const width = window.innerWidth, out = [];
  const clipped = (e) => { for (let p = e.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) && p.getBoundingClientRect().right <= width + 1)
        return true; }
    return false; };
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 1 || r.left < -1) && !clipped(e))
      out.push(`${e.tagName.toLowerCase()}#${e.id}.${String(e.className).slice(0, 40)} ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 5)};
}"""


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def sized(request, browser, portal):
    width = WIDTHS[request.param]
    context = browser.new_context(base_url=portal, viewport={"width": width, "height": 800},
                                  is_mobile=request.param == "phone")
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, "admin@demo.test")
    expect(page).to_have_url(re.compile(r"/admin/users/?$"))
    yield page
    context.close()


def assert_fits(page, where: str) -> None:
    found = page.evaluate(OVERFLOW)
    assert found["scrollWidth"] <= found["width"], f"{where}: the page is {found['scrollWidth']} px wide"
    assert found["out"] == [], f"{where}: past the edge: {found['out']}"


def test_every_admin_page_fits_the_screen_with_no_serious_accessibility_violation(sized):
    page = sized
    for path, ready in PAGES.items():
        open_page(page, path)
        expect(page.locator(ready).first).to_be_visible()
        page.wait_for_timeout(300)  # let the rest of the page's data render
        assert_fits(page, path)
        assert axe_violations(page) == [], path


def test_the_dialogs_fit_the_screen_and_the_phone_menu_holds_the_admin_pages(sized):
    page = sized
    page.locator("#new-user").click()
    expect(page.locator("#new-user-dialog")).to_be_visible()
    page.locator("#new-user-org").fill("be")
    option = page.get_by_role("listbox").get_by_role("option").first
    expect(option).to_be_visible()
    # On top, not clipped by the dialog: what is drawn at the option's centre is the option.
    assert option.evaluate("""o => { const r = o.getBoundingClientRect();
        return o.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }""")
    assert_fits(page, "the New user dialog with the picker open")
    assert axe_violations(page) == [], "New user dialog"
    page.keyboard.press("Escape")  # closes the list first ...
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(page.locator("#new-user-dialog")).to_be_visible()
    page.keyboard.press("Escape")  # ... then the dialog
    expect(page.locator("#new-user-dialog")).to_have_count(0)
    page.locator("#open-import").click()
    expect(page.locator("#import-dialog")).to_be_visible()
    assert_fits(page, "the Import users dialog")
    page.keyboard.press("Escape")
    if page.viewport_size["width"] < 600:
        page.locator("#nav-menu-button").click()
        page.get_by_role("menuitem", name="Audit", exact=True).click()
        expect(page).to_have_url(re.compile(r"/admin/audit/?$"))
