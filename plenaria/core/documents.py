"""Files the application hands out: PDFs drawn from HTML templates by WeasyPrint (so they
share the look and the translations of the pages), XLSX workbooks and their responses.
Every app's documents (badges, ballots, reports) are built on these."""

import io
import tempfile

import segno
from django.http import HttpResponse
from django.template.loader import render_to_string
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, slow to start

    return HTML(string=render_to_string(template, context)).write_pdf()


def pdf_response(data: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def xlsx_bytes(book: Workbook) -> bytes:
    """A write-only workbook's file (it can only be saved to a file, not read back)."""
    with tempfile.TemporaryFile() as handle:
        book.save(handle)
        handle.seek(0)
        return handle.read()


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def qr_data_uri(text: str) -> str:
    return segno.make(text, error="m").svg_data_uri(scale=4, border=1)


def qr_png(text: str) -> bytes:
    """A QR code as a PNG image (the registration code, attached to an e-mail and shown
    on the confirmation page)."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()
