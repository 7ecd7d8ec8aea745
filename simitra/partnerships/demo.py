"""The demo world: fictional organisations, the demo users of every role, three partnerships.

`manage.py load_demo` runs `load()` here first, then the `demo.load(world)` of every cycle app
that has one, so each app adds its own records to the same partnerships. Safe to run again:
everything is looked up by a natural key before it is created.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from simitra.accounts.models import Membership
from simitra.lib.demo_time import shifted
from simitra.organisations.models import Capability, Organisation, Sector
from simitra.reference.models import Region, SdgGoal, SdgTarget

from .models import ObserverGrant, Partner, Partnership, PartnerStatus, Phase, PhaseTransition

DEMO_PASSWORD = "simitra-demo"  # noqa: S105 (printed on purpose: demo accounts only)

DEMO_USERS = [
    # username, first name, last name, role description
    ("admin", "Adi", "Pratama", "platform admin"),
    ("koordinator", "Dewi", "Lestari", "coordinator of the demo partnerships"),
    ("mitra", "Budi", "Santoso", "representative of PT Nusa Pangan Lestari, a partner"),
    ("pemantau", "Sri", "Wahyuni", "portfolio observer (whole portfolio)"),
    ("adminorg", "Yohanes", "Tefa", "organisation admin of Universitas Flobamora"),
    (
        "mitraluar",
        "Rina",
        "Marlina",
        "representative of an organisation outside the demo partnerships",
    ),
]

ORGANISATIONS = [
    # slug, name, acronym, sector, regions, sdgs, capabilities, description
    (
        "pkpn",
        "Pusat Kemitraan Pembangunan Nusantara",
        "PKPN",
        Sector.NGO,
        ["53", "52", "73"],
        [17],
        ["fasilitasi kemitraan", "tata kelola", "pemantauan"],
        "Lembaga perantara kemitraan multipihak: memfasilitasi perencanaan bersama, tata kelola dan "
        "pemantauan kemitraan pembangunan di Indonesia timur.",
    ),
    (
        "bappeda-tts",
        "Bappeda Kabupaten Timor Tengah Selatan",
        "Bappeda TTS",
        Sector.GOVERNMENT,
        ["53.02"],
        [2, 3, 17],
        ["perencanaan daerah", "regulasi", "data pembangunan"],
        "Badan perencanaan pembangunan daerah; mengoordinasikan program percepatan penurunan stunting "
        "kabupaten dan menerbitkan regulasi pendukung.",
    ),
    (
        "nusa-pangan",
        "PT Nusa Pangan Lestari",
        "NPL",
        Sector.PRIVATE,
        ["53", "73"],
        [2, 12],
        ["pendanaan CSR", "rantai pasok pangan", "pangan bergizi"],
        "Perusahaan pangan olahan; program tanggung jawab sosial perusahaan berfokus pada gizi ibu dan "
        "anak serta pemberdayaan usaha mikro pangan lokal.",
    ),
    (
        "ygsn",
        "Yayasan Gizi Sehat Nusantara",
        "YGSN",
        Sector.NGO,
        ["53.02", "53.01"],
        [2, 3],
        ["gizi", "pendampingan posyandu", "perubahan perilaku"],
        "Lembaga swadaya masyarakat yang bekerja menurunkan angka stunting melalui pendampingan "
        "posyandu, kelas ibu balita dan pemberian makanan tambahan berbahan lokal.",
    ),
    (
        "unflobamora",
        "Universitas Flobamora",
        "UNFLOB",
        Sector.UNIVERSITY,
        ["53"],
        [2, 3, 4],
        ["penelitian gizi", "survei", "evaluasi program"],
        "Perguruan tinggi swasta di Kupang; pusat studi gizi dan kesehatan masyarakat melakukan survei "
        "status gizi dan evaluasi program.",
    ),
    (
        "posyandu-mawar",
        "Kelompok Posyandu Mawar Mollo",
        "Posyandu Mawar",
        Sector.COMMUNITY,
        ["53.02.02"],
        [2, 3],
        ["kader kesehatan", "mobilisasi warga"],
        "Kelompok kader posyandu desa di Mollo Selatan; penerima manfaat dan penggerak warga.",
    ),
    (
        "dkpa",
        "Dana Kemitraan Pembangunan Asia",
        "DKPA",
        Sector.DONOR,
        ["53", "52"],
        [2, 6, 17],
        ["hibah", "bantuan teknis", "audit"],
        "Lembaga donor yang memberikan hibah dan bantuan teknis bagi kemitraan multipihak di bidang "
        "gizi, air bersih dan sanitasi.",
    ),
    (
        "dinas-pupr-ntb",
        "Dinas Pekerjaan Umum dan Perumahan Rakyat Provinsi NTB",
        "PUPR NTB",
        Sector.GOVERNMENT,
        ["52"],
        [6, 11],
        ["infrastruktur air", "perizinan"],
        "Dinas provinsi yang membangun dan memelihara sistem penyediaan air minum.",
    ),
    (
        "tirta-rinjani",
        "PT Tirta Rinjani Mandiri",
        "TRM",
        Sector.PRIVATE,
        ["52.03"],
        [6],
        ["air bersih", "teknologi pompa tenaga surya"],
        "Perusahaan penyedia teknologi air bersih berbasis pompa tenaga surya untuk desa.",
    ),
    (
        "lombok-lestari",
        "Perkumpulan Lombok Lestari",
        "PLL",
        Sector.NGO,
        ["52.03", "52.01"],
        [6, 13],
        ["pengelolaan air berbasis masyarakat", "sanitasi", "pendampingan desa"],
        "Organisasi masyarakat sipil yang mendampingi desa membentuk badan pengelola air minum.",
    ),
    (
        "makassar-digital",
        "Komunitas Perempuan Digital Makassar",
        "KPDM",
        Sector.COMMUNITY,
        ["73.71"],
        [5, 8],
        ["literasi digital", "UMKM perempuan"],
        "Komunitas pelaku usaha mikro perempuan yang saling belajar pemasaran digital.",
    ),
    (
        "dinas-kukm-makassar",
        "Dinas Koperasi dan UKM Kota Makassar",
        "Diskop Makassar",
        Sector.GOVERNMENT,
        ["73.71"],
        [8],
        ["pembinaan UMKM", "perizinan usaha"],
        "Dinas kota yang membina koperasi dan usaha kecil menengah.",
    ),
    (
        "koperasi-nelayan",
        "Koperasi Nelayan Sejahtera Bima",
        "KNSB",
        Sector.COMMUNITY,
        ["52.06"],
        [14],
        ["perikanan", "koperasi"],
        "Koperasi nelayan di Kabupaten Bima; tidak ikut dalam kemitraan demo.",
    ),
]

# Which organisation each demo user works for, and whether they administer it.
MEMBERSHIPS = [
    ("koordinator", "pkpn", True, "Manajer Kemitraan"),
    ("mitra", "nusa-pangan", False, "Manajer CSR"),
    ("pemantau", None, False, ""),
    ("adminorg", "unflobamora", True, "Kepala Pusat Studi Gizi"),
    ("mitraluar", "koperasi-nelayan", False, "Sekretaris Koperasi"),
]

PARTNERSHIPS = [
    {
        "code": "NTT-STUNTING-2025",
        "title": "Percepatan Penurunan Stunting di Kabupaten Timor Tengah Selatan",
        "summary": (
            "Kemitraan pemerintah daerah, perusahaan, donor, LSM, perguruan tinggi dan kelompok posyandu "
            "untuk menurunkan prevalensi stunting balita melalui pangan lokal bergizi, pendampingan "
            "posyandu dan perubahan perilaku."
        ),
        "start": dt.date(2025, 1, 1),
        "end": dt.date(2027, 12, 31),
        "regions": ["53.02", "53.02.01", "53.02.02"],
        "sdg_targets": ["2.2", "3.2"],
        "dac_sector": "12240",
        "visibility": Partnership.Visibility.PRIVATE,
        "phase": Phase.MANAGING,
        "partners": [
            ("pkpn", Partner.IatiRole.EXTENDING, Partner.LocalRole.COORDINATOR),
            ("bappeda-tts", Partner.IatiRole.ACCOUNTABLE, ""),
            ("nusa-pangan", Partner.IatiRole.FUNDING, ""),
            ("dkpa", Partner.IatiRole.FUNDING, ""),
            ("ygsn", Partner.IatiRole.IMPLEMENTING, ""),
            ("unflobamora", Partner.IatiRole.IMPLEMENTING, ""),
            ("posyandu-mawar", None, Partner.LocalRole.BENEFICIARY),
        ],
    },
    {
        "code": "NTB-AIRBERSIH-2026",
        "title": "Air Bersih untuk Desa-Desa Kering di Lombok Timur",
        "summary": (
            "Rintisan kemitraan untuk menyediakan air minum layak bagi desa-desa rawan kekeringan di "
            "Lombok Timur; masih pada tahap menentukan masalah."
        ),
        "start": dt.date(2026, 7, 1),
        "end": dt.date(2028, 6, 30),
        "regions": ["52.03"],
        "sdg_targets": ["6.1"],
        "dac_sector": "14030",
        "visibility": Partnership.Visibility.PRIVATE,
        "phase": Phase.SCOPING,
        "partners": [
            ("pkpn", None, Partner.LocalRole.COORDINATOR),
            ("dinas-pupr-ntb", Partner.IatiRole.ACCOUNTABLE, ""),
            ("nusa-pangan", None, "", PartnerStatus.INVITED),
            ("tirta-rinjani", None, "", PartnerStatus.CANDIDATE),
            ("lombok-lestari", None, "", PartnerStatus.CANDIDATE),
        ],
    },
    {
        "code": "SULSEL-UMKM-2023",
        "title": "Literasi Digital untuk UMKM Perempuan di Kota Makassar",
        "summary": (
            "Kemitraan yang melatih pelaku usaha mikro perempuan memasarkan produknya secara digital; "
            "kini pada tahap keberlanjutan, dengan komunitas yang melanjutkan pelatihan sebaya."
        ),
        "start": dt.date(2023, 3, 1),
        "end": dt.date(2025, 12, 31),
        "regions": ["73.71"],
        "sdg_targets": ["5.b", "8.3"],
        "dac_sector": "25010",
        "visibility": Partnership.Visibility.PUBLIC,
        "phase": Phase.SUSTAINING,
        "partners": [
            ("pkpn", Partner.IatiRole.EXTENDING, Partner.LocalRole.COORDINATOR),
            ("dinas-kukm-makassar", Partner.IatiRole.ACCOUNTABLE, ""),
            ("nusa-pangan", Partner.IatiRole.FUNDING, ""),
            ("makassar-digital", Partner.IatiRole.IMPLEMENTING, Partner.LocalRole.BENEFICIARY),
        ],
    },
]


@dataclass
class DemoWorld:
    """What the core demo made, handed to each cycle app's `demo.load(world)`."""

    users: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    partnerships: dict = field(default_factory=dict)
    partners: dict = field(default_factory=dict)  # (partnership code, organisation slug) → Partner


def _users(world: DemoWorld) -> None:
    user_model = get_user_model()
    for username, first, last, _role in DEMO_USERS:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.simitra.local",
                "is_demo": True,
                "is_staff": username == "admin",
                "is_superuser": username == "admin",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        world.users[username] = user


def _organisations(world: DemoWorld) -> None:
    for slug, name, acronym, sector, regions, sdgs, capabilities, description in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "acronym": acronym,
                "sector": sector,
                "description": description,
            },
        )
        if created:
            organisation.regions.set(Region.objects.filter(code__in=regions))
            organisation.sdg_goals.set(SdgGoal.objects.filter(number__in=sdgs))
            organisation.capabilities.set(Capability.from_names(capabilities))
        world.organisations[slug] = organisation
    for username, slug, is_admin, position in MEMBERSHIPS:
        if slug:
            Membership.objects.get_or_create(
                user=world.users[username],
                organisation=world.organisations[slug],
                defaults={"is_admin": is_admin, "position": position},
            )
    ObserverGrant.objects.get_or_create(user=world.users["pemantau"], partnership=None, region=None)


def _partnerships(world: DemoWorld) -> None:
    coordinator = world.users["koordinator"]
    for spec in PARTNERSHIPS:
        partnership, created = Partnership.objects.get_or_create(
            code=spec["code"],
            defaults={
                "title": spec["title"],
                "summary": spec["summary"],
                "start_date": shifted(spec["start"]),
                "end_date": shifted(spec["end"]),
                "dac_sector": spec["dac_sector"],
                "visibility": spec["visibility"],
                "phase": spec["phase"],
                "created_by": coordinator,
            },
        )
        if created:
            partnership.regions.set(Region.objects.filter(code__in=spec["regions"]))
            partnership.sdg_targets.set(SdgTarget.objects.filter(code__in=spec["sdg_targets"]))
            partnership.coordinators.add(coordinator)
            for phase in range(Phase.SCOPING, spec["phase"]):
                PhaseTransition.objects.create(
                    partnership=partnership,
                    from_phase=phase,
                    to_phase=phase + 1,
                    moved_by=coordinator,
                    gate_passed=True,
                    reason="",
                    gate_results=[],
                )
        world.partnerships[spec["code"]] = partnership
        for entry in spec["partners"]:
            slug, iati_role, local_role = entry[:3]
            status = entry[3] if len(entry) > 3 else PartnerStatus.CONFIRMED
            partner, _created = Partner.objects.get_or_create(
                partnership=partnership,
                organisation=world.organisations[slug],
                defaults={
                    "iati_role": iati_role,
                    "local_role": local_role,
                    "status": status,
                    "relationship": Partner.Relationship.COLLABORATIVE
                    if status == PartnerStatus.CONFIRMED
                    else Partner.Relationship.UNDETERMINED,
                    "joined_on": shifted(spec["start"])
                    if status == PartnerStatus.CONFIRMED
                    else None,
                },
            )
            world.partners[(spec["code"], slug)] = partner


@transaction.atomic
def load() -> DemoWorld:
    world = DemoWorld()
    _users(world)
    _organisations(world)
    _partnerships(world)
    return world
