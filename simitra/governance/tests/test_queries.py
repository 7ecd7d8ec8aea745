"""The meeting list, the decision list and the panel run the same number of queries at two
sizes."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from simitra.governance.models import Attendance, Decision, Meeting
from simitra.lib.testing import count_queries

pytestmark = pytest.mark.django_db


def get(client, url):
    assert client.get(url).status_code == 200


def add_meetings(world, n):
    for k in range(n):
        meeting = Meeting.objects.create(
            partnership=world.partnership,
            title=f"Rapat {k}",
            starts_at=timezone.now() - dt.timedelta(days=k),
            place="Soe",
        )
        Attendance.objects.create(meeting=meeting, person="Budi", partner=world.partner_a)
        Decision.objects.create(
            partnership=world.partnership,
            meeting=meeting,
            text="Tindak lanjut",
            owner=world.partner_b,
            due_date=timezone.localdate() - dt.timedelta(days=k),
        )


@pytest.mark.parametrize("name", ["meetings", "decisions", "panel"])
def test_the_meeting_lists_do_not_grow_with_rows(world, client_for, name):
    client = client_for(world.observer)
    url = reverse(f"governance:{name}", args=[world.partnership.code])
    add_meetings(world, 2)
    small = count_queries(get, client, url)
    add_meetings(world, 15)
    assert count_queries(get, client, url) == small


@pytest.mark.parametrize("name", ["meetings", "decisions", "panel"])
def test_the_lists_of_the_owning_partner_do_not_grow_with_rows(world, client_for, name):
    """partner_b owns the decisions: each row asks the rules whether its progress may be
    recorded, on the partnership already loaded."""
    client = client_for(world.partner_b_user)
    url = reverse(f"governance:{name}", args=[world.partnership.code])
    add_meetings(world, 2)
    small = count_queries(get, client, url)
    add_meetings(world, 15)
    assert count_queries(get, client, url) == small
