"""The certificate PDF: a real PDF whose QR code opens the public check with the verification code."""

from urllib.parse import parse_qs, urlsplit

import pypdfium2
import pytest
import zxingcpp

from app.db import session_scope
from app.domain.errors import NotFound
from app.services.training import certificate_pdf, certificates
from app.settings import get_settings
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.services.test_certificates import issue, pass_all
from tests.training_fixtures import make_track


@pytest.fixture
def certified(db):
    make_org("Acme Health")
    make_org("Vendor", "Software", 300)
    track_id, keys = make_track()
    learner = make_user("lena@acme.test")
    pass_all(learner.id, keys)
    cert, _ = issue(learner, track_id)
    return {"cert": cert, "learner": learner, "other": make_user("otto@acme.test"),
            "admin": make_user("ada@vendor.test", "admin", org="Vendor")}


def render(viewer, number):
    with session_scope() as s:
        return certificate_pdf.render_certificate_pdf(session=s, viewer=viewer, number=number, now=NOW)


def decode_qr_codes(pdf_bytes: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf_bytes)
    assert len(document) == 1
    image = document[0].render(scale=2).to_pil()
    return [found.text for found in zxingcpp.read_barcodes(image) if found.format == zxingcpp.BarcodeFormat.QRCode]


def test_the_holder_gets_a_one_page_pdf_whose_qr_code_opens_the_check_with_the_code(certified):
    cert = certified["cert"]
    pdf = render(certified["learner"], cert.number)
    assert pdf.filename == f"{cert.number}.pdf" and pdf.content.startswith(b"%PDF-")
    (url,) = decode_qr_codes(pdf.content)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == get_settings().public_base_url
    assert parts.path == f"/verify/{cert.number}"
    assert parse_qs(parts.query) == {"code": [cert.verification_code]}


def test_the_pdf_names_the_holder_track_number_and_dates(certified):
    cert = certified["cert"]
    text = pypdfium2.PdfDocument(render(certified["learner"], cert.number).content)[0].get_textpage().get_text_range()
    for expected in ("Lena Tester", cert.track_title, cert.number, "15 Jun 2026", "15 Jun 2028",
                     cert.verification_code, get_settings().portal_name):
        assert expected in text


def test_an_admin_may_download_any_certificate(certified):
    assert render(certified["admin"], certified["cert"].number).content.startswith(b"%PDF-")


def test_another_learner_is_told_the_certificate_does_not_exist(certified):
    with pytest.raises(NotFound):
        render(certified["other"], certified["cert"].number)


def test_the_verification_url_escapes_the_code():
    url = certificates.verification_url("CERT-2026-00001", "AB&C D")
    assert url.endswith("/verify/CERT-2026-00001?code=AB%26C+D")
