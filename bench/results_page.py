"""Benchmark: the results page of a partnership with 200 indicators × 24 monthly periods.

    DEBUG=1 python bench/results_page.py [--indicators 200] [--periods 24] [--runs 5]

Builds the data in a throw-away SQLite database (or the one DATABASE_URL names — use an empty
one), then loads the page as a partner would, full page and htmx panel, and prints the time
and the number of SQL queries of each load.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simitra.settings")
os.environ.setdefault("DEBUG", "1")
if "DATABASE_URL" not in os.environ:
    os.environ["SIMITRA_DATA_DIR"] = tempfile.mkdtemp(prefix="simitra-bench-")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]


def build(indicators: int, periods: int):
    from simitra.partnerships.testing import build_world
    from simitra.results.models import Indicator, IndicatorValue, Period, Result
    from simitra.results.services import add_months

    world = build_world()
    results = [
        Result.objects.create(partnership=world.partnership, title=f"Hasil {n + 1}", order=n)
        for n in range(10)
    ]
    first = dt.date(2025, 1, 1)
    created = Indicator.objects.bulk_create(
        Indicator(
            partnership=world.partnership,
            result=results[n % len(results)],
            type=Indicator.Type.OUTPUT,
            title=f"Indikator {n + 1}",
            measure=Indicator.Measure.NUMBER,
            frequency=Indicator.Frequency.MONTHLY,
            baseline_value=Decimal(0),
            baseline_date=first - dt.timedelta(days=1),
            responsible_partner=world.partner_a,
            order=n,
        )
        for n in range(indicators)
    )
    rows = []
    for indicator in created:
        for m in range(periods):
            start = add_months(first, m)
            rows.append(
                Period(
                    indicator=indicator,
                    start=start,
                    end=add_months(first, m + 1) - dt.timedelta(days=1),
                    target=Decimal(10 * (m + 1)),
                )
            )
    Period.objects.bulk_create(rows, batch_size=2000)
    values = []
    for n, period in enumerate(Period.objects.order_by("indicator_id", "start").iterator()):
        if n % periods < periods * 2 // 3:  # two thirds of the periods reported
            values.append(
                IndicatorValue(
                    period=period,
                    value=period.target - (n % 7),
                    status=IndicatorValue.Status.APPROVED
                    if n % 5
                    else IndicatorValue.Status.SUBMITTED,
                )
            )
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    return world, len(rows), len(values)


def measure(client, url, runs, **headers):
    times, queries = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            response = client.get(url, **headers)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        queries.append(len(context.captured_queries))
    return statistics.median(times), max(times), queries[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("--periods", type=int, default=24)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    world, periods, values = build(args.indicators, args.periods)
    print(
        f"data: {args.indicators} indicators, {periods} periods, {values} values "
        f"(built in {time.perf_counter() - started:.1f} s, {connection.vendor})"
    )
    client = Client()
    client.force_login(world.partner_user)
    url = reverse("results:page", args=[world.partnership.code])
    for label, headers in (("full page", {}), ("htmx panel", {"HTTP_HX_REQUEST": "true"})):
        median, worst, queries = measure(client, url, args.runs, **headers)
        print(
            f"{label:>10}: median {median * 1000:.0f} ms, worst {worst * 1000:.0f} ms, {queries} queries"
        )
    for page in (2, 4):
        median, worst, queries = measure(client, f"{url}?page={page}", args.runs)
        print(
            f"    page {page}: median {median * 1000:.0f} ms, worst {worst * 1000:.0f} ms, {queries} queries"
        )


if __name__ == "__main__":
    main()
