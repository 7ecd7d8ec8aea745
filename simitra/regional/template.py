"""The Excel template of the plan's nomenclature: the headers, an example and a note."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .importing import HEADERS


def template_workbook(years: list[int]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rencana"
    sheet.append([*HEADERS, *years])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    example = [
        ["1", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"],
        ["1.02", "URUSAN PEMERINTAHAN BIDANG KESEHATAN"],
        [
            "1.02.02",
            "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
            "Ya",
        ],
        [
            "1.02.02.2.02",
            "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
        ],
        [
            "1.02.02.2.02.0004",
            "Pengelolaan Pelayanan Kesehatan Balita",
            "",
            "IKD-1",
            "Persentase balita yang mendapatkan pelayanan kesehatan sesuai standar",
            "%",
            *[80 + i for i in range(len(years))],
        ],
    ]
    for row in example:
        sheet.append(row)
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["E"].width = 50
    notes = workbook.create_sheet(_("Notes"))
    for line in [
        _("One row per item of the nomenclature; codes as in Permendagri 90/2019 and its updates."),
        _("Column C: “Ya” marks a plan priority; left empty, every programme is a priority."),
        _("A row without a code but with an indicator adds an indicator to the item above."),
        _("From column G, each header is a year of the plan and the cells are its targets."),
        _("Replace the example rows with your plan's; only the first sheet is read."),
    ]:
        notes.append([line])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
