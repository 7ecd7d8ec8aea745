"""The demo data of contributions, plans and agreements tells a consistent story."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from simitra.agreements.models import Agreement, AgreementStatus
from simitra.lib.demo_time import shifted
from simitra.partnerships import gates
from simitra.partnerships.models import Partnership, Phase
from simitra.planning.selectors import plan_readiness_for
from simitra.resources.models import Category, Delivery, Pledge

pytestmark = pytest.mark.django_db


# `demo` (the root conftest.py): loaded once per test day for this module's tests, read on that day.


def test_the_managing_partnership_has_everything_of_phases_3_and_4(demo):
    partnership = Partnership.objects.get(code="NTT-STUNTING-2025")
    assert partnership.phase == Phase.MANAGING
    pledges = Pledge.objects.filter(partnership=partnership)
    assert set(pledges.values_list("category", flat=True)) == set(Category.values)
    delivered = Delivery.objects.filter(pledge__partnership=partnership)
    assert set(delivered.values_list("pledge__category", flat=True)) == set(Category.values)
    assert plan_readiness_for(partnership).ready
    assert gates.run_gate(partnership, Phase.BUILDING).passed
    assert gates.run_gate(partnership, Phase.AGREEING).passed
    mou = Agreement.objects.get(partnership=partnership, kind="mou")
    assert mou.status == AgreementStatus.IN_FORCE
    assert mou.parties.filter(signed_on__isnull=True).count() == 0
    assert mou.plan_version is not None
    assert mou.effective_date == shifted(dt.date(2025, 2, 1))
    assert set(mou.parties.values_list("signed_on", flat=True)) == {shifted(dt.date(2025, 1, 20))}
    assert (partnership.start_date, partnership.end_date) == (
        shifted(dt.date(2025, 1, 1)),
        shifted(dt.date(2027, 12, 31)),
    )
    assert partnership.start_date < timezone.localdate() < partnership.end_date


def test_the_scoping_partnership_has_nothing_signed(demo):
    partnership = Partnership.objects.get(code="NTB-AIRBERSIH-2026")
    assert not Agreement.objects.filter(
        partnership=partnership, parties__signed_on__isnull=False
    ).exists()


def test_loading_the_demo_again_changes_nothing(demo):
    counts = (Pledge.objects.count(), Delivery.objects.count(), Agreement.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Pledge.objects.count(), Delivery.objects.count(), Agreement.objects.count()) == counts
