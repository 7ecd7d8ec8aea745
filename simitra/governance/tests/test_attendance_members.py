"""A meeting's attendance pre-filled from its body's members, and attendance before the meeting
day (issue 18, items 14 and 6)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from simitra.governance.models import Attendance, BodyMember, GovernanceBody, Meeting

pytestmark = pytest.mark.django_db


def url(world, name, *args):
    return reverse(f"governance:{name}", args=[world.partnership.code, *args])


@pytest.fixture
def body(world):
    body = GovernanceBody.objects.create(
        partnership=world.partnership, kind="steering", name="Komite Pengarah"
    )
    BodyMember.objects.create(body=body, person="Ani", partner=world.partner_a, role="chair")
    BodyMember.objects.create(body=body, person="Beni", partner=world.partner_a, role="member")
    BodyMember.objects.create(body=body, person="Sari", partner=world.partner_b, role="member")
    BodyMember.objects.create(body=body, person="Pak Tua", role="adviser")
    return body


def _meeting(world, body, days):
    return Meeting.objects.create(
        partnership=world.partnership,
        body=body,
        title="Rapat Komite",
        starts_at=timezone.now() + dt.timedelta(days=days),
        place="Soe",
    )


def _english(client):
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


def test_the_coordinator_records_the_whole_body_in_one_save(world, body, client_for):
    meeting = _meeting(world, body, days=-1)
    client = _english(client_for(world.coordinator))
    page = client.get(url(world, "meeting", meeting.pk)).content.decode()
    assert "Members of Komite Pengarah" in page
    # Every member is listed, ticked present.
    for member in body.members.all():
        assert f'name="member_{member.pk}"' in page
    assert page.count("checked") >= 4
    beni = body.members.get(person="Beni")
    ticked = {f"member_{m.pk}": "on" for m in body.members.exclude(pk=beni.pk)}
    response = client.post(url(world, "attendance_members", meeting.pk), ticked)
    assert response.status_code == 302
    assert dict(meeting.attendances.values_list("person", "status")) == {
        "Ani": "present",
        "Beni": "absent",
        "Sari": "present",
        "Pak Tua": "present",
    }
    assert set(meeting.attendances.values_list("recorded_by", flat=True)) == {world.coordinator.pk}
    # Recorded: the list is gone, and saving it again records nothing twice.
    page = client.get(url(world, "meeting", meeting.pk)).content.decode()
    assert "Members of Komite Pengarah" not in page
    response = client.post(url(world, "attendance_members", meeting.pk), ticked)
    assert response.status_code == 400
    assert "already recorded" in response.content.decode()
    assert meeting.attendances.count() == 4


def test_a_partner_gets_only_its_own_members(world, body, client_for):
    meeting = _meeting(world, body, days=0)
    Attendance.objects.create(meeting=meeting, person="Ani", partner=world.partner_a)
    client = client_for(world.partner_user)
    page = client.get(url(world, "meeting", meeting.pk)).content.decode()
    beni, sari = body.members.get(person="Beni"), body.members.get(person="Sari")
    assert f'name="member_{beni.pk}"' in page
    assert f'name="member_{sari.pk}"' not in page  # another partner's member
    assert "Pak Tua" not in page  # personal capacity: the coordinator's to record
    everyone = {f"member_{m.pk}": "on" for m in body.members.all()}
    assert client.post(url(world, "attendance_members", meeting.pk), everyone).status_code == 302
    assert sorted(meeting.attendances.values_list("person", flat=True)) == ["Ani", "Beni"]


def test_refusals(world, body, client_for):
    meeting = _meeting(world, body, days=-1)
    target = url(world, "attendance_members", meeting.pk)
    assert client_for(world.outsider).post(target, {}).status_code == 404
    assert client_for(world.observer).post(target, {}).status_code == 403
    assert client_for(world.coordinator).get(target).status_code == 405
    assert not Attendance.objects.exists()


def test_nobody_is_present_at_a_meeting_six_weeks_ahead(world, body, client_for):
    meeting = _meeting(world, body, days=42)
    client = _english(client_for(world.coordinator))
    page = client.get(url(world, "meeting", meeting.pk)).content.decode()
    day = timezone.localtime(meeting.starts_at).date()
    assert "who was present can be recorded from that day on" in page
    assert f'name="member_{body.members.first().pk}"' not in page
    everyone = {f"member_{m.pk}": "on" for m in body.members.all()}
    response = client.post(url(world, "attendance_members", meeting.pk), everyone)
    assert response.status_code == 400
    response = client.post(
        url(world, "attendance_add", meeting.pk),
        {"person": "Ani", "partner": world.partner_a.pk, "status": "present"},
    )
    assert response.status_code == 400
    assert f"This meeting is on {day.day} {day:%b %Y}" in response.content.decode()
    assert not Attendance.objects.exists()
    # Apologies may be sent ahead.
    response = client.post(
        url(world, "attendance_add", meeting.pk),
        {"person": "Ani", "partner": world.partner_a.pk, "status": "excused"},
    )
    assert response.status_code == 302
    assert meeting.attendances.get().status == "excused"


def test_on_the_meeting_day_presence_is_recorded(world, body, client_for):
    meeting = _meeting(world, body, days=0)
    response = client_for(world.coordinator).post(
        url(world, "attendance_add", meeting.pk),
        {"person": "Tamu", "status": "present"},
    )
    assert response.status_code == 302
