"""Benchmark: the region view (and the map's figures per regency) over 1,000 and 10,000
partnerships.

    DEBUG=1 .venv/bin/python bench/region_view.py [--sizes 1000 10000] [--runs 5]

A scratch database (SQLite in a temporary folder, production settings; or DATABASE_URL) gets
`manage.py seed_scale` data, grown size by size; every partnership is given a pledge, a
delivery and one or two alignments with a five-year plan of the province that holds the most
partnerships (random sub-activities, districts of its regency, years). Then the region view,
its Excel export and `figures_by_regency` are timed as a whole-portfolio observer would see
them, with their SQL query counts — which must not grow with the partnerships. Not a test: it
measures, it does not assert times.
"""

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import os  # noqa: E402

os.environ.setdefault("DEBUG", "1")  # the pages need the static files unhashed
from _setup import django_with_scratch_database  # noqa: E402

django_with_scratch_database()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]

SUB_ACTIVITIES = [
    "1.02.02.2.02.0001",
    "1.02.02.2.02.0002",
    "1.02.02.2.02.0004",
    "1.03.03.2.01.0022",
    "2.17.07.2.01.0015",
]


def _plan(province: str):
    from simitra.reference.models import Region
    from simitra.regional.demo import excerpt_workbook
    from simitra.regional.importing import import_plan
    from simitra.regional.models import Plan

    plan = Plan.objects.filter(region_id=province).first()
    if plan:
        return plan
    return import_plan(
        file=excerpt_workbook(),
        region=Region.objects.get(code=province),
        kind=Plan.Kind.RPJMD,
        start_year=2025,
        end_year=2029,
        title=f"RPJMD {province} (bench)",
    ).plan


def grow(total: int, rng: random.Random):
    """Seed partnerships up to `total`; give the new ones pledges, deliveries, alignments."""
    from simitra.partnerships.models import Partner, Partnership
    from simitra.reference.models import Region
    from simitra.regional.models import Alignment, PlanItem
    from simitra.resources.models import Delivery, Pledge

    have = Partnership.objects.count()
    if total > have:
        call_command("seed_scale", partnerships=total - have, organisations=500, stdout=None)
    links = list(Partnership.regions.through.objects.values_list("partnership_id", "region_id"))
    province = Counter(code.split(".")[0] for _pk, code in links).most_common(1)[0][0]
    plan = _plan(province)
    items = {i.code: i for i in PlanItem.objects.filter(plan=plan, code__in=SUB_ACTIVITIES)}
    districts: dict[str, list[str]] = {}
    for code in Region.objects.filter(level=3, code__startswith=f"{province}.").values_list(
        "code", flat=True
    ):
        districts.setdefault(code.rsplit(".", 1)[0], []).append(code)
    done = set(Alignment.objects.values_list("partnership_id", flat=True))
    done |= set(Pledge.objects.values_list("partnership_id", flat=True))
    partner_of = dict(
        Partner.objects.order_by("partnership_id").values_list("partnership_id", "pk")
    )
    alignments, pledges = [], []
    for pk, region in links:
        if pk in done or pk not in partner_of:
            continue
        pledges.append(
            Pledge(
                partnership_id=pk,
                partner_id=partner_of[pk],
                category="support",
                description="Dana bench",
                estimated_value=Decimal(rng.randint(1, 50) * 10_000_000),
                valuation_method="cash",
                due_date=dt.date(2026, rng.randint(1, 12), 1),
            )
        )
        if region.split(".")[0] != province:
            continue
        for code in rng.sample(SUB_ACTIVITIES, rng.randint(1, 2)):
            alignments.append(
                Alignment(
                    partnership_id=pk,
                    item=items[code],
                    district_id=rng.choice(districts.get(region, [None])),
                    year=rng.choice([2025, 2026, 2027]),
                    amount=Decimal(rng.randint(1, 20) * 5_000_000),
                )
            )
    created = Pledge.objects.bulk_create(pledges, batch_size=2000)
    Delivery.objects.bulk_create(
        [
            Delivery(pledge=p, delivered_on=dt.date(2026, 6, 1), amount=p.estimated_value / 2)
            for p in created[::2]
        ],
        batch_size=2000,
    )
    Alignment.objects.bulk_create(alignments, batch_size=2000)
    return plan


def measure(call, runs):
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
        queries = len(context.captured_queries)
    return statistics.median(times), queries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from simitra.partnerships.models import ObserverGrant, Partnership
    from simitra.partnerships.testing import make_user
    from simitra.regional.models import Alignment
    from simitra.regional.selectors import figures_by_regency

    rng = random.Random(7)
    call_command("load_reference", verbosity=0)
    observer = make_user("pemantau-bench")
    ObserverGrant.objects.create(user=observer)
    client = Client()
    client.force_login(observer)
    print(f"database: {connection.vendor}")
    print("| partnerships | in the plan's province | alignments | what | median ms | queries |")
    print("|---:|---:|---:|---|---:|---:|")
    for size in args.sizes:
        plan = grow(size, rng)
        in_province = Partnership.objects.in_region(plan.region_id).count()
        aligned = Alignment.objects.count()
        page = reverse("regional:region", args=[plan.pk])
        export = reverse("regional:region_export", args=[plan.pk])

        def get(url):
            response = client.get(url, secure=True)
            assert response.status_code == 200, response.status_code

        for label, call in (
            ("region view", lambda page=page: get(page)),
            (
                "region view, 2026, private sector",
                lambda page=page: get(page + "?year=2026&sector=private"),
            ),
            ("Excel export", lambda export=export: get(export)),
            ("figures per regency (map)", lambda: figures_by_regency(observer)),
        ):
            median, queries = measure(call, args.runs)
            print(
                f"| {size:,} | {in_province:,} | {aligned:,} | {label} | {median * 1000:.0f} | {queries} |"
            )


if __name__ == "__main__":
    main()
