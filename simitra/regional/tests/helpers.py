"""Workbooks and a hand-built region for the regional app's tests."""

from io import BytesIO

from openpyxl import Workbook

from simitra.reference.models import Region
from simitra.regional.importing import HEADERS
from simitra.regional.models import Plan, PlanItem

YEARS = [2025, 2026, 2027, 2028, 2029]


def workbook(rows, years=YEARS) -> BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append([*HEADERS, *years])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "rencana.xlsx"
    return buffer


GOOD_ROWS = [
    ["1", "URUSAN WAJIB PELAYANAN DASAR"],
    ["1.02", "BIDANG KESEHATAN"],
    ["1.02.02", "PROGRAM UPAYA KESEHATAN", "Ya"],
    ["1.02.02.2.02", "Layanan kesehatan"],
    [
        "1.02.02.2.02.0004",
        "Pelayanan Kesehatan Balita",
        "",
        "2.2.1.(a)",
        "Balita ditimbang",
        "%",
        70,
        74,
    ],
    [None, None, None, "IKD-2", "Balita imunisasi", "%", 80],
    ["1.03", "BIDANG PUPR"],
    ["1.03.03", "PROGRAM AIR MINUM"],
    ["1.03.03.2.01", "SPAM kabupaten"],
    ["1.03.03.2.01.0022", "SPAM bukan jaringan perpipaan"],
]


def make_plan(region_code="53.02", items=None) -> Plan:
    """A plan with two priorities (1.02.02 and 1.03.03), each with sub-activities."""
    plan = Plan.objects.create(
        region=Region.objects.get(code=region_code),
        kind=Plan.Kind.RPJMD,
        start_year=2025,
        end_year=2029,
        title=f"RPJMD {region_code}",
    )
    made = {}
    for code, name, level, priority in items or [
        ("1", "Urusan", 1, False),
        ("1.02", "Kesehatan", 2, False),
        ("1.02.02", "Program kesehatan", 3, True),
        ("1.02.02.2.02", "Kegiatan kesehatan", 4, False),
        ("1.02.02.2.02.0001", "Ibu hamil", 5, False),
        ("1.02.02.2.02.0004", "Balita", 5, False),
        ("1.03", "PUPR", 2, False),
        ("1.03.03", "Program air minum", 3, True),
        ("1.03.03.2.01", "SPAM", 4, False),
        ("1.03.03.2.01.0022", "SPAM bukan perpipaan", 5, False),
        ("2", "Urusan non dasar", 1, False),
        ("2.17", "UMKM", 2, False),
        ("2.17.07", "Program UMKM", 3, True),
    ]:
        parent = made.get(code.rsplit(".", 2 if level == 4 else 1)[0]) if level > 1 else None
        made[code] = PlanItem.objects.create(
            plan=plan, code=code, name=name, level=level, is_priority=priority, parent=parent
        )
    return plan
