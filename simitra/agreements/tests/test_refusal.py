"""The seed's rule, through the pages: no approval or signature while the plan is not ready."""

import pytest
from django.urls import reverse

from simitra.agreements import services
from simitra.agreements.models import AgreementParty, AgreementStatus
from simitra.agreements.testing import approved_mou, make_mou
from simitra.planning.models import Activity

pytestmark = pytest.mark.django_db


def sign_data(**changes):
    data = {
        "signatory_name": "Budi Santoso",
        "signatory_title": "Direktur",
        "signed_on": "2025-01-20",
    }
    data.update(changes)
    return data


def break_the_plan():
    # Still the plan version the agreement was reviewed with, but no longer ready.
    Activity.objects.filter(title="Pemberian makanan tambahan").update(deliverable="")


def test_it_refuses_to_sign_before_the_plan_is_ready(ready, client_for):
    mou = approved_mou(ready)
    break_the_plan()
    party = mou.parties.get(partner=ready.partner_a)
    client = client_for(ready.partner_user)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.post(
        reverse("agreements:sign", args=[ready.partnership.code, mou.pk, party.pk]), sign_data()
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "cannot be approved or signed yet" in body
    assert "Action plan: “Pemberian makanan tambahan” has no deliverable." in body
    party.refresh_from_db()
    assert not party.is_signed and party.signatory_name == ""
    mou.refresh_from_db()
    assert mou.status == AgreementStatus.APPROVED


def test_it_refuses_approval_before_the_plan_is_ready_and_lists_every_problem(ready, client_for):
    mou = make_mou(ready)
    services.submit_for_review(agreement=mou, submitted_by=ready.coordinator)
    Activity.objects.filter(title="Pemberian makanan tambahan").update(
        deliverable="", responsible=None
    )
    party = mou.parties.get(partner=ready.partner_b)
    client = client_for(ready.partner_b_user)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.post(
        reverse("agreements:approve", args=[ready.partnership.code, mou.pk, party.pk])
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "“Pemberian makanan tambahan” has no responsible partner." in body
    assert "“Pemberian makanan tambahan” has no deliverable." in body
    assert "PT Mitra Usaha has no part in the plan" in body
    assert not AgreementParty.objects.filter(approved_at__isnull=False).exists()


def test_the_refusal_speaks_indonesian_by_default(ready, client_for):
    mou = approved_mou(ready)
    break_the_plan()
    party = mou.parties.get(partner=ready.partner_a)
    response = client_for(ready.coordinator).post(
        reverse("agreements:sign", args=[ready.partnership.code, mou.pk, party.pk]), sign_data()
    )
    assert response.status_code == 409
    assert "tidak memiliki keluaran" in response.content.decode()


def test_with_a_ready_plan_the_representative_signs(ready, client_for):
    mou = approved_mou(ready)
    party = mou.parties.get(partner=ready.partner_a)
    response = client_for(ready.partner_user).post(
        reverse("agreements:sign", args=[ready.partnership.code, mou.pk, party.pk]), sign_data()
    )
    assert response.status_code == 302
    party.refresh_from_db()
    assert party.is_signed and party.signatory_name == "Budi Santoso"
    assert party.plan_version == mou.plan_version
    assert party.signed_recorded_by == ready.partner_user


def test_the_agreement_page_warns_before_anyone_tries(ready, client_for):
    mou = approved_mou(ready)
    break_the_plan()
    client = client_for(ready.observer)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    body = client.get(
        reverse("agreements:detail", args=[ready.partnership.code, mou.pk])
    ).content.decode()
    assert "Nobody can approve or sign this agreement until these are solved" in body
    assert "has no deliverable" in body
