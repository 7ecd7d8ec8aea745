"""Demo records of scoping and partner selection for the three demo partnerships.

Everything here is fictional, like the organisations it refers to; the links point to
example.org. A partnership that already has a problem statement is left as it is, so loading
again changes nothing.
"""

import datetime as dt

from django.utils import timezone

from simitra.lib.demo_time import shifted
from simitra.partnerships.models import PersonRole, RoleLevel

from . import suitability
from .assessment import CRITERIA
from .models import (
    Assessment,
    Candidacy,
    Evidence,
    Need,
    ProblemNode,
    ProblemStatement,
    Relationship,
    Score,
    SolutionOption,
    Stakeholder,
    SuitabilityCheck,
)

EVIDENCE_TEXT = {
    "capacity": "Laporan tahunan dan daftar program tiga tahun terakhir",
    "quality": "Testimoni mitra pemerintah dan hasil evaluasi program sebelumnya",
    "integrity": "Laporan keuangan diaudit akuntan publik; tata kelola dewan berjalan",
    "commitment": "Surat minat pimpinan dan kesediaan menanggung sebagian biaya",
}

NTT = {
    "code": "NTT-STUNTING-2025",
    "core": "Prevalensi stunting balita di Kabupaten Timor Tengah Selatan masih tinggi",
    "statement": (
        "Sekitar sepertiga balita di Timor Tengah Selatan mengalami stunting. Penurunan stunting "
        "tertahan karena asupan gizi ibu hamil dan balita kurang, layanan posyandu belum merata, "
        "serta sanitasi dan air bersih rumah tangga yang buruk."
    ),
    "proposer": "bappeda-tts",
    "causes": [
        ("c1", None, "Asupan gizi ibu hamil dan balita kurang", "ygsn"),
        ("c1a", "c1", "Pangan lokal bergizi sulit dijangkau di musim kering", "nusa-pangan"),
        ("c1b", "c1", "Pengetahuan gizi keluarga masih terbatas", "ygsn"),
        ("c2", None, "Layanan posyandu belum merata dan kader kurang terlatih", "posyandu-mawar"),
        ("c3", None, "Sanitasi dan air bersih rumah tangga buruk", "bappeda-tts"),
    ],
    "effects": [
        ("e1", None, "Tumbuh kembang anak terhambat", "unflobamora"),
        ("e1a", "e1", "Capaian belajar anak di sekolah rendah", "unflobamora"),
        ("e2", None, "Beban biaya kesehatan keluarga dan daerah meningkat", "bappeda-tts"),
        ("e3", None, "Produktivitas jangka panjang menurun", "dkpa"),
    ],
    "evidence": [
        (
            "ev1",
            "Survei Status Gizi Balita Kabupaten TTS 2024",
            "Universitas Flobamora",
            2024,
            "prevalensi stunting balita 34,1% (data contoh)",
            True,
            ["c1"],
        ),
        (
            "ev2",
            "Laporan Pemantauan Posyandu Mollo Selatan",
            "Kelompok Posyandu Mawar Mollo",
            2024,
            "42% posyandu tanpa kader terlatih (data contoh)",
            False,
            ["c2"],
        ),
        (
            "ev3",
            "Profil Sanitasi Rumah Tangga Kabupaten TTS",
            "Bappeda Kabupaten Timor Tengah Selatan",
            2023,
            "58% rumah tangga tanpa jamban sehat (data contoh)",
            False,
            ["c3"],
        ),
    ],
    "needs": [
        {
            "description": "Makanan tambahan berbahan pangan lokal untuk ibu hamil dan balita gizi kurang",
            "affected_group": "Ibu hamil dan balita gizi kurang",
            "affected_size": 4200,
            "priority": Need.Priority.HIGH,
            "evidence": ["ev1"],
            "proposer": "ygsn",
        },
        {
            "description": "Pelatihan kader posyandu tentang pemantauan pertumbuhan balita",
            "affected_group": "Kader posyandu",
            "affected_size": 350,
            "priority": Need.Priority.HIGH,
            "evidence": ["ev2"],
            "proposer": "posyandu-mawar",
        },
        {
            "description": "Pembangunan gedung pusat gizi baru di ibu kota kabupaten",
            "affected_group": "Warga kabupaten",
            "affected_size": None,
            "priority": Need.Priority.MEDIUM,
            "evidence": [],
            "proposer": "bappeda-tts",
            "driven_by_institution": True,
            "driver_note": (
                "Diusulkan untuk memenuhi target pembangunan fisik dinas; belum ada data yang "
                "menunjukkan kebutuhannya."
            ),
        },
    ],
    "options": [
        (
            "Makanan tambahan berbahan pangan lokal lewat usaha mikro desa",
            "Usaha mikro pangan desa memproduksi makanan tambahan bergizi dari bahan lokal.",
            ["c1", "c1a"],
            "nusa-pangan",
            "Menjawab penyebab utama yang didukung data survei dan menggerakkan ekonomi desa.",
        ),
        (
            "Kelas ibu balita dan pendampingan kader posyandu",
            "Pelatihan berjenjang kader dan kelas ibu balita bulanan di setiap posyandu.",
            ["c1b", "c2"],
            "ygsn",
            "Memperkuat layanan yang sudah ada dan dapat diteruskan oleh puskesmas.",
        ),
        (
            "Bantuan susu formula impor",
            "Pembagian susu formula kepada keluarga dengan balita.",
            ["c1"],
            "dkpa",
            "",
        ),
    ],
    "suitability": {
        "single_actor": "no",
        "shared_interest": "yes",
        "complementary": "yes",
        "contract_enough": "no",
    },
    # assessor → organisations they assessed (all submitted)
    "assessments": {
        "koordinator": [
            "bappeda-tts",
            "nusa-pangan",
            "dkpa",
            "ygsn",
            "unflobamora",
            "posyandu-mawar",
        ],
        "adminorg": ["pkpn", "nusa-pangan", "ygsn", "dkpa"],
        "mitra": ["pkpn", "bappeda-tts", "posyandu-mawar", "unflobamora"],
    },
    "ties": [
        (
            "koordinator",
            "ygsn",
            Relationship.Kind.FAMILY,
            "Suami bekerja sebagai manajer program di Yayasan Gizi Sehat Nusantara.",
        ),
    ],
    "stakeholders": [
        ("bappeda-tts", "", 5, 5, "Anggota komite pengarah; rapat triwulanan dan laporan bersama."),
        ("dkpa", "", 4, 4, "Pertemuan berkala tentang kemajuan dan penggunaan hibah."),
        (
            "",
            "Kepala desa di Mollo Selatan",
            4,
            4,
            "Musyawarah desa di awal dan akhir setiap tahap.",
        ),
        ("", "Tokoh adat dan tokoh agama", 3, 4, "Dilibatkan dalam kampanye perubahan perilaku."),
        ("", "DPRD Kabupaten TTS", 2, 5, "Paparan tahunan hasil program kepada komisi terkait."),
        ("", "Keluarga dengan balita", 5, 2, "Kelas ibu balita dan kunjungan rumah oleh kader."),
        ("", "Pedagang pangan di pasar desa", 3, 2, "Diajak memasok bahan pangan lokal."),
        ("", "Media lokal", 2, 2, "Siaran pers pada tonggak penting."),
    ],
    "roles": [
        (
            "bappeda-tts",
            "Maria Bele",
            None,
            RoleLevel.STEERING,
            "Ketua Komite Pengarah",
            dt.date(2025, 1, 1),
        ),
        (
            "pkpn",
            "Dewi Lestari",
            "koordinator",
            RoleLevel.MANAGEMENT,
            "Manajer Sekretariat Kemitraan",
            dt.date(2025, 1, 1),
        ),
        (
            "ygsn",
            "Yosef Nenobais",
            None,
            RoleLevel.TECHNICAL,
            "Ahli Gizi Program",
            dt.date(2025, 1, 1),
        ),
        (
            "unflobamora",
            "Yohanes Tefa",
            "adminorg",
            RoleLevel.TECHNICAL,
            "Koordinator Survei dan Evaluasi",
            dt.date(2025, 2, 1),
        ),
        (
            "posyandu-mawar",
            "Marta Tse",
            None,
            RoleLevel.FIELD,
            "Koordinator Kader Posyandu",
            dt.date(2025, 1, 1),
        ),
    ],
    # person, organisation, first role, second role, date of the change
    "role_changes": [
        (
            "nusa-pangan",
            "Budi Santoso",
            "mitra",
            (RoleLevel.TECHNICAL, "Koordinator Teknis Rantai Pasok", dt.date(2025, 1, 1)),
            (RoleLevel.MANAGEMENT, "Anggota Tim Pengelola", dt.date(2025, 7, 1)),
        ),
    ],
}

NTB = {
    "code": "NTB-AIRBERSIH-2026",
    "core": "Desa-desa di Lombok Timur kekurangan air minum layak pada musim kemarau",
    "statement": (
        "Di musim kemarau sumber air dangkal mengering dan dusun-dusun di perbukitan belum "
        "terjangkau jaringan perpipaan, sehingga warga membeli air tangki atau berjalan jauh."
    ),
    "proposer": "dinas-pupr-ntb",
    "causes": [
        ("c1", None, "Sumber air dangkal mengering di musim kemarau", "dinas-pupr-ntb"),
        ("c2", None, "Jaringan perpipaan belum menjangkau dusun di perbukitan", "dinas-pupr-ntb"),
        ("c3", None, "Belum ada badan pengelola air tingkat desa", "pkpn"),
    ],
    "effects": [
        (
            "e1",
            None,
            "Warga, terutama perempuan, menghabiskan berjam-jam untuk mengambil air",
            "pkpn",
        ),
        ("e2", None, "Kasus diare meningkat di musim kemarau", "dinas-pupr-ntb"),
    ],
    "evidence": [
        (
            "ev1",
            "Pendataan Desa Rawan Kekeringan Lombok Timur",
            "Dinas PUPR Provinsi NTB",
            2025,
            "27 desa rawan kekeringan (data contoh)",
            True,
            ["c1", "c2"],
        ),
    ],
    "needs": [
        {
            "description": "Akses air minum layak sepanjang tahun untuk dusun di perbukitan",
            "affected_group": "Rumah tangga di dusun perbukitan",
            "affected_size": 6100,
            "priority": Need.Priority.HIGH,
            "evidence": ["ev1"],
            "proposer": "dinas-pupr-ntb",
        },
        {
            "description": "Menara air besar di setiap desa sebagai penanda program",
            "affected_group": "Warga desa",
            "affected_size": None,
            "priority": Need.Priority.LOW,
            "evidence": [],
            "proposer": "pkpn",
            "driven_by_pressure": True,
            "driver_note": "Diminta tokoh setempat menjelang pemilihan; manfaatnya belum dikaji.",
        },
    ],
    "options": [
        (
            "Pompa air tenaga surya dan tandon komunal per dusun",
            "",
            ["c1", "c2"],
            "dinas-pupr-ntb",
            "",
        ),
        ("Pembentukan dan pendampingan badan pengelola air desa", "", ["c3"], "pkpn", ""),
    ],
    "suitability": None,  # still to answer: the gate of this partnership shows it
    "candidacies": {
        "tirta-rinjani": "Penyedia pompa tenaga surya yang sudah bekerja di Lombok Timur.",
        "lombok-lestari": "Berpengalaman mendampingi desa membentuk pengelola air minum.",
    },
    "assessments": {"mitra": ["tirta-rinjani", "lombok-lestari"]},
    "drafts": {"koordinator": ["lombok-lestari"]},
    "ties": [],
    "stakeholders": [
        ("dinas-pupr-ntb", "", 5, 5, "Anggota komite pengarah; penanggung jawab perizinan."),
        ("", "Kelompok perempuan pengguna air", 5, 2, "Dilibatkan dalam perencanaan titik tandon."),
        ("", "Pengusaha air tangki", 3, 3, "Diajak berdialog sejak awal agar tidak menolak."),
    ],
    "roles": [],
    "role_changes": [],
}

SULSEL = {
    "code": "SULSEL-UMKM-2023",
    "core": "Usaha mikro perempuan di Makassar sulit menjangkau pasar digital",
    "statement": (
        "Banyak pelaku usaha mikro perempuan belum memasarkan produknya secara daring karena "
        "keterampilan digital terbatas dan tidak ada pendamping sebaya."
    ),
    "proposer": "makassar-digital",
    "causes": [
        ("c1", None, "Keterampilan pemasaran digital terbatas", "makassar-digital"),
    ],
    "effects": [
        ("e1", None, "Omzet usaha mikro stagnan", "dinas-kukm-makassar"),
    ],
    "evidence": [
        (
            "ev1",
            "Survei Pelaku UMKM Perempuan Kota Makassar",
            "Dinas Koperasi dan UKM Kota Makassar",
            2022,
            "7 dari 10 belum berjualan daring (data contoh)",
            True,
            ["c1"],
        ),
    ],
    "needs": [
        {
            "description": "Pelatihan pemasaran digital yang dilanjutkan pendampingan sebaya",
            "affected_group": "Pelaku usaha mikro perempuan",
            "affected_size": 800,
            "priority": Need.Priority.HIGH,
            "evidence": ["ev1"],
            "proposer": "makassar-digital",
        },
    ],
    "options": [
        (
            "Sekolah digital sebaya untuk UMKM perempuan",
            "",
            ["c1"],
            "makassar-digital",
            "Pelatihnya berasal dari komunitas sendiri sehingga dapat berlanjut.",
        ),
    ],
    "suitability": {
        "single_actor": "no",
        "shared_interest": "yes",
        "complementary": "yes",
        "contract_enough": "unsure",
    },
    "assessments": {
        "koordinator": ["dinas-kukm-makassar", "nusa-pangan", "makassar-digital"],
        "mitra": ["pkpn", "dinas-kukm-makassar"],
    },
    "ties": [],
    "stakeholders": [
        (
            "dinas-kukm-makassar",
            "",
            4,
            5,
            "Mitra utama; menjaga keberlanjutan lewat program dinas.",
        ),
        ("", "Platform lokapasar", 2, 4, "Dihubungi untuk program pendampingan penjual baru."),
    ],
    "roles": [
        (
            "makassar-digital",
            "Andi Rahma",
            None,
            RoleLevel.FIELD,
            "Pelatih Sebaya",
            dt.date(2023, 3, 1),
        ),
    ],
    "role_changes": [],
}


def _stamp(partnership, days: int) -> dt.datetime:
    """A moment `days` before the partnership started (or after, for negative days)."""
    start = partnership.start_date or timezone.localdate()
    moment = dt.datetime.combine(start - dt.timedelta(days=days), dt.time(10, 0))
    return timezone.make_aware(moment)


def _score(assessor: str, slug: str, criterion: str) -> int:
    """A stable, varied score in 3–5 (2–5 for one criterion) for the demo."""
    value = sum(ord(ch) for ch in f"{assessor}:{slug}:{criterion}")
    return 2 + value % 4 if criterion == "commitment" else 3 + value % 3


def _problem(world, partnership, spec, users) -> None:
    orgs = world.organisations
    ProblemStatement.objects.create(
        partnership=partnership,
        core_problem=spec["core"],
        statement=spec["statement"],
        proposed_by=orgs[spec["proposer"]],
        updated_by=users["koordinator"],
    )
    nodes = {}
    for kind, rows in (
        (ProblemNode.Kind.CAUSE, spec["causes"]),
        (ProblemNode.Kind.EFFECT, spec["effects"]),
    ):
        for position, (key, parent, text, proposer) in enumerate(rows):
            nodes[key] = ProblemNode.objects.create(
                partnership=partnership,
                kind=kind,
                text=text,
                parent=nodes.get(parent),
                position=position,
                proposed_by=orgs[proposer],
            )
    evidence = {}
    for key, title, publisher, year, figure, supports_problem, node_keys in spec["evidence"]:
        evidence[key] = Evidence.objects.create(
            partnership=partnership,
            title=title,
            publisher=publisher,
            year=year,
            figure=figure,
            url=f"https://example.org/simitra-demo/{partnership.code.lower()}/{key}",
            supports_problem=supports_problem,
            added_by=users["koordinator"],
        )
        evidence[key].problem_nodes.set(nodes[k] for k in node_keys)
    for need_spec in spec["needs"]:
        fields = {k: v for k, v in need_spec.items() if k not in ("evidence", "proposer")}
        need = Need.objects.create(
            partnership=partnership,
            proposed_by=orgs[need_spec["proposer"]],
            declared_by=users["koordinator"],
            **fields,
        )
        need.evidence.set(evidence[k] for k in need_spec["evidence"])
    for title, description, cause_keys, proposer, reason in spec["options"]:
        option = SolutionOption.objects.create(
            partnership=partnership,
            title=title,
            description=description,
            proposed_by=orgs[proposer],
            chosen=bool(reason),
            choice_reason=reason,
        )
        option.causes.set(nodes[k] for k in cause_keys)
    if spec["suitability"]:
        answers = spec["suitability"]
        SuitabilityCheck.objects.create(
            partnership=partnership,
            recommendation=suitability.recommend(answers).recommendation,
            answered_by=users["koordinator"],
            **answers,
        )


def _assess(partner, assessor, slug: str, when: dt.datetime, *, submit: bool) -> None:
    assessment = Assessment.objects.create(
        partner=partner,
        assessor=assessor,
        declared_conflict=False,
        declared_at=when,
        submitted_at=when + dt.timedelta(hours=2) if submit else None,
    )
    criteria = CRITERIA if submit else CRITERIA[:2]
    for criterion in criteria:
        Score.objects.create(
            assessment=assessment,
            criterion=criterion,
            score=_score(assessor.username, slug, criterion),
            evidence=EVIDENCE_TEXT[criterion],
        )


def _selection(world, partnership, spec, users) -> None:
    orgs = world.organisations
    code = partnership.code
    decided = _stamp(partnership, 20)
    for (p_code, slug), partner in world.partners.items():
        if p_code != code:
            continue
        rationale = spec.get("candidacies", {}).get(slug) or (
            "Diusulkan dalam lokakarya pemetaan mitra karena peran dan sumber dayanya."
        )
        confirmed = partner.status == "confirmed"
        Candidacy.objects.create(
            partner=partner,
            rationale=rationale,
            added_by=users["koordinator"],
            decision=Candidacy.Decision.CONFIRMED if confirmed else Candidacy.Decision.PENDING,
            decision_reason="Penilaian objektif memadai dan peran saling melengkapi."
            if confirmed
            else "",
            decided_by=users["koordinator"] if confirmed else None,
            decided_at=decided if confirmed else None,
        )
    for username, org_slug, kind, description in spec["ties"]:
        Relationship.objects.create(
            partnership=partnership,
            person=users[username],
            organisation=orgs[org_slug],
            kind=kind,
            description=description,
            started_on=shifted(dt.date(2019, 6, 1)),
            recorded_by=users["koordinator"],
        )
    for number, (username, slugs) in enumerate(spec["assessments"].items()):
        for slug in slugs:
            _assess(
                world.partners[(code, slug)],
                users[username],
                slug,
                _stamp(partnership, 40 - number),
                submit=True,
            )
    for username, slugs in spec.get("drafts", {}).items():
        for slug in slugs:
            _assess(
                world.partners[(code, slug)],
                users[username],
                slug,
                _stamp(partnership, 30),
                submit=False,
            )


def _people(world, partnership, spec, users) -> None:
    orgs = world.organisations
    for slug, name, interest, influence, approach in spec["stakeholders"]:
        Stakeholder.objects.create(
            partnership=partnership,
            organisation=orgs[slug] if slug else None,
            group_name=name,
            interest=interest,
            influence=influence,
            approach=approach,
        )
    code = partnership.code
    for slug, person, username, level, title, started in spec["roles"]:
        PersonRole.objects.create(
            partner=world.partners[(code, slug)],
            person_name=person,
            user=users.get(username) if username else None,
            level=level,
            title=title,
            started_on=shifted(started),
            created_by=users["koordinator"],
        )
    for slug, person, username, first, second in spec["role_changes"]:
        earlier = PersonRole.objects.create(
            partner=world.partners[(code, slug)],
            person_name=person,
            user=users.get(username),
            level=first[0],
            title=first[1],
            started_on=shifted(first[2]),
            ended_on=shifted(second[2]) - dt.timedelta(days=1),
            created_by=users["koordinator"],
        )
        PersonRole.objects.create(
            partner=world.partners[(code, slug)],
            person_name=person,
            user=users.get(username),
            level=second[0],
            title=second[1],
            started_on=shifted(second[2]),
            previous=earlier,
            created_by=users["koordinator"],
        )


def load(world) -> None:
    users = world.users
    for spec in (NTT, NTB, SULSEL):
        partnership = world.partnerships.get(spec["code"])
        if partnership is None or ProblemStatement.objects.filter(partnership=partnership).exists():
            continue
        _problem(world, partnership, spec, users)
        _selection(world, partnership, spec, users)
        _people(world, partnership, spec, users)
