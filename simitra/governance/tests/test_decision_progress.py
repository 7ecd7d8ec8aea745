"""A decision's progress recorded by the partner responsible for it (or the coordinator):
status and the day it was done, with the version check, through the one service."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from simitra.governance import services
from simitra.governance.models import Decision
from simitra.lib.forms import version_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(world):
    return Decision.objects.create(
        partnership=world.partnership,
        text="Menyusun jadwal posyandu bersama",
        owner=world.partner_a,
        due_date=timezone.localdate() + dt.timedelta(days=10),
    )


def url(world, decision):
    return reverse("governance:decision_progress", args=[world.partnership.code, decision.pk])


def english(user):
    user.language = "en"
    user.save(update_fields=["language"])


def done(decision, **fields):
    return {
        "status": "done",
        "done_on": timezone.localdate().isoformat(),
        "seen_version": version_of(decision),
        **fields,
    }


def test_the_owning_partner_records_the_progress(world, client_for, decision):
    client = client_for(world.partner_user)
    assert client.get(url(world, decision)).status_code == 200
    response = client.post(url(world, decision), done(decision))
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == "done" and decision.done_on == timezone.localdate()
    latest = decision.history.first()
    assert latest.status == "done" and latest.history_user == world.partner_user
    assert decision.history.count() == 2


def test_in_progress_clears_the_done_day(world, client_for, decision):
    client = client_for(world.partner_user)
    response = client.post(
        url(world, decision), done(decision, status="in_progress", done_on="2025-01-01")
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == "in_progress" and decision.done_on is None


def test_the_coordinator_may_record_it_too(world, client_for, decision):
    response = client_for(world.coordinator).post(url(world, decision), done(decision))
    assert response.status_code == 302


def test_an_outsider_does_not_see_it(world, client_for, decision):
    client = client_for(world.outsider)
    assert client.get(url(world, decision)).status_code == 404
    assert client.post(url(world, decision), done(decision)).status_code == 404


@pytest.mark.parametrize("who", ["partner_b_user", "observer"])
def test_another_partner_or_an_observer_is_refused(world, client_for, decision, who):
    client = client_for(getattr(world, who))
    assert client.get(url(world, decision)).status_code == 403
    assert client.post(url(world, decision), done(decision)).status_code == 403
    decision.refresh_from_db()
    assert decision.status == "open" and decision.history.count() == 1


def test_done_needs_its_day(world, client_for, decision):
    english(world.partner_user)
    response = client_for(world.partner_user).post(url(world, decision), done(decision, done_on=""))
    assert response.status_code == 400
    assert "Say when the decision was carried out." in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == "open"


def test_a_done_day_still_to_come_is_refused(world, client_for, decision):
    english(world.partner_user)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client_for(world.partner_user).post(
        url(world, decision), done(decision, done_on=tomorrow)
    )
    assert response.status_code == 400
    assert "A decision cannot be carried out on a day still to come." in response.content.decode()


def test_dropping_is_left_to_the_coordinator(world, client_for, decision):
    response = client_for(world.partner_user).post(
        url(world, decision), done(decision, status="dropped")
    )
    assert response.status_code == 400
    decision.refresh_from_db()
    assert decision.status == "open"


def test_a_form_opened_before_another_save_is_refused_with_both_versions(
    world, client_for, decision
):
    english(world.partner_user)
    seen = version_of(decision)
    services.record_progress(
        decision=decision, status="in_progress", done_on=None, recorded_by=world.coordinator
    )
    response = client_for(world.partner_user).post(
        url(world, decision), done(decision, seen_version=seen)
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this after you opened the form" in page
    assert "In progress" in page and "Done" in page
    decision.refresh_from_db()
    assert decision.status == "in_progress"


def test_a_decision_already_done_is_refused(world, client_for, decision):
    english(world.partner_user)
    decision.status, decision.done_on = "done", timezone.localdate()
    decision.save()
    response = client_for(world.partner_user).post(
        url(world, decision), done(decision, status="in_progress")
    )
    assert response.status_code == 409
    assert "This decision is already done" in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == "done"


def test_the_service_refuses_a_stale_version(world, decision):
    seen = version_of(decision)
    services.record_progress(
        decision=decision, status="in_progress", done_on=None, recorded_by=world.partner_user
    )
    with pytest.raises(services.GovernanceError):
        services.record_progress(
            decision=decision,
            status="done",
            done_on=timezone.localdate(),
            recorded_by=world.partner_user,
            seen_version=seen,
        )


def test_the_list_links_the_progress_for_the_owner_only(world, client_for, decision):
    list_url = reverse("governance:decisions", args=[world.partnership.code])
    progress = url(world, decision)
    assert progress in client_for(world.partner_user).get(list_url).content.decode()
    for user in (world.partner_b_user, world.observer):
        assert progress not in client_for(user).get(list_url).content.decode()


def test_an_ended_partnership_refuses_it(world, client_for, decision):
    world.partnership.status = "completed"
    world.partnership.save()
    assert (
        client_for(world.partner_user).post(url(world, decision), done(decision)).status_code == 403
    )


def test_the_progress_asks_for_the_early_warnings_recompute(world, decision, monkeypatch):
    from simitra.partnerships import recompute

    asked = []
    monkeypatch.setattr(recompute, "inputs_changed", asked.append)
    services.record_progress(
        decision=decision, status="in_progress", done_on=None, recorded_by=world.partner_user
    )
    assert asked == [world.partnership.pk]
