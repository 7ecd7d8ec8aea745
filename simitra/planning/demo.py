"""Demo action plans: a ready plan for the managing-phase and the sustaining partnership,
funded by the demo contributions (see simitra/resources/demo.py)."""

import datetime as dt
from decimal import Decimal

from simitra.lib.demo_time import shifted
from simitra.resources.models import Pledge

from .models import Activity, ActivityStatus, Milestone
from .services import record_plan_version

D = dt.date

# fmt: off
# key, title, responsible, supporting, start, end, budget, funded by (pledge descriptions
# starting with…), deliverable, status, progress, depends on (keys)
NTT = [
    ("baseline", "Survei status gizi awal (baseline)", "unflobamora",
     ["bappeda-tts", "posyandu-mawar"], D(2025, 2, 1), D(2025, 5, 31), 110_000_000,
     ["Survei status gizi"], "Laporan baseline status gizi 32 desa lokus",
     ActivityStatus.DONE, 100, []),
    ("perbup", "Penetapan Peraturan Bupati dan desa lokus", "bappeda-tts", ["pkpn"],
     D(2025, 2, 15), D(2025, 4, 30), 0, ["Peraturan Bupati", "Data stunting"],
     "Perbup percepatan penurunan stunting dan SK desa lokus", ActivityStatus.DONE, 100, []),
    ("pmt", "Pemberian makanan tambahan berbahan pangan lokal", "nusa-pangan",
     ["posyandu-mawar", "ygsn"], D(2025, 6, 1), D(2026, 12, 31), 1_370_000_000,
     ["Dana CSR", "Relawan karyawan"], "1.200 balita menerima makanan tambahan 90 hari",
     ActivityStatus.IN_PROGRESS, 80, ["baseline"]),
    ("posyandu", "Pendampingan 40 posyandu dan kelas ibu balita", "ygsn",
     ["posyandu-mawar", "pkpn"], D(2025, 6, 1), D(2027, 6, 30), 1_407_000_000,
     ["Hibah pendampingan", "Fasilitator lapangan", "Modul kelas", "Kader posyandu",
      "Jangkauan ke 1.200"],
     "40 posyandu aktif; 24 kelas ibu balita per tahun", ActivityStatus.IN_PROGRESS, 55,
     ["baseline", "perbup"]),
    ("audit", "Audit keuangan independen tahunan", "dkpa", ["pkpn"], D(2026, 1, 15),
     D(2027, 3, 31), 150_000_000, ["Audit keuangan"], "Laporan audit tahun 2025 dan 2026",
     ActivityStatus.IN_PROGRESS, 50, []),
    ("evaluasi", "Survei akhir dan evaluasi program", "unflobamora", ["ygsn", "bappeda-tts"],
     D(2027, 7, 1), D(2027, 10, 31), 110_000_000, ["Survei status gizi"],
     "Laporan evaluasi dan rekomendasi replikasi", ActivityStatus.PLANNED, 0,
     ["pmt", "posyandu"]),
    ("sekretariat", "Sekretariat dan pemantauan kemitraan", "pkpn", ["bappeda-tts"],
     D(2025, 1, 1), D(2027, 12, 31), 288_000_000, ["Fasilitasi kemitraan"],
     "Laporan pemantauan triwulanan", ActivityStatus.IN_PROGRESS, 60, []),
]
NTT_MILESTONES = [
    ("Perbup ditetapkan", D(2025, 4, 15), "perbup", D(2025, 4, 10)),
    ("Laporan baseline selesai", D(2025, 5, 31), "baseline", D(2025, 5, 28)),
    ("Tinjauan tengah periode bersama", D(2026, 6, 30), None, D(2026, 6, 25)),
    ("Laporan evaluasi akhir disampaikan", D(2027, 10, 31), "evaluasi", None),
]

SULSEL = [
    ("pelatihan", "Pelatihan pemasaran digital 300 pelaku UMKM perempuan", "nusa-pangan",
     ["makassar-digital", "dinas-kukm-makassar"], D(2023, 4, 1), D(2023, 12, 31), 480_000_000,
     ["Dana pelatihan", "Rekomendasi peserta"], "300 peserta bersertifikat",
     ActivityStatus.DONE, 100, []),
    ("mentor", "Pendampingan sebaya pascapelatihan", "makassar-digital", ["pkpn"],
     D(2024, 1, 1), D(2025, 6, 30), 90_000_000, ["Mentor sebaya"],
     "200 UMKM berjualan daring", ActivityStatus.DONE, 100, ["pelatihan"]),
    ("pantau", "Pemantauan dan pelaporan kemitraan", "pkpn", ["dinas-kukm-makassar"],
     D(2023, 3, 1), D(2025, 12, 31), 60_000_000, ["Pemantauan dan laporan"],
     "Enam laporan semesteran", ActivityStatus.DONE, 100, []),
]
# fmt: on


def _load(world, code: str, rows, milestones=()) -> None:
    partnership = world.partnerships[code]
    if Activity.objects.filter(partnership=partnership).exists():
        return
    pledges = list(Pledge.objects.filter(partnership=partnership))
    made = {}
    for position, row in enumerate(rows, 1):
        (key, title, responsible, supporting, start, end, budget, funders, deliverable, status,
         progress, depends) = row  # fmt: skip
        activity = Activity.objects.create(
            partnership=partnership,
            title=title,
            responsible=world.partners[(code, responsible)],
            start_date=shifted(start),
            end_date=shifted(end),
            budget=Decimal(budget),
            deliverable=deliverable,
            status=status,
            progress=progress,
            position=position,
        )
        activity.supporting.set([world.partners[(code, slug)] for slug in supporting])
        activity.funded_by.set(
            [p for p in pledges if any(p.description.startswith(f) for f in funders)]
        )
        activity.depends_on.set([made[k] for k in depends])
        made[key] = activity
    for title, due, activity_key, done_on in milestones:
        Milestone.objects.create(
            partnership=partnership,
            title=title,
            due_date=shifted(due),
            activity=made.get(activity_key),
            done_on=shifted(done_on),
        )
    record_plan_version(
        partnership=partnership, made_by=world.users["koordinator"], note="Rencana aksi disepakati"
    )


def load(world) -> None:
    _load(world, "NTT-STUNTING-2025", NTT, NTT_MILESTONES)
    _load(world, "SULSEL-UMKM-2023", SULSEL)
