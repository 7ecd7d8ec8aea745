"""The demo partnerships carry scoping and selection records, and loading twice adds nothing."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from simitra.lib.demo_time import shifted
from simitra.partnerships.models import Partnership, PersonRole
from simitra.scoping.models import (
    Assessment,
    Need,
    ProblemNode,
    ProblemStatement,
    SolutionOption,
    Stakeholder,
)
from simitra.scoping.selectors import assessments_with_conflicts
from simitra.scoping.wishes import NeedInput, need_status

pytestmark = pytest.mark.django_db


# `demo` (the root conftest.py): loaded once per test day for this module's tests, read on that day.


def test_the_demo_partnerships_carry_scoping_and_selection(demo):
    for code in ("NTT-STUNTING-2025", "NTB-AIRBERSIH-2026"):
        partnership = Partnership.objects.get(code=code)
        assert ProblemStatement.objects.filter(partnership=partnership).exists()
        assert ProblemNode.objects.filter(partnership=partnership, kind="cause").exists()
        assert ProblemNode.objects.filter(partnership=partnership, kind="effect").exists()
        assert SolutionOption.objects.filter(partnership=partnership).exists()
        assert Stakeholder.objects.filter(partnership=partnership).count() >= 3
        statuses = [
            need_status(NeedInput(len(n.evidence.all()), tuple(n.declared_drivers)))
            for n in Need.objects.filter(partnership=partnership).prefetch_related("evidence")
        ]
        assert sum(1 for s in statuses if not s.verified) == 1
        assert any(s.verified for s in statuses)
        assert Assessment.objects.filter(partner__partnership=partnership).exists()


def test_one_demo_assessment_is_conflicted_through_the_register(demo):
    partnership = Partnership.objects.get(code="NTT-STUNTING-2025")
    assessed = assessments_with_conflicts(partnership.partners.all())
    conflicted = [item for items in assessed.values() for item in items if item.conflict.conflicted]
    assert len(conflicted) == 1
    assert conflicted[0].conflict.detected and not conflicted[0].conflict.declared


def test_the_demo_keeps_a_role_change_in_the_history(demo):
    roles = PersonRole.objects.filter(person_name="Budi Santoso").order_by("started_on")
    assert roles.count() == 2 and roles[1].previous == roles[0] and roles[0].ended_on
    assert [r.started_on for r in roles] == [
        shifted(dt.date(2025, 1, 1)),
        shifted(dt.date(2025, 7, 1)),
    ]
    assert roles[0].ended_on == roles[1].started_on - dt.timedelta(days=1)


def test_loading_the_demo_again_adds_nothing(demo):
    counts = (
        Need.objects.count(),
        Assessment.objects.count(),
        Stakeholder.objects.count(),
        PersonRole.objects.count(),
    )
    call_command("load_demo", stdout=io.StringIO())
    assert counts == (
        Need.objects.count(),
        Assessment.objects.count(),
        Stakeholder.objects.count(),
        PersonRole.objects.count(),
    )
