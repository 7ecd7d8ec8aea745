"""The subscription pages: who sees them, the secret shown once, the log, the buttons."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from simitra.lib.testing import count_queries
from simitra.webhooks.models import Delivery, Subscription

pytestmark = pytest.mark.django_db


def url(world, name, *args):
    return reverse(f"webhooks:{name}", args=[world.partnership.code, *args])


@pytest.fixture
def subscription(world):
    return Subscription.objects.create(
        partnership=world.partnership,
        owner=world.coordinator,
        url="https://hooks.example.org/simitra",
        event_types=["risk.raised", "partnership.phase_changed"],
    )


def log(subscription, n):
    Delivery.objects.bulk_create(
        Delivery(
            subscription=subscription,
            event_id=uuid.uuid4(),
            event_type="risk.raised",
            record_kind="risk",
            record_pk=i + 1,
            occurred_at=timezone.now(),
            body='{"id": 1}',
            status="delivered" if i % 2 else "failed",
            attempts=1,
            response_code=200 if i % 2 else 500,
        )
        for i in range(n)
    )


@pytest.mark.parametrize("name", ["list", "add", "detail", "edit"])
def test_the_pages_check_access(world, client_for, subscription, name):
    args = [subscription.pk] if name in ("detail", "edit") else []
    assert client_for(world.outsider).get(url(world, name, *args)).status_code == 404
    assert client_for(world.partner_user).get(url(world, name, *args)).status_code == 403
    assert client_for(world.observer).get(url(world, name, *args)).status_code == 403
    assert client_for(world.coordinator).get(url(world, name, *args)).status_code == 200
    assert client_for(world.admin).get(url(world, name, *args)).status_code == 200


@pytest.mark.parametrize("name", ["pause", "resume", "delete"])
def test_the_buttons_check_access(world, client_for, subscription, name):
    assert client_for(world.outsider).post(url(world, name, subscription.pk)).status_code == 404
    assert client_for(world.partner_user).post(url(world, name, subscription.pk)).status_code == 403
    assert client_for(world.coordinator).get(url(world, name, subscription.pk)).status_code == 405


def test_an_org_admin_of_a_partner_subscribes_and_sees_only_their_own(
    world, client_for, subscription, settings
):
    settings.DEBUG = True
    world.partner_user.memberships.update(is_admin=True)
    client = client_for(world.partner_user)
    listing = client.get(url(world, "list"))
    assert listing.status_code == 200
    assert subscription.url not in listing.content.decode()  # the coordinator's
    assert client.get(url(world, "detail", subscription.pk)).status_code == 404
    response = client.post(
        url(world, "add"), {"url": "https://a.example.org/in", "event_types": ["risk.raised"]}
    )
    assert response.status_code == 200
    own = Subscription.objects.get(owner=world.partner_user)
    assert own.partnership == world.partnership
    # The coordinator manages every subscription of the partnership.
    assert client_for(world.coordinator).get(url(world, "detail", own.pk)).status_code == 200


def test_the_secret_is_shown_once(world, client_for, settings):
    settings.DEBUG = True
    client = client_for(world.coordinator)
    response = client.post(
        url(world, "add"),
        {
            "url": "https://hooks.example.org/in",
            "description": "Dasbor kabupaten",
            "event_types": ["risk.raised", "contribution.pledged"],
        },
    )
    subscription = Subscription.objects.get()
    assert subscription.secret in response.content.decode()
    assert subscription.event_types == ["contribution.pledged", "risk.raised"]
    assert subscription.owner == world.coordinator
    detail = client.get(url(world, "detail", subscription.pk)).content.decode()
    assert subscription.secret not in detail
    edit = client.get(url(world, "edit", subscription.pk)).content.decode()
    assert subscription.secret not in edit
    assert "secret" not in {f.name for f in subscription.history.model._meta.fields}


def in_english(user):
    user.language = "en"
    user.save(update_fields=["language"])
    return user


def test_an_invalid_form_says_why(world, client_for):
    response = client_for(in_english(world.coordinator)).post(
        url(world, "add"), {"url": "ftp://files.example.org/", "event_types": []}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Only http:// and https:// addresses can receive webhooks." in page
    assert "This field is required." in page  # no event chosen
    world.coordinator.language = "id"
    world.coordinator.save(update_fields=["language"])
    page = (
        client_for(world.coordinator)
        .post(
            url(world, "add"),
            {"url": "https://u:p@hooks.example.org/", "event_types": ["risk.raised"]},
        )
        .content.decode()
    )
    assert "Jangan cantumkan nama pengguna dan kata sandi di URL" in page
    assert not Subscription.objects.exists()


def test_pause_resume_delete(world, client_for, subscription):
    client = client_for(world.coordinator)
    client.post(url(world, "pause", subscription.pk))
    subscription.refresh_from_db()
    assert subscription.status == "paused" and not subscription.paused_by_failures
    subscription.consecutive_failures = 4
    subscription.save()
    client.post(url(world, "resume", subscription.pk))
    subscription.refresh_from_db()
    assert (subscription.status, subscription.consecutive_failures) == ("active", 0)
    response = client.post(url(world, "delete", subscription.pk))
    assert response.status_code == 302
    assert not Subscription.objects.exists()


def test_resend_from_the_log(world, client_for, subscription, queue):
    log(subscription, 1)
    past = Delivery.objects.get()
    client = client_for(world.coordinator)
    assert client.post(url(world, "resend", subscription.pk, past.pk)).status_code == 302
    copy = Delivery.objects.exclude(pk=past.pk).get()
    assert (copy.body, copy.resent_from, copy.status) == (past.body, past, "pending")
    outsider = client_for(world.outsider).post(url(world, "resend", subscription.pk, past.pk))
    assert outsider.status_code == 404


def test_a_paused_subscription_resends_nothing(world, client_for, subscription):
    log(subscription, 1)
    subscription.status = "paused"
    subscription.save()
    past = Delivery.objects.get()
    response = client_for(in_english(world.coordinator)).post(
        url(world, "resend", subscription.pk, past.pk), follow=True
    )
    assert "Resume the subscription first" in response.content.decode()
    assert Delivery.objects.count() == 1


def test_the_log_and_the_list_take_the_same_queries_at_any_length(world, client_for, subscription):
    client = client_for(world.coordinator)
    log(subscription, 2)

    def pages():
        assert client.get(url(world, "detail", subscription.pk)).status_code == 200
        assert client.get(url(world, "list")).status_code == 200

    small = count_queries(pages)
    log(subscription, 20)
    for n in range(5):
        Subscription.objects.create(
            partnership=world.partnership,
            owner=world.coordinator,
            url=f"https://hooks{n}.example.org/",
            event_types=["risk.raised"],
        )
    assert count_queries(pages) == small


def test_the_overview_card_is_for_subscribers_only(world, client_for, subscription):
    card = url(world, "list") + "?overview=1"
    assert "1" in client_for(world.coordinator).get(card).content.decode()
    assert client_for(world.partner_user).get(card).content == b""
    assert client_for(world.outsider).get(card).status_code == 404
