"""The public certificate check, signed out, on direct page loads."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from app.models import Certificate, User
from tests.e2e.conftest import ROOT, open_page

pytestmark = pytest.mark.e2e


def certificate(engine, *conditions) -> Certificate:
    with Session(engine) as s:
        return s.exec(select(Certificate).where(*conditions).order_by(Certificate.number)).first()


def test_a_visitor_types_a_number_and_sees_a_valid_verdict_with_initials_only(page, portal_db):
    cert = certificate(portal_db, Certificate.revoked_at.is_(None), Certificate.superseded_by.is_(None),
                       Certificate.expires_at > datetime.now(timezone.utc))
    open_page(page, "/verify")
    page.locator("#check-certificate").click()
    expect(page.get_by_role("alert")).to_have_text("Type the certificate number, for example CERT-2026-00042.")
    page.get_by_label("Certificate number").fill(f"  {cert.number.lower()} ")
    page.locator("#check-certificate").click()
    expect(page).to_have_url(re.compile(rf"/verify/{cert.number.lower()}/?$"))
    expect(page.locator("#verdict")).to_have_text("Valid")
    expect(page.get_by_text(cert.track_title)).to_be_visible()
    initials = " ".join(f"{part[0]}." for part in cert.holder_name.split())
    expect(page.get_by_text(initials, exact=True)).to_be_visible()
    expect(page.get_by_text(cert.holder_name)).to_have_count(0)


def test_the_code_in_the_link_shows_the_full_name_and_a_wrong_code_does_not(page, portal_db):
    cert = certificate(portal_db, Certificate.revoked_at.is_(None))
    page.goto(f"/verify/{cert.number}?code={cert.verification_code}")
    expect(page.get_by_text(cert.holder_name, exact=True)).to_be_visible()
    expect(page.get_by_text("Holder", exact=True)).to_be_visible()
    page.goto(f"/verify/{cert.number}?code=WRONG-CODE")
    expect(page.get_by_text("Holder's initials")).to_be_visible()
    expect(page.get_by_text(cert.holder_name, exact=True)).to_have_count(0)


def test_expired_superseded_revoked_unknown_and_malformed_numbers_each_get_a_clear_verdict(page, portal_db, portal_env):
    expired = certificate(portal_db, Certificate.expires_at < datetime.now(timezone.utc),
                          Certificate.superseded_by.is_(None), Certificate.revoked_at.is_(None))
    page.goto(f"/verify/{expired.number}")
    expect(page.locator("#verdict")).to_have_text(re.compile(r"^Expired on \d{1,2} \w{3} \d{4}$"))

    with Session(portal_db) as s:
        demo = s.exec(select(User.id).where(User.email == "learner@demo.test")).one()
    revoked = certificate(portal_db, Certificate.user_id == demo)
    subprocess.run([sys.executable, "-m", "app.cli", "revoke-certificate", revoked.number, "--reason", "Issued in error",
                    "--by", "admin@demo.test"], cwd=ROOT, env=portal_env, check=True, capture_output=True)
    page.goto(f"/verify/{revoked.number}")
    expect(page.locator("#verdict")).to_have_text(re.compile(r"^Revoked on "))

    page.goto("/verify/CERT-2019-99999")
    expect(page.locator("#verdict")).to_have_text("Not found")
    page.goto("/verify/hello-world")
    expect(page.locator("#verdict")).to_have_text("That is not a certificate number")
    expect(page.locator("#verdict-detail")).to_contain_text("CERT-2026-00042")
