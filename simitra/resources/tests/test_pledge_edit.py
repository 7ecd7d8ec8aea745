from decimal import Decimal

import pytest
from django.urls import reverse

from simitra.resources.models import Pledge, PledgeStatus
from simitra.resources.testing import make_delivery, make_pledge

pytestmark = pytest.mark.django_db


def form(partner, **changes):
    data = {
        "partner": partner.pk,
        "category": "support",
        "description": "Pelatihan kader posyandu",
        "unit": "orang-hari",
        "quantity": "40",
        "estimated_value": "30000000",
        "currency": "IDR",
        "exchange_rate": "1",
        "valuation_method": "time",
        "valuation_note": "40 orang-hari × Rp750.000",
        "due_date": "2026-06-30",
        "paid_to": "",
    }
    data.update(changes)
    return data


def test_a_representative_records_a_contribution_of_their_own_organisation(world, client_for):
    response = client_for(world.partner_user).post(
        reverse("resources:pledge_create", args=[world.partnership.code]), form(world.partner_a)
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.partner == world.partner_a
    assert pledge.estimated_value == Decimal("30000000")
    assert pledge.status == PledgeStatus.PLEDGED
    assert pledge.created_by == world.partner_user


def test_a_representative_cannot_pledge_for_another_organisation(world, client_for):
    response = client_for(world.partner_user).post(
        reverse("resources:pledge_create", args=[world.partnership.code]), form(world.partner_b)
    )
    assert response.status_code == 200
    # In the representative's saved language, Indonesian.
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not Pledge.objects.exists()


def test_a_representative_edits_their_own_pledge(world, client_for):
    pledge = make_pledge(world.partner_a)
    response = client_for(world.partner_user).post(
        reverse("resources:pledge_edit", args=[world.partnership.code, pledge.pk]),
        form(world.partner_a, description="Diubah"),
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.description == "Diubah"


def test_a_representative_cannot_edit_another_organisations_pledge(world, client_for):
    pledge = make_pledge(world.partner_b, description="Milik dinas")
    client = client_for(world.partner_user)
    code = world.partnership.code
    edit = reverse("resources:pledge_edit", args=[code, pledge.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, form(world.partner_b, description="Dibajak")).status_code == 403
    assert (
        client.post(reverse("resources:pledge_cancel", args=[code, pledge.pk]), {"reason": "x"})
    ).status_code == 403
    assert (
        client.post(reverse("resources:pledge_delete", args=[code, pledge.pk])).status_code == 403
    )
    assert (
        client.get(reverse("resources:delivery_create", args=[code, pledge.pk])).status_code == 403
    )
    pledge.refresh_from_db()
    assert pledge.description == "Milik dinas" and pledge.status == PledgeStatus.PLEDGED


def test_the_observer_reads_but_does_not_edit(world, client_for):
    pledge = make_pledge(world.partner_a)
    client = client_for(world.observer)
    code = world.partnership.code
    assert client.get(reverse("resources:pledge", args=[code, pledge.pk])).status_code == 200
    assert client.get(reverse("resources:pledge_edit", args=[code, pledge.pk])).status_code == 403
    assert client.get(reverse("resources:pledge_create", args=[code])).status_code == 403


def test_an_outsider_gets_404_everywhere(world, client_for):
    pledge = make_pledge(world.partner_a)
    client = client_for(world.outsider)
    code = world.partnership.code
    for name in ["resources:pledge", "resources:pledge_edit", "resources:delivery_create"]:
        assert client.get(reverse(name, args=[code, pledge.pk])).status_code == 404
    assert client.get(reverse("resources:pledge_create", args=[code])).status_code == 404


def test_the_coordinator_edits_any_pledge(world, client_for):
    pledge = make_pledge(world.partner_b)
    response = client_for(world.coordinator).post(
        reverse("resources:pledge_edit", args=[world.partnership.code, pledge.pk]),
        form(world.partner_b, description="Oleh koordinator"),
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.description == "Oleh koordinator"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"estimated_value": "0"}, "estimated_value", "Give the estimated value"),
        ({"valuation_method": "none"}, "estimated_value", "has no value: use 0"),
        ({"currency": "XYZ"}, "currency", "Unknown currency"),
        ({"currency": "USD", "exchange_rate": "1"}, "exchange_rate", "Give the rate"),
        ({"estimated_value": "-5"}, "estimated_value", ""),
    ],
)
def test_an_invalid_form_shows_its_message_keeps_the_input_and_saves_nothing(
    world, client_for, changes, field, message
):
    client = client_for(world.partner_user)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.post(
        reverse("resources:pledge_create", args=[world.partnership.code]),
        form(world.partner_a, **changes),
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert message in str(response.context["form"].errors[field])
    assert "Pelatihan kader posyandu" in response.content.decode()
    assert not Pledge.objects.exists()


def test_a_pledge_with_deliveries_is_cancelled_not_deleted(world, client_for):
    pledge = make_pledge(world.partner_a)
    make_delivery(pledge, amount=1_000)
    client = client_for(world.partner_user)
    code = world.partnership.code
    client.post(reverse("resources:pledge_delete", args=[code, pledge.pk]))
    assert Pledge.objects.filter(pk=pledge.pk).exists()
    client.post(reverse("resources:pledge_cancel", args=[code, pledge.pk]), {"reason": ""})
    pledge.refresh_from_db()
    assert pledge.status != PledgeStatus.CANCELLED
    client.post(
        reverse("resources:pledge_cancel", args=[code, pledge.pk]),
        {"reason": "Anggaran CSR dipotong"},
    )
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.CANCELLED
    assert pledge.cancel_reason == "Anggaran CSR dipotong"
    client.post(reverse("resources:pledge_reopen", args=[code, pledge.pk]))
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.PARTLY_DELIVERED
