"""The quarterly report of the demo NTT partnership, made as DOCX and PDF and read back."""

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
import time_machine
from django.core.management import call_command
from docx import Document
from pypdf import PdfReader

from simitra.accounts.models import User
from simitra.lib.testing import DEMO_DAYS, shared_rows
from simitra.partnerships.models import Partnership
from simitra.reports import documents, services
from simitra.reports.builtin import load_builtin_templates
from simitra.reports.content import report_content
from simitra.reports.models import ReportTemplate, TemplateSection

DAY = DEMO_DAYS[0]
RUPIAH_ID = re.compile(r"Rp\d{1,3}(?:\.\d{3})+\b")
RUPIAH_EN = re.compile(r"Rp\d{1,3}(?:,\d{3})+\b")


@pytest.fixture(scope="module")
def made(django_db_setup, django_db_blocker):
    def load():
        with time_machine.travel(DAY, tick=False):
            call_command("load_demo", stdout=io.StringIO())
            load_builtin_templates(ReportTemplate, TemplateSection)
            partnership = Partnership.objects.get(code="NTT-STUNTING-2025")
            coordinator = User.objects.get(username="koordinator")
            reports = {}
            for key in ("triwulan", "donor-semester"):
                report = services.create_report(
                    partnership=partnership,
                    template=ReportTemplate.objects.get(key=key),
                    period_start=dt.date(2026, 7, 1),
                    period_end=dt.date(2026, 9, 30),
                    user=coordinator,
                )
                content = report_content(report, today=DAY.date())
                reports[key] = (
                    content,
                    documents.render_docx(content),
                    documents.render_pdf(content),
                )
            return reports

    yield from shared_rows(django_db_blocker, load)


def docx_text(data: bytes) -> tuple[list[str], str]:
    document = Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    return headings, "\n".join(p.text for p in document.paragraphs) + "\n" + cells


@pytest.mark.django_db
def test_the_quarterly_docx_has_every_section_and_indonesian_figures(made, figures):
    content, docx, _pdf = made["triwulan"]
    headings, text = docx_text(docx)
    assert headings == [f"{s['number']}. {s['title']}" for s in content["sections"]]
    assert headings[0] == "1. Ringkasan" and headings[2] == "3. Capaian indikator"
    assert "Percepatan Penurunan Stunting" in text
    assert RUPIAH_ID.search(text) and not RUPIAH_EN.search(text)
    assert "34,5" in text  # the stunting baseline, with a decimal comma
    assert "Sedang berjalan" in text  # activity statuses in Indonesian
    assert "September 2026" in text
    document = Document(io.BytesIO(docx))
    assert len(document.inline_shapes) >= 3  # the charts, as pictures
    figures(f"demo quarterly report: {len(headings)} sections, {len(document.tables)} tables")


@pytest.mark.django_db
def test_the_quarterly_pdf_shows_the_same_content_with_contents_and_page_numbers(made, figures):
    content, _docx, pdf = made["triwulan"]
    reader = PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    for section in content["sections"]:
        assert f"{section['number']}. {section['title']}" in text
    assert "Daftar isi" in pages[1]
    assert "Jalur" in text and "Path" not in text  # headings and legends in the report's language
    assert f"2 / {len(pages)}" in pages[1]
    pledged = content["sections"][4]["paragraphs"][0]
    money = RUPIAH_ID.findall(pledged)
    assert money and all(m.replace("\n", "") in text.replace("\n", "") for m in money)
    assert "34,5" in text
    figures(f"demo quarterly PDF: {len(pages)} pages")


@pytest.mark.django_db
def test_the_english_report_formats_money_the_english_way(made):
    content, docx, pdf = made["donor-semester"]
    _headings, text = docx_text(docx)
    assert RUPIAH_EN.search(text) and not RUPIAH_ID.search(text)
    assert "34.5" in text
    assert "Summary" in PdfReader(io.BytesIO(pdf)).pages[2].extract_text()


@pytest.mark.django_db
@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
def test_the_pdf_renders_to_pictures(made, tmp_path):
    _content, _docx, pdf = made["triwulan"]
    (tmp_path / "r.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-png", tmp_path / "r.pdf", tmp_path / "p"], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.django_db
def test_the_excel_export_has_a_sheet_per_section_with_tables(made):
    from openpyxl import load_workbook

    content, _docx, _pdf = made["triwulan"]
    book = load_workbook(io.BytesIO(documents.render_xlsx(content)))
    with_tables = [s for s in content["sections"] if s["tables"]]
    assert len(book.sheetnames) == len(with_tables)
    sheet = book[book.sheetnames[2]]
    numbers = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, float)]
    assert numbers  # figures as numbers, not text
