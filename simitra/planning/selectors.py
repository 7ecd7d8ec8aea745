"""Gathering the plan's facts for the readiness check (pure) from the database."""

from collections import defaultdict

from django.db.models import Count

from simitra.partnerships.models import Partnership

from .models import Activity, ActivityStatus
from .readiness import ActivityFact, PartnerFact, Readiness, plan_readiness

CURRENT = [s for s in ActivityStatus.values if s != ActivityStatus.CANCELLED]


def plan_readiness_for(partnership: Partnership) -> Readiness:
    """The readiness of the plan as it stands, in a fixed number of queries."""
    activities = Activity.objects.filter(partnership=partnership).current()
    supporting = defaultdict(set)
    for activity_id, partner_id in Activity.supporting.through.objects.filter(
        activity__in=activities
    ).values_list("activity_id", "partner_id"):
        supporting[activity_id].add(partner_id)
    depends = defaultdict(list)
    for from_id, to_id in Activity.depends_on.through.objects.filter(
        from_activity__in=activities, to_activity__status__in=CURRENT
    ).values_list("from_activity_id", "to_activity_id"):
        depends[from_id].append(to_id)
    rows = activities.annotate(funding=Count("funded_by")).values_list(
        "pk",
        "title",
        "responsible_id",
        "start_date",
        "end_date",
        "deliverable",
        "budget",
        "funding",
    )
    facts = [
        ActivityFact(
            id=pk,
            title=title,
            responsible_id=responsible_id,
            supporting_ids=frozenset(supporting[pk]),
            start=start,
            end=end,
            deliverable=deliverable,
            budget=budget,
            funding_count=funding,
            depends_on=tuple(sorted(depends[pk])),
        )
        for pk, title, responsible_id, start, end, deliverable, budget, funding in rows
    ]
    partners = [
        PartnerFact(id=p.pk, name=p.organisation.name) for p in partnership.confirmed_partners()
    ]
    return plan_readiness(
        activities=facts, partners=partners, start=partnership.start_date, end=partnership.end_date
    )


def activities_led(partnership: Partnership) -> dict[int, int]:
    """Partner id → number of (non-cancelled) activities it is responsible for."""
    rows = (
        Activity.objects.filter(partnership=partnership, responsible__isnull=False)
        .current()
        .values("responsible_id")
        .annotate(n=Count("pk"))
    )
    return {row["responsible_id"]: row["n"] for row in rows}
