"""Demo health checks of the demo partnerships.

SULSEL-UMKM-2023 (Sustaining): two completed rounds — a named one in 2024 and an anonymous one in
2025 in which shared risk fell. NTT-STUNTING-2025 (Managing): an open, named round that every
partner but PT Nusa Pangan Lestari has answered (so the demo user `mitra` can answer it), where
the partners disagree on balanced contribution.

The partner organisations without a demo login get a representative who cannot log in (no
password): they exist to have answered. Skipped for a partnership that already has rounds.

The dates here are the story's, written for its anchor day (20 November 2026): every one of them
is moved by whole months to the day the demo is loaded (`simitra.lib.demo_time.shifted`), as are
those of the planning and resources demo data, so the story reads the same on any day.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from simitra.accounts.models import Membership
from simitra.lib.demo_time import shifted

from . import services
from .models import HealthCheckRound, HealthResponse

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
