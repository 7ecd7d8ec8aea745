"""The demo's regional plan: an RPJMD of Kabupaten Timor Tengah Selatan built from a real
excerpt of the nomenclature (data/nomenklatur-contoh.csv, source named in its first line),
imported through the same all-or-nothing importer as an uploaded file, and the stunting
partnership aligned with two of its sub-activities."""

import csv
import datetime as dt
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook

from simitra.reference.models import Region

from .importing import import_plan
from .models import Alignment, CsrCommitment, CsrRealisation, Plan, PlanItem

EXCERPT = Path(__file__).parent / "data" / "nomenklatur-contoh.csv"
REGION = "53.02"
START, END = 2025, 2029


def excerpt_source() -> str:
    first = EXCERPT.read_text(encoding="utf-8").splitlines()[0]
    return first.removeprefix("# Source: ").split(": codes and names")[0]


def excerpt_workbook() -> BytesIO:
    """The excerpt as the Excel file a planner would upload."""
    workbook = Workbook()
    sheet = workbook.active
    with EXCERPT.open(encoding="utf-8") as handle:
        for row in csv.reader(line for line in handle if not line.startswith("#")):
            sheet.append([cell or None for cell in row])
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def load(world) -> None:
    region = Region.objects.filter(code=REGION).first()
    if region is None:
        return
    plan = Plan.objects.filter(region=region, kind=Plan.Kind.RPJMD, start_year=START).first()
    if plan is None:
        result = import_plan(
            file=excerpt_workbook(),
            region=region,
            kind=Plan.Kind.RPJMD,
            start_year=START,
            end_year=END,
            title="RPJMD Kabupaten Timor Tengah Selatan 2025–2029 (cuplikan demo)",
            source=excerpt_source(),
        )
        if not result.ok:  # the shipped excerpt is checked by a test; never half-loaded
            raise RuntimeError("; ".join(str(e) for e in result.errors))
        plan = result.plan
    _csr(world)
    partnership = world.partnerships.get("NTT-STUNTING-2025")
    if partnership is None or Alignment.objects.filter(partnership=partnership).exists():
        return
    items = {i.code: i for i in PlanItem.objects.filter(plan=plan)}
    districts = {r.code: r for r in Region.objects.filter(code__in=["53.02.01", "53.02.02"])}
    coordinator = world.users.get("koordinator")
    for code, district, year, amount in [
        ("1.02.02.2.02.0004", "53.02.01", 2026, Decimal("250000000")),
        ("1.02.02.2.02.0015", "53.02.02", 2026, Decimal("150000000")),
    ]:
        Alignment.objects.create(
            partnership=partnership,
            item=items[code],
            district=districts.get(district),
            year=year,
            amount=amount,
            created_by=coordinator,
        )


def _csr(world) -> None:
    """PT Nusa Pangan Lestari's CSR: realised in Makassar through the published partnership
    (on the public page of 73.71), committed in TTS with its report overdue (the reminder)."""
    company = world.organisations.get("nusa-pangan")
    if company is None or CsrCommitment.objects.filter(organisation=company).exists():
        return
    officer = world.users.get("mitra")
    makassar = CsrCommitment.objects.create(
        organisation=company,
        region_id="73.71",
        year=2025,
        amount=Decimal("300000000"),
        partnership=world.partnerships.get("SULSEL-UMKM-2023"),
        report_due=dt.date(2026, 1, 31),
        created_by=officer,
    )
    CsrRealisation.objects.create(
        commitment=makassar,
        amount=Decimal("275000000"),
        programme="Pelatihan pemasaran digital UMKM perempuan",
        beneficiaries=180,
        reported_on=dt.date(2026, 1, 20),
        reported_by=officer,
    )
    CsrCommitment.objects.create(
        organisation=company,
        region_id=REGION,
        year=2025,
        amount=Decimal("500000000"),
        partnership=world.partnerships.get("NTT-STUNTING-2025"),
        report_due=dt.date(2026, 1, 31),
        created_by=officer,
    )
