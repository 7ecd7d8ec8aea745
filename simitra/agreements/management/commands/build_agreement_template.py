"""Write the Word template of agreements (simitra/agreements/docx/agreement.docx).

The template is kept in the project; this command makes it again from code, so a change to
its layout is reviewable. Run it after editing this file and commit the .docx it writes.
Its house style is the PDF's (static/agreements/document.css): page margins, serif type and
sizes, black headings, tables in 9 pt with a shaded header row, amounts aligned right.
docxtpl fills the Jinja tags: `{%p … %}` for whole paragraphs, `{%tr … %}` for table rows.
"""

from django.core.management.base import BaseCommand
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from simitra.agreements.documents import TEMPLATE_PATH


def _page_number_field(paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# The PDF's house style (document.css), in Word's units.
TEXT = RGBColor(0x11, 0x11, 0x11)
MUTED = RGBColor(0x55, 0x55, 0x55)
HEADER_FILL = "EEF3F2"
TABLE_TEXT = Pt(9)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_as_header(row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _table(
    document,
    headers: list[str],
    cells: list[str],
    loop: str,
    widths: list[float],
    numeric: tuple[int, ...] = (),
):
    """A table with a header row and one row repeated by docxtpl for each item of `loop`;
    the columns in `numeric` (amounts) are aligned right, as in the PDF."""
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, header in enumerate(headers):
        cell = table.rows[0].cells[i]
        cell.text = ""
        run = cell.paragraphs[0].add_run(header)
        run.bold = True
        _shade(cell, HEADER_FILL)
    _repeat_as_header(table.rows[0])
    table.rows[1].cells[0].text = "{%tr for row in " + loop + " %}"
    for i, value in enumerate(cells):
        table.rows[2].cells[i].text = value
    table.rows[3].cells[0].text = "{%tr endfor %}"
    for row in table.rows:
        for i, width in enumerate(widths):
            row.cells[i].width = Cm(width)
            for paragraph in row.cells[i].paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                if i in numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                for run in paragraph.runs:
                    run.font.size = TABLE_TEXT
    return table


def _house_style(document) -> None:
    """Normal text and headings as the PDF sets them: Liberation Serif 10.5 pt, 1.4 lines,
    black bold headings (Word's own are blue and sans-serif)."""
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Serif"
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = TEXT
    normal.paragraph_format.line_spacing = 1.4
    normal.paragraph_format.space_after = Pt(5)
    heading = document.styles["Heading 2"]
    heading.font.name = "Liberation Serif"
    heading.font.size = Pt(11.5)
    heading.font.bold = True
    heading.font.color.rgb = TEXT
    heading.paragraph_format.space_before = Pt(14)
    heading.paragraph_format.space_after = Pt(4)
    heading.paragraph_format.keep_with_next = True
    # The theme's heading font would win over the name on East Asian and complex scripts.
    fonts = heading.element.rPr.find(qn("w:rFonts"))
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts is not None and fonts.get(qn(attribute)) is not None:
            del fonts.attrib[qn(attribute)]


class Command(BaseCommand):
    help = "Write the Word template used to generate MoU and PKS documents."

    def handle(self, *args, **options):
        document = Document()
        section = document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin, section.right_margin = Cm(2.3), Cm(2.2)
        section.bottom_margin, section.left_margin = Cm(2.4), Cm(2.2)
        _house_style(document)

        def centred(text, bold=False, size=None, color=None):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(text)
            run.bold = bold
            if size:
                run.font.size = Pt(size)
            if color:
                run.font.color.rgb = color
            return paragraph

        centred("{{ heading }}", bold=True, size=15)
        centred("{{ title }}", bold=True, size=12)
        centred("{{ partnership }}")
        document.add_paragraph("{%p if number %}")
        centred("{{ labels.number }}: {{ number }}")
        document.add_paragraph("{%p endif %}")
        centred("{{ version_line }}", size=8.5, color=MUTED)

        document.add_paragraph("{%p for s in sections %}")
        document.add_heading("{{ s.number }}. {{ s.title }}", level=2)
        document.add_paragraph("{%p for para in s.paragraphs %}")
        paragraph = document.add_paragraph("{{ para }}")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        document.add_paragraph("{%p endfor %}")

        document.add_paragraph("{%p if s.parties_table %}")
        _table(
            document,
            ["No.", "{{ labels.party }}", "{{ labels.sector }}", "{{ labels.role }}"],
            ["{{ row.number }}", "{{ row.name }}", "{{ row.sector }}", "{{ row.role }}"],
            "parties",
            [1.2, 7.5, 4.3, 3.0],
        )
        document.add_paragraph("{%p endif %}")

        document.add_paragraph("{%p if s.contributions_table %}")
        _table(
            document,
            [
                "{{ labels.party }}",
                "{{ labels.category }}",
                "{{ labels.contribution }}",
                "{{ labels.value }}",
                "{{ labels.in_words }}",
            ],
            [
                "{{ row.party }}",
                "{{ row.category }}",
                "{{ row.description }} {{ row.quantity }}",
                "{{ row.figures }}",
                "{{ row.words }}",
            ],
            "contributions",
            [3.2, 3.2, 4.0, 2.6, 3.0],
            numeric=(3,),
        )
        document.add_paragraph("{%p for t in totals %}")
        document.add_paragraph(
            "{{ labels.total_of }} {{ t.party }}: {{ t.figures }} ({{ t.words }})"
        )
        document.add_paragraph("{%p endfor %}")
        total = document.add_paragraph()
        total.add_run("{{ labels.total }}: {{ total_figures }} ({{ total_words }})").bold = True
        document.add_paragraph("{%p endif %}")

        document.add_paragraph("{%p if s.plan_table %}")
        _table(
            document,
            [
                "{{ labels.activity }}",
                "{{ labels.responsible }}",
                "{{ labels.dates }}",
                "{{ labels.budget }}",
                "{{ labels.deliverable }}",
            ],
            [
                "{{ row.title }}",
                "{{ row.responsible }}",
                "{{ row.dates }}",
                "{{ row.budget }}",
                "{{ row.deliverable }}",
            ],
            "activities",
            [4.0, 3.2, 3.4, 2.4, 3.0],
            numeric=(3,),
        )
        document.add_paragraph("{%p endif %}")
        document.add_paragraph("{%p endfor %}")

        paragraph = document.add_paragraph("{{ closing }}")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        document.add_heading("{{ labels.signatures }}", level=2)
        table = document.add_table(rows=3, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text = "{%tr for sig in signatures %}"
        party_cell, sign_cell = table.rows[1].cells
        party_cell.text = ""
        party_cell.paragraphs[0].add_run("{{ sig.party }}").bold = True
        party_cell.add_paragraph("")
        party_cell.add_paragraph("")
        party_cell.add_paragraph("({{ labels.signature }})")
        sign_cell.text = "{{ labels.name }}: {{ sig.name }}"
        sign_cell.add_paragraph("{{ labels.title }}: {{ sig.title }}")
        sign_cell.add_paragraph("{{ labels.date }}: {{ sig.date }}")
        table.rows[2].cells[0].text = "{%tr endfor %}"
        for row in table.rows:
            row.cells[0].width, row.cells[1].width = Cm(8.0), Cm(8.0)

        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = footer.add_run("{{ title }} — {{ labels.page }} ")
        run.font.size, run.font.color.rgb = Pt(8), MUTED
        _page_number_field(footer)

        TEMPLATE_PATH.parent.mkdir(parents=True, exist_ok=True)
        document.save(str(TEMPLATE_PATH))
        self.stdout.write(self.style.SUCCESS(f"Wrote {TEMPLATE_PATH}"))
