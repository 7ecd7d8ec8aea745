"""The demo's early warning tells the story the demo needs."""

import datetime as dt

import pytest
from django.utils import timezone

from simitra.early_warning import warning
from simitra.early_warning.models import Alert, PartnershipWarning
from simitra.lib.demo_time import shifted
from simitra.resources.models import Pledge

pytestmark = pytest.mark.django_db

# `demo` (conftest.py): the demo loaded once a test day for this module's tests, each of which
# runs in its own savepoint.


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
