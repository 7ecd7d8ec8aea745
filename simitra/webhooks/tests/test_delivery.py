"""Deliveries against a receiver on 127.0.0.1: signed, retried, resent, withheld, paused."""

import datetime as dt
import json
import time

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from simitra.partnerships import services as partnership_services
from simitra.partnerships.testing import make_partnership
from simitra.risks import services as risk_services
from simitra.risks.models import Risk, RiskCategory
from simitra.webhooks import services, signing
from simitra.webhooks.models import Delivery

pytestmark = pytest.mark.django_db


def raise_risk(partnership, owner_partner, title="Banjir di lokasi"):
    RiskCategory.ensure_builtins()
    risk = Risk(
        category=RiskCategory.objects.get(code="reputation"),
        title=title,
        likelihood=3,
        impact=4,
        owner=owner_partner,
    )
    return risk_services.save_risk(risk=risk, partnership=partnership)


@pytest.fixture
def hooked(world, receiver, queue, subscribe):
    return subscribe(world.partnership, world.coordinator, receiver.url)


def test_a_delivery_is_signed_with_the_secret(
    world, receiver, queue, hooked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        risk = raise_risk(world.partnership, world.partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        queue.run()
    [request] = receiver.requests
    header = request.headers["Simitra-Signature"]
    assert signing.verify(hooked.secret, header, request.body, now=int(time.time()))
    assert not signing.verify("another secret", header, request.body, now=int(time.time()))
    # An old signature (a replay) is refused by the receiver's time check.
    assert not signing.verify(hooked.secret, header, request.body, now=int(time.time()) + 3600)
    body = json.loads(request.body)
    assert body["type"] == "risk.raised"
    assert body["partnership"] == world.partnership.code
    assert body["record"]["id"] == risk.pk
    assert body["record"]["title"] == "Banjir di lokasi"
    assert request.headers["Simitra-Event"] == "risk.raised"
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("delivered", 200, 1)


def test_a_receiver_failing_twice_gets_the_third_try(
    world, receiver, queue, hooked, django_capture_on_commit_callbacks
):
    receiver.codes = [500, 500]
    with django_capture_on_commit_callbacks(execute=True):
        raise_risk(world.partnership, world.partner_a)
    start = timezone.now()
    waits = []
    for _ in range(3):
        [due] = queue.pending()
        waits.append(due.task.run_after)
        with django_capture_on_commit_callbacks(execute=True):
            queue.run()
    assert not queue.pending()
    assert len(receiver.requests) == 3
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 3, 200)
    # Exponential back-off: the first try at once, then 60 s, then 120 s after each failure.
    assert waits[0] is None
    assert 55 <= (waits[1] - start).total_seconds() <= 65
    assert 115 <= (waits[2] - start).total_seconds() <= 130
    # Every try carries the same body.
    assert len({r.body for r in receiver.requests}) == 1


def test_a_resend_delivers_the_same_body(
    world, receiver, queue, hooked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        raise_risk(world.partnership, world.partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        queue.run()
    first = Delivery.objects.get()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=10)):
        with django_capture_on_commit_callbacks(execute=True):
            copy = services.resend(delivery=first)
        with django_capture_on_commit_callbacks(execute=True):
            queue.run()
    original, again = receiver.requests
    assert again.body == original.body
    assert again.headers["Simitra-Signature"] != original.headers["Simitra-Signature"]
    assert signing.verify(
        hooked.secret, again.headers["Simitra-Signature"], again.body, now=int(time.time()) + 600
    )
    copy.refresh_from_db()
    assert (copy.status, copy.resent_from_id) == ("delivered", first.pk)


def test_an_event_of_another_partnership_is_never_delivered(
    world, receiver, queue, hooked, django_capture_on_commit_callbacks
):
    other = make_partnership(title="Kemitraan lain")
    partner = other.partners.create(organisation=world.org_b, status="confirmed")
    with django_capture_on_commit_callbacks(execute=True):
        raise_risk(other, partner)
    queue.run()
    assert not Delivery.objects.exists()
    assert not receiver.requests


def test_a_subscriber_who_lost_access_gets_nothing(
    world, receiver, queue, hooked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        raise_risk(world.partnership, world.partner_a)
    world.partnership.coordinators.remove(world.coordinator)
    world.coordinator.memberships.all().delete()  # no longer a partner's member either
    queue.run()
    assert not receiver.requests
    delivery = Delivery.objects.get()
    assert delivery.status == "withheld"
    assert delivery.body == ""


def test_an_org_admin_receives_only_what_the_api_shows_them(
    world, receiver, queue, subscribe, django_capture_on_commit_callbacks
):
    world.partner_user.memberships.update(is_admin=True)
    subscription = subscribe(world.partnership, world.partner_user, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        raise_risk(world.partnership, world.partner_a)
    queue.run()
    [request] = receiver.requests
    body = json.loads(request.body)
    assert signing.verify(
        subscription.secret,
        request.headers["Simitra-Signature"],
        request.body,
        now=int(time.time()),
    )
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world.partner_user)
    shown = client.get(f"/api/v1/risks/{body['record']['id']}/").json()
    assert body["record"] == shown


def test_a_rolled_back_action_sends_nothing(
    world, receiver, queue, hooked, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        raise_risk(world.partnership, world.partner_a)
        raise RuntimeError("the action fails after the risk was saved")
    queue.run()
    assert not Risk.objects.exists()
    assert not Delivery.objects.exists()
    assert not receiver.requests


def test_a_phase_change_is_delivered_with_the_partnership(
    world, receiver, queue, subscribe, django_capture_on_commit_callbacks
):
    subscribe(
        world.partnership, world.coordinator, receiver.url, events=["partnership.phase_changed"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        partnership_services.advance_phase(
            partnership=world.partnership, moved_by=world.coordinator, override_reason="uji"
        )
        raise_risk(world.partnership, world.partner_a)  # not subscribed to
    queue.run()
    [request] = receiver.requests
    body = json.loads(request.body)
    assert body["type"] == "partnership.phase_changed"
    assert body["data"] == {"from_phase": 1, "to_phase": 2}
    assert body["record"]["code"] == world.partnership.code


def test_it_pauses_after_repeated_failures_with_one_email(
    world, receiver, queue, hooked, settings, django_capture_on_commit_callbacks
):
    settings.SIMITRA_WEBHOOK_PAUSE_AFTER = 2
    settings.SIMITRA_WEBHOOK_MAX_ATTEMPTS = 1
    receiver.codes = [500] * 5
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            raise_risk(world.partnership, world.partner_a, title=f"Risiko {n}")
        with django_capture_on_commit_callbacks(execute=True):
            queue.run()
    hooked.refresh_from_db()
    assert hooked.status == "paused" and hooked.paused_by_failures
    # Two deliveries failed and paused it; the third event, after the pause, is not queued.
    assert len(receiver.requests) == 2
    assert Delivery.objects.filter(status="failed").count() == 2
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.coordinator.email]
    assert hooked.url in mail.outbox[0].body


def test_a_success_resets_the_failure_count(
    world, receiver, queue, hooked, settings, django_capture_on_commit_callbacks
):
    settings.SIMITRA_WEBHOOK_PAUSE_AFTER = 2
    settings.SIMITRA_WEBHOOK_MAX_ATTEMPTS = 1
    receiver.codes = [500, 200, 500]
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            raise_risk(world.partnership, world.partner_a, title=f"Risiko {n}")
        queue.run()
    hooked.refresh_from_db()
    assert hooked.status == "active"
    assert hooked.consecutive_failures == 1
    assert not mail.outbox
