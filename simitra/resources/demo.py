"""Demo contributions: the managing-phase partnership has pledges and deliveries in all five
categories; the sustaining one a smaller set; the scoping one none yet."""

import datetime as dt
from decimal import Decimal

from simitra.lib.demo_time import shifted

from .models import Category, Delivery, Pledge, ValuationMethod
from .services import record_delivery, save_pledge

D = dt.date

# fmt: off
# (partner slug, category, description, unit, quantity, value, method, note, due,
#  paid_to slug, [(date, amount, quantity, evidence link)])
NTT = [
    ("nusa-pangan", Category.SUPPORT,
     "Dana CSR untuk pemberian makanan tambahan berbahan pangan lokal bagi 1.200 balita",
     "balita", 1200, 1_250_000_000, ValuationMethod.CASH, "", D(2025, 12, 31), None,
     [(D(2025, 6, 30), 600_000_000, None, "transfer-npl-tahap-1.pdf"),
      (D(2025, 12, 15), 650_000_000, None, "transfer-npl-tahap-2.pdf")]),
    ("nusa-pangan", Category.MANPOWER,
     "Relawan karyawan untuk distribusi makanan tambahan dan kelas memasak",
     "orang-hari", 240, 120_000_000, ValuationMethod.STAFF_TIME,
     "240 orang-hari × Rp500.000", D(2026, 6, 30), None,
     [(D(2025, 9, 30), 60_000_000, 120, "daftar-hadir-relawan-2025.pdf")]),
    ("dkpa", Category.SUPPORT,
     "Hibah pendampingan posyandu yang dilaksanakan Yayasan Gizi Sehat Nusantara",
     "", None, 900_000_000, ValuationMethod.CASH, "", D(2026, 6, 30), "ygsn",
     [(D(2025, 7, 15), 450_000_000, None, "hibah-dkpa-termin-1.pdf")]),
    ("dkpa", Category.OVERSIGHT,
     "Audit keuangan independen tahunan dan bantuan penyusunan laporan",
     "audit", 2, 150_000_000, ValuationMethod.MARKET_PRICE,
     "Harga pasar jasa audit kantor akuntan publik", D(2026, 12, 31), None,
     [(D(2026, 3, 31), 75_000_000, 1, "laporan-audit-2025.pdf")]),
    ("bappeda-tts", Category.ENDORSEMENT,
     "Peraturan Bupati tentang percepatan penurunan stunting berbasis pangan lokal dan "
     "rekomendasi desa lokus", "", None, 45_000_000, ValuationMethod.STAFF_TIME,
     "60 orang-hari × Rp750.000", D(2025, 4, 30), None,
     [(D(2025, 4, 10), 45_000_000, None, "perbup-stunting-2025.pdf")]),
    ("bappeda-tts", Category.REACH,
     "Data stunting per desa dan jangkauan ke 32 desa lokus melalui pemerintah desa",
     "desa", 32, 0, ValuationMethod.NOT_VALUED, "", D(2025, 3, 31), None,
     [(D(2025, 3, 1), 0, 32, "sk-desa-lokus.pdf")]),
    ("ygsn", Category.MANPOWER,
     "Fasilitator lapangan untuk pendampingan 40 posyandu", "orang-hari", 720,
     288_000_000, ValuationMethod.STAFF_TIME, "720 orang-hari × Rp400.000", D(2027, 6, 30),
     None, [(D(2026, 6, 30), 150_000_000, 375, "laporan-fasilitator-2026-s1.pdf")]),
    ("ygsn", Category.SUPPORT,
     "Modul kelas ibu balita dan keahlian gizi masyarakat", "modul", 1, 75_000_000,
     ValuationMethod.MARKET_PRICE, "", D(2025, 8, 31), None,
     [(D(2025, 8, 20), 75_000_000, 1, "modul-kelas-ibu-balita.pdf")]),
    ("unflobamora", Category.OVERSIGHT,
     "Survei status gizi awal dan akhir serta evaluasi program", "survei", 2, 220_000_000,
     ValuationMethod.COST, "Biaya tim enumerator dan analisis", D(2027, 10, 31), None,
     [(D(2025, 5, 31), 110_000_000, 1, "laporan-baseline.pdf")]),
    ("posyandu-mawar", Category.MANPOWER,
     "Kader posyandu menggerakkan ibu balita di 12 dusun", "orang-hari", 1440,
     144_000_000, ValuationMethod.STAFF_TIME, "1.440 orang-hari × Rp100.000", D(2027, 6, 30),
     None, [(D(2026, 9, 30), 72_000_000, 720, "rekap-kegiatan-kader.pdf")]),
    ("posyandu-mawar", Category.REACH,
     "Jangkauan ke 1.200 keluarga dengan balita di Mollo Selatan", "keluarga", 1200, 0,
     ValuationMethod.NOT_VALUED, "", D(2026, 12, 31), None,
     [(D(2026, 6, 30), 0, 800, "daftar-keluarga-sasaran.pdf")]),
    ("pkpn", Category.SUPPORT,
     "Fasilitasi kemitraan, sekretariat dan pemantauan", "bulan", 36, 288_000_000,
     ValuationMethod.STAFF_TIME, "36 bulan × Rp8.000.000", D(2027, 12, 31), None,
     [(D(2026, 6, 30), 150_000_000, 18, "laporan-sekretariat-2026-s1.pdf")]),
]

SULSEL = [
    ("nusa-pangan", Category.SUPPORT, "Dana pelatihan pemasaran digital untuk 300 pelaku UMKM",
     "peserta", 300, 450_000_000, ValuationMethod.CASH, "", D(2023, 12, 31), None,
     [(D(2023, 11, 30), 450_000_000, 300, "transfer-pelatihan-umkm.pdf")]),
    ("dinas-kukm-makassar", Category.ENDORSEMENT,
     "Rekomendasi peserta dan sertifikat pelatihan dari Dinas", "", None, 30_000_000,
     ValuationMethod.STAFF_TIME, "40 orang-hari × Rp750.000", D(2023, 6, 30), None,
     [(D(2023, 6, 15), 30_000_000, None, "sk-peserta-pelatihan.pdf")]),
    ("makassar-digital", Category.MANPOWER, "Mentor sebaya untuk pendampingan pascapelatihan",
     "orang-hari", 600, 90_000_000, ValuationMethod.STAFF_TIME, "600 orang-hari × Rp150.000",
     D(2025, 6, 30), None,
     [(D(2025, 6, 30), 90_000_000, 600, "rekap-mentor-sebaya.pdf")]),
    ("pkpn", Category.OVERSIGHT, "Pemantauan dan laporan kemitraan", "laporan", 6, 60_000_000,
     ValuationMethod.STAFF_TIME, "", D(2025, 12, 31), None,
     [(D(2025, 6, 30), 60_000_000, 6, "laporan-pemantauan.pdf")]),
]

# fmt: on


def _load(world, code: str, rows) -> None:
    partnership = world.partnerships[code]
    if Pledge.objects.filter(partnership=partnership).exists():
        return
    coordinator = world.users["koordinator"]
    for row in rows:
        (slug, category, description, unit, quantity, value, method, note, due, paid_to,
         deliveries) = row  # fmt: skip
        pledge = save_pledge(
            pledge=Pledge(
                partnership=partnership,
                partner=world.partners[(code, slug)],
                category=category,
                description=description,
                unit=unit,
                quantity=None if quantity is None else Decimal(quantity),
                estimated_value=Decimal(value),
                valuation_method=method,
                valuation_note=note,
                due_date=shifted(due),
                paid_to=world.partners[(code, paid_to)] if paid_to else None,
            ),
            saved_by=coordinator,
        )
        recorder = world.users["mitra"] if slug == "nusa-pangan" else coordinator
        for day, amount, delivered_quantity, evidence in deliveries:
            record_delivery(
                delivery=Delivery(
                    pledge=pledge,
                    delivered_on=shifted(day),
                    amount=Decimal(amount),
                    quantity=None if delivered_quantity is None else Decimal(delivered_quantity),
                    evidence_url=f"https://dokumen.pkpn.example/{code.lower()}/{evidence}",
                ),
                recorded_by=recorder,
            )


def load(world) -> None:
    _load(world, "NTT-STUNTING-2025", NTT)
    _load(world, "SULSEL-UMKM-2023", SULSEL)
