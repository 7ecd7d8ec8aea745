"""Demo sustaining-phase records.

SULSEL-UMKM-2023 (published, in Sustaining): a sustainability plan, two published lessons and a
private one, a published replicable practice. NTT-STUNTING-2025 (private, in Managing): one
lesson, private like its partnership — it must never reach the portal. Skipped for a partnership
that already has such records.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from simitra.lib.demo_time import shifted
from simitra.partnerships.models import Phase

from . import services
from .models import Lesson, Practice, SustainabilityPlan, Visibility

SULSEL_PLAN = {
    "what_continues": (
        "Kelas pemasaran digital bulanan yang diajar pelatih sebaya dari komunitas; grup "
        "pendampingan daring untuk pertanyaan sehari-hari; katalog produk UMKM perempuan di laman "
        "Dinas Koperasi dan UKM Kota Makassar."
    ),
    "carried_by": (
        "Komunitas Perempuan Digital Makassar menjalankan kelas dan grup pendampingan (14 pelatih "
        "sebaya). Dinas Koperasi dan UKM Kota Makassar memelihara katalog dan memasukkan kelas ke "
        "program pembinaan UMKM tahunan. PT Nusa Pangan Lestari tetap membeli produk pangan olahan "
        "anggota sebagai pemasok biasa."
    ),
    "funding_after_end": (
        "Anggaran pembinaan UMKM Dinas KUKM (APBD 2026: Rp150.000.000 untuk pelatihan); iuran "
        "kelas Rp25.000 per peserta untuk honor pelatih sebaya; pembelian pemasok oleh PT Nusa "
        "Pangan Lestari dengan harga pasar, bukan hibah."
    ),
    "dependency_avoidance": (
        "Pelatih berasal dari anggota sendiri, bukan dari mitra; modul pelatihan dimiliki komunitas "
        "dengan lisensi terbuka; subsidi kuota internet berhenti Desember 2025; jadwal dan peserta "
        "kelas diputuskan pengurus komunitas."
    ),
    "exit_criteria": (
        "Sedikitnya 10 pelatih sebaya mengajar tanpa pendampingan selama 6 bulan; 300 anggota "
        "berjualan daring secara rutin; kelas berjalan 6 bulan berturut-turut tanpa dana hibah. "
        "Diperiksa pada rapat penutupan dengan data absensi kelas dan laporan penjualan."
    ),
}

SULSEL_LESSONS = [
    {
        "title": "Pelatih sebaya lebih dipercaya daripada narasumber dari luar",
        "phase": Phase.MANAGING,
        "what_happened": (
            "Pada tahun pertama pelatihan diberikan konsultan dari luar kota. Kehadiran turun dari "
            "80% menjadi 35% dalam tiga bulan; peserta menilai materinya terlalu umum."
        ),
        "what_was_learned": (
            "Peserta lebih cepat menerapkan pemasaran digital ketika diajari sesama pelaku usaha "
            "yang menjual produk serupa, dengan bahasa dan contoh sehari-hari."
        ),
        "recommendation": (
            "Siapkan pelatih dari kalangan penerima manfaat sejak awal dan beri mereka honor; "
            "narasumber luar cukup untuk melatih para pelatih."
        ),
        "tags": ["pelatihan sebaya", "UMKM", "literasi digital"],
        "visibility": Visibility.PUBLISHED,
        "published": dt.date(2025, 2, 10),
    },
    {
        "title": "Kontribusi nonkeuangan perlu dinilai sejak awal",
        "phase": Phase.BUILDING,
        "what_happened": (
            "Komunitas menyumbang ruang kelas, waktu pengurus dan jaringan anggota, tetapi tidak "
            "dicatat sebagai kontribusi. Dalam rapat, komunitas merasa suaranya kalah oleh mitra "
            "yang menyumbang dana."
        ),
        "what_was_learned": (
            "Setelah kontribusi natura dan tenaga dinilai dan dicatat, keseimbangan kontribusi "
            "terlihat oleh semua mitra dan kesetaraan dalam rapat membaik."
        ),
        "recommendation": (
            "Petakan dan nilai semua kontribusi, termasuk natura dan tenaga relawan, sebelum "
            "nota kesepahaman ditandatangani."
        ),
        "tags": ["kontribusi", "kesetaraan"],
        "visibility": Visibility.PUBLISHED,
        "published": dt.date(2025, 7, 15),
    },
    {
        "title": "Biaya tambahan belum dibagi bersama",
        "phase": Phase.REVIEWING,
        "what_happened": (
            "Ketika jumlah peserta naik dua kali lipat, biaya sewa ruang tambahan ditanggung "
            "sekretariat sendiri tanpa dibicarakan dengan mitra lain."
        ),
        "what_was_learned": (
            "Cek kesehatan 2025 menunjukkan penilaian risiko bersama turun; mitra baru tahu masalah "
            "biaya dari komentar anonim."
        ),
        "recommendation": (
            "Sepakati sejak awal cara berbagi biaya tak terduga dan tinjau pembagiannya setiap "
            "triwulan di komite pengarah."
        ),
        "tags": ["risiko bersama"],
        "visibility": Visibility.PRIVATE,
        "published": None,
    },
]

SULSEL_PRACTICE = {
    "title": "Kelas pemasaran digital oleh pelatih sebaya untuk UMKM perempuan",
    "summary": (
        "Pelaku usaha mikro perempuan dilatih menjadi pelatih sebaya yang mengajarkan pemasaran "
        "digital kepada anggota lain, didukung dinas, perusahaan mitra pemasok dan lembaga perantara."
    ),
    "context": (
        "Di Kota Makassar banyak usaha mikro milik perempuan menjual pangan olahan dan kerajinan "
        "hanya di sekitar rumah. Pelatihan pemasaran daring sebelumnya bersifat sekali datang, "
        "tanpa pendampingan, dan jarang diterapkan."
    ),
    "approach": (
        "1. Memilih 15 anggota komunitas yang sudah berjualan daring sebagai calon pelatih sebaya.\n"
        "2. Melatih mereka selama 6 minggu: foto produk, katalog, media sosial, pencatatan pesanan.\n"
        "3. Pelatih sebaya membuka kelas bulanan di kelurahan masing-masing, 20 peserta per kelas.\n"
        "4. Grup pendampingan daring menjawab pertanyaan sehari-hari.\n"
        "5. Dinas memasukkan produk peserta ke katalog daring; perusahaan mitra membeli produk "
        "pangan yang lolos uji mutu."
    ),
    "results": (
        "2023–2025: 14 pelatih sebaya aktif, 42 kelas, 612 peserta; 318 peserta berjualan daring "
        "secara rutin; omzet peserta yang dipantau naik rata-rata 38% dalam 12 bulan; 27 usaha "
        "menjadi pemasok tetap perusahaan mitra."
    ),
    "replication_conditions": (
        "Komunitas pelaku usaha yang sudah berpengurus; sedikitnya 10 anggota yang sudah berjualan "
        "daring; dukungan dinas untuk katalog dan program pembinaan; dana pelatihan pelatih sekitar "
        "Rp120.000.000; honor pelatih sebaya dari iuran kelas atau anggaran daerah; persiapan "
        "3 bulan."
    ),
    "contacts": (
        "Sekretariat Pusat Kemitraan Pembangunan Nusantara (PKPN), sekretariat@pkpn.example.id; "
        "Bidang UMKM, Dinas Koperasi dan UKM Kota Makassar."
    ),
    "tags": ["pelatihan sebaya", "pemasaran digital", "UMKM perempuan"],
    "published": dt.date(2025, 9, 1),
}

NTT_LESSON = {
    "title": "Data gizi desa perlu disepakati semua mitra",
    "phase": Phase.MANAGING,
    "what_happened": (
        "Angka stunting dari posyandu, puskesmas dan survei universitas berbeda; rapat triwulan "
        "habis untuk memperdebatkan angka mana yang benar."
    ),
    "what_was_learned": (
        "Indikator hanya berguna bila sumber data, cara ukur dan jadwal pengukurannya disepakati "
        "sebelum nilai pertama dilaporkan."
    ),
    "recommendation": (
        "Tetapkan satu sumber data per indikator dalam rencana aksi, dengan mitra yang "
        "bertanggung jawab atas pengukurannya."
    ),
    "tags": ["indikator", "data gizi"],
    "visibility": Visibility.PRIVATE,
    "published": None,
}


def _at(day: dt.date | None):
    return timezone.make_aware(dt.datetime.combine(shifted(day), dt.time(10, 0))) if day else None


def _save(model, partnership, coordinator, spec: dict):
    fields = {k: v for k, v in spec.items() if k not in ("tags", "published")}
    fields.setdefault("visibility", Visibility.PUBLISHED)
    item = services.save_knowledge_item(
        item=model(partnership=partnership, **fields), tag_names=spec["tags"], saved_by=coordinator
    )
    if spec["published"]:
        model.objects.filter(pk=item.pk).update(published_at=_at(spec["published"]))
    return item


@transaction.atomic
def load(world) -> None:
    coordinator = world.users["koordinator"]
    sulsel = world.partnerships["SULSEL-UMKM-2023"]
    if not SustainabilityPlan.objects.filter(partnership=sulsel).exists():
        services.save_sustainability_plan(
            plan=SustainabilityPlan(partnership=sulsel, **SULSEL_PLAN), updated_by=coordinator
        )
    if not sulsel.lessons.exists():
        for spec in SULSEL_LESSONS:
            _save(Lesson, sulsel, coordinator, spec)
    if not sulsel.practices.exists():
        _save(Practice, sulsel, coordinator, SULSEL_PRACTICE)
    ntt = world.partnerships["NTT-STUNTING-2025"]
    if not ntt.lessons.exists():
        _save(Lesson, ntt, coordinator, NTT_LESSON)
