"""A partnership in Managing with data behind every early-warning signal (for the gatherer,
alerts, pages and the portfolio). Dates count back from `TODAY`; freeze time there."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from simitra.early_warning import warning
from simitra.early_warning.models import Alert
from simitra.governance.models import Attendance, Decision, Meeting
from simitra.health import services
from simitra.organisations.models import Sector
from simitra.partnerships.models import Phase
from simitra.partnerships.testing import (
    make_member,
    make_organisation,
    make_partner,
    make_partnership,
    make_user,
)
from simitra.planning.testing import make_activity
from simitra.resources.testing import make_delivery, make_pledge
from simitra.results.models import IndicatorValue
from simitra.results.testing import make_indicator, make_value
from simitra.risks.models import Risk, RiskCategory

TODAY = dt.date(2026, 6, 30)
NOW = timezone.make_aware(dt.datetime(2026, 6, 30, 10, 0))


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def busy_partnership(coordinator, *, code=None, phase=Phase.MANAGING, region=None, sdg=None):
    """Two confirmed partners, A (a company) and B (a government office), and:
    one activity 30 days overdue; one pledge of A 30 days past due, half delivered; one
    indicator of A behind its path; one high risk without mitigation and past its review; a
    meeting 200 days ago that only A attended; one decision 20 days overdue; a closed health
    round where A gave 4 and B gave 2 (overall 3.0, disagreement 2.0). B's last record is its
    answer, 150 days ago; A delivered 40 days ago."""
    fields = {"code": code} if code else {}
    partnership = make_partnership(
        coordinators=[coordinator], phase=phase, start_date=dt.date(2025, 1, 1), **fields
    )
    if region:
        partnership.regions.add(region)
    if sdg:
        partnership.sdg_targets.add(sdg)
    org_a = make_organisation(sector=Sector.PRIVATE, acronym="PTA")
    org_b = make_organisation(sector=Sector.GOVERNMENT, acronym="DIN")
    a = make_partner(partnership, org_a, joined_on=dt.date(2025, 1, 1))
    b = make_partner(partnership, org_b, joined_on=dt.date(2025, 1, 1))
    person_a, person_b = make_user(), make_user()
    make_member(person_a, org_a)
    make_member(person_b, org_b)

    make_activity(partnership, title="Pelatihan kader", responsible=a, end_date=ago(30))
    make_activity(
        partnership, title="Survei akhir", responsible=b, start_date=ago(100), end_date=ago(-60)
    )

    pledge = make_pledge(a, value=1_000_000, description="Dana CSR", due_date=ago(30))
    delivery = make_delivery(pledge, amount=500_000, day=ago(40))
    type(delivery).objects.filter(pk=delivery.pk).update(created_at=NOW - dt.timedelta(days=40))

    indicator = make_indicator(partnership, a, periods=2, targets=[Decimal(50), Decimal(100)])
    first = indicator.periods.order_by("start").first()
    make_value(
        first,
        value="10",
        status=IndicatorValue.Status.APPROVED,
        submitted_at=NOW - dt.timedelta(days=300),
    )

    RiskCategory.ensure_builtins()
    Risk.objects.create(
        partnership=partnership,
        category=RiskCategory.objects.get(code="resources"),
        title="Dana terlambat",
        likelihood=4,
        impact=4,
        owner=b,
        mitigation="",
        review_date=ago(20),
    )

    meeting = Meeting.objects.create(
        partnership=partnership,
        title="Rapat komite",
        starts_at=NOW - dt.timedelta(days=200),
        place="Kantor Bappeda",
    )
    Attendance.objects.create(meeting=meeting, person="Andi", partner=a)
    Attendance.objects.create(
        meeting=meeting, person="Budi", partner=b, status=Attendance.Status.ABSENT
    )
    Decision.objects.create(
        partnership=partnership,
        meeting=meeting,
        text="Percepat pencairan dana",
        owner=b,
        due_date=ago(20),
    )

    health_round = services.open_round(
        partnership=partnership, opened_by=coordinator, title="Putaran 1"
    )
    for person, partner, score in ((person_a, a, 4), (person_b, b, 2)):
        services.submit_answers(
            health_round=health_round,
            partner=partner,
            respondent=person,
            answers={q.pk: (score, "") for q in health_round.questions.all()},
        )
    health_round.responses.filter(partner=b).update(updated_at=NOW - dt.timedelta(days=150))
    health_round.responses.filter(partner=a).update(updated_at=NOW - dt.timedelta(days=150))
    services.close_round(health_round=health_round, closed_by=coordinator)
    partnership.partner_a, partnership.partner_b = a, b
    partnership.person_a, partnership.person_b = person_a, person_b
    return partnership


def make_alert(partnership, signal=warning.DECISIONS_OVERDUE, severity="amber", **fields):
    """An alert of a count signal (overdue activities, contributions, decisions) as the
    recompute raises it."""
    details = warning.Signal(
        code=signal,
        state=severity,
        value=1,
        amber=1,
        red=3,
        params={"items": [["Lapor dana", 9]], "more": 0, "grace": 7, "outstanding": "5.00"},
    ).as_dict()
    fields.setdefault("raised_at", NOW)
    return Alert.objects.create(
        partnership=partnership, signal=signal, severity=severity, details=details, **fields
    )
