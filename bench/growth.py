"""Benchmark: how pages, API lists and the early-warning recompute grow with the portfolio.

    python bench/growth.py [--sizes 1000 10000] [--runs 3]
    DATABASE_URL=postgres://… python bench/growth.py   # runs in its `test_` twin, dropped after

Runs in a throwaway test database (SQLite in memory by default). For each size it grows the
portfolio with `manage.py seed_scale` and gives every partnership the data the signals read
(`early_warning.give_data`), then times — medians of `--runs` after one warm-up call, as the
platform admin, who sees every partnership — the partnership list (first and last page), the
portfolio page, the API's partnership list (first and last page), its contributions and its
candidates, and the first full early-warning recompute. It prints each figure with its number of
queries, and the growth from the smallest to the largest size (×). Not a test: it measures.
"""

import argparse
import math
import os
import random
import statistics
import time

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment
from early_warning import give_data, measure  # django is set up there


def timed(client: Client, path: str, runs: int) -> tuple[float, int, object]:
    client.get(path)  # warm-up
    figures = []
    for _ in range(runs):
        seconds, queries, response = measure(client.get, path)
        assert response.status_code == 200, (path, response.status_code)
        figures.append((seconds, queries))
    return statistics.median(s for s, _ in figures), figures[-1][1], response


def last_page(client: Client, path: str) -> str:
    response = client.get(path)
    if path.startswith("/api/"):
        pages = max(1, math.ceil(response.json()["count"] / settings.REST_FRAMEWORK["PAGE_SIZE"]))
    else:
        pages = response.context["page"].paginator.num_pages
    return f"{path}{'&' if '?' in path else '?'}page={pages}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from django.contrib.auth import get_user_model

    from simitra.early_warning.alerting import recompute_warnings
    from simitra.early_warning.models import Alert, PartnershipWarning
    from simitra.partnerships.models import ObserverGrant, Partnership
    from simitra.reference.loading import load_all

    setup_test_environment()
    # The bench admin signs in without a second factor (the pages are measured, not the log-in).
    settings.SIMITRA_MFA_REQUIRED_FOR_ADMINS = False
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    rates = {"anon": "1000000/hour", "user": "1000000/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    rng = random.Random(7)
    results: dict[str, dict[int, tuple[float, int]]] = {}
    try:
        load_all()
        admin = get_user_model().objects.create_user("bench-admin", is_superuser=True)
        client = Client()
        client.force_login(admin)
        # An observer of the whole portfolio (a grant naming no partnership nor region).
        observer = get_user_model().objects.create_user("bench-observer")
        ObserverGrant.objects.create(user=observer, granted_by=admin)
        observer_client = Client()
        observer_client.force_login(observer)
        built = 0
        for size in sorted(args.sizes):
            started = time.perf_counter()
            before = set(Partnership.objects.values_list("pk", flat=True))
            call_command(
                "seed_scale",
                partnerships=size - built,
                organisations=max(200, (size - built) // 5),
                seed=size,
                stdout=open(os.devnull, "w"),  # noqa: SIM115
            )
            give_data(sorted(set(Partnership.objects.values_list("pk", flat=True)) - before), rng)
            built = size
            print(f"{size:,} partnerships built in {time.perf_counter() - started:.0f} s")
            # The first full recompute at this size: no stored state or alert yet.
            Alert.objects.all().delete()
            PartnershipWarning.objects.all().delete()
            seconds, queries, _ = measure(recompute_warnings, None)
            results.setdefault("early-warning recompute, first full run", {})[size] = (
                seconds,
                queries,
            )
            pages = {
                "partnership list, first page": "/kemitraan/",
                "partnership list, last page": last_page(client, "/kemitraan/"),
                "portfolio page": "/portofolio/",
                "API partnerships, first page": "/api/v1/partnerships/",
                "API partnerships, last page": last_page(client, "/api/v1/partnerships/"),
                "API contributions, first page": "/api/v1/contributions/",
                "API candidates, first page": "/api/v1/candidates/",
            }
            as_observer = {
                "API candidates, first page, whole-portfolio observer": "/api/v1/candidates/",
                "API contributions, first page, whole-portfolio observer": (
                    "/api/v1/contributions/"
                ),
            }
            for label, path in [*pages.items(), *as_observer.items()]:
                who = observer_client if label in as_observer else client
                seconds, queries, _ = timed(who, path, args.runs)
                results.setdefault(label, {})[size] = (seconds, queries)
                print(f"  {label:<40} {seconds * 1000:8.0f} ms {queries:4d} queries")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    small, large = min(args.sizes), max(args.sizes)
    print(f"\n{connection.vendor}, medians of {args.runs}\n")
    print(f"| what | {small:,} ms (queries) | {large:,} ms (queries) | growth |")
    print("|---|---:|---:|---:|")
    for label, by_size in results.items():
        (s1, q1), (s2, q2) = by_size[small], by_size[large]
        print(f"| {label} | {s1 * 1000:.0f} ({q1}) | {s2 * 1000:.0f} ({q2}) | ×{s2 / s1:.1f} |")


if __name__ == "__main__":
    main()
