"""The generated MoU read back: DOCX with python-docx, PDF with pypdf, in both languages."""

import io
from decimal import Decimal

import docx
import pypdf
import pytest
from django.urls import reverse

from simitra.lib.money import amount_in_words, format_money

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.footer.paragraphs]
    return " ".join(" ".join(parts).split())


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def expected(ready, lang):
    names = [p.organisation.name for p in ready.partnership.confirmed_partners()]
    amounts = [pledge.estimated_value for pledge in ready.pledges.values()]
    figures = [format_money(a, "IDR", lang) for a in amounts]
    words = [amount_in_words(a, "IDR", lang) for a in amounts]
    return names, figures, words


@pytest.mark.parametrize(
    ("lang", "heading", "in_words"),
    [
        ("id", "NOTA KESEPAHAMAN", "satu miliar dua ratus lima puluh juta rupiah"),
        ("en", "MEMORANDUM OF UNDERSTANDING", "one billion two hundred fifty million rupiah"),
    ],
)
def test_the_docx_and_pdf_hold_every_party_and_each_amount_in_figures_and_words(
    ready, signed, client_for, lang, heading, in_words
):
    signed.language = lang
    signed.save(update_fields=["language"])
    client = client_for(ready.partner_user)
    code = ready.partnership.code
    docx_response = client.get(reverse("agreements:docx", args=[code, signed.pk]))
    pdf_response = client.get(reverse("agreements:pdf", args=[code, signed.pk]))
    assert docx_response.status_code == pdf_response.status_code == 200
    assert pdf_response["Content-Type"] == "application/pdf"
    assert f"-{lang}.docx" in docx_response["Content-Disposition"]
    names, figures, words = expected(ready, lang)
    assert in_words in words
    assert Decimal(1_250_000_000) in [p.estimated_value for p in ready.pledges.values()]
    for text in (docx_text(docx_response.content), pdf_text(pdf_response.content)):
        assert heading in text
        for name in names:
            assert name in text
        for figure, word in zip(figures, words, strict=True):
            assert figure in text
            assert word in text
        # The signature block names every signatory.
        for signatory in ("Dewi Lestari", "Budi Santoso", "Sri Wahyuni"):
            assert signatory in text
        assert "01/NK/UJI/2025" in text


def test_the_pdf_has_page_numbers(ready, signed):
    from simitra.agreements.documents import render_pdf

    reader = pypdf.PdfReader(io.BytesIO(render_pdf(signed)))
    pages = len(reader.pages)
    assert pages >= 2
    last = reader.pages[-1].extract_text()
    assert f"{pages} / {pages}" in last


def test_the_docx_footer_has_a_page_number_field(ready, signed):
    from simitra.agreements.documents import render_docx

    document = docx.Document(io.BytesIO(render_docx(signed)))
    footer_xml = document.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml


def test_the_template_is_kept_in_the_project():
    from simitra.agreements.documents import TEMPLATE_PATH

    assert TEMPLATE_PATH.exists()
    text = docx_text(TEMPLATE_PATH.read_bytes())
    assert "{%tr for row in contributions %}" in text
