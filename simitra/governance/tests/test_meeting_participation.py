"""Meetings attended count in the contribution balance (governance feeds the resources measure)."""

import datetime as dt

import pytest
from django.utils import timezone

from simitra.governance.models import Attendance, Meeting
from simitra.governance.selectors import meetings_attended
from simitra.resources.selectors import partnership_balance

pytestmark = pytest.mark.django_db


def _meeting(partnership, day):
    return Meeting.objects.create(
        partnership=partnership,
        title=f"Rapat {day}",
        place="Kantor Bappeda",
        starts_at=timezone.make_aware(dt.datetime(2026, 3, day, 9)),
    )


def test_it_counts_meetings_attended_per_partner(world):
    first, second = _meeting(world.partnership, 1), _meeting(world.partnership, 2)
    Attendance.objects.create(meeting=first, person="Budi", partner=world.partner_a)
    Attendance.objects.create(
        meeting=first, person="Sari", partner=world.partner_a, status="online"
    )
    Attendance.objects.create(meeting=second, person="Budi", partner=world.partner_a)
    Attendance.objects.create(
        meeting=second, person="Ani", partner=world.partner_b, status="absent"
    )
    assert meetings_attended(world.partnership) == {world.partner_a.pk: 2}


def test_the_balance_includes_meeting_participation(world):
    Attendance.objects.create(
        meeting=_meeting(world.partnership, 3), person="Budi", partner=world.partner_a
    )
    balance = partnership_balance(world.partnership)
    assert "meetings_attended" in balance.components
    a = next(p for p in balance.partners if p.partner_id == world.partner_a.pk)
    assert a.participation["meetings_attended"] == 1
