"""Pure parts of portable credentials: the status bitstring, badge images and baking, LinkedIn's link."""

from __future__ import annotations

import base64
import gzip
from datetime import datetime, timezone
from xml.etree import ElementTree

import pytest

from app.domain import badge_art, linkedin, status_list


def test_status_indexes_visit_every_bit_once_in_scattered_order():
    indexes = [status_list.index_for(n) for n in range(status_list.ENTRIES_PER_LIST)]
    assert len(set(indexes)) == status_list.ENTRIES_PER_LIST
    assert indexes[:3] != [0, 1, 2] and abs(indexes[1] - indexes[0]) > 1000
    with pytest.raises(status_list.StatusListError):
        status_list.index_for(status_list.ENTRIES_PER_LIST)


def test_encoding_follows_the_bitstring_status_list_format():
    """Multibase 'u' + base64url without padding of the GZIP-compressed bits, bit 0 the first byte's highest."""
    encoded = status_list.encode({0, 9, 131_071})
    assert encoded.startswith("u") and "=" not in encoded
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(raw) == 16_384 and raw[0] == 0x80 and raw[1] == 0x40 and raw[-1] == 0x01 and sum(raw) == 0xC1
    bits = status_list.decode(encoded)
    assert [status_list.is_set(bits, i) for i in (0, 1, 8, 9, 131_071)] == [True, False, False, True, True]
    assert status_list.encode({5}) == status_list.encode({5})  # no timestamp inside: same bits, same text


@pytest.mark.parametrize("encoded, problem", [
    ("zabc", "multibase"),
    ("uAAAA", "cannot be decoded"),
    ("u" + base64.urlsafe_b64encode(gzip.compress(bytes(100))).decode().rstrip("="), "fewer than"),
])
def test_a_malformed_or_short_list_is_refused(encoded, problem):
    with pytest.raises(status_list.StatusListError, match=problem):
        status_list.decode(encoded)


def test_a_status_entry_points_at_its_list_and_bit():
    assert status_list.status_entry("https://p.example/api/credentials/status/3", 42) == {
        "id": "https://p.example/api/credentials/status/3#42", "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation", "statusListIndex": "42",
        "statusListCredential": "https://p.example/api/credentials/status/3"}


def test_badge_art_is_well_formed_svg_that_escapes_the_title():
    svg = badge_art.badge_svg('Risk & "Renewals" <advanced>', "renewals", subtitle="Success Portal")
    root = ElementTree.fromstring(svg.split("\n", 1)[1])
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("aria-label") == 'Risk & "Renewals" <advanced> badge'
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "RR" in texts and "Success Portal" in texts
    assert badge_art.colour_for("renewals") == badge_art.colour_for("renewals")


def test_baking_puts_the_credential_right_after_the_root_with_its_namespace():
    baked = badge_art.bake(badge_art.badge_svg("Renewals", "renewals"), "aaa.bbb.ccc")
    root = ElementTree.fromstring(baked.split("\n", 1)[1])
    first = list(root)[0]
    assert first.tag == "{https://purl.imsglobal.org/ob/v3p0}credential" and first.get("verify") == "aaa.bbb.ccc"
    assert badge_art.extract(baked) == "aaa.bbb.ccc"
    with pytest.raises(badge_art.NotBakeable):
        badge_art.bake(baked, "ddd.eee.fff")  # one credential per image
    with pytest.raises(badge_art.NotBakeable):
        badge_art.bake("<png/>", "aaa.bbb.ccc")


def test_long_titles_wrap_into_two_lines_at_most():
    lines = badge_art._lines("Customer Success Foundations for Enterprise Accounts and Their Renewals")
    assert len(lines) == 2 and lines[-1].endswith("…") and all(len(line) <= 26 for line in lines)


def test_linkedin_link_carries_months_and_ids():
    url = linkedin.add_to_profile_url(name="Renewals certificate", issuer="Success Portal",
                                      issued_at=datetime(2026, 11, 28, tzinfo=timezone.utc),
                                      expires_at=datetime(2028, 11, 28, tzinfo=timezone.utc),
                                      credential_id="CERT-2026-00042", credential_url="https://p.example/verify/CERT-2026-00042")
    assert url == ("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Renewals+certificate"
                   "&organizationName=Success+Portal&issueYear=2026&issueMonth=11&expirationYear=2028&expirationMonth=11"
                   "&certId=CERT-2026-00042&certUrl=https%3A%2F%2Fp.example%2Fverify%2FCERT-2026-00042")
