import io

import pytest
from django.core.files.base import ContentFile
from docx import Document
from PIL import Image
from pypdf import PdfReader

from simitra.reports import documents
from simitra.reports.content import report_content

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), (200, 60, 20)).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_images(data: bytes) -> int:
    """The distinct images in the PDF (its pages may share one resource dictionary)."""
    reader = PdfReader(io.BytesIO(data))
    found = set()
    for page in reader.pages:
        xobjects = page["/Resources"].get_object().get("/XObject", {})
        for ref in xobjects.get_object().values():
            if ref.get_object().get("/Subtype") == "/Image":
                found.add(getattr(ref, "idnum", id(ref)))
    return len(found)


def test_a_partners_logo_is_on_the_cover_of_the_pdf_and_the_docx(world, report):
    before = report_content(report)
    assert before["logos"] == []
    world.org_a.logo.save("logo.png", ContentFile(png()))
    after = report_content(report)
    assert [logo["name"] for logo in after["logos"]] == ["PT Mitra Usaha"]
    assert pdf_images(documents.render_pdf(after)) == pdf_images(documents.render_pdf(before)) + 1
    shapes = [
        len(Document(io.BytesIO(documents.render_docx(c))).inline_shapes) for c in (before, after)
    ]
    assert shapes[1] == shapes[0] + 1


def test_an_unconfirmed_partners_logo_is_not_shown(world, report):
    from simitra.partnerships.models import Partner

    world.org_b.logo.save("logo.png", ContentFile(png()))
    Partner.objects.filter(pk=world.partner_b.pk).update(status="invited")
    assert report_content(report)["logos"] == []
