import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

MODELS = [
    "results_indicator",
    "results_indicatorvalue",
    "results_result",
    "results_dimension",
    "results_frameworkproposal",
    "results_beneficiarygroup",
    "risks_risk",
    "risks_riskcategory",
    "risks_lossevent",
]


@pytest.mark.parametrize("model", MODELS)
def test_the_admin_lists_each_model(world, client_for, model):
    assert client_for(world.admin).get(reverse(f"admin:{model}_changelist")).status_code == 200
