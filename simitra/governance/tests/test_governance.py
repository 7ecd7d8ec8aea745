import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from simitra.governance.models import (
    Attendance,
    BodyMember,
    Decision,
    GovernanceBody,
    Meeting,
    MeetingDocument,
)

pytestmark = pytest.mark.django_db


def url(world, name, *args):
    return reverse(f"governance:{name}", args=[world.partnership.code, *args])


@pytest.fixture
def meeting(world):
    return Meeting.objects.create(
        partnership=world.partnership,
        title="Rapat Komite",
        starts_at=timezone.now() - dt.timedelta(days=3),
        place="Soe",
        agenda="1. Capaian",
    )


def test_the_coordinator_sets_up_a_body_with_members(world, client_for):
    client = client_for(world.coordinator)
    response = client.post(
        url(world, "body_add"),
        {"kind": "steering", "name": "Komite Pengarah", "terms_of_reference": "Mandat"},
    )
    body = GovernanceBody.objects.get()
    assert response.status_code == 302
    client.post(
        url(world, "body", body.pk),
        {"person": "Ani", "partner": world.partner_a.pk, "role": "chair"},
    )
    member = BodyMember.objects.get()
    assert member.partner == world.partner_a and member.role == "chair"
    page = client_for(world.partner_user).get(url(world, "body", body.pk)).content.decode()
    assert "Ani" in page and "Mandat" in page


def test_partners_and_observers_cannot_change_governance(world, client_for):
    for user in (world.partner_user, world.observer):
        client = client_for(user)
        assert client.get(url(world, "body_add")).status_code == 403
        assert client.get(url(world, "meeting_add")).status_code == 403
        assert client.get(url(world, "decision_add")).status_code == 403
    assert client_for(world.outsider).get(url(world, "panel")).status_code == 404
    assert client_for(world.outsider).get(url(world, "calendar")).status_code == 404


def test_a_meeting_needs_a_place_or_a_link(world, client_for):
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.post(
        url(world, "meeting_add"), {"title": "Rapat", "starts_at": "2026-03-12T09:00"}
    )
    assert response.status_code == 200
    assert "Give a place, an online link, or both." in response.content.decode()
    assert not Meeting.objects.exists()
    response = client.post(
        url(world, "meeting_add"),
        {
            "title": "Rapat",
            "starts_at": "2026-03-12T09:00",
            "online_link": "https://rapat.example.org/x",
        },
    )
    assert response.status_code == 302
    assert Meeting.objects.get().online_link == "https://rapat.example.org/x"


def test_a_partner_records_its_own_attendance_only(world, meeting, client_for):
    client = client_for(world.partner_user)
    response = client.post(
        url(world, "attendance_add", meeting.pk),
        {"person": "Budi", "partner": world.partner_a.pk, "status": "present"},
    )
    assert response.status_code == 302
    response = client.post(
        url(world, "attendance_add", meeting.pk),
        {"person": "Sari", "partner": world.partner_b.pk, "status": "present"},
    )
    assert response.status_code == 400
    assert (
        client.post(
            url(world, "attendance_add", meeting.pk), {"person": "Tamu", "status": "present"}
        ).status_code
        == 403
    )
    assert list(Attendance.objects.values_list("person", flat=True)) == ["Budi"]
    assert (
        client_for(world.observer)
        .post(url(world, "attendance_add", meeting.pk), {"person": "X", "status": "present"})
        .status_code
        == 403
    )


def test_the_meeting_page_counts_attendance_per_partner(world, meeting, client_for):
    Attendance.objects.create(meeting=meeting, person="Budi", partner=world.partner_a)
    Attendance.objects.create(
        meeting=meeting, person="Citra", partner=world.partner_a, status="absent"
    )
    client = client_for(world.partner_b_user)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    body = client.get(url(world, "meeting", meeting.pk)).content.decode()
    assert "PT Mitra Usaha: 1 of 2 present" in body
    assert "1. Capaian" in body


def test_overdue_decisions_are_highlighted(world, meeting, client_for):
    today = timezone.localdate()
    late = Decision.objects.create(
        partnership=world.partnership,
        meeting=meeting,
        text="Kirim laporan",
        owner=world.partner_a,
        due_date=today - dt.timedelta(days=1),
    )
    Decision.objects.create(
        partnership=world.partnership,
        meeting=meeting,
        text="Sudah selesai",
        owner=world.partner_b,
        due_date=today - dt.timedelta(days=10),
        status="done",
    )
    Decision.objects.create(
        partnership=world.partnership,
        text="Masih lama",
        owner=world.partner_b,
        due_date=today + dt.timedelta(days=10),
    )
    assert list(Decision.objects.overdue(today)) == [late]
    assert late.is_overdue(today) and not late.is_overdue(today - dt.timedelta(days=2))
    response = client_for(world.observer).get(url(world, "decisions"), {"show": "overdue"})
    body = response.content.decode()
    assert "Kirim laporan" in body and "Masih lama" not in body and "Sudah selesai" not in body
    assert body.count("table-danger") == 1
    panel = client_for(world.observer).get(url(world, "panel"), HTTP_HX_REQUEST="true")
    assert panel.context["overdue_count"] == 1


def test_a_decision_marked_done_needs_its_date(world, client_for):
    response = client_for(world.coordinator).post(
        url(world, "decision_add"),
        {
            "text": "Susun laporan",
            "owner": world.partner_a.pk,
            "due_date": "2026-01-10",
            "status": "done",
        },
    )
    assert response.status_code == 200
    assert not Decision.objects.exists()


def test_the_calendar_export_lists_the_meetings(world, meeting, client_for):
    response = client_for(world.partner_user).get(url(world, "calendar"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.content).events
    assert event["SUMMARY"] == "Rapat Komite" and event["LOCATION"] == "Soe"
    assert event.uid == f"meeting-{meeting.pk}-{world.partnership.code.lower()}@testserver"
    assert event.start == meeting.starts_at.replace(microsecond=0)  # to the second


def test_documents_are_checked_and_served_behind_access(
    world, meeting, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(world.coordinator)
    bad = SimpleUploadedFile("notulen.pdf", b"<script>alert(1)</script>")
    assert (
        client.post(url(world, "document_add", meeting.pk), {"title": "X", "file": bad}).status_code
        == 400
    )
    assert not MeetingDocument.objects.exists()
    good = SimpleUploadedFile("notulen.txt", "Notulen rapat — ringkas".encode())
    client.post(url(world, "document_add", meeting.pk), {"title": "Notulen", "file": good})
    document = MeetingDocument.objects.get()
    assert document.content_type == "text/plain"
    assert client_for(world.outsider).get(url(world, "document", document.pk)).status_code == 404
    assert (
        client_for(world.partner_user).get(url(world, "document", document.pk)).status_code == 200
    )
    assert (
        client_for(world.partner_user)
        .post(url(world, "document_add", meeting.pk), {"title": "Y", "file": good})
        .status_code
        == 403
    )
