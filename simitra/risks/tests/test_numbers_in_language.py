"""Risk shares and the allocation read in the reader's language (`33,33%` in Bahasa Indonesia,
`33.33%` in English); the share inputs keep machine numbers."""

from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation

from simitra.risks import services
from simitra.risks.allocation import PartnerInput, RiskInput, assess_allocation

from .test_register import make_risk, shares_post, url


def in_language(client, lang):
    client.post(reverse("accounts:set_language"), {"language": lang})
    return client


@pytest.mark.parametrize(
    ("lang", "flag", "unallocated"),
    [
        (
            "id",
            "Menanggung 66,7% risiko tetapi hanya 12,5% kontribusi",
            "“Sebagian” baru terbagi 99,5%, bukan 100%",
        ),
        (
            "en",
            "Carries 66.7% of the risk but 12.5% of the contributions",
            "“Sebagian” is shared 99.5%, not 100%",
        ),
    ],
)
def test_the_allocation_reasons_read_in_the_language(lang, flag, unallocated):
    risks = [
        RiskInput(1, "A", 12, {1: D("66.66"), 2: D("33.34")}),
        RiskInput(2, "Sebagian", 25, {1: D("60"), 2: D("39.5")}),
    ]
    partners = [
        PartnerInput(id=1, name="P1", contribution_share=D("0.125")),
        PartnerInput(id=2, name="P2", contribution_share=D("0.875")),
    ]
    with translation.override(lang):
        report = assess_allocation(risks, partners)
    assert report.flagged[0].reasons[0].startswith(flag)
    assert any(reason.startswith(unallocated) for reason in report.reasons)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "shown", "refused"),
    [
        ("id", "33,33%", "Jumlah bagian 99,5%"),
        ("en", "33.33%", "The shares add up to 99.5%"),
    ],
)
def test_the_register_and_the_share_form_read_in_the_language(
    world, client_for, lang, shown, refused
):
    risk = make_risk(world)
    services.set_risk_shares(
        risk=risk, shares={world.partner_a: D("33.33"), world.partner_b: D("66.67")}
    )
    client = in_language(client_for(world.coordinator), lang)
    assert shown in client.get(url(world, "register")).content.decode()
    assert shown in client.get(url(world, "risk", risk.pk)).content.decode()

    response = client.post(url(world, "shares", risk.pk), shares_post(world, "60", "39.5"))
    body = response.content.decode()
    assert response.status_code == 400
    assert refused in body
    assert 'value="39.5"' in body  # what was typed, as typed
    assert risk.shares.get(partner=world.partner_a).percent == D("33.33")
