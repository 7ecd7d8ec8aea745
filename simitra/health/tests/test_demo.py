"""The demo health checks tell the story the demo needs, and loading twice changes nothing."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from simitra.health import health
from simitra.health.models import HealthCheckRound, HealthResponse
from simitra.health.selectors import results_for
from simitra.lib.demo_time import shifted
from simitra.partnerships import gates
from simitra.partnerships.models import Partnership, Phase

pytestmark = pytest.mark.django_db

# `demo` (conftest.py): the demo loaded once a test day for this module's tests, each of which
# runs in its own savepoint.


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
