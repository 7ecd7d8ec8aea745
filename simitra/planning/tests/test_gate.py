import pytest

from simitra.partnerships import gates
from simitra.partnerships.models import Phase
from simitra.planning.models import Activity
from simitra.planning.testing import make_ready_plan

pytestmark = pytest.mark.django_db


def check(world):
    result = gates.run_gate(world.partnership, Phase.BUILDING)
    return next(c for c in result.checks if c.code == "plan_ready")


def test_it_passes_with_a_ready_plan_and_fails_with_the_first_problem(world):
    make_ready_plan(world)
    assert check(world).passed
    assert gates.run_gate(world.partnership, Phase.BUILDING).passed
    Activity.objects.filter(title="Sekretariat kemitraan").update(deliverable="")
    outcome = check(world)
    assert not outcome.passed
    assert "Sekretariat kemitraan" in outcome.message
