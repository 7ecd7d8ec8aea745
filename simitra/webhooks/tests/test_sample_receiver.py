"""The sample receiver of the docs (docs/examples/webhook_receiver.py) accepts Simitra's
deliveries and refuses a forged, altered or replayed one."""

import importlib.util
import threading
import time
from http.server import HTTPServer
from pathlib import Path

import pytest
from django.conf import settings

from simitra.webhooks import signing
from simitra.webhooks.models import Delivery

from .test_delivery import raise_risk

pytestmark = pytest.mark.django_db

SAMPLE = Path(settings.BASE_DIR) / "docs" / "examples" / "webhook_receiver.py"


@pytest.fixture(scope="module")
def sample():
    spec = importlib.util.spec_from_file_location("webhook_receiver", SAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_checks_the_signature_and_the_time(sample):
    body = b'{"id": "x"}'
    now = int(time.time())
    header = signing.header_value("s3cret", now, body)
    assert sample.signature_ok("s3cret", header, body)
    assert not sample.signature_ok("other", header, body)
    assert not sample.signature_ok("s3cret", header, body + b" ")
    assert not sample.signature_ok("s3cret", header, body, now=now + 301)
    assert not sample.signature_ok("s3cret", "v1=abc", body)


def test_it_accepts_a_real_delivery(
    world, queue, subscribe, sample, django_capture_on_commit_callbacks
):
    subscription = subscribe(world.partnership, world.coordinator, "http://placeholder/")
    handler = type(
        "Handler",
        (sample.Receiver,),
        {"secret": subscription.secret, "log_message": lambda *a: None},
    )
    server = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        subscription.url = f"http://127.0.0.1:{server.server_address[1]}/simitra"
        subscription.save()
        with django_capture_on_commit_callbacks(execute=True):
            raise_risk(world.partnership, world.partner_a)
        queue.run()
        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.response_code) == ("delivered", 204)
        # With another secret the same receiver refuses it.
        subscription.secret = "f" * 64
        subscription.save()
        with django_capture_on_commit_callbacks(execute=True):
            raise_risk(world.partnership, world.partner_a, title="Risiko kedua")
        queue.run()
        refused = Delivery.objects.exclude(pk=delivery.pk).get()
        assert refused.response_code == 400
    finally:
        server.shutdown()
        server.server_close()
