import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Members, attendance and documents are edited inline on their body and meeting.
MODELS = ["governancebody", "meeting", "decision"]


@pytest.mark.parametrize("model", MODELS)
def test_the_admin_lists_each_model(world, client_for, model):
    url = reverse(f"admin:governance_{model}_changelist")
    assert client_for(world.admin).get(url).status_code == 200
