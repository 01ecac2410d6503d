"""Open Badges credential in the browser: the holder downloads it, a stranger checks the file."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import text

from tests.e2e.conftest import open_page, sign_in

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
