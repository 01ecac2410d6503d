"""Open Badges credential in the browser: the holder downloads it and its baked badge, shares it on
LinkedIn; a stranger checks the file and opens the achievement's page."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from sqlalchemy import text

from tests.e2e.conftest import open_page, sign_in
from tests.e2e.test_accessibility_and_secrets import axe_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def holder_certificate(portal_db) -> str:
    with portal_db.connect() as conn:
        return conn.execute(text(
            "SELECT c.number FROM certificate c JOIN \"user\" u ON u.id = c.user_id "
            "WHERE u.email = 'learner@demo.test' ORDER BY c.id LIMIT 1")).scalar_one()


def test_a_holder_downloads_the_credential_and_anyone_can_check_the_file(page, browser, portal, holder_certificate,
                                                                          tmp_path):
    sign_in(page, "learner@demo.test")
    page.wait_for_url("**/tracks**")
    page.goto(f"/certificates/{holder_certificate}")
    with page.expect_download() as download:
        page.locator("#download-credential").click()
    credential = tmp_path / download.value.suggested_filename
    download.value.save_as(credential)
    assert credential.name == f"{holder_certificate}-open-badge.jwt"
    assert credential.read_text().count(".") == 2  # a compact JWS

    stranger = browser.new_context(base_url=portal).new_page()
    open_page(stranger, "/verify")
    stranger.locator("#credential-upload input[type=file]").set_input_files(str(credential))
    expect(stranger.locator("#credential-verdict")).to_have_text("Genuine credential")
    expect(stranger.locator("#credential-detail")).to_contain_text("certificate")

    header, payload, signature = credential.read_text().split(".")
    forged = tmp_path / "forged.jwt"
    forged.write_text(".".join([header, payload, signature[::-1]]))
    stranger.locator("#credential-upload input[type=file]").set_input_files(str(forged))
    expect(stranger.locator("#credential-verdict")).to_have_text("Not genuine")
    stranger.context.close()


def test_the_certificate_page_offers_linkedin_and_a_baked_badge_and_the_achievement_has_a_page(
        page, browser, portal, holder_certificate, tmp_path):
    sign_in(page, "learner@demo.test")
    page.wait_for_url("**/tracks**")
    page.goto(f"/certificates/{holder_certificate}")
    linkedin = page.locator("#add-to-linkedin")
    expect(linkedin).to_have_text("Add to LinkedIn profile")
    expect(linkedin).to_have_attribute("target", "_blank")
    query = parse_qs(urlsplit(linkedin.get_attribute("href")).query)
    assert linkedin.get_attribute("href").startswith("https://www.linkedin.com/profile/add?")
    assert query["startTask"] == ["CERTIFICATION_NAME"] and query["certId"] == [holder_certificate]
    assert query["certUrl"] == [f"{portal}/verify/{holder_certificate}"] and query["organizationName"] == ["Success Portal"]

    with page.expect_download() as download:
        page.locator("#download-badge").click()
    assert download.value.suggested_filename == f"{holder_certificate}-badge.svg"
    badge = Path(download.value.path()).read_text()
    with page.expect_download() as credential_download:
        page.locator("#download-credential").click()
    token = Path(credential_download.value.path()).read_text().strip()
    assert f'<openbadges:credential verify="{token}">' in badge and 'xmlns:openbadges=' in badge
    (tmp_path / "badge.svg").write_text(badge)

    # Anyone following the credential's achievement id sees what the badge stands for.
    claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    achievement = claims["credentialSubject"]["achievement"]
    stranger = browser.new_context(base_url=portal).new_page()
    open_page(stranger, "/verify")  # the badge image itself can be checked, like the .jwt file
    stranger.locator("#credential-upload input[type=file]").set_input_files(str(tmp_path / "badge.svg"))
    expect(stranger.locator("#credential-verdict")).to_have_text("Genuine credential")
    stranger.goto(urlsplit(achievement["id"]).path)
    expect(stranger.locator("#achievement-name")).to_have_text(achievement["name"])
    expect(stranger.locator("#achievement-criteria")).to_contain_text("Passed the final quiz")
    stranger.wait_for_function("() => document.querySelector('#achievement-image')?.naturalWidth > 0")
    assert axe_violations(stranger) == []
    as_json = stranger.request.get(urlsplit(achievement["id"]).path, headers={"Accept": "application/json"})
    assert as_json.ok and as_json.json()["id"] == achievement["id"]
    stranger.context.close()
