"""Benchmark: the candidate search over many organisations.

    python bench/candidate_search.py [--sizes 1000 10000] [--runs 7]

Runs in a throwaway test database (SQLite in memory by default; the database named by
DATABASE_URL gets a `test_` twin that is dropped afterwards), creates the organisations with
bulk_create, and reports for each size: the first (cold) search, the median of the following
(warm) searches, and the number of SQL queries — which must not grow with the organisations.
Not a test: it measures, it does not assert times.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simitra.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PHRASES = [
    "menurunkan angka stunting balita",
    "pendampingan posyandu dan kader kesehatan",
    "pemberdayaan ekonomi perempuan desa",
    "penyediaan air bersih dan sanitasi",
    "pembangunan jalan dan jembatan desa",
    "pelatihan guru sekolah dasar",
    "kemitraan multipihak untuk pembangunan",
    "pengelolaan sampah berbasis masyarakat",
    "peningkatan gizi ibu hamil",
    "pertanian organik dan ketahanan pangan",
    "rehabilitasi hutan mangrove pesisir",
    "literasi digital usaha mikro",
    "layanan kesehatan ibu dan anak",
    "pencegahan perkawinan anak",
    "energi surya untuk desa terpencil",
    "perlindungan nelayan kecil",
]
CAPABILITY_WORDS = "gizi air sanitasi pelatihan survei hibah regulasi pangan digital kesehatan"
CAPABILITIES = [f"kemampuan {word}" for word in CAPABILITY_WORDS.split()]


def build(n: int, seed: int = 1) -> None:
    from simitra.organisations.models import Capability, Organisation, Sector
    from simitra.reference.models import Region

    rng = random.Random(seed)
    start = Organisation.objects.count()
    regions = list(Region.objects.filter(level__in=[2, 3]).values_list("code", flat=True))
    capabilities = Capability.from_names(CAPABILITIES)
    sectors = [s.value for s in Sector]
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Organisasi Bench {start + i}",
                slug=f"bench-{start + i}",
                sector=rng.choice(sectors),
                description="; ".join(rng.sample(PHRASES, 3)) + f". Nomor {rng.randint(1, 99999)}.",
            )
            for i in range(n)
        ],
        batch_size=1000,
    )
    region_rows, goal_rows, capability_rows = [], [], []
    for organisation in organisations:
        for code in rng.sample(regions, 2):
            region_rows.append(
                Organisation.regions.through(organisation_id=organisation.pk, region_id=code)
            )
        for goal in rng.sample(range(1, 18), 2):
            goal_rows.append(
                Organisation.sdg_goals.through(organisation_id=organisation.pk, sdggoal_id=goal)
            )
        for capability in rng.sample(capabilities, 2):
            capability_rows.append(
                Organisation.capabilities.through(
                    organisation_id=organisation.pk, capability_id=capability.pk
                )
            )
    for rows in (region_rows, goal_rows, capability_rows):
        type(rows[0]).objects.bulk_create(rows, batch_size=2000)


def partnership():
    from simitra.partnerships.models import Partnership
    from simitra.reference.models import Region, SdgTarget
    from simitra.scoping.models import ProblemStatement

    p = Partnership.objects.create(title="Bench", code="BENCH-1")
    p.regions.set(Region.objects.filter(code="53.02"))
    p.sdg_targets.set(SdgTarget.objects.filter(code__in=["2.2", "3.2"]))
    ProblemStatement.objects.create(
        partnership=p,
        core_problem="Penurunan stunting balita di Timor Tengah Selatan lambat",
        statement="Kemitraan pembangunan untuk gizi ibu hamil dan pendampingan posyandu.",
    )
    return p


def measure(p, criteria, runs: int):
    from simitra.scoping import matching
    from simitra.scoping.search import search_candidates

    matching.stems.cache_clear()
    matching.stem_word.cache_clear()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        matches = search_candidates(p, criteria)
        cold = time.perf_counter() - started
    warm = []
    for _ in range(runs):
        started = time.perf_counter()
        search_candidates(p, criteria)
        warm.append(time.perf_counter() - started)
    return cold, statistics.median(warm), len(queries.captured_queries), len(matches)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from simitra.reference.loading import load_all
    from simitra.scoping.search import Criteria

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        load_all()
        p = partnership()
        print(f"database: {connection.vendor}; runs per size: {args.runs}")
        row = "{:>13}  {:<22} {:>7} {:>9} {:>8} {:>8}"
        print(row.format("organisations", "filter", "cold s", "median s", "queries", "matches"))
        built = 0
        for size in sorted(args.sizes):
            build(size - built)
            built = size
            for label, criteria in (
                ("problem text", Criteria()),
                ("province 53 + SDG 2", Criteria(region="53", sdg=2)),
            ):
                cold, median, queries, matches = measure(p, criteria, args.runs)
                print(row.format(size, label, f"{cold:.3f}", f"{median:.3f}", queries, matches))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
