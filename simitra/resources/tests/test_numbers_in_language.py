"""The contribution balance and pledges read in the reader's language (`0,46`, `1.250,5`,
`Rp1.500.000` in Bahasa Indonesia; `0.46`, `1,250.5`, `Rp1,500,000` in English), while the
pledge form keeps machine numbers: it shows and accepts `1250000.5` in both languages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from simitra.resources.balance import PartnerFact, PledgeFact, contribution_balance
from simitra.resources.models import Pledge
from simitra.resources.testing import make_pledge

from .test_pledge_edit import form


def in_language(client, lang):
    client.post(reverse("accounts:set_language"), {"language": lang})
    return client


def dominated():
    partners = [PartnerFact(i, f"Mitra {i}", {}) for i in (1, 2, 3)]
    pledges = [
        PledgeFact(1, "support", Decimal(1_500_000)),
        PledgeFact(1, "reach", Decimal(0)),
        PledgeFact(2, "reach", Decimal(100_000)),
        PledgeFact(3, "reach", Decimal(100_000)),
    ]
    return contribution_balance(partners, pledges, today=dt.date(2026, 6, 1))


@pytest.mark.parametrize(
    ("lang", "index", "flag"),
    [
        (
            "id",
            "Indeks 0,46 = 1",
            "Mitra 1 memegang 69% partisipasi (bagian yang adil 33%, batas peringatan 67%) "
            "dan 88% dari nilai yang dijanjikan.",
        ),
        (
            "en",
            "Index 0.46 = 1",
            "Mitra 1 holds 69% of the participation (a fair share is 33%, the warning line 67%) "
            "and 88% of the value pledged.",
        ),
    ],
)
def test_the_balance_reasons_read_in_the_language(lang, index, flag):
    with translation.override(lang):
        balance = dominated()
    assert balance.reasons[0].startswith(index)
    assert [f.reason for f in balance.flags if f.code == "dominant"] == [flag]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("id", ["Rp1.500.000", "1.250,5 orang-hari", '<div class="balance-index low">0,00</div>']),
        ("en", ["Rp1,500,000", "1,250.5 orang-hari", '<div class="balance-index low">0.00</div>']),
    ],
)
def test_the_contributions_read_in_the_language(world, client_for, lang, expected):
    pledge = make_pledge(
        world.partner_a, value=1_500_000, unit="orang-hari", quantity=Decimal("1250.5")
    )
    client = in_language(client_for(world.coordinator), lang)
    pages = (
        client.get(
            reverse("resources:contributions", args=[world.partnership.code])
        ).content.decode()
        + client.get(pledge.get_absolute_url()).content.decode()
    )
    for text in expected:
        assert text in pages, text


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_pledge_form_shows_and_keeps_machine_numbers(world, client_for, lang):
    pledge = make_pledge(world.partner_a, value=Decimal("1250000.50"))
    client = in_language(client_for(world.partner_user), lang)
    edit = reverse("resources:pledge_edit", args=[world.partnership.code, pledge.pk])
    assert 'value="1250000.50"' in client.get(edit).content.decode()

    # A refused form shows again what was typed.
    response = client.post(edit, form(world.partner_a, description="", estimated_value="1250000.5"))
    assert response.status_code == 200
    assert 'value="1250000.5"' in response.content.decode()

    # A figure written with the reader's separators is refused with a message, never misread.
    response = client.post(edit, form(world.partner_a, estimated_value="1.250.000,5"))
    assert response.status_code == 200
    assert 'value="1.250.000,5"' in response.content.decode()
    assert "is-invalid" in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.estimated_value == Decimal("1250000.50")

    response = client.post(edit, form(world.partner_a, estimated_value="1250000.5"))
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.estimated_value == Decimal("1250000.5")
    assert Pledge.objects.count() == 1
