"""The demo health checks, evaluation and early warning tell the story the demo needs, and
loading twice changes nothing."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from simitra.agreements.models import Agreement
from simitra.lib.demo_time import shifted
from simitra.partnerships import gates
from simitra.partnerships.models import Partnership, Phase
from simitra.planning.models import PlanVersion
from simitra.resources.models import Pledge
from simitra.reviews import health, warning
from simitra.reviews.models import (
    Alert,
    Evaluation,
    HealthCheckRound,
    HealthResponse,
    PartnershipWarning,
    RevisionAction,
)
from simitra.reviews.results import results_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, demo_day):
    """The demo loaded and read on each of the test days (see the `demo_day` fixture): its
    fixed dates move with the load day, so the story is the same on all of them."""
    call_command("load_demo", stdout=io.StringIO())


def test_the_sustaining_partnership_has_two_completed_rounds(demo):
    sulsel = Partnership.objects.get(code="SULSEL-UMKM-2023")
    rounds = list(sulsel.health_rounds.order_by("opened_at"))
    assert [r.completed for r in rounds] == [True, True]
    assert [r.due_date for r in rounds] == [
        shifted(dt.date(2024, 6, 21)),
        shifted(dt.date(2025, 6, 20)),
    ]
    assert all(r.closed_at < timezone.now() for r in rounds)
    assert [r.anonymous for r in rounds] == [False, True]
    latest = results_for(rounds[1])
    assert latest.shown
    shared_risk = next(q for q in latest.questions if q.key == "shared_risk")
    assert shared_risk.trend == -0.75
    assert health.FALLING in {flag.kind for flag in shared_risk.flags}
    check = next(
        c
        for c in gates.run_gate(sulsel, Phase.REVIEWING).checks
        if c.code == "health_check_completed"
    )
    assert check.passed


def test_the_managing_partnership_has_an_open_round_with_a_divergent_dimension(demo):
    ntt = Partnership.objects.get(code="NTT-STUNTING-2025")
    health_round = ntt.health_rounds.get()
    assert health_round.is_open and not health_round.anonymous
    assert health_round.due_date == shifted(dt.date(2026, 12, 21))
    assert health_round.opened_at.date() == shifted(dt.date(2026, 11, 9))
    assert all(r.submitted_at < timezone.now() for r in health_round.responses.all())
    assert health_round.due_date >= timezone.localdate()  # still open for answers
    results = results_for(health_round)
    assert [q.key for q in results.flagged(health.DIVERGENT)] == ["balanced_contribution"]
    assert not health_round.responses.filter(partner__organisation__slug="nusa-pangan").exists()


def test_loading_again_adds_nothing(demo):
    counts = (HealthCheckRound.objects.count(), HealthResponse.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (HealthCheckRound.objects.count(), HealthResponse.objects.count()) == counts


def test_the_managing_partnership_is_amber_for_its_stated_reasons(demo):
    state = PartnershipWarning.objects.get(partnership__code="NTT-STUNTING-2025")
    assert state.level == warning.AMBER
    raised = {signal.code: signal for signal in state.raised()}
    assert set(raised) == {
        warning.INDICATORS_BEHIND,
        warning.PLEDGES_PAST_DUE,
        warning.RISKS_UNREVIEWED,
        warning.DECISIONS_OVERDUE,
    }
    assert all(signal.state == warning.AMBER for signal in raised.values())
    assert raised[warning.PLEDGES_PAST_DUE].value == 2
    past_due = Pledge.objects.past_due(timezone.localdate()).filter(
        partnership__code="NTT-STUNTING-2025"
    )
    assert sorted(past_due.values_list("partner__organisation__slug", "due_date")) == [
        ("dkpa", shifted(dt.date(2026, 6, 30))),
        ("nusa-pangan", shifted(dt.date(2026, 6, 30))),
    ]
    assert raised[warning.INDICATORS_BEHIND].params["items"] == [
        ["Kelas ibu balita terselenggara", None]
    ]
    open_alerts = Alert.objects.open().filter(partnership__code="NTT-STUNTING-2025")
    assert set(open_alerts.values_list("signal", flat=True)) == set(raised)
    assert not open_alerts.exclude(notified_severity="").exists()  # the nightly run e-mails them


def test_the_other_demo_partnerships_have_their_warning_too(demo):
    levels = dict(PartnershipWarning.objects.values_list("partnership__code", "level"))
    assert levels["NTB-AIRBERSIH-2026"] == warning.UNKNOWN  # Scoping: nothing watched yet
    assert levels["SULSEL-UMKM-2023"] == warning.GREEN


def test_the_sustaining_partnership_has_a_completed_evaluation_with_revision_actions(demo):
    sulsel = Partnership.objects.get(code="SULSEL-UMKM-2023")
    evaluation = Evaluation.objects.get(partnership=sulsel)
    assert evaluation.is_completed and evaluation.facts["activities"]["done"] == 3
    assert evaluation.evaluated_on == shifted(dt.date(2025, 12, 15))
    assert evaluation.plan_version.number == 1
    actions = list(evaluation.actions.order_by("due_date"))
    assert [a.status for a in actions] == ["done", "in_progress", "open"]
    assert [a.due_date for a in actions] == [
        shifted(dt.date(2026, 3, 31)),
        shifted(dt.date(2026, 6, 30)),
        shifted(dt.date(2027, 1, 31)),
    ]
    assert [a.is_overdue() for a in actions] == [False, True, False]
    assert actions[0].plan_version == PlanVersion.objects.get(partnership=sulsel, number=2)
    assert actions[1].amendment.amends is not None and actions[1].amendment.is_draft
    check = next(
        c
        for c in gates.run_gate(sulsel, Phase.REVIEWING).checks
        if c.code == "evaluation_completed"
    )
    assert check.passed


def test_loading_again_adds_no_evaluation_nor_alert(demo, demo_day):
    def counts():
        return (
            Evaluation.objects.count(),
            RevisionAction.objects.count(),
            PlanVersion.objects.count(),
            Agreement.objects.count(),
            Alert.objects.count(),
            PartnershipWarning.objects.count(),
        )

    before = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before
    # Loaded again a month later (the fixed dates would move a month more): nothing is added
    # and nothing moves. (The warning is recomputed for that day, so alerts may be raised.)
    evaluated_on = Evaluation.objects.get().evaluated_on
    with time_machine.travel(demo_day + dt.timedelta(days=31), tick=False):
        call_command("load_demo", stdout=io.StringIO())
    assert counts()[:4] == before[:4]
    assert Evaluation.objects.get().evaluated_on == evaluated_on
