"""Benchmark: the portfolio map's figures (`portfolio:map_data`) and the public portal's
(`knowledge:portal_map_data`) at 1,000 and 10,000 partnerships.

    .venv/bin/python bench/map_data.py [--sizes 1000 10000] [--runs 5]

Seeds a scratch database (see `_setup.py`) with `manage.py seed_scale`, grown to each size,
and asks both endpoints as a whole-portfolio observer: the median time of the requests after the first,
and the SQL queries, which stay the same at every size. Not a test: it measures.
"""

import argparse
import statistics
import time

from _setup import django_with_scratch_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    django_with_scratch_database()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from simitra.partnerships.models import ObserverGrant, Partnership
    from simitra.partnerships.testing import make_user

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    call_command("load_reference", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client = Client()
    # A whole-portfolio observer (a platform admin would first be asked to set up two-factor
    # log-in): reads every partnership, as an admin does.
    observer = make_user("bench-observer")
    ObserverGrant.objects.create(user=observer)
    client.force_login(observer)
    print("| endpoint | partnerships | first s | median s | queries |")
    print("|---|---:|---:|---:|---:|")
    for size in options.sizes:
        missing = size - Partnership.objects.count()
        if missing > 0:
            call_command(
                "seed_scale",
                partnerships=missing,
                organisations=max(100, missing // 5),
                seed=size,
                stdout=open("/dev/null", "w"),  # noqa: SIM115
            )
        for name in ("portfolio:map_data", "knowledge:portal_map_data"):
            url = reverse(name)
            times, queries = [], 0
            for _ in range(options.runs + 1):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url, secure=True)
                    assert response.status_code == 200, (
                        response.status_code,
                        response.get("Location"),
                    )
                    times.append(time.perf_counter() - started)
                queries = len(captured.captured_queries)
            print(
                f"| {name} | {Partnership.objects.count():,} | {times[0]:.3f} | "
                f"{statistics.median(times[1:]):.3f} | {queries} |"
            )


if __name__ == "__main__":
    main()
