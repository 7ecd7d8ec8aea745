"""Large, realistic data for query-count tests and benchmarks (not for demos).

10,000 partnerships with 30,000+ partners take well under a minute on SQLite: rows are written
with bulk_create in batches, and every row is told apart by a `SKALA-` code prefix.
"""

import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from simitra.organisations.models import Organisation, Sector
from simitra.partnerships.models import Partner, Partnership, PartnerStatus, Phase
from simitra.reference.loading import load_all, reference_is_loaded
from simitra.reference.models import Region, SdgGoal, SdgTarget

THEMES = [
    ("Penurunan Stunting", "gizi ibu dan anak, posyandu, pangan lokal", ["2.2", "3.2"], "12240"),
    (
        "Air Bersih Desa",
        "air minum layak, sanitasi, pengelolaan air berbasis masyarakat",
        ["6.1", "6.2"],
        "14030",
    ),
    ("Literasi Digital UMKM", "pemasaran digital, usaha mikro perempuan", ["5.b", "8.3"], "25010"),
    ("Pendidikan Anak Usia Dini", "PAUD, guru, sarana belajar", ["4.2"], "11240"),
    ("Energi Surya Desa", "listrik tenaga surya, energi terbarukan", ["7.1", "7.2"], "23230"),
    (
        "Mangrove dan Pesisir",
        "rehabilitasi mangrove, nelayan, ekosistem pesisir",
        ["14.2", "13.1"],
        "41030",
    ),
    ("Pertanian Organik", "petani, pupuk organik, pasar", ["2.3", "2.4"], "31120"),
]
ORG_WORDS = {
    Sector.GOVERNMENT: [
        "Dinas Kesehatan",
        "Bappeda",
        "Dinas Pendidikan",
        "Dinas PUPR",
        "Dinas Sosial",
    ],
    Sector.PRIVATE: ["PT Sinar", "PT Nusantara", "PT Bumi", "CV Karya", "PT Samudra"],
    Sector.DONOR: ["Dana Hibah", "Yayasan Donor", "Lembaga Kerja Sama"],
    Sector.NGO: ["Yayasan", "Perkumpulan", "Lembaga", "Forum"],
    Sector.COMMUNITY: ["Kelompok Tani", "Koperasi", "Posyandu", "Kelompok Nelayan"],
    Sector.UNIVERSITY: ["Universitas", "Politeknik", "Institut"],
}
NAMES = [
    "Harapan",
    "Lestari",
    "Mandiri",
    "Sejahtera",
    "Makmur",
    "Bersama",
    "Cendana",
    "Flamboyan",
    "Rinjani",
]


class Command(BaseCommand):
    help = "Generate N partnerships and M organisations of realistic scale data."

    def add_arguments(self, parser):
        parser.add_argument("--partnerships", type=int, default=1000)
        parser.add_argument("--organisations", type=int, default=500)
        parser.add_argument("--seed", type=int, default=42)

    @transaction.atomic
    def handle(self, *args, **options):
        started = time.monotonic()
        rng = random.Random(options["seed"])  # noqa: S311 (reproducible fake data, not secrets)
        if not reference_is_loaded():
            load_all()
        regencies = list(Region.objects.filter(level=2).values_list("code", flat=True))
        goals = list(SdgGoal.objects.values_list("number", flat=True))
        targets = set(SdgTarget.objects.values_list("code", flat=True))
        organisations = self._organisations(rng, options["organisations"], regencies, goals)
        self._partnerships(rng, options["partnerships"], organisations, regencies, targets)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {options['organisations']} organisations and {options['partnerships']} "
                f"partnerships in {time.monotonic() - started:.1f} s."
            )
        )

    def _organisations(self, rng, count, regencies, goals):
        start = Organisation.objects.filter(slug__startswith="skala-").count()
        sectors = list(Sector.values)
        objs = []
        for i in range(start, start + count):
            sector = sectors[i % len(sectors)]
            theme = THEMES[i % len(THEMES)]
            name = f"{rng.choice(ORG_WORDS[sector])} {rng.choice(NAMES)} {i}"
            objs.append(
                Organisation(
                    name=name,
                    slug=f"skala-{i}",
                    sector=sector,
                    description=f"{name} bekerja di bidang {theme[1]}.",
                    expertise=theme[1],
                )
            )
        created = Organisation.objects.bulk_create(objs, batch_size=1000)
        Region_through = Organisation.regions.through
        Goal_through = Organisation.sdg_goals.through
        Region_through.objects.bulk_create(
            [
                Region_through(organisation_id=o.pk, region_id=rng.choice(regencies))
                for o in created
            ],
            batch_size=2000,
        )
        Goal_through.objects.bulk_create(
            [Goal_through(organisation_id=o.pk, sdggoal_id=rng.choice(goals)) for o in created],
            batch_size=2000,
        )
        return created

    def _partnerships(self, rng, count, organisations, regencies, targets):
        start = Partnership.objects.filter(code__startswith="SKALA-").count()
        today = timezone.localdate()
        objs = []
        for i in range(start, start + count):
            theme = THEMES[i % len(THEMES)]
            begin = today.replace(year=today.year - rng.randint(0, 3), day=1)
            objs.append(
                Partnership(
                    code=f"SKALA-{i:06d}",
                    title=f"{theme[0]} {i}",
                    summary=f"Kemitraan multipihak untuk {theme[1]}.",
                    start_date=begin,
                    end_date=begin.replace(year=begin.year + 3),
                    dac_sector=theme[3],
                    phase=rng.choice(Phase.values),
                    visibility=rng.choice(["private"] * 4 + ["public"]),
                )
            )
        created = Partnership.objects.bulk_create(objs, batch_size=1000)
        region_through = Partnership.regions.through
        target_through = Partnership.sdg_targets.through
        region_through.objects.bulk_create(
            [region_through(partnership_id=p.pk, region_id=rng.choice(regencies)) for p in created],
            batch_size=2000,
        )
        target_rows = []
        for p, theme_index in zip(created, range(start, start + count), strict=True):
            for code in THEMES[theme_index % len(THEMES)][2]:
                if code in targets:
                    target_rows.append(target_through(partnership_id=p.pk, sdgtarget_id=code))
        target_through.objects.bulk_create(target_rows, batch_size=2000)
        partners = []
        for p in created:
            for organisation in rng.sample(
                organisations, k=min(len(organisations), rng.randint(2, 5))
            ):
                partners.append(
                    Partner(
                        partnership_id=p.pk,
                        organisation_id=organisation.pk,
                        status=rng.choice(
                            [PartnerStatus.CONFIRMED] * 3 + [PartnerStatus.CANDIDATE]
                        ),
                        iati_role=rng.choice([1, 2, 3, 4, None]),
                    )
                )
        Partner.objects.bulk_create(partners, batch_size=2000)
