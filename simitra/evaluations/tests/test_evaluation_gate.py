"""The Reviewing gate asks for a completed evaluation (beside the completed health check)."""

import pytest
from django.utils import translation

from simitra.evaluations import services
from simitra.evaluations.models import Evaluation
from simitra.partnerships import gates
from simitra.partnerships.models import Phase
from simitra.partnerships.testing import build_world

pytestmark = pytest.mark.django_db


def evaluation_check(partnership):
    with translation.override("en"):
        result = gates.run_gate(partnership, Phase.REVIEWING)
        check = next(c for c in result.checks if c.code == "evaluation_completed")
        return check.passed, str(check.message)


def test_it_is_registered_once_after_the_health_check():
    assert gates.registered_checks(Phase.REVIEWING) == [
        "health_check_completed",
        "evaluation_completed",
    ]


def test_it_fails_without_an_evaluation_and_with_a_draft_and_passes_once_completed():
    world = build_world(phase=Phase.REVIEWING)
    assert evaluation_check(world.partnership) == (
        False,
        "An evaluation completed, against the initial plan and the indicators "
        "(now no evaluation yet).",
    )
    evaluation = services.save_evaluation(
        evaluation=Evaluation(
            partnership=world.partnership, title="Evaluasi", impact_narrative="D", findings="T"
        ),
        saved_by=world.coordinator,
    )
    passed, message = evaluation_check(world.partnership)
    assert not passed and "now a draft, not completed" in message
    services.complete_evaluation(evaluation=evaluation, completed_by=world.coordinator)
    passed, message = evaluation_check(world.partnership)
    assert passed and "now 1 completed evaluation" in message
