"""Sending an entry from a device's outbox: once per key, through the owning app's rules and
services, answered in JSON that the device keeps when it is a refusal."""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from simitra.field.models import Submission
from simitra.resources.models import Delivery
from simitra.resources.testing import make_pledge
from simitra.results.models import IndicatorValue
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledge(world):
    return make_pledge(world.partner_a, value=100_000_000)


@pytest.fixture
def indicator(world):
    return make_indicator(world.partnership, world.partner_a)


def photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile("bukti.jpg", buffer.getvalue(), content_type="image/jpeg")


def delivery_entry(world, pledge, **fields):
    return {
        "key": str(uuid.uuid4()),
        "partnership": world.partnership.code,
        "pledge": pledge.pk,
        "delivered_on": "2025-06-30",
        "amount": "25000000",
        "evidence_url": "https://bukti.example/1.pdf",
        **fields,
    }


def value_entry(world, indicator, **fields):
    return {
        "key": str(uuid.uuid4()),
        "partnership": world.partnership.code,
        "indicator": indicator.pk,
        "period": indicator.periods.first().pk,
        "value": "1250.5",
        **fields,
    }


def send(client, kind, data):
    return client.post(reverse("field:send", args=[kind]), data)


def test_it_records_a_delivery_with_a_photo(world, client_for, pledge):
    entry = delivery_entry(world, pledge, evidence_url="", evidence_file=photo())
    response = send(client_for(world.partner_user), "delivery", entry)
    assert response.status_code == 200, response.content
    answer = response.json()
    delivery = Delivery.objects.get()
    assert answer["ok"] and answer["id"] == delivery.pk and not answer["replayed"]
    assert delivery.recorded_by == world.partner_user
    assert delivery.evidence_name == "bukti.jpg"
    assert answer["message"] == "Penyerahan dicatat."


def test_a_repeated_key_returns_the_first_answer_and_records_nothing_again(
    world, client_for, pledge
):
    client = client_for(world.partner_user)
    entry = delivery_entry(world, pledge)
    first = send(client, "delivery", entry).json()
    again = send(client, "delivery", entry)
    assert again.status_code == 200
    assert again.json() == {**first, "replayed": True}
    assert Delivery.objects.count() == 1
    assert Submission.objects.filter(user=world.partner_user, key=entry["key"]).count() == 1


def test_the_same_key_of_another_user_is_another_entry(world, client_for, indicator):
    key = str(uuid.uuid4())
    send(client_for(world.partner_user), "value", value_entry(world, indicator, key=key))
    other = value_entry(world, indicator, key=key, period=indicator.periods.last().pk)
    assert send(client_for(world.coordinator), "value", other).status_code == 200
    assert IndicatorValue.objects.count() == 2


def test_it_records_an_indicator_value_through_the_results_service(world, client_for, indicator):
    response = send(client_for(world.partner_user), "value", value_entry(world, indicator))
    assert response.status_code == 200, response.content
    value = IndicatorValue.objects.get()
    assert str(value.value) == "1250.50"
    assert value.status == IndicatorValue.Status.DRAFT and value.entered_by == world.partner_user


def test_it_hides_the_partnership_from_an_outsider(world, client_for, pledge, indicator):
    client = client_for(world.outsider)
    assert send(client, "delivery", delivery_entry(world, pledge)).status_code == 404
    response = send(client, "value", value_entry(world, indicator))
    assert response.status_code == 404
    assert response.json()["ok"] is False and response.json()["message"]
    assert not Delivery.objects.exists() and not IndicatorValue.objects.exists()
    assert not Submission.objects.exists()


@pytest.mark.parametrize("who", ["observer", "partner_b_user"])
def test_it_refuses_a_reader_who_may_not_record(world, client_for, pledge, indicator, who):
    user = getattr(world, who)
    user.language = "en"
    user.save(update_fields=["language"])
    client = client_for(user)
    response = send(client, "delivery", delivery_entry(world, pledge))
    assert response.status_code == 403
    assert response.json()["message"] == "You may read this partnership but not record in it."
    assert send(client, "value", value_entry(world, indicator)).status_code == 403
    assert not Delivery.objects.exists() and not Submission.objects.exists()


def test_an_invalid_value_is_refused_with_the_forms_message(world, client_for, indicator):
    world.partner_user.language = "en"
    world.partner_user.save(update_fields=["language"])
    entry = value_entry(world, indicator, value="1.250,5")
    response = send(client_for(world.partner_user), "value", entry)
    assert response.status_code == 400
    assert response.json()["errors"] == {"value": ["Enter a number."]}
    assert response.json()["message"] == "Enter a number."
    assert not Submission.objects.exists()


def test_a_refused_entry_can_be_fixed_and_sent_again_with_its_key(world, client_for, indicator):
    client = client_for(world.partner_user)
    entry = value_entry(world, indicator, value="")
    assert send(client, "value", entry).status_code == 400
    entry["value"] = "12"
    assert send(client, "value", entry).status_code == 200
    assert IndicatorValue.objects.get().value == 12


def test_a_period_that_got_its_value_meanwhile_refuses_with_the_servers_message(
    world, client_for, indicator
):
    world.partner_user.language = "en"
    world.partner_user.save(update_fields=["language"])
    make_value(indicator.periods.first(), "7", status=IndicatorValue.Status.APPROVED)
    response = send(client_for(world.partner_user), "value", value_entry(world, indicator))
    assert response.status_code == 400
    assert response.json()["message"] == (
        "This period already has a value for this category; edit that one."
    )


def test_the_pledges_service_refuses_a_delivery_above_the_pledge(world, client_for, pledge):
    entry = delivery_entry(world, pledge, amount="150000000")
    response = send(client_for(world.partner_user), "delivery", entry)
    assert response.status_code == 409
    assert "150" in response.json()["message"]
    assert not Delivery.objects.exists() and not Submission.objects.exists()


def test_an_entry_without_a_valid_key_is_refused(world, client_for, pledge):
    response = send(
        client_for(world.partner_user), "delivery", delivery_entry(world, pledge, key="x")
    )
    assert response.status_code == 400 and not Delivery.objects.exists()


def test_a_key_used_for_another_kind_is_refused(world, client_for, pledge, indicator):
    client = client_for(world.partner_user)
    key = str(uuid.uuid4())
    send(client, "delivery", delivery_entry(world, pledge, key=key))
    assert send(client, "value", value_entry(world, indicator, key=key)).status_code == 409
    assert not IndicatorValue.objects.exists()


def test_it_rejects_get_and_anonymous(world, client, pledge):
    url = reverse("field:send", args=["delivery"])
    assert client.post(url, delivery_entry(world, pledge)).status_code == 302
    assert client.get(url).status_code in (302, 405)
