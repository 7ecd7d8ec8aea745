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


def test_the_docx_has_the_pdfs_house_style(ready, signed):
    """Amounts aligned right, headings black and serif, the PDF's type sizes and margins
    (document.css), not Word's blue sans-serif headings."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    from simitra.agreements.documents import render_docx

    document = docx.Document(io.BytesIO(render_docx(signed)))
    heading = document.styles["Heading 2"].font
    assert (heading.name, heading.size, heading.bold) == ("Liberation Serif", Pt(11.5), True)
    assert heading.color.rgb == RGBColor(0x11, 0x11, 0x11)
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size) == ("Liberation Serif", Pt(10.5))
    section = document.sections[0]
    for margin, expected in [(section.top_margin, 2.3), (section.left_margin, 2.2)]:
        assert abs(margin - Cm(expected)) < Cm(0.01)  # Word keeps margins in twips
    contributions = next(t for t in document.tables if len(t.columns) == 5 and len(t.rows) > 1)
    header = [cell.text for cell in contributions.rows[0].cells]
    value_column = header.index("Nilai")
    for row in contributions.rows[1:]:
        cell = row.cells[value_column]
        assert cell.text.startswith("Rp"), cell.text
        assert cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    for row in contributions.rows[1:]:
        assert row.cells[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT
    assert 'w:fill="EEF3F2"' in contributions.rows[0].cells[0]._tc.xml


def test_the_template_is_kept_in_the_project():
    from simitra.agreements.documents import TEMPLATE_PATH

    assert TEMPLATE_PATH.exists()
    text = docx_text(TEMPLATE_PATH.read_bytes())
    assert "{%tr for row in contributions %}" in text
