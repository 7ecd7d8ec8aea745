import pytest
from django.urls import reverse

from .helpers import make_assessment, make_evidence, make_need, make_node, make_problem, make_tie

pytestmark = pytest.mark.django_db

MODELS = [
    "scoping_problemstatement",
    "scoping_problemnode",
    "scoping_evidence",
    "scoping_need",
    "scoping_solutionoption",
    "scoping_suitabilitycheck",
    "scoping_candidacy",
    "scoping_assessment",
    "scoping_relationship",
    "scoping_stakeholder",
    "partnerships_personrole",
]


@pytest.mark.parametrize("model", MODELS)
def test_the_admin_lists_each_model(world, client_for, model):
    make_problem(world.partnership)
    make_node(world.partnership, "Sebab")
    make_need(world.partnership, evidence=[make_evidence(world.partnership)])
    make_assessment(world.partner_a, world.coordinator)
    make_tie(world.partnership, world.coordinator, world.org_a)
    response = client_for(world.admin).get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 200
    assert (
        client_for(world.coordinator).get(reverse(f"admin:{model}_changelist")).status_code == 302
    )
