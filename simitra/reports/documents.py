"""A report's content laid out as PDF (WeasyPrint, from HTML), DOCX (docxtpl, from the built-in
Word template or an organisation's own) and Excel (one sheet a section). All three read the same
`content.report_content` dict, so they show the same figures."""

import io
import re
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from . import charts

STYLESHEET = Path(__file__).resolve().parent / "static" / "reports" / "report.css"

# The variables a Word template may use (docs/guide-reports.md lists them with a sample).
SAMPLE_CONTEXT_KEYS = (
    "title",
    "partnership",
    "code",
    "period",
    "as_of",
    "logos",
    "sections",
    "by_kind",
)


class TemplateRefused(ValueError):
    """An uploaded Word template that does not render; the message names why."""


def render_pdf(content: dict) -> bytes:
    from weasyprint import CSS, HTML

    with translation.override(content["language"]):
        html = render_to_string("reports/document.html", {"report": content})
    return HTML(string=html, base_url=str(STYLESHEET.parent)).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))]
    )


def build_builtin_template() -> bytes:
    """The built-in Word template: a cover, then every section with its heading, paragraphs and
    body (tables and charts, filled in as a sub-document)."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_paragraph("{%p if logos %}")
    document.add_paragraph("{% for logo in logos %}{{ logo }} {% endfor %}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("{{ partnership }} ({{ code }})", style="Subtitle")
    document.add_paragraph("{{ period }}")
    document.add_paragraph("{{ as_of_label }}: {{ as_of }}")
    document.add_paragraph("{%p for s in sections %}")
    document.add_paragraph("{{ s.number }}. {{ s.title }}", style="Heading 1")
    document.add_paragraph("{%p if s.author %}")
    document.add_paragraph("{{ s.author_line }}", style="Subtitle")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for line in s.paragraphs %}")
    document.add_paragraph("{{ line }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{{p s.body }}")
    document.add_paragraph("{%p endfor %}")
    section = document.sections[0]
    footer = section.footer.paragraphs[0]
    footer.text = "{{ title }} · {{ period }}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _body(document, section: dict):
    """The section's tables, notes and charts as a docxtpl sub-document."""
    from docx.shared import Cm

    sub = document.new_subdoc()
    for table in section.get("tables", []):
        sub.add_paragraph(table["title"], style="Heading 3")
        grid = sub.add_table(rows=1, cols=len(table["columns"]))
        grid.style = "Table Grid"
        for cell, name in zip(grid.rows[0].cells, table["columns"], strict=True):
            cell.text = name
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in table["rows"]:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = str(text)
    for note in section.get("notes", []):
        sub.add_paragraph("⚠ " + note)
    for chart in section.get("charts", []):
        sub.add_picture(io.BytesIO(charts.as_png(chart)), width=Cm(16))
    return sub


def _logos(document, content: dict) -> list:
    """The partners' logos as inline images of one height (1.6 cm), from their data."""
    import base64

    from docx.shared import Cm
    from docxtpl import InlineImage

    return [
        InlineImage(document, io.BytesIO(base64.b64decode(logo["data"])), height=Cm(1.6))
        for logo in content.get("logos", [])
    ]


def docx_context(document, content: dict) -> dict:
    sections = []
    for section in content["sections"]:
        sections.append(
            {
                **section,
                "author_line": _("Written by %(partner)s") % {"partner": section.get("author")}
                if section.get("author")
                else "",
                "body": _body(document, section),
            }
        )
    return {
        **{k: content[k] for k in ("title", "partnership", "code", "period", "as_of")},
        "as_of_label": _("Data as of"),
        "logos": _logos(document, content),
        "sections": sections,
        "by_kind": {s["kind"]: s for s in sections},
    }


def render_docx(content: dict, template: bytes | None = None) -> bytes:
    from docxtpl import DocxTemplate
    from jinja2 import Environment, StrictUndefined

    with translation.override(content["language"]):
        document = DocxTemplate(io.BytesIO(template or build_builtin_template()))
        document.render(
            docx_context(document, content),
            jinja_env=Environment(undefined=StrictUndefined, autoescape=True),
            autoescape=True,
        )
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def sample_content(language: str = "id") -> dict:
    """A small report with every kind of part, to check an uploaded template against."""
    return {
        "title": "Laporan Triwulan",
        "language": language,
        "partnership": "Kemitraan Contoh",
        "code": "KMT-CONTOH",
        "period": "1 Januari 2026 – 31 Maret 2026",
        "as_of": "1 April 2026",
        "sections": [
            {
                "kind": kind,
                "number": n,
                "title": kind,
                "paragraphs": ["…"],
                "tables": [{"title": "…", "columns": ["a", "b"], "rows": [["1", "2"]]}],
                "charts": [],
                "notes": [],
                "author": "",
            }
            for n, kind in enumerate(
                (
                    "cover",
                    "activities",
                    "results",
                    "beneficiaries",
                    "contributions",
                    "risks",
                    "governance",
                    "health",
                    "warnings",
                    "narrative",
                    "annex",
                ),
                1,
            )
        ],
    }


_UNDEFINED = re.compile(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')")


def check_template(data: bytes) -> None:
    """Render an uploaded Word template against the sample; raise `TemplateRefused` naming the
    unknown variable, the syntax error or why the file is no Word document."""
    import zipfile

    from jinja2 import TemplateSyntaxError, UndefinedError

    try:
        render_docx(sample_content(), template=data)
    except UndefinedError as error:
        match = _UNDEFINED.search(str(error))
        name = (match.group(2) or match.group(1)) if match else str(error)
        raise TemplateRefused(
            _("The template uses the variable “%(name)s”, which reports do not have.")
            % {"name": name}
        ) from error
    except TemplateSyntaxError as error:
        raise TemplateRefused(
            _("The template has a mistake in a tag (line %(line)s): %(reason)s")
            % {"line": error.lineno, "reason": error.message}
        ) from error
    except Exception as error:  # noqa: BLE001 - a broken file fails in many ways, each refused
        reason = str(error)[:120] or type(error).__name__
        if isinstance(error, zipfile.BadZipFile | KeyError | AttributeError | SyntaxError):
            reason = _("its parts are damaged or missing") + f": {reason}"
        raise TemplateRefused(
            _("The file is not a Word document that can be opened (%(reason)s).")
            % {"reason": reason}
        ) from error


def render_xlsx(content: dict) -> bytes:
    """Every table of the report, one sheet a section (the plain values, not the text)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for section in content["sections"]:
        if not section.get("tables"):
            continue
        name = re.sub(r"[\[\]:*?/\\]", " ", f"{section['number']} {section['title']}")[:31]
        sheet = book.create_sheet(name)
        for table in section["tables"]:
            sheet.append([table["title"]])
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
            sheet.append(table["columns"])
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
            for row in table.get("cells") or table["rows"]:
                sheet.append(row)
            sheet.append([])
    if not book.sheetnames:
        book.create_sheet(_("Report"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def file_name(report, extension: str) -> str:
    return f"{report.partnership.code}-{report.period_end:%Y-%m-%d}-{report.language}.{extension}"
