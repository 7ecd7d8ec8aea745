"""The demo evaluation: SULSEL-UMKM-2023 (Sustaining) gets its final evaluation, completed, with
three revision actions: one done, which added a hand-over milestone to the plan (a new plan
version); one under way, which started an amendment of the MoU; one open. Skipped when the
partnership has an evaluation.

The dates here are the story's, written for its anchor day (20 November 2026): every one of them
is moved by whole months to the day the demo is loaded (`simitra.lib.demo_time.shifted`), as are
those of the planning and resources demo data, so the story reads the same on any day.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from simitra.agreements.models import Agreement, AgreementKind
from simitra.agreements.services import amend
from simitra.lib.demo_time import shifted
from simitra.planning.models import Milestone
from simitra.planning.services import record_plan_version

from . import services
from .models import ActionStatus, Evaluation, RevisionAction


def _day(year: int, month: int, day: int) -> dt.date:
    """A story date, moved to the load day (see simitra/lib/demo_time.py)."""
    return shifted(dt.date(year, month, day))


def _aware(year: int, month: int, day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(_day(year, month, day), dt.time(9, 0)))


@transaction.atomic
def load(world) -> None:
    _evaluation(world)


SULSEL = "SULSEL-UMKM-2023"

IMPACT = (
    "Dari 300 pelaku UMKM perempuan yang dilatih, 212 berjualan daring secara rutin enam bulan "
    "setelah pelatihan (survei Dinas KUKM, November 2025). Omzet rata-rata peserta yang berjualan "
    "daring naik sekitar 35%, terutama pada usaha makanan olahan dan kerajinan. Dua puluh "
    "peserta kini menjadi mentor sebaya dan melatih pelaku usaha di kelurahannya sendiri.\n\n"
    "Peserta dari kelurahan pesisir lebih sedikit yang bertahan berjualan daring: jaringan "
    "internet lemah dan biaya pengiriman tinggi."
)
FINDINGS = (
    "1. Kegiatan selesai sesuai rencana dan seluruh kontribusi terkirim penuh.\n"
    "2. Pendampingan sebaya pascapelatihan adalah kunci: peserta yang didampingi tiga kali lebih "
    "mungkin tetap berjualan daring.\n"
    "3. Kemitraan belum memiliki indikator hasil yang disepakati bersama; capaian diukur dari "
    "survei dinas.\n"
    "4. Dinas KUKM siap melanjutkan pelatihan dalam programnya bila modul dan daftar mentor "
    "diserahkan secara resmi."
)


def _agreed_plan_version(partnership):
    mou = Agreement.objects.filter(
        partnership=partnership, kind=AgreementKind.MOU, plan_version__isnull=False
    ).first()
    if mou:
        return mou.plan_version
    return partnership.plan_versions.order_by("number").first()


def _evaluation(world) -> None:
    partnership = world.partnerships[SULSEL]
    if partnership.evaluations.exists():
        return
    coordinator = world.users["koordinator"]
    evaluation = services.save_evaluation(
        evaluation=Evaluation(
            partnership=partnership,
            title="Evaluasi akhir kemitraan literasi digital UMKM perempuan",
            evaluator="Tim evaluasi PKPN bersama Dinas KUKM Kota Makassar",
            evaluated_on=_day(2025, 12, 15),
            plan_version=_agreed_plan_version(partnership),
            impact_narrative=IMPACT,
            findings=FINDINGS,
        ),
        saved_by=coordinator,
    )
    # The hand-over the evaluation recommended, added to the plan: the next plan version.
    Milestone.objects.create(
        partnership=partnership,
        title="Serah terima modul pelatihan dan daftar mentor sebaya ke Dinas KUKM",
        due_date=_day(2026, 3, 31),
        done_on=_day(2026, 3, 20),
    )
    handover = record_plan_version(
        partnership=partnership,
        made_by=coordinator,
        note="Revisi setelah evaluasi akhir: serah terima ke Dinas KUKM",
    )
    mou = Agreement.objects.filter(
        partnership=partnership, kind=AgreementKind.MOU, amends__isnull=True
    ).first()
    amendment = amend(agreement=mou, created_by=coordinator) if mou and mou.is_binding else None
    actions = [
        (
            "Serahkan modul pelatihan dan daftar mentor sebaya kepada Dinas KUKM, agar pelatihan "
            "berlanjut dalam program dinas.",
            "dinas-kukm-makassar",
            _day(2026, 3, 31),
            ActionStatus.DONE,
            _day(2026, 3, 20),
            handover,
            None,
            "Berita acara serah terima ditandatangani 20 Maret 2026.",
        ),
        (
            "Perpanjang pendampingan sebaya enam bulan melalui adendum Nota Kesepahaman, dengan "
            "pembiayaan bersama Dinas KUKM.",
            "pkpn",
            _day(2026, 6, 30),
            ActionStatus.IN_PROGRESS,
            None,
            None,
            amendment,
            "Rancangan adendum sedang dibahas para pihak.",
        ),
        (
            "Masukkan indikator omzet UMKM binaan ke sistem pemantauan Dinas KUKM, dengan data "
            "awal dari survei November 2025.",
            "dinas-kukm-makassar",
            _day(2027, 1, 31),
            ActionStatus.OPEN,
            None,
            None,
            None,
            "",
        ),
    ]
    for text, owner, due, status, done_on, version, agreement, note in actions:
        services.save_revision_action(
            action=RevisionAction(
                evaluation=evaluation,
                recommendation=text,
                owner=world.partners[(SULSEL, owner)],
                due_date=due,
                status=status,
                done_on=done_on,
                plan_version=version,
                amendment=agreement,
                note=note,
            ),
            saved_by=coordinator,
        )
    services.complete_evaluation(evaluation=evaluation, completed_by=coordinator)
    Evaluation.objects.filter(pk=evaluation.pk).update(completed_at=_aware(2025, 12, 20))
