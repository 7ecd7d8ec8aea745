"""A decision's progress and a meeting's attendance from a device's outbox: once per key,
through governance's rules, forms and services; the reference lists carry only the decisions
and meetings the user may record for."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from simitra.field.models import Submission
from simitra.governance import services as governance
from simitra.governance.models import Attendance, Decision, Meeting
from simitra.lib.forms import version_of
from simitra.lib.testing import count_queries
from simitra.partnerships.testing import (
    make_member,
    make_organisation,
    make_partner,
    make_partnership,
)

pytestmark = pytest.mark.django_db


def english(user):
    user.language = "en"
    user.save(update_fields=["language"])


def make_decision(partnership, owner, text="Menyusun jadwal posyandu bersama"):
    return Decision.objects.create(
        partnership=partnership,
        text=text,
        owner=owner,
        due_date=timezone.localdate() + dt.timedelta(days=10),
    )


def make_meeting(partnership, days_ago=2, title="Rapat Komite Pengarah"):
    return Meeting.objects.create(
        partnership=partnership,
        title=title,
        starts_at=timezone.now() - dt.timedelta(days=days_ago),
        place="Soe",
    )


@pytest.fixture
def decision(world):
    return make_decision(world.partnership, world.partner_a)


@pytest.fixture
def meeting(world):
    return make_meeting(world.partnership)


def progress(world, decision, **fields):
    return {
        "key": str(uuid.uuid4()),
        "partnership": world.partnership.code,
        "decision": decision.pk,
        "status": "done",
        "done_on": timezone.localdate().isoformat(),
        "seen_version": version_of(decision),
        **fields,
    }


def attendance(world, meeting, **fields):
    return {
        "key": str(uuid.uuid4()),
        "partnership": world.partnership.code,
        "meeting": meeting.pk,
        "partner": world.partner_a.pk,
        "person": "Ani Lestari",
        "status": "present",
        **fields,
    }


def send(client, kind, data):
    return client.post(reverse("field:send", args=[kind]), data)


# --- a decision's progress ---------------------------------------------------------------------


def test_the_owning_partner_records_a_decisions_progress(world, client_for, decision):
    english(world.partner_user)
    response = send(client_for(world.partner_user), "decision", progress(world, decision))
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["ok"] and answer["id"] == decision.pk and not answer["replayed"]
    assert answer["message"] == "Progress saved."
    decision.refresh_from_db()
    assert decision.status == "done" and decision.done_on == timezone.localdate()
    assert decision.history.first().history_user == world.partner_user
    assert Submission.objects.get().kind == "decision"


def test_a_repeated_progress_key_returns_the_first_answer_and_changes_once(
    world, client_for, decision
):
    client = client_for(world.partner_user)
    data = progress(world, decision, status="in_progress", done_on="")
    first = send(client, "decision", data).json()
    again = send(client, "decision", {**data, "status": "done"})
    assert again.status_code == 200 and again.json() == {**first, "replayed": True}
    decision.refresh_from_db()
    assert decision.status == "in_progress"
    assert decision.history.count() == 2 and Submission.objects.count() == 1


def test_a_decision_is_hidden_from_an_outsider(world, client_for, decision):
    response = send(client_for(world.outsider), "decision", progress(world, decision))
    assert response.status_code == 404 and response.json()["ok"] is False
    assert not Submission.objects.exists()


def test_a_decision_of_another_partnership_is_not_found(world, client_for):
    other = make_partnership(title="Kemitraan Lain")
    foreign = make_decision(other, make_partner(other, world.org_a))
    response = send(client_for(world.partner_user), "decision", progress(world, foreign))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["partner_b_user", "observer"])
def test_another_partner_or_an_observer_may_not_record_progress(world, client_for, decision, who):
    user = getattr(world, who)
    english(user)
    response = send(client_for(user), "decision", progress(world, decision))
    assert response.status_code == 403
    assert response.json()["message"] == "You may read this partnership but not record in it."
    decision.refresh_from_db()
    assert decision.status == "open" and not Submission.objects.exists()


def test_done_without_its_day_is_refused_with_the_forms_message(world, client_for, decision):
    english(world.partner_user)
    response = send(
        client_for(world.partner_user), "decision", progress(world, decision, done_on="")
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"done_on": ["Say when the decision was carried out."]}
    assert not Submission.objects.exists()


def test_a_decision_changed_meanwhile_is_refused_with_the_servers_message(
    world, client_for, decision
):
    english(world.partner_user)
    data = progress(world, decision)  # the version of the device's lists
    governance.record_progress(
        decision=decision, status="in_progress", done_on=None, recorded_by=world.coordinator
    )
    response = send(client_for(world.partner_user), "decision", data)
    assert response.status_code == 409
    assert response.json()["message"].startswith("Someone changed this decision after you opened")
    assert "in progress" in response.json()["message"]
    decision.refresh_from_db()
    assert decision.status == "in_progress" and not Submission.objects.exists()


def test_a_decision_already_done_is_refused(world, client_for, decision):
    english(world.partner_user)
    decision.status, decision.done_on = "done", timezone.localdate()
    decision.save()
    data = progress(world, decision, status="in_progress", done_on="")
    response = send(client_for(world.partner_user), "decision", data)
    assert response.status_code == 409
    assert response.json()["message"].startswith("This decision is already done")
    assert not Submission.objects.exists()


def test_a_refused_progress_can_be_fixed_and_sent_again_with_its_key(world, client_for, decision):
    client = client_for(world.partner_user)
    data = progress(world, decision, done_on="")
    assert send(client, "decision", data).status_code == 400
    data["done_on"] = timezone.localdate().isoformat()
    assert send(client, "decision", data).status_code == 200
    decision.refresh_from_db()
    assert decision.status == "done"


# --- meeting attendance ------------------------------------------------------------------------


def test_a_representative_records_their_partners_attendance(world, client_for, meeting):
    english(world.partner_user)
    response = send(client_for(world.partner_user), "attendance", attendance(world, meeting))
    assert response.status_code == 200, response.content
    answer = response.json()
    saved = Attendance.objects.get()
    assert answer["ok"] and answer["id"] == saved.pk and answer["message"] == "Attendance recorded."
    assert saved.partner == world.partner_a and saved.recorded_by == world.partner_user
    assert saved.person == "Ani Lestari" and saved.status == "present"


def test_the_one_partner_is_taken_when_the_device_does_not_say(world, client_for, meeting):
    data = attendance(world, meeting)
    del data["partner"]
    assert send(client_for(world.partner_user), "attendance", data).status_code == 200
    assert Attendance.objects.get().partner == world.partner_a


def test_a_repeated_attendance_key_returns_the_first_answer(world, client_for, meeting):
    client = client_for(world.partner_user)
    data = attendance(world, meeting)
    first = send(client, "attendance", data).json()
    again = send(client, "attendance", {**data, "status": "absent"})
    assert again.status_code == 200 and again.json() == {**first, "replayed": True}
    assert Attendance.objects.get().status == "present"
    assert Submission.objects.count() == 1


def test_attendance_is_hidden_from_an_outsider(world, client_for, meeting):
    response = send(client_for(world.outsider), "attendance", attendance(world, meeting))
    assert response.status_code == 404
    assert not Attendance.objects.exists() and not Submission.objects.exists()


def test_an_observer_may_not_record_attendance(world, client_for, meeting):
    english(world.observer)
    response = send(client_for(world.observer), "attendance", attendance(world, meeting))
    assert response.status_code == 403
    assert response.json()["message"] == "You may read this partnership but not record in it."
    assert not Attendance.objects.exists()


def test_another_partners_attendance_is_not_a_choice(world, client_for, meeting):
    english(world.partner_user)
    data = attendance(world, meeting, partner=world.partner_b.pk)
    response = send(client_for(world.partner_user), "attendance", data)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["partner"]
    assert not Attendance.objects.exists()


def test_another_partner_may_not_record_for_partner_a(world, client_for, meeting):
    data = attendance(world, meeting)  # partner_a's id, sent by partner_b's representative
    response = send(client_for(world.partner_b_user), "attendance", data)
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_an_ended_partnership_refuses_attendance(world, client_for, meeting):
    world.partnership.status = "completed"
    world.partnership.save()
    response = send(client_for(world.partner_user), "attendance", attendance(world, meeting))
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_present_at_a_meeting_still_to_come_is_refused_with_the_forms_message(world, client_for):
    english(world.partner_user)
    coming = make_meeting(world.partnership, days_ago=-5)
    client = client_for(world.partner_user)
    response = send(client, "attendance", attendance(world, coming))
    assert response.status_code == 400
    assert response.json()["message"].startswith("This meeting is on ")
    assert (
        send(client, "attendance", attendance(world, coming, status="excused")).status_code == 200
    )


def test_a_person_recorded_already_is_refused_with_the_forms_message(world, client_for, meeting):
    english(world.partner_user)
    Attendance.objects.create(meeting=meeting, person="Ani Lestari", partner=world.partner_a)
    response = send(client_for(world.partner_user), "attendance", attendance(world, meeting))
    assert response.status_code == 400
    assert response.json()["message"] == "This person's attendance is already recorded."
    assert Attendance.objects.count() == 1 and not Submission.objects.exists()


def test_the_service_refuses_a_person_recorded_meanwhile(world, meeting):
    Attendance.objects.create(meeting=meeting, person="Ani Lestari", partner=world.partner_a)
    late = Attendance(meeting=meeting, person=" ani lestari ", partner=world.partner_a)
    with pytest.raises(governance.GovernanceError):
        governance.record_attendance(attendance=late, recorded_by=world.partner_user)
    assert Attendance.objects.count() == 1


def test_the_service_refusal_answers_409(world, client_for, meeting, monkeypatch):
    """When the person is recorded between the form's check and the service's lock (another
    device at the same moment: tests/test_races.py), the service's refusal reaches the device."""
    english(world.partner_user)

    def recorded_meanwhile(**kwargs):
        raise governance.GovernanceError("This person's attendance is already recorded.")

    monkeypatch.setattr(governance, "record_attendance", recorded_meanwhile)
    response = send(client_for(world.partner_user), "attendance", attendance(world, meeting))
    assert response.status_code == 409
    assert response.json()["message"] == "This person's attendance is already recorded."
    assert not Submission.objects.exists()


# --- the reference lists -----------------------------------------------------------------------


def lists(client):
    return client.get(reverse("field:reference")).json()


def test_the_lists_carry_the_decisions_the_user_may_update(world, client_for, decision):
    make_decision(world.partnership, world.partner_b, text="Milik mitra B")
    done = make_decision(world.partnership, world.partner_a, text="Sudah selesai")
    done.status, done.done_on = "done", timezone.localdate()
    done.save()
    data = lists(client_for(world.partner_user))
    assert [d["id"] for d in data["decisions"]] == [decision.pk]
    assert data["decisions"][0]["version"] == version_of(decision)
    assert data["decisions"][0]["status"] == "open"
    assert world.partnership.code in [p["code"] for p in data["partnerships"]]
    assert lists(client_for(world.partner_b_user))["decisions"][0]["label"] == "Milik mitra B"
    for user in (world.observer, world.outsider):
        assert lists(client_for(user))["decisions"] == []


def test_the_lists_carry_the_meetings_for_the_users_own_partner(world, client_for, meeting):
    make_meeting(world.partnership, days_ago=120, title="Lama")  # too long ago
    Attendance.objects.create(meeting=meeting, person="Ani", partner=world.partner_a)
    Attendance.objects.create(meeting=meeting, person="Budi", partner=world.partner_b)
    data = lists(client_for(world.partner_user))
    assert [m["id"] for m in data["meetings"]] == [meeting.pk]
    assert data["meetings"][0]["recorded"] == [{"person": "ani", "partner": world.partner_a.pk}]
    assert data["partners"][world.partnership.code] == [
        {"id": world.partner_a.pk, "label": world.org_a.name}
    ]
    for user in (world.observer, world.outsider):
        assert lists(client_for(user))["meetings"] == []


def test_the_lists_queries_do_not_grow_with_decisions_and_meetings(world, client_for):
    client = client_for(world.partner_user)
    make_decision(world.partnership, world.partner_a)
    make_meeting(world.partnership)
    few = count_queries(lists, client)
    for n in range(4):
        partnership = make_partnership(title=f"Kemitraan {n}", coordinators=[world.coordinator])
        partner = make_partner(partnership, world.org_a)
        for k in range(3):
            make_decision(partnership, partner, text=f"Keputusan {k}")
            make_meeting(partnership, days_ago=k + 1, title=f"Rapat {k}")
    data = lists(client)
    assert len(data["decisions"]) == 13 and len(data["meetings"]) == 13
    assert count_queries(lists, client) <= few


def test_a_representative_of_two_partners_gets_both_to_choose_from(world, client_for, meeting):
    second = make_organisation("Yayasan Gizi")
    make_member(world.partner_user, second)
    partner = make_partner(world.partnership, second)
    data = lists(client_for(world.partner_user))
    assert {p["id"] for p in data["partners"][world.partnership.code]} == {
        world.partner_a.pk,
        partner.pk,
    }
    data = attendance(world, meeting, partner=partner.pk)
    assert send(client_for(world.partner_user), "attendance", data).status_code == 200
    assert Attendance.objects.get().partner == partner


def test_the_governance_messages_come_in_both_languages(world, client_for):
    messages = lists(client_for(world.partner_user))["messages"]
    assert messages["en"]["done_on_missing"] == "Say when the decision was carried out."
    assert messages["en"]["already_recorded"] == "This person's attendance is already recorded."
    assert "%(day)s" in messages["en"]["not_held"] and "%(day)s" in messages["id"]["not_held"]
    for name in ("done_on_missing", "done_on_future", "saved_decision", "saved_attendance"):
        assert messages["id"][name] != messages["en"][name]


def test_a_representative_of_two_partners_must_say_which(world, client_for, meeting):
    second = make_organisation("Yayasan Gizi")
    make_member(world.partner_user, second)
    make_partner(world.partnership, second)
    data = attendance(world, meeting)
    del data["partner"]
    response = send(client_for(world.partner_user), "attendance", data)
    assert response.status_code == 400 and list(response.json()["errors"]) == ["partner"]
    assert not Attendance.objects.exists()
