"""Benchmark: the API lists of contributions and candidates, the way they were and the way they
are, side by side in one process and one database.

    python bench/api_lists.py [--sizes 1000 10000] [--runs 5]
    DATABASE_URL=postgres://… python bench/api_lists.py   # runs in its `test_` twin, dropped after

Issue 17 (item 6) found both lists growing ×5–10 from 1,000 to 10,000 partnerships: each row's
total (delivered amount, submitted assessments) was an aggregate over a join of every row, so the
database grouped and sorted all of them before cutting the page. They now take each total as a
subquery of the rows of the page, and a reader who sees every partnership gets no partnership
filter at all. To compare on a shared machine, each round asks the same page with the old
querysets put back (`old`) and with today's (`new`), alternately; medians of `--runs` rounds.
On PostgreSQL it prints the plan of today's contributions page at the largest size.
Not a test: it measures.
"""

import argparse
import os
import random
import statistics

from django.conf import settings
from django.core.management import call_command
from django.db import connection, models
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import setup_test_environment
from early_warning import give_data, measure  # django is set up there


def old_querysets():
    """The querysets as they were before item 6 (grouped aggregates, a filter always)."""
    from simitra.partnerships.models import Partner
    from simitra.resources.models import Pledge, _delivered_expression

    candidates = Partner.objects.select_related(
        "partnership", "organisation", "candidacy"
    ).annotate(
        submitted_assessments=Count(
            "assessments", filter=Q(assessments__submitted_at__isnull=False)
        )
    )
    pledges = (
        Pledge.objects.all()
        .annotate(delivered_amount=_delivered_expression())
        .select_related("partnership", "partner__organisation")
    )

    def get_queryset(self):
        queryset = super(PartnershipScopedMixin, self).get_queryset()
        visible = self.visible_partnerships().values("pk")
        return queryset.filter(models.Q(**{f"{self.partnership_path}__in": visible}))

    from simitra.api.viewsets import PartnershipScopedMixin

    return candidates, pledges, get_queryset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from django.contrib.auth import get_user_model

    from simitra.api.cycle.resources import PledgeViewSet
    from simitra.api.cycle.scoping import CandidateViewSet
    from simitra.api.viewsets import PartnershipScopedMixin
    from simitra.partnerships.models import ObserverGrant, Partnership
    from simitra.reference.loading import load_all

    setup_test_environment()
    settings.SIMITRA_MFA_REQUIRED_FOR_ADMINS = False
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    rates = {"anon": "1000000/hour", "user": "1000000/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    new = (CandidateViewSet.queryset, PledgeViewSet.queryset, PartnershipScopedMixin.get_queryset)
    old = old_querysets()

    def use(querysets):
        CandidateViewSet.queryset, PledgeViewSet.queryset, get_queryset = querysets
        PartnershipScopedMixin.get_queryset = get_queryset

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    rng = random.Random(7)
    results: dict[tuple[str, str], dict[int, float]] = {}
    try:
        load_all()
        users = get_user_model().objects
        admin = users.create_user("bench-admin", is_superuser=True)
        observer = users.create_user("bench-observer")
        ObserverGrant.objects.create(user=observer, granted_by=admin)
        clients = {}
        for name, user in (("admin", admin), ("whole-portfolio observer", observer)):
            clients[name] = Client()
            clients[name].force_login(user)
        built = 0
        for size in sorted(args.sizes):
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
            for path in ("/api/v1/contributions/", "/api/v1/candidates/"):
                for who, client in clients.items():
                    figures = {"old": [], "new": []}
                    for _ in range(args.runs + 1):  # the first round warms up
                        for label, querysets in (("old", old), ("new", new)):
                            use(querysets)
                            seconds, queries, response = measure(client.get, path)
                            assert response.status_code == 200, response.status_code
                            figures[label].append(seconds)
                    use(new)
                    for label in ("old", "new"):
                        median = statistics.median(figures[label][1:])
                        results.setdefault((f"{path} as {who}", label), {})[size] = median
                        print(f"{size:>6,} {path} {who:<25} {label}: {median * 1000:7.1f} ms")
        if connection.vendor == "postgresql":
            from simitra.resources.models import Pledge

            page = (
                Pledge.objects.with_delivered()
                .select_related("partnership", "partner__organisation")
                .order_by("partnership__code", "partner__organisation__name", "category")[:50]
            )
            print("\nEXPLAIN ANALYZE, today's contributions page (admin):")
            print(page.explain(analyze=True))
            candidates = CandidateViewSet.queryset.order_by(
                "partnership__code", "status", "organisation__name"
            )[:50]
            print("\nEXPLAIN ANALYZE, today's candidates page (admin):")
            print(candidates.explain(analyze=True))
    finally:
        use(new)
        connection.creation.destroy_test_db(old_name, verbosity=0)

    small, large = min(args.sizes), max(args.sizes)
    print(f"\n{connection.vendor}, medians of {args.runs} alternate rounds\n")
    print(f"| list | queryset | {small:,} ms | {large:,} ms | growth |")
    print("|---|---|---:|---:|---:|")
    for (label, which), by_size in results.items():
        print(
            f"| {label} | {which} | {by_size[small] * 1000:.0f} | {by_size[large] * 1000:.0f} "
            f"| ×{by_size[large] / by_size[small]:.1f} |"
        )


if __name__ == "__main__":
    main()
