"""Benchmark: recomputing the early warning of a whole portfolio, and the portfolio dashboard.

    python bench/early_warning.py [--sizes 1000 10000]

Runs in a throwaway test database (SQLite in memory by default; the database named by
DATABASE_URL gets a `test_` twin that is dropped afterwards). For each size it grows the
portfolio with `manage.py seed_scale`, gives every partnership the data the signals read —
activities (a third of them overdue), contributions with deliveries, an indicator with
approved values, risks, meetings with attendance, decisions, and for one partnership in ten a
closed health-check round — then reports, for `recompute_warnings` over every partnership:

- the first run (every state and alert is new: written in batches),
- a second run with nothing changed (reads only, plus one update of the timestamps),

and the portfolio page and its CSV export for a platform admin. The numbers of queries of the
second run and of the portfolio must be the same at every size. Not a test: it measures.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simitra.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def give_data(partnership_ids: list[int], rng: random.Random) -> None:
    """The data every signal reads, for these partnerships, with bulk inserts."""
    from simitra.governance.models import Attendance, Decision, Meeting
    from simitra.health.models import (
        HealthAnswer,
        HealthCheckRound,
        HealthQuestion,
        HealthResponse,
    )
    from simitra.health.questionnaire import BUILT_IN_ORDER
    from simitra.partnerships.models import Partner
    from simitra.planning.models import Activity
    from simitra.resources.models import Delivery, Pledge
    from simitra.results.models import Indicator, IndicatorValue, Period, Result
    from simitra.risks.models import Risk, RiskCategory

    today = timezone.localdate()
    now = timezone.now()
    partners: dict[int, list[int]] = {}
    for pk, partnership_id in Partner.objects.filter(
        partnership_id__in=partnership_ids, status="confirmed"
    ).values_list("pk", "partnership_id"):
        partners.setdefault(partnership_id, []).append(pk)
    ids = [pk for pk in partnership_ids if pk in partners]

    def day(offset: int) -> dt.date:
        return today + dt.timedelta(days=offset)

    Activity.objects.bulk_create(
        [
            Activity(
                partnership_id=pk,
                title=f"Kegiatan {n}",
                responsible_id=partners[pk][n % len(partners[pk])],
                start_date=day(-300),
                end_date=day(rng.choice([-40, 60, 200]) if n == 0 else 90 * n),
                budget=Decimal(50_000_000),
                status="progress",
                progress=40,
            )
            for pk in ids
            for n in range(3)
        ],
        batch_size=2000,
    )
    pledges = Pledge.objects.bulk_create(
        [
            Pledge(
                partnership_id=pk,
                partner_id=partners[pk][n % len(partners[pk])],
                category="support",
                description="Dana kegiatan",
                estimated_value=Decimal(100_000_000),
                due_date=day(rng.choice([-60, 30, 120])),
                status="partly",
            )
            for pk in ids
            for n in range(2)
        ],
        batch_size=2000,
    )
    Delivery.objects.bulk_create(
        [
            Delivery(
                pledge=pledge, delivered_on=day(-rng.randint(10, 200)), amount=Decimal(40_000_000)
            )
            for pledge in pledges[::2]
        ],
        batch_size=2000,
    )
    results = Result.objects.bulk_create(
        [Result(partnership_id=pk, title="Hasil") for pk in ids], batch_size=2000
    )
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                partnership_id=result.partnership_id,
                result=result,
                type="output",
                title="Kader terlatih",
                baseline_value=Decimal(0),
                baseline_date=day(-365),
                responsible_partner_id=partners[result.partnership_id][0],
            )
            for result in results
        ],
        batch_size=2000,
    )
    periods = Period.objects.bulk_create(
        [
            Period(
                indicator=indicator,
                start=day(-365 + 90 * n),
                end=day(-276 + 90 * n),
                target=Decimal(25 * (n + 1)),
            )
            for indicator in indicators
            for n in range(4)
        ],
        batch_size=2000,
    )
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                period=period,
                value=Decimal(rng.choice([10, 25, 50])),
                status="approved",
                submitted_at=now - dt.timedelta(days=rng.randint(5, 300)),
            )
            for period in periods
            if period.start < day(-180)
        ],
        batch_size=2000,
    )
    RiskCategory.ensure_builtins()
    category = RiskCategory.objects.get(code="resources")
    Risk.objects.bulk_create(
        [
            Risk(
                partnership_id=pk,
                category=category,
                title="Dana terlambat",
                likelihood=rng.randint(1, 5),
                impact=rng.randint(2, 5),
                owner_id=partners[pk][0],
                mitigation=rng.choice(["", "Dana talangan"]),
                review_date=day(rng.choice([-20, 30])),
            )
            for pk in ids
            for _n in range(2)
        ],
        batch_size=2000,
    )
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                partnership_id=pk,
                title="Rapat komite",
                starts_at=now - dt.timedelta(days=rng.choice([30, 100, 150, 200])),
                place="Kantor",
            )
            for pk in ids
        ],
        batch_size=2000,
    )
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=meeting, person=f"Wakil {partner}", partner_id=partner)
            for meeting in meetings
            for partner in partners[meeting.partnership_id]
        ],
        batch_size=2000,
    )
    Decision.objects.bulk_create(
        [
            Decision(
                partnership_id=pk,
                text="Tindak lanjut rapat",
                owner_id=partners[pk][0],
                due_date=day(rng.choice([-30, 20])),
            )
            for pk in ids
            for _n in range(2)
        ],
        batch_size=2000,
    )
    rounds = HealthCheckRound.objects.bulk_create(
        [
            HealthCheckRound(
                partnership_id=pk, title="Cek kesehatan", closed_at=now - dt.timedelta(days=20)
            )
            for pk in ids[::10]
        ],
        batch_size=2000,
    )
    questions = HealthQuestion.objects.bulk_create(
        [
            HealthQuestion(round=health_round, dimension=dimension, order=n)
            for health_round in rounds
            for n, dimension in enumerate(BUILT_IN_ORDER)
        ],
        batch_size=2000,
    )
    by_round: dict[int, list] = {}
    for question in questions:
        by_round.setdefault(question.round_id, []).append(question)
    responses = HealthResponse.objects.bulk_create(
        [
            HealthResponse(round=health_round, partner_id=partner)
            for health_round in rounds
            for partner in partners[health_round.partnership_id]
        ],
        batch_size=2000,
    )
    HealthAnswer.objects.bulk_create(
        [
            HealthAnswer(response=response, question=question, score=rng.randint(2, 5))
            for response in responses
            for question in by_round[response.round_id]
        ],
        batch_size=2000,
    )


def measure(function, *args):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = function(*args)
        seconds = time.perf_counter() - started
    return seconds, len(queries.captured_queries), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()

    from django.contrib.auth import get_user_model

    from simitra.early_warning.alerting import recompute_warnings
    from simitra.partnerships.models import Partnership
    from simitra.reference.loading import load_all

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    rng = random.Random(7)
    try:
        load_all()
        admin = get_user_model().objects.create_user("bench-admin", is_superuser=True)
        client = Client()
        client.force_login(admin)
        print(f"database: {connection.vendor}")
        row = "{:>12}  {:<28} {:>9} {:>8}  {}"
        print(row.format("partnerships", "what", "seconds", "queries", "result"))
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
            new = sorted(set(Partnership.objects.values_list("pk", flat=True)) - before)
            give_data(new, rng)
            built = size
            print(f"{'':>12}  (built in {time.perf_counter() - started:.0f} s)")
            seconds, queries, summary = measure(recompute_warnings, None)
            print(
                row.format(
                    size, "recompute, first run", f"{seconds:.2f}", queries, summary.as_dict()
                )
            )
            seconds, queries, summary = measure(recompute_warnings, None)
            print(
                row.format(
                    size, "recompute, nothing changed", f"{seconds:.2f}", queries, summary.as_dict()
                )
            )
            for label, path in (
                ("portfolio page", "/portofolio/"),
                ("portfolio CSV", "/portofolio/unduh.csv"),
            ):
                seconds, queries, response = measure(client.get, path)
                assert response.status_code == 200, response.status_code
                print(
                    row.format(
                        size, label, f"{seconds:.2f}", queries, f"{len(response.content):,} bytes"
                    )
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
