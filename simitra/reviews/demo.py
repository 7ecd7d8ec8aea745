"""Demo health checks, an evaluation, and the early warning of the demo partnerships.

SULSEL-UMKM-2023 (Sustaining): two completed rounds — a named one in 2024 and an anonymous one in
2025 in which shared risk fell. NTT-STUNTING-2025 (Managing): an open, named round that every
partner but PT Nusa Pangan Lestari has answered (so the demo user `mitra` can answer it), where
the partners disagree on balanced contribution.

The partner organisations without a demo login get a representative who cannot log in (no
password): they exist to have answered. Skipped for a partnership that already has rounds.

SULSEL-UMKM-2023 also gets its final evaluation, completed, with three revision actions: one
done, which added a hand-over milestone to the plan (a new plan version); one under way, which
started an amendment of the MoU; one open. Skipped when the partnership has an evaluation.

Last, the early warning of the demo partnerships is computed (alerts are raised, not e-mailed:
the nightly task sends them). NTT-STUNTING-2025 comes out amber, for four stated reasons —
one indicator behind its expected path (Kelas ibu balita), two contributions past due and not
fully delivered (the DKPA grant and the NPL volunteers, due 30 June 2026), one high risk past
its review date (the supplier conflict of interest) and one decision overdue (faster posyandu
funds) — and nothing red.

The dates here are the story's, written for its anchor day (20 November 2026): every one of them
is moved by whole months to the day the demo is loaded (`simitra.lib.demo_time.shifted`), as are
those of the planning and resources demo data, so the story reads the same on any day.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from simitra.accounts.models import Membership
from simitra.agreements.models import Agreement, AgreementKind
from simitra.agreements.services import amend
from simitra.lib.demo_time import shifted
from simitra.partnerships.models import Partnership
from simitra.planning.models import Milestone
from simitra.planning.services import record_plan_version

from . import services
from .models import ActionStatus, Evaluation, HealthCheckRound, HealthResponse, RevisionAction

# organisation slug → (username, first name, last name, position)
REPRESENTATIVES = {
    "dinas-kukm-makassar": ("andi.diskop", "Andi", "Rahmat", "Kepala Bidang UMKM"),
    "makassar-digital": ("nur.kpdm", "Nurhayati", "Syam", "Ketua Komunitas"),
    "bappeda-tts": ("maria.bappeda", "Maria", "Nenobais", "Perencana Ahli Muda"),
    "dkpa": ("hendra.dkpa", "Hendra", "Wijaya", "Manajer Program"),
    "ygsn": ("agnes.ygsn", "Agnes", "Bria", "Koordinator Lapangan"),
    "posyandu-mawar": ("yuliana.posyandu", "Yuliana", "Taneo", "Kader Posyandu"),
}
# Organisations whose people are in the core demo already.
DEMO_LOGINS = {"pkpn": "koordinator", "nusa-pangan": "mitra", "unflobamora": "adminorg"}

# Scores per organisation: a default and the dimensions that differ from it, with comments.
SULSEL_2024 = {
    "pkpn": (4, {"governance": 5}, {}),
    "dinas-kukm-makassar": (
        4,
        {"co_created": 3},
        {"co_created": "Usulan dinas baru masuk pada tahun kedua."},
    ),
    "nusa-pangan": (4, {"value": 5, "shared_risk": 4}, {}),
    "makassar-digital": (
        4,
        {"equity": 3, "shared_risk": 4},
        {"equity": "Suara komunitas kadang kalah oleh mitra besar dalam rapat."},
    ),
}
SULSEL_2025 = {
    "pkpn": (
        4,
        {"shared_risk": 3},
        {"shared_risk": "Biaya tambahan pelatihan ditanggung sekretariat sendiri."},
    ),
    "dinas-kukm-makassar": (4, {"shared_risk": 3, "value": 5}, {}),
    "nusa-pangan": (
        4,
        {"value": 5, "shared_risk": 4},
        {"value": "Pemasok UMKM binaan kini masuk rantai pasok kami."},
    ),
    "makassar-digital": (
        4,
        {"shared_risk": 3, "equity": 4, "mutual_benefit": 5},
        {"mutual_benefit": "Omzet anggota naik; pelatih sebaya sudah berjalan sendiri."},
    ),
}
NTT_2026 = {
    "pkpn": (4, {"balanced_contribution": 4, "communication": 3}, {}),
    "bappeda-tts": (4, {"balanced_contribution": 3}, {}),
    "dkpa": (4, {"balanced_contribution": 5, "transparency": 5}, {}),
    "ygsn": (
        4,
        {"balanced_contribution": 4, "communication": 3},
        {"communication": "Jadwal rapat sering berubah mendadak."},
    ),
    "unflobamora": (4, {"balanced_contribution": 4}, {}),
    "posyandu-mawar": (
        4,
        {"balanced_contribution": 2, "equity": 3},
        {
            "balanced_contribution": "Kader bekerja setiap hari tanpa insentif, sementara mitra lain hanya hadir saat rapat."
        },
    ),
}


def _day(year: int, month: int, day: int) -> dt.date:
    """A story date, moved to the load day (see simitra/lib/demo_time.py)."""
    return shifted(dt.date(year, month, day))


def _aware(year: int, month: int, day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(_day(year, month, day), dt.time(9, 0)))


def _representative(world, slug: str):
    if slug in DEMO_LOGINS:
        return world.users[DEMO_LOGINS[slug]]
    username, first, last, position = REPRESENTATIVES[slug]
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@demo.simitra.local",
            "position": position,
            "is_demo": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=user, organisation=world.organisations[slug], defaults={"position": position}
    )
    return user


def _answer(world, health_round, code: str, scores: dict, answered_at: dt.datetime) -> None:
    for slug, (default, special, comments) in scores.items():
        person = _representative(world, slug)
        answers = {
            question.pk: (
                special.get(question.dimension, default),
                comments.get(question.dimension, ""),
            )
            for question in health_round.questions.all()
        }
        response = services.submit_answers(
            health_round=health_round,
            partner=world.partners[(code, slug)],
            respondent=person,
            answers=answers,
        )
        HealthResponse.objects.filter(pk=response.pk).update(
            submitted_at=answered_at, updated_at=answered_at
        )


def _round(world, code, *, title, anonymous, opened, due, scores, closed=None, introduction=""):
    coordinator = world.users["koordinator"]
    health_round = services.open_round(
        partnership=world.partnerships[code],
        opened_by=coordinator,
        title=title,
        anonymous=anonymous,
        due_date=due,
        introduction=introduction,
    )
    HealthCheckRound.objects.filter(pk=health_round.pk).update(opened_at=_aware(*opened))
    health_round.refresh_from_db()
    _answer(world, health_round, code, scores, _aware(*opened) + dt.timedelta(days=7))
    if closed:
        services.close_round(health_round=health_round, closed_by=coordinator)
        HealthCheckRound.objects.filter(pk=health_round.pk).update(closed_at=_aware(*closed))


@transaction.atomic
def load(world) -> None:
    sulsel = world.partnerships["SULSEL-UMKM-2023"]
    if not sulsel.health_rounds.exists():
        _round(
            world,
            "SULSEL-UMKM-2023",
            title="Cek kesehatan kemitraan 2024",
            anonymous=False,
            opened=(2024, 6, 3),
            due=_day(2024, 6, 21),
            closed=(2024, 6, 28),
            scores=SULSEL_2024,
            introduction="Putaran pertama, setelah satu tahun pelatihan berjalan.",
        )
        _round(
            world,
            "SULSEL-UMKM-2023",
            title="Cek kesehatan kemitraan 2025",
            anonymous=True,
            opened=(2025, 6, 2),
            due=_day(2025, 6, 20),
            closed=(2025, 6, 27),
            scores=SULSEL_2025,
            introduction="Putaran anonim menjelang akhir kemitraan: jawablah seterus terang mungkin.",
        )
    ntt = world.partnerships["NTT-STUNTING-2025"]
    if not ntt.health_rounds.exists():
        _round(
            world,
            "NTT-STUNTING-2025",
            title="Cek kesehatan semester II 2026",
            anonymous=False,
            # Answered a week after opening, before the anchor day; open for answers until a
            # month after it, so the round is never past its date whichever day the demo loads.
            opened=(2026, 11, 9),
            due=_day(2026, 12, 21),
            scores=NTT_2026,
            introduction="Hasilnya dibahas pada rapat komite pengarah bulan Desember.",
        )
    _evaluation(world)
    _warnings(world)


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


def _warnings(world) -> None:
    codes = [partnership.code for partnership in world.partnerships.values()]
    services.recompute_warnings(Partnership.objects.filter(code__in=codes), notify=False)
