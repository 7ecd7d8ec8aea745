"""Benchmark: what a write costs when the early warning follows it, and what a view costs.

    python bench/warning_on_write.py [--partnerships 1000] [--runs 20]
    DATABASE_URL=postgres://… python bench/warning_on_write.py   # in its `test_` twin

Runs in a throwaway test database (SQLite in memory by default) with a `seed_scale` portfolio and
the data the signals read (`early_warning.give_data`). On one partnership, as the platform admin
through the API, medians of `--runs`:

- the write alone: PATCH of an activity's progress (an input of the overdue-activities signal);
- the same write followed by the partnership's recompute inline (`recompute_warnings`), what a
  recompute in the request would cost;
- the same write followed by enqueueing a recompute in the database task queue (django-tasks),
  what the request pays when the recompute goes through the queue; the worker then pays the
  inline recompute's difference, outside the request;
- the warning panel of the partnership's overview, which today recomputes (and writes) on every
  view.

The task enqueued is the early warning's per-partnership task when the app has one
(`PER_PARTNERSHIP_TASKS` below), else the nightly `recompute_all_warnings` — enqueueing costs one
insert whatever the task. Not a test: it measures.
"""

import argparse
import os
import random
import statistics

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment
from early_warning import give_data, measure  # django is set up there

PER_PARTNERSHIP_TASKS = ("recompute_partnership_warning", "recompute_warning", "recompute")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partnerships", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from django.contrib.auth import get_user_model

    from simitra.early_warning import tasks
    from simitra.early_warning.alerting import recompute_warnings
    from simitra.partnerships.models import Partnership
    from simitra.planning.models import Activity
    from simitra.reference.loading import load_all

    setup_test_environment()
    # The bench admin signs in without a second factor (the pages are measured, not the log-in).
    settings.SIMITRA_MFA_REQUIRED_FOR_ADMINS = False
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    rates = {"anon": "1000000/hour", "user": "1000000/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        load_all()
        call_command(
            "seed_scale",
            partnerships=args.partnerships,
            organisations=max(200, args.partnerships // 5),
            stdout=open(os.devnull, "w"),  # noqa: SIM115
        )
        give_data(list(Partnership.objects.values_list("pk", flat=True)), random.Random(7))
        recompute_warnings(None, notify=False)
        admin = get_user_model().objects.create_user("bench-admin", is_superuser=True)
        client = Client()
        client.force_login(admin)
        activity = Activity.objects.select_related("partnership").order_by("pk").first()
        partnership = activity.partnership
        url = f"/api/v1/activities/{activity.pk}/"
        panel = f"/kemitraan/{partnership.code}/peringatan/"
        per_partnership = next(
            (getattr(tasks, name) for name in PER_PARTNERSHIP_TASKS if hasattr(tasks, name)), None
        )

        def write(progress: int):
            response = client.patch(url, {"progress": progress}, content_type="application/json")
            assert response.status_code == 200, response.content
            return response

        def write_and_recompute(progress: int):
            write(progress)
            recompute_warnings(Partnership.objects.filter(pk=partnership.pk), notify=False)

        def write_and_enqueue(progress: int):
            write(progress)
            if per_partnership is not None:
                per_partnership.enqueue(partnership.pk)
            else:
                tasks.recompute_all_warnings.enqueue()

        def view(_progress: int):
            response = client.get(panel)
            assert response.status_code == 200, response.status_code
            return response

        rows = {}
        for label, function in (
            ("the write alone (API PATCH of an activity)", write),
            ("the write + the recompute inline", write_and_recompute),
            ("the write + a recompute enqueued", write_and_enqueue),
            ("the warning panel (a view)", view),
        ):
            function(10)  # warm-up
            figures = [measure(function, 10 + n % 80)[:2] for n in range(args.runs)]
            rows[label] = (
                statistics.median(s for s, _ in figures),
                statistics.median(q for _, q in figures),
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    task_name = per_partnership.name if per_partnership else "recompute_all_warnings (insert only)"
    print(f"\n{connection.vendor}, {args.partnerships:,} partnerships, medians of {args.runs}")
    print(f"task enqueued: {task_name}\n")
    print("| what | ms | queries |")
    print("|---|---:|---:|")
    for label, (seconds, queries) in rows.items():
        print(f"| {label} | {seconds * 1000:.1f} | {queries:.0f} |")


if __name__ == "__main__":
    main()
