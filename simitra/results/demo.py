"""Demo results for the managing-phase partnership NTT-STUNTING-2025.

Dates are set relative to the day the demo is loaded, so the picture stays the same: reporting
periods up to the last quarter ended, one indicator behind its target. Runs once per
partnership (skipped when it has indicators). Its governance comes from `governance/demo.py`.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from . import services
from .models import (
    BeneficiaryCount,
    BeneficiaryGroup,
    Dimension,
    DimensionCategory,
    FrameworkApproval,
    Indicator,
    IndicatorValue,
    Period,
    Result,
)

CODE = "NTT-STUNTING-2025"


def _quarter_start(day: dt.date) -> dt.date:
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def _slugs():
    return ["pkpn", "bappeda-tts", "nusa-pangan", "dkpa", "ygsn", "unflobamora", "posyandu-mawar"]


# title, type, measure, direction, unit, code, baseline, responsible, first period (0–3),
# targets, approved values, dimension names
INDICATORS = [
    (
        0,
        "Prevalensi stunting balita di desa sasaran",
        Indicator.Type.IMPACT,
        Indicator.Measure.PERCENTAGE,
        Indicator.Direction.LOWER,
        "%",
        "2.2.1",
        Decimal("34.5"),
        "unflobamora",
        0,
        ["33.5", "32.5", "31.5", "30.5", "29.5", "28.5"],
        ["33.6", "32.4", "31.9", "30.8"],
        ["Jenis kelamin"],
    ),
    (
        0,
        "Persentase balita yang ditimbang setiap bulan (D/S)",
        Indicator.Type.OUTCOME,
        Indicator.Measure.PERCENTAGE,
        Indicator.Direction.HIGHER,
        "%",
        "2.2.1.(a)",
        Decimal("62"),
        "posyandu-mawar",
        0,
        ["65", "68", "71", "74", "77", "80"],
        ["66", "69", "71.5", "74.2"],
        ["Kelompok umur"],
    ),
    (
        1,
        "Kader posyandu terlatih gizi seimbang",
        Indicator.Type.OUTPUT,
        Indicator.Measure.NUMBER,
        Indicator.Direction.HIGHER,
        "orang",
        "",
        Decimal("0"),
        "ygsn",
        0,
        ["30", "60", "90", "120", "150", "180"],
        ["28", "57", "92", "118"],
        ["Jenis kelamin"],
    ),
    (
        1,
        "Kelas ibu balita terselenggara",
        Indicator.Type.OUTPUT,
        Indicator.Measure.NUMBER,
        Indicator.Direction.HIGHER,
        "sesi",
        "",
        Decimal("0"),
        "ygsn",
        1,
        ["24", "36", "48", "60", "72"],
        ["19", "25", "31"],
        [],
    ),
    (
        1,
        "Paket PMT berbahan pangan lokal tersalurkan",
        Indicator.Type.OUTPUT,
        Indicator.Measure.NUMBER,
        Indicator.Direction.HIGHER,
        "paket",
        "",
        Decimal("1000"),
        "nusa-pangan",
        2,
        ["1500", "2000", "2500", "3000"],
        ["1520", "2050"],
        [],
    ),
    (
        0,
        "Persentase ibu hamil KEK yang mendapat PMT lokal",
        Indicator.Type.OUTCOME,
        Indicator.Measure.PERCENTAGE,
        Indicator.Direction.HIGHER,
        "%",
        "10.1.1.(f)",
        Decimal("40"),
        "ygsn",
        1,
        ["55", "65", "75", "85", "90"],
        ["57", "66", "76"],
        [],
    ),
]


def _results(world, partnership, today) -> None:
    partners = {slug: world.partners[(CODE, slug)] for slug in _slugs()}
    dimensions = {}
    for name, categories in (
        ("Jenis kelamin", ["Perempuan", "Laki-laki"]),
        ("Kelompok umur", ["0–23 bulan", "24–59 bulan"]),
    ):
        dimension = Dimension.objects.create(partnership=partnership, name=name)
        for n, category in enumerate(categories):
            DimensionCategory.objects.create(dimension=dimension, name=category, order=n)
        dimensions[name] = dimension
    results = [
        Result.objects.create(
            partnership=partnership, title="Balita di desa sasaran tumbuh sehat", order=1
        ),
        Result.objects.create(
            partnership=partnership,
            title="Layanan gizi posyandu dan pangan lokal bergizi diperkuat",
            order=2,
        ),
    ]
    # Four quarters have ended by today; the fifth is running, the sixth to come.
    first = services.add_months(_quarter_start(today), -12)
    coordinator = world.users["koordinator"]
    for order, spec in enumerate(INDICATORS):
        (
            result_n,
            title,
            kind,
            measure,
            direction,
            unit,
            code,
            baseline,
            slug,
            start_n,
            targets,
            values,
            dims,
        ) = spec
        indicator = Indicator.objects.create(
            partnership=partnership,
            result=results[result_n],
            type=kind,
            title=title,
            measure=measure,
            direction=direction,
            unit=unit,
            code=code,
            baseline_value=baseline,
            baseline_date=services.add_months(first, 3 * start_n) - dt.timedelta(days=1),
            frequency=Indicator.Frequency.QUARTERLY,
            responsible_partner=partners[slug],
            means_of_verification="Laporan bulanan posyandu (SIGIZI), daftar hadir, berita acara "
            "serah terima.",
            definition=f"{title}, dihitung per triwulan di desa-desa sasaran.",
            order=order,
        )
        indicator.dimensions.set([dimensions[name] for name in dims])
        periods = services.add_periods(
            indicator=indicator,
            first_start=services.add_months(first, 3 * start_n),
            count=len(targets),
        )
        for period, target in zip(periods, targets, strict=True):
            period.target = Decimal(target)
        Period.objects.bulk_update(periods, ["target"])
        partner_user = world.users["mitra"] if slug == "nusa-pangan" else None
        for period, value in zip(periods, values, strict=False):
            IndicatorValue.objects.create(
                period=period,
                value=Decimal(value),
                comment="Rekap laporan posyandu triwulan ini.",
                status=IndicatorValue.Status.APPROVED,
                entered_by=partner_user or coordinator,
                submitted_by=partner_user,
                submitted_at=timezone.now(),
                reviewed_by=coordinator,
                reviewed_at=timezone.now(),
            )
        last_reported = periods[len(values) - 1]
        total = Decimal(values[-1])
        categories = DimensionCategory.objects.filter(
            dimension__name__in=dims, dimension__partnership=partnership
        )
        for n, category in enumerate(categories):
            if measure == Indicator.Measure.NUMBER:
                # Counts add up to the total: four in five trained cadres are women.
                part = (total * Decimal("0.8")).quantize(Decimal(1))
                value = part if n % 2 == 0 else total - part
            else:
                value = total + (1 if n % 2 else -1)
            IndicatorValue.objects.create(
                period=last_reported,
                category=category,
                value=value,
                status=IndicatorValue.Status.SUBMITTED if n else IndicatorValue.Status.RETURNED,
                return_reason=""
                if n
                else "Angka per kategori belum cocok dengan data SIGIZI; mohon dicek.",
                submitted_at=timezone.now(),
            )
        if slug == "nusa-pangan":
            IndicatorValue.objects.create(
                period=periods[len(values)],
                value=Decimal("2300"),
                comment="Angka sementara, menunggu berita acara.",
                status=IndicatorValue.Status.DRAFT,
                entered_by=partner_user,
            )
    proposal = services.propose_framework(partnership=partnership, proposed_by=coordinator)
    for slug in _slugs():
        if slug == "nusa-pangan":
            continue  # left for the demo partner to approve
        FrameworkApproval.objects.create(
            proposal=proposal,
            partner=partners[slug],
            approved_by={"pkpn": coordinator, "unflobamora": world.users["adminorg"]}.get(slug),
        )
    _beneficiaries(partnership, dimensions)


def _beneficiaries(partnership, dimensions) -> None:
    sex = list(dimensions["Jenis kelamin"].categories.all())
    age = list(dimensions["Kelompok umur"].categories.all())
    for name, planned, reached, counts in (
        (
            "Balita 0–59 bulan",
            2400,
            1870,
            [(sex[0], 1180, 925), (sex[1], 1220, 945), (age[0], 950, 760), (age[1], 1450, 1110)],
        ),
        ("Ibu hamil dan ibu menyusui", 600, 455, []),
        ("Kader posyandu", 180, 118, [(sex[0], 150, 101), (sex[1], 30, 17)]),
    ):
        group = BeneficiaryGroup.objects.create(
            partnership=partnership, name=name, planned=planned, reached=reached
        )
        for category, p, r in counts:
            BeneficiaryCount.objects.create(group=group, category=category, planned=p, reached=r)


@transaction.atomic
def load(world) -> None:
    partnership = world.partnerships.get(CODE)
    if partnership is None or Indicator.objects.filter(partnership=partnership).exists():
        return
    _results(world, partnership, timezone.localdate())
