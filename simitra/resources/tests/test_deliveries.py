import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from simitra.resources.models import Delivery, PledgeStatus
from simitra.resources.testing import make_delivery, make_pledge

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.SIMITRA_PRIVATE_ROOT = tmp_path / "private"


def deliver(client, world, pledge, **data):
    data.setdefault("delivered_on", "2025-06-30")
    data.setdefault("amount", "400000")
    return client.post(
        reverse("resources:delivery_create", args=[world.partnership.code, pledge.pk]), data
    )


def test_the_status_follows_the_deliveries(world, client_for):
    pledge = make_pledge(world.partner_a, value=1_000_000)
    client = client_for(world.partner_user)
    assert pledge.status == PledgeStatus.PLEDGED
    deliver(client, world, pledge, evidence_url="https://bukti.example/1.pdf")
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.PARTLY_DELIVERED
    deliver(client, world, pledge, amount="600000", evidence_url="https://bukti.example/2.pdf")
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.DELIVERED
    delivery = pledge.deliveries.first()
    client.post(reverse("resources:delivery_delete", args=[world.partnership.code, delivery.pk]))
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.PARTLY_DELIVERED


def test_an_unvalued_pledge_follows_its_quantity(world):
    pledge = make_pledge(
        world.partner_b, value=0, category="reach", quantity=32, valuation_method="none"
    )
    make_delivery(pledge, amount=0, quantity=10)
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.PARTLY_DELIVERED
    make_delivery(pledge, amount=0, quantity=22)
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.DELIVERED


def test_a_delivery_needs_evidence(world, client_for):
    pledge = make_pledge(world.partner_a)
    client = client_for(world.partner_user)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = deliver(client, world, pledge)
    assert response.status_code == 200
    assert "Attach an evidence file or give a link to it." in response.content.decode()
    assert not Delivery.objects.exists()


def test_it_keeps_an_evidence_file_and_serves_it_only_to_those_inside(world, client_for):
    pledge = make_pledge(world.partner_a)
    upload = SimpleUploadedFile("kuitansi.pdf", PDF, content_type="application/pdf")
    response = deliver(client_for(world.partner_user), world, pledge, evidence_file=upload)
    assert response.status_code == 302
    delivery = Delivery.objects.get()
    assert delivery.evidence_name == "kuitansi.pdf"
    assert not delivery.evidence_file.name.endswith("kuitansi.pdf")  # an unguessable name
    url = reverse("resources:delivery_evidence", args=[world.partnership.code, delivery.pk])
    served = client_for(world.observer).get(url)
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content).startswith(b"%PDF-")
    assert client_for(world.outsider).get(url).status_code == 404


def test_it_refuses_a_file_that_is_not_what_it_claims(world, client_for):
    pledge = make_pledge(world.partner_a)
    client = client_for(world.partner_user)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    fake = SimpleUploadedFile(
        "bukti.pdf", b"<script>alert(1)</script>", content_type="application/pdf"
    )
    response = deliver(client, world, pledge, evidence_file=fake)
    assert response.status_code == 200
    assert "This kind of file is not accepted" in response.content.decode()
    assert not Delivery.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(world, client_for, settings):
    settings.SIMITRA_MAX_UPLOAD_BYTES = 100
    pledge = make_pledge(world.partner_a)
    client = client_for(world.partner_user)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * 200, content_type="application/pdf")
    response = deliver(client, world, pledge, evidence_file=big)
    assert "The file is too large" in response.content.decode()
    assert not Delivery.objects.exists()


def test_no_delivery_on_a_cancelled_pledge(world, client_for):
    pledge = make_pledge(world.partner_a)
    pledge.status, pledge.cancel_reason = PledgeStatus.CANCELLED, "Batal"
    pledge.save()
    response = deliver(
        client_for(world.partner_user), world, pledge, evidence_url="https://bukti.example/x"
    )
    assert response.status_code == 409  # refused by the contribution's state
    assert not Delivery.objects.exists()


def test_a_representative_cannot_delete_another_organisations_delivery(world, client_for):
    delivery = make_delivery(make_pledge(world.partner_b), amount=1)
    response = client_for(world.partner_user).post(
        reverse("resources:delivery_delete", args=[world.partnership.code, delivery.pk])
    )
    assert response.status_code == 403
    assert Delivery.objects.filter(pk=delivery.pk).exists()


def test_a_delivery_beyond_the_pledged_value_is_refused_and_says_how_much_fits(world, client_for):
    pledge = make_pledge(world.partner_a, value=1_000_000)
    make_delivery(pledge, amount=700_000)
    world.partner_user.language = "en"
    world.partner_user.save(update_fields=["language"])
    client = client_for(world.partner_user)
    response = deliver(client, world, pledge, amount="400000", evidence_url="https://b.example/2")
    assert response.status_code == 409
    body = response.content.decode()
    assert "above the Rp1,000,000 pledged" in body and "Record at most Rp300,000" in body
    assert pledge.deliveries.count() == 1
    # What fits is recorded, and completes the contribution.
    response = deliver(client, world, pledge, amount="300000", evidence_url="https://b.example/3")
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.DELIVERED


def test_the_api_refuses_an_over_delivery_as_the_page_does(world):
    from rest_framework.test import APIClient

    pledge = make_pledge(world.partner_a, value=1_000_000)
    client = APIClient()
    client.force_login(world.partner_user)
    response = client.post(
        "/api/v1/deliveries/",
        {
            "pledge": pledge.pk,
            "delivered_on": "2025-06-30",
            "amount": "1000001",
            "evidence_url": "https://b.example/1",
        },
        format="json",
    )
    assert response.status_code == 409, response.content
    assert response.json()["code"] == "contribution_refused"
    assert not pledge.deliveries.exists()
