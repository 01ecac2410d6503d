"""The printable certificate: one A4 landscape page with a QR code to its public check."""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sqlmodel import Session

from app.domain.dates import day
from app.services.dto import UserDTO
from app.services.training.certificates import get_certificate, verification_url
from app.services.training.dto import CertificatePdf, CertificateView
from app.settings import get_settings

INK = colors.HexColor("#1e1b4b")
ACCENT = colors.HexColor("#4f46e5")
MUTED = colors.HexColor("#475569")
QR_SIZE = 42 * mm


def render_certificate_pdf(*, session: Session, viewer: UserDTO, number: str, now: datetime) -> CertificatePdf:
    """The certificate's PDF, for its holder or an admin (anyone else gets NotFound)."""
    certificate = get_certificate(session=session, viewer=viewer, number=number, now=now)
    url = verification_url(certificate.number, certificate.verification_code)
    return CertificatePdf(f"{certificate.number}.pdf", build_certificate_pdf(certificate, url, get_settings().portal_name))


def _qr(canvas: Canvas, url: str, x: float, y: float) -> None:
    # Medium error correction survives a crumpled print without making the code too dense to scan.
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def build_certificate_pdf(certificate: CertificateView, url: str, issuer: str) -> bytes:
    buffer = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    canvas.setTitle(f"Certificate {certificate.number}: {certificate.track_title}")
    canvas.setAuthor(issuer)
    canvas.setSubject(f"Verify at {url}")

    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(16 * mm, 16 * mm, width - 32 * mm, height - 32 * mm)

    center = width / 2
    canvas.setFillColor(ACCENT)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawCentredString(center, height - 42 * mm, issuer.upper())
    canvas.setFillColor(INK)
    canvas.setFont("Times-Bold", 38)
    canvas.drawCentredString(center, height - 62 * mm, "Certificate of Completion")
    canvas.setFillColor(MUTED)
    canvas.setFont("Helvetica", 13)
    canvas.drawCentredString(center, height - 78 * mm, "This certifies that")
    canvas.setFillColor(INK)
    canvas.setFont("Times-Bold", 30)
    canvas.drawCentredString(center, height - 94 * mm, certificate.holder_name)
    canvas.setFillColor(MUTED)
    canvas.setFont("Helvetica", 13)
    canvas.drawCentredString(center, height - 108 * mm, "has completed every course of the training track")
    canvas.setFillColor(INK)
    canvas.setFont("Helvetica-Bold", 20)
    canvas.drawCentredString(center, height - 122 * mm, certificate.track_title)

    left = 30 * mm
    rows = (
        ("Certificate number", certificate.number),
        ("Issued", day(certificate.issued_at)),
        ("Valid until", day(certificate.expires_at)),
        ("Verification code", certificate.verification_code),
        ("Issued by", issuer),
    )
    y = 66 * mm
    for label, value in rows:
        canvas.setFillColor(MUTED)
        canvas.setFont("Helvetica", 10)
        canvas.drawString(left, y, label)
        canvas.setFillColor(INK)
        canvas.setFont("Helvetica-Bold", 11)
        canvas.drawString(left + 38 * mm, y, value)
        y -= 7 * mm

    qr_x = width - 30 * mm - QR_SIZE
    _qr(canvas, url, qr_x, 30 * mm)
    canvas.setFillColor(MUTED)
    canvas.setFont("Helvetica", 8)
    canvas.drawCentredString(qr_x + QR_SIZE / 2, 25 * mm, "Scan to check this certificate")
    canvas.drawString(left, 24 * mm, url)

    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
