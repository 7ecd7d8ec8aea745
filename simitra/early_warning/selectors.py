"""Reads the data of the other cycle apps into the plain facts the early warning takes.

`warning_facts(partnerships)` serves any number of partnerships in a fixed number of queries
(every read filters by a subquery of the partnerships, never one query per partnership), so
recomputing the whole portfolio costs the same number of queries as recomputing one.
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    BooleanField,
    DecimalField,
    ExpressionWrapper,
    Max,
    Min,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone

from simitra.governance.models import Attendance, Decision, Meeting
from simitra.health.models import HealthCheckRound, HealthResponse
from simitra.health.selectors import latest_results
from simitra.lib.dates import local_date
from simitra.partnerships.models import Partner, Partnership, PartnerStatus
from simitra.planning.models import Activity, ActivityStatus
from simitra.resources.models import Delivery, Pledge
from simitra.results.models import Indicator, IndicatorValue, Period
from simitra.results.progress import IndicatorData, PeriodPoint
from simitra.risks.models import Risk

from . import warning

MONEY = DecimalField(max_digits=18, decimal_places=2)


def _latest(*days) -> dt.date | None:
    days = [d for d in days if d is not None]
    return max(days) if days else None


def active_partnerships(partnerships=None):
    """The partnerships early warning watches: the active ones (closed ones are skipped)."""
    queryset = Partnership.objects.all() if partnerships is None else partnerships
    return queryset.filter(status=Partnership.Status.ACTIVE)


def _health_fact(latest) -> warning.HealthFact:
    results = latest.results
    if not results.shown:
        return warning.HealthFact(round_title=latest.title, shown=False)
    built_in = [q for q in results.questions if q.built_in and q.mean is not None]
    lowest = min(built_in, key=lambda q: q.mean, default=None)
    measured = [q for q in results.questions if q.partners >= 2 and q.disagreement is not None]
    widest = max(measured, key=lambda q: q.disagreement, default=None)
    return warning.HealthFact(
        round_title=latest.title,
        shown=True,
        overall=results.overall_mean,
        previous=results.previous_overall_mean,
        lowest_label=str(lowest.label) if lowest else "",
        lowest_mean=lowest.mean if lowest else None,
        widest_label=str(widest.label) if widest else "",
        widest=widest.disagreement if widest else None,
    )


def warning_facts(partnerships=None, now: dt.datetime | None = None) -> dict[int, dict]:
    """partnership id → {"facts": PartnershipFacts, "code", "title"} for every active
    partnership of `partnerships` (a queryset; all by default). At most twenty queries,
    whatever the number of partnerships (fewer when a kind of data is absent altogether)."""
    now = now or timezone.now()
    watched = active_partnerships(partnerships)
    ids = watched.values("pk")
    rows = list(watched.values_list("pk", "code", "title", "phase", "currency", "start_date"))
    if not rows:
        return {}
    data = defaultdict(lambda: defaultdict(list))

    for partnership_id, title, end, status in Activity.objects.filter(
        partnership__in=ids
    ).values_list("partnership_id", "title", "end_date", "status"):
        if status != ActivityStatus.CANCELLED:
            data[partnership_id]["activities"].append(warning.ActivityFact(title, end, status))

    pledges = (
        Pledge.objects.active()
        .filter(partnership__in=ids)
        .annotate(
            delivered=Coalesce(Sum("deliveries__amount"), Value(Decimal(0)), output_field=MONEY)
        )
        .values_list(
            "partnership_id",
            Substr("description", 1, 120),
            "partner__organisation__acronym",
            "partner__organisation__name",
            "due_date",
            "status",
            "estimated_value",
            "exchange_rate",
            "delivered",
        )
    )
    for partnership_id, text, acronym, name, due, status, value, rate, delivered in pledges:
        data[partnership_id]["pledges"].append(
            warning.PledgeFact(
                description=text,
                partner=acronym or name,
                due=due,
                status=status,
                value=value * rate,
                delivered=delivered * rate,
            )
        )

    _indicators(ids, data)

    open_rounds = set(
        HealthCheckRound.objects.open()
        .filter(partnership__in=ids)
        .values_list("partnership_id", flat=True)
    )
    health = {pk: _health_fact(latest) for pk, latest in latest_results(ids).items()}

    risks = Risk.objects.filter(partnership__in=ids).values_list(
        "partnership_id",
        "title",
        "likelihood",
        "impact",
        ExpressionWrapper(~Q(mitigation=""), output_field=BooleanField()),
        "review_date",
        "status",
    )
    for partnership_id, title, likelihood, impact, mitigated, review, status in risks:
        data[partnership_id]["risks"].append(
            warning.RiskFact(
                title=title,
                score=likelihood * impact,
                mitigated=bool(mitigated),
                review=review,
                closed=status == Risk.Status.CLOSED,
            )
        )

    meetings = {
        row["partnership_id"]: row
        for row in Meeting.objects.filter(partnership__in=ids)
        .values("partnership_id")
        .annotate(
            last=Max("starts_at", filter=Q(starts_at__lte=now)),
            next=Min("starts_at", filter=Q(starts_at__gt=now)),
        )
    }

    for partnership_id, text, due, status in Decision.objects.filter(
        partnership__in=ids
    ).values_list("partnership_id", Substr("text", 1, 120), "due_date", "status"):
        data[partnership_id]["decisions"].append(
            warning.DecisionFact(text=text, due=due, open=status in Decision.OPEN_STATUSES)
        )

    _partners(ids, rows, data, now)

    facts = {}
    for pk, code, title, phase, currency, _start in rows:
        mine = data[pk]
        meeting = meetings.get(pk, {})
        facts[pk] = {
            "code": code,
            "title": title,
            "facts": warning.PartnershipFacts(
                phase=phase,
                currency=currency,
                activities=tuple(mine["activities"]),
                pledges=tuple(mine["pledges"]),
                indicators=tuple(mine["indicators"]),
                health=health.get(pk),
                health_round_open=pk in open_rounds,
                risks=tuple(mine["risks"]),
                last_meeting=local_date(meeting.get("last")),
                next_meeting=local_date(meeting.get("next")),
                decisions=tuple(mine["decisions"]),
                partners=tuple(mine["partners"]),
            ),
        }
    return facts


def _indicators(ids, data) -> None:
    """Indicators with their periods and approved totals (three queries)."""
    indicators = list(
        Indicator.objects.filter(partnership__in=ids).values_list(
            "pk",
            "partnership_id",
            "title",
            "measure",
            "direction",
            "baseline_value",
            "baseline_date",
        )
    )
    if not indicators:
        return
    approved = dict(
        IndicatorValue.objects.approved()
        .totals()
        .filter(period__indicator__partnership__in=ids)
        .values_list("period_id", "value")
    )
    periods = defaultdict(list)
    for pk, indicator_id, start, end, target in Period.objects.filter(
        indicator__partnership__in=ids
    ).values_list("pk", "indicator_id", "start", "end", "target"):
        periods[indicator_id].append(PeriodPoint(start, end, target, approved.get(pk)))
    for pk, partnership_id, title, measure, direction, baseline, baseline_date in indicators:
        data[partnership_id]["indicators"].append(
            warning.IndicatorFact(
                title=title,
                data=IndicatorData(
                    periods=periods[pk],
                    baseline=baseline,
                    baseline_date=baseline_date,
                    lower_is_better=direction == Indicator.Direction.LOWER,
                    qualitative=measure == Indicator.Measure.QUALITATIVE,
                ),
            )
        )


def _partners(ids, rows, data, now) -> None:
    """Confirmed partners and the last day each recorded something (five queries): a delivery
    (delivered or recorded), an indicator value submitted, a health-check answer, or attending
    a meeting that has taken place."""
    starts = {pk: start for pk, _c, _t, _p, _cur, start in rows}
    last: dict[int, list] = defaultdict(list)
    for partner_id, delivered, recorded in (
        Delivery.objects.filter(pledge__partnership__in=ids)
        .values("pledge__partner_id")
        .annotate(delivered=Max("delivered_on"), recorded=Max("created_at"))
        .values_list("pledge__partner_id", "delivered", "recorded")
    ):
        last[partner_id] += [delivered, local_date(recorded)]
    for partner_id, submitted in (
        IndicatorValue.objects.filter(
            period__indicator__partnership__in=ids, submitted_at__isnull=False
        )
        .values("period__indicator__responsible_partner_id")
        .annotate(last=Max("submitted_at"))
        .values_list("period__indicator__responsible_partner_id", "last")
    ):
        last[partner_id].append(local_date(submitted))
    for partner_id, answered in (
        HealthResponse.objects.filter(round__partnership__in=ids)
        .values("partner_id")
        .annotate(last=Max("updated_at"))
        .values_list("partner_id", "last")
    ):
        last[partner_id].append(local_date(answered))
    for partner_id, attended in (
        Attendance.objects.filter(
            meeting__partnership__in=ids,
            meeting__starts_at__lte=now,
            partner__isnull=False,
            status__in=[Attendance.Status.PRESENT, Attendance.Status.ONLINE],
        )
        .values("partner_id")
        .annotate(last=Max("meeting__starts_at"))
        .values_list("partner_id", "last")
    ):
        last[partner_id].append(local_date(attended))
    for pk, partnership_id, acronym, name, joined in Partner.objects.filter(
        partnership__in=ids, status=PartnerStatus.CONFIRMED
    ).values_list(
        "pk", "partnership_id", "organisation__acronym", "organisation__name", "joined_on"
    ):
        data[partnership_id]["partners"].append(
            warning.PartnerFact(
                name=acronym or name,
                since=joined or starts.get(partnership_id),
                last_active=_latest(*last.get(pk, [])),
            )
        )
