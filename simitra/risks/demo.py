"""Demo risk register for NTT-STUNTING-2025: a risk in each of the seed's five categories,
shared across the partners, one custom-category risk not yet shared, and one loss event.
Runs once (skipped when the partnership already has risks)."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from .models import LossEvent, LossShare, Risk, RiskCategory, RiskShare

CODE = "NTT-STUNTING-2025"

# category, title, cause, likelihood, impact, owner, status, mitigation, shares, review in days
RISKS = [
    (
        "reputation",
        "Paket PMT dianggap sebagai promosi merek perusahaan",
        "Kemasan dan spanduk penyaluran menonjolkan merek mitra swasta.",
        3,
        4,
        "nusa-pangan",
        Risk.Status.MONITORING,
        "Kemasan netral berlogo kemitraan; pedoman komunikasi bersama.",
        {"nusa-pangan": 50, "bappeda-tts": 30, "pkpn": 20},
        30,
    ),
    (
        "autonomy",
        "Prioritas kegiatan LSM mengikuti agenda donor",
        "Pendanaan kegiatan lapangan sebagian besar dari satu donor.",
        2,
        3,
        "ygsn",
        Risk.Status.OPEN,
        "Rencana kerja disahkan Komite Pengarah, bukan oleh pemberi dana saja.",
        {"ygsn": 40, "dkpa": 40, "pkpn": 20},
        60,
    ),
    (
        "conflict",
        "Pengadaan bahan PMT dari pemasok yang terkait pejabat daerah",
        "Pemasok lokal sedikit; sebagian dimiliki kerabat pejabat.",
        2,
        5,
        "bappeda-tts",
        Risk.Status.OPEN,
        "Deklarasi konflik kepentingan; pengadaan terbuka dengan tiga penawaran.",
        {"bappeda-tts": 60, "pkpn": 40},
        -10,
    ),
    (
        "resources",
        "Dana operasional posyandu terlambat cair",
        "Pencairan dana desa dan hibah tidak serentak.",
        4,
        4,
        "posyandu-mawar",
        Risk.Status.MATERIALISED,
        "Dana talangan dari sekretariat; jadwal pencairan dipercepat.",
        {"posyandu-mawar": 70, "bappeda-tts": 20, "dkpa": 10},
        14,
    ),
    (
        "sustainability",
        "Desa bergantung pada PMT dari luar setelah program berakhir",
        "PMT belum masuk anggaran desa; kelompok usaha pangan lokal belum mandiri.",
        3,
        4,
        "pkpn",
        Risk.Status.OPEN,
        "PMT lokal dimasukkan ke RKP Desa; pendampingan usaha pangan lokal.",
        {"pkpn": 20, "bappeda-tts": 30, "ygsn": 20, "unflobamora": 10, "posyandu-mawar": 20},
        90,
    ),
]


@transaction.atomic
def load(world) -> None:
    partnership = world.partnerships.get(CODE)
    if partnership is None or Risk.objects.filter(partnership=partnership).exists():
        return
    RiskCategory.ensure_builtins()
    today = timezone.localdate()
    partner = {slug: p for (code, slug), p in world.partners.items() if code == CODE}
    risks = {}
    for code, title, cause, likelihood, impact, owner, status, mitigation, shares, review in RISKS:
        risk = Risk.objects.create(
            partnership=partnership,
            category=RiskCategory.objects.get(code=code, partnership=None),
            title=title,
            cause=cause,
            likelihood=likelihood,
            impact=impact,
            owner=partner[owner],
            status=status,
            mitigation=mitigation,
            contingency="Dibahas dalam rapat Komite Pengarah berikutnya.",
            review_date=today + dt.timedelta(days=review),
        )
        RiskShare.objects.bulk_create(
            RiskShare(risk=risk, partner=partner[slug], percent=Decimal(p))
            for slug, p in shares.items()
        )
        risks[code] = risk
    weather = RiskCategory.objects.create(partnership=partnership, name="Iklim dan cuaca")
    Risk.objects.create(
        partnership=partnership,
        category=weather,
        title="Gagal panen bahan pangan lokal karena kemarau panjang",
        cause="Musim kemarau lebih panjang dari biasanya.",
        likelihood=3,
        impact=3,
        owner=partner["nusa-pangan"],
        mitigation="Cadangan bahan dari kecamatan lain.",
    )
    loss = LossEvent.objects.create(
        risk=risks["resources"],
        occurred_on=today - dt.timedelta(days=150),
        description="Kelas ibu balita di tiga desa tertunda dua bulan karena dana operasional "
        "posyandu belum cair.",
        moral_loss="Kepercayaan kader dan ibu balita menurun; kehadiran kelas turun.",
        material_value=Decimal("12500000"),
        material_description="Biaya penjadwalan ulang dan transport kader.",
    )
    for slug, percent, note in (
        ("posyandu-mawar", 40, "Kader menanggung transport sendiri"),
        ("bappeda-tts", 30, "Anggaran perubahan"),
        ("pkpn", 30, "Dana talangan sekretariat"),
    ):
        LossShare.objects.create(loss=loss, partner=partner[slug], percent=percent, note=note)
