import pytest
from django.core.management import call_command
from django.utils import timezone

from simitra.governance.models import Decision, GovernanceBody, Meeting
from simitra.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def test_the_demo_partnership_being_managed_is_governed(reference, demo_day):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115  (idempotent)
    partnership = Partnership.objects.get(code="NTT-STUNTING-2025")
    committee = GovernanceBody.objects.get(partnership=partnership, kind="steering")
    assert Meeting.objects.filter(body=committee).count() == 3
    assert (
        Decision.objects.filter(partnership=partnership).overdue(timezone.localdate()).count() == 1
    )
