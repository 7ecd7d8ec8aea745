"""Target URLs: http(s) only, no credentials in them, and no private or local address unless
the deployment allows it (DEBUG, or SIMITRA_WEBHOOK_ALLOW_PRIVATE) — when saved and again at
every send, after the name is resolved."""

import socket

import pytest
from django.utils import translation

from simitra.webhooks import targets
from simitra.webhooks.forms import SubscriptionForm
from simitra.webhooks.models import Delivery
from simitra.webhooks.services import deliver
from simitra.webhooks.targets import TargetRefused, check_resolved, check_url

PRIVATE = [
    "http://127.0.0.1:8000/hook",
    "http://localhost/hook",
    "http://10.1.2.3/hook",
    "https://192.168.0.10/hook",
    "http://172.16.5.5/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/hook",
    "http://[fe80::1]/hook",
    "http://[::ffff:10.0.0.1]/hook",
    "http://0.0.0.0/",
    "http://100.64.0.1/",  # shared address space
    "http://240.0.0.1/",  # reserved
]


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def production(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("SIMITRA_WEBHOOK_ALLOW_PRIVATE", raising=False)
    if hasattr(settings, "SIMITRA_WEBHOOK_ALLOW_PRIVATE"):
        del settings.SIMITRA_WEBHOOK_ALLOW_PRIVATE


def resolving_to(monkeypatch, address):
    def getaddrinfo(host, port, *args, **kwargs):
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(targets.socket, "getaddrinfo", getaddrinfo)


@pytest.mark.parametrize("url", PRIVATE)
def test_private_addresses_are_refused_in_production(production, url):
    with pytest.raises(TargetRefused, match="private or local network"):
        check_url(url)


@pytest.mark.parametrize("url", PRIVATE[:3])
def test_private_addresses_are_allowed_in_debug(settings, monkeypatch, url):
    monkeypatch.delenv("SIMITRA_WEBHOOK_ALLOW_PRIVATE", raising=False)
    settings.DEBUG = True
    check_url(url)


def test_an_explicit_setting_allows_them_without_debug(production, settings):
    settings.SIMITRA_WEBHOOK_ALLOW_PRIVATE = True
    check_url("http://127.0.0.1:9000/hook")


def test_a_name_resolving_to_a_private_address_is_refused(production, monkeypatch):
    resolving_to(monkeypatch, "10.0.0.7")
    check_url("https://hooks.example.org/in")  # the name alone says nothing
    with pytest.raises(TargetRefused):
        check_resolved("https://hooks.example.org/in")
    with pytest.raises(TargetRefused):
        targets.connect(("hooks.example.org", 443), timeout=1)


def test_a_public_address_is_accepted(production, monkeypatch):
    resolving_to(monkeypatch, "203.0.113.10")  # documentation range: not global either
    with pytest.raises(TargetRefused):
        check_resolved("https://hooks.example.org/in")
    resolving_to(monkeypatch, "93.184.215.14")
    check_resolved("https://hooks.example.org/in")


def test_the_deployment_can_name_the_only_hosts(production, settings, monkeypatch):
    settings.SIMITRA_WEBHOOK_ALLOWED_HOSTS = ["example.org"]
    resolving_to(monkeypatch, "93.184.215.14")
    check_resolved("https://hooks.example.org/in")
    with pytest.raises(TargetRefused, match="only to: example.org"):
        check_url("https://example.com/in")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://files.example.org/in", "Only http:// and https:// addresses can receive webhooks."),
        ("file:///etc/passwd", "Only http:// and https:// addresses can receive webhooks."),
        (
            "https://user:secret@hooks.example.org/in",
            "Leave the user name and password out of the URL; the signature proves the sender.",
        ),
        (
            "https://token@hooks.example.org/in",
            "Leave the user name and password out of the URL; the signature proves the sender.",
        ),
        ("https:///in", "The URL has no host."),
    ],
)
def test_the_form_says_why_a_url_is_refused(settings, url, message):
    settings.DEBUG = True
    with translation.override("en"):
        form = SubscriptionForm(data={"url": url, "event_types": ["risk.raised"]})
        assert not form.is_valid()
        assert form.errors["url"] == [message]


def test_the_form_says_it_in_indonesian(settings):
    settings.DEBUG = True
    with translation.override("id"):
        form = SubscriptionForm(data={"url": "ftp://x.example/", "event_types": ["risk.raised"]})
        assert not form.is_valid()
        assert "http://" in form.errors["url"][0]
        assert "Only" not in form.errors["url"][0]


def test_the_form_refuses_a_private_target_in_production(production):
    with translation.override("en"):
        form = SubscriptionForm(
            data={"url": "http://192.168.1.20/hook", "event_types": ["risk.raised"]}
        )
        assert not form.is_valid()
        assert "private or local network" in form.errors["url"][0]


@pytest.mark.django_db
def test_the_send_checks_again_after_resolving(world, receiver, subscribe, production):
    """Saved while allowed (say, DEBUG), sent when not: refused on the resolved address."""
    subscription = subscribe(world.partnership, world.coordinator, receiver.url)
    delivery = Delivery.objects.create(
        subscription=subscription,
        event_id="9b2f7f3e-3f51-4a53-8d4c-1f1f6e0a0001",
        event_type="partnership.phase_changed",
        record_kind="partnership",
        record_pk=world.partnership.pk,
        occurred_at="2026-11-20T09:00:00Z",
    )
    assert deliver(delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.error == "target"
    assert "private or local network" in delivery.error_message
    assert not receiver.requests
