"""The demo evaluation tells the story the demo needs, and loading twice changes nothing."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command

from simitra.agreements.models import Agreement
from simitra.early_warning.models import Alert, PartnershipWarning
from simitra.evaluations.models import Evaluation, RevisionAction
from simitra.lib.demo_time import shifted
from simitra.partnerships import gates
from simitra.partnerships.models import Partnership, Phase
from simitra.planning.models import PlanVersion

pytestmark = pytest.mark.django_db

# `demo` (conftest.py): the demo loaded once a test day for this module's tests, each of which
# runs in its own savepoint.


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
