"""A portfolio report over 100 and 1,000 partnerships: time, SQL queries, peak memory.

    .venv/bin/python bench/portfolio_report.py [--partnerships 1000] [--small 100] [--runs 3]

Seeds a scratch database with `manage.py seed_scale`, then gives every partnership what the
report reads: three indicators with national SDG indicator codes (`3.2.1` cumulative, `1.1.1`
incremental, `2.2.1` a percentage) and four quarters of approved values each, and a pledge
with a delivery. The report (`reports.portfolio.portfolio_content`, the page's data) is then
built for the first `--small` partnerships and for all of them, as a platform admin would read
them, and laid out as PDF, DOCX and Excel once each. Times are the median of `--runs`; the
Python heap peak (tracemalloc) is measured in a separate run because tracing slows Python down.
"""

import argparse
import datetime as dt
import random
import statistics
import time
import tracemalloc
from decimal import Decimal

from _setup import django_with_scratch_database

CODES = (("3.2.1", "number", "cumulative"), ("1.1.1", "number", "incremental"))
CODES += (("2.2.1", "percentage", "cumulative"),)


def seed_results(partnerships):
    from simitra.partnerships.models import Partner
    from simitra.resources.models import Delivery, Pledge
    from simitra.results.models import Indicator, IndicatorValue, Period, Result

    rng = random.Random(7)
    first_partner = {}
    for partner in Partner.objects.order_by("pk"):
        first_partner.setdefault(partner.partnership_id, partner)
    results = Result.objects.bulk_create(
        [Result(partnership_id=p, title="Hasil") for p in partnerships], batch_size=1000
    )
    indicators = []
    for result in results:
        for code, measure, accumulation in CODES:
            indicators.append(
                Indicator(
                    partnership_id=result.partnership_id,
                    result=result,
                    type="output",
                    title=f"Indikator {code}",
                    unit="%" if measure == "percentage" else "orang",
                    measure=measure,
                    accumulation=accumulation,
                    code=code,
                    responsible_partner=first_partner[result.partnership_id],
                )
            )
    indicators = Indicator.objects.bulk_create(indicators, batch_size=1000)
    periods = []
    for indicator in indicators:
        for quarter in range(4):
            start = dt.date(2025, 3 * quarter + 1, 1)
            end = (dt.date(2025, 3 * quarter + 4, 1) if quarter < 3 else dt.date(2026, 1, 1)) - (
                dt.timedelta(days=1)
            )
            periods.append(Period(indicator=indicator, start=start, end=end, target=100))
    periods = Period.objects.bulk_create(periods, batch_size=2000)
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(period=period, value=Decimal(rng.randint(1, 99)), status="approved")
            for period in periods
        ],
        batch_size=2000,
    )
    pledges = Pledge.objects.bulk_create(
        [
            Pledge(
                partnership_id=p,
                partner=first_partner[p],
                category="support",
                description="Kontribusi",
                valuation_method="cash",
                estimated_value=Decimal(rng.randint(1, 50) * 1_000_000),
            )
            for p in partnerships
        ],
        batch_size=1000,
    )
    Delivery.objects.bulk_create(
        [
            Delivery(
                pledge=pledge, delivered_on=dt.date(2025, 6, 1), amount=pledge.estimated_value / 2
            )
            for pledge in pledges
        ],
        batch_size=1000,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--partnerships", type=int, default=1000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    django_with_scratch_database()

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from simitra.partnerships.models import Partnership
    from simitra.reports import documents
    from simitra.reports.portfolio import portfolio_content

    started = time.perf_counter()
    call_command(
        "seed_scale",
        partnerships=options.partnerships,
        organisations=options.organisations,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    ids = list(Partnership.objects.order_by("pk").values_list("pk", flat=True))
    seed_results(ids)
    print(f"seeded {len(ids)} partnerships in {time.perf_counter() - started:.1f} s")

    def build(queryset):
        return portfolio_content(
            queryset,
            language="id",
            start=dt.date(2025, 1, 1),
            end=dt.date(2025, 12, 31),
            filters="—",
            today=dt.date(2026, 1, 15),
        )

    sizes = {
        options.small: Partnership.objects.filter(pk__in=ids[: options.small]),
        len(ids): Partnership.objects.all(),
    }
    build(sizes[options.small])  # warm caches (content types, translations)
    print("| partnerships | content median s | queries | heap peak MB | PDF s | DOCX s | Excel s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size, queryset in sizes.items():
        times = []
        for _ in range(options.runs):
            begin = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                content = build(queryset)
            times.append(time.perf_counter() - begin)
        assert content["count"] == size, content["count"]
        tracemalloc.start()
        build(queryset)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        layouts = []
        for render in (documents.render_pdf, documents.render_docx, documents.render_xlsx):
            begin = time.perf_counter()
            render(content)
            layouts.append(time.perf_counter() - begin)
        print(
            f"| {size:,} | {statistics.median(times):.3f} | {len(queries.captured_queries)} | "
            f"{peak / 1e6:.1f} | {layouts[0]:.2f} | {layouts[1]:.2f} | {layouts[2]:.2f} |"
        )


if __name__ == "__main__":
    main()
