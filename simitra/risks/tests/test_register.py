import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from simitra.lib.testing import count_queries
from simitra.risks import services
from simitra.risks.models import LossEvent, LossShare, Risk, RiskCategory, RiskShare

pytestmark = pytest.mark.django_db


def url(world, name, *args):
    return reverse(f"risks:{name}", args=[world.partnership.code, *args])


def make_risk(world, code="reputation", likelihood=3, impact=4, **fields):
    RiskCategory.ensure_builtins()
    return Risk.objects.create(
        partnership=world.partnership,
        category=RiskCategory.objects.get(code=code),
        title=fields.pop("title", "Risiko uji"),
        likelihood=likelihood,
        impact=impact,
        owner=world.partner_a,
        **fields,
    )


def shares_post(world, a, b, broker=""):
    return {
        f"share_{world.partner_a.pk}": a,
        f"share_{world.partner_b.pk}": b,
        f"share_{world.partnership.partners.get(organisation=world.broker).pk}": broker,
    }


def test_the_five_risks_of_the_seed_are_built_in(world):
    RiskCategory.ensure_builtins()
    assert set(RiskCategory.objects.filter(partnership=None).values_list("code", flat=True)) == {
        "reputation",
        "autonomy",
        "conflict",
        "resources",
        "sustainability",
    }


def test_the_coordinator_adds_a_risk_and_a_custom_category(world, client_for):
    client = client_for(world.coordinator)
    client.post(url(world, "categories"), {"name": "Iklim"})
    custom = RiskCategory.objects.get(partnership=world.partnership)
    response = client.post(
        url(world, "risk_add"),
        {
            "category": custom.pk,
            "title": "Kemarau",
            "likelihood": 3,
            "impact": 2,
            "owner": world.partner_a.pk,
            "status": "open",
        },
    )
    risk = Risk.objects.get()
    assert response.status_code == 302 and risk.score == 6 and risk.level == "medium"


def test_a_custom_category_needs_a_name(world, client_for):
    response = client_for(world.coordinator).post(url(world, "categories"), {"name": "  "})
    assert response.status_code == 200
    assert "Bidang ini harus diisi." in response.content.decode()
    assert not RiskCategory.objects.filter(partnership=world.partnership).exists()


def test_a_likelihood_outside_1_to_5_is_refused(world, client_for):
    RiskCategory.ensure_builtins()
    response = client_for(world.coordinator).post(
        url(world, "risk_add"),
        {
            "category": RiskCategory.objects.get(code="autonomy").pk,
            "title": "X",
            "likelihood": 6,
            "impact": 2,
            "owner": world.partner_a.pk,
            "status": "open",
        },
    )
    assert response.status_code == 200 and not Risk.objects.exists()


def test_shares_adding_up_to_100_are_saved(world, client_for):
    risk = make_risk(world)
    response = client_for(world.coordinator).post(
        url(world, "shares", risk.pk), shares_post(world, "60", "25.5", "14.5")
    )
    assert response.status_code == 302
    assert {s.partner_id: s.percent for s in risk.shares.all()}[world.partner_a.pk] == Decimal("60")
    assert sum(s.percent for s in risk.shares.all()) == 100


def test_shares_adding_up_to_99_are_refused_and_nothing_changes(world, client_for):
    risk = make_risk(world)
    services.set_risk_shares(risk=risk, shares={world.partner_a: Decimal(100)})
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.post(url(world, "shares", risk.pk), shares_post(world, "60", "39"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "The shares add up to 99%; they must add up to exactly 100%." in body
    assert 'value="39"' in body
    assert list(risk.shares.values_list("partner_id", "percent")) == [
        (world.partner_a.pk, Decimal("100.00"))
    ]


def test_the_service_refuses_a_wrong_total_on_its_own(world):
    risk = make_risk(world)
    with pytest.raises(ValidationError):
        services.set_risk_shares(
            risk=risk, shares={world.partner_a: Decimal("50"), world.partner_b: Decimal("49.99")}
        )
    assert not RiskShare.objects.exists()


def test_partners_read_the_register_but_do_not_change_it(world, client_for):
    risk = make_risk(world)
    client = client_for(world.partner_user)
    assert client.get(url(world, "register")).status_code == 200
    assert client.get(url(world, "risk", risk.pk)).status_code == 200
    assert client.get(url(world, "risk_add")).status_code == 403
    assert (
        client.post(url(world, "shares", risk.pk), shares_post(world, "100", "")).status_code == 403
    )
    assert client_for(world.observer).get(url(world, "loss_add", risk.pk)).status_code == 403
    assert client_for(world.outsider).get(url(world, "register")).status_code == 404
    assert client_for(world.outsider).get(url(world, "allocation")).status_code == 404
    assert not RiskShare.objects.exists()


def test_the_register_shows_the_heat_map_and_the_flags(world, client_for):
    shared = make_risk(world, likelihood=5, impact=5, title="Bersama")
    services.set_risk_shares(risk=shared, shares={world.partner_a: Decimal(100)})
    make_risk(world, code="conflict", likelihood=2, impact=2, title="Belum dibagi")
    client = client_for(world.observer)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.get(url(world, "register"))
    grid = response.context["heat_map"]
    assert grid[0][4].count == 1 and grid[3][1].count == 1
    body = response.content.decode()
    assert "“Belum dibagi” is shared 0%" in body
    assert "equal share" in body  # the contribution fallback is labelled
    assert [p.flagged for p in response.context["report"].partners].count(True) == 1


def test_a_loss_is_recorded_with_its_shares(world, client_for):
    risk = make_risk(world, code="resources")
    response = client_for(world.coordinator).post(
        url(world, "loss_add", risk.pk),
        {
            "occurred_on": "2026-05-01",
            "description": "Dana terlambat",
            "material_value": "10000000",
            "loss-" + f"share_{world.partner_a.pk}": "70",
            "loss-" + f"share_{world.partner_b.pk}": "30",
            "loss-" + f"note_{world.partner_a.pk}": "Transport kader",
        },
    )
    assert response.status_code == 302
    loss = LossEvent.objects.get()
    assert LossShare.objects.get(partner=world.partner_a).amount == Decimal("7000000.00")
    risk.refresh_from_db()
    assert risk.status == "materialised"
    assert (
        "Rp7.000.000"
        in client_for(world.partner_user).get(url(world, "risk", risk.pk)).content.decode()
    )
    assert loss.partnership == world.partnership


def test_a_loss_shared_wrongly_saves_nothing(world, client_for):
    risk = make_risk(world)
    response = client_for(world.coordinator).post(
        url(world, "loss_add", risk.pk),
        {
            "occurred_on": "2026-05-01",
            "description": "X",
            "moral_loss": "Kepercayaan turun",
            "loss-" + f"share_{world.partner_a.pk}": "50",
        },
    )
    assert response.status_code == 400
    assert not LossEvent.objects.exists()
    risk.refresh_from_db()
    assert risk.status == "open"


def add_risks(world, n):
    for k in range(n):
        risk = make_risk(
            world,
            likelihood=1 + k % 5,
            impact=1 + (k * 2) % 5,
            title=f"R{k}",
            review_date=dt.date(2026, 1, 1),
        )
        services.set_risk_shares(
            risk=risk, shares={world.partner_a: Decimal(40), world.partner_b: Decimal(60)}
        )


@pytest.mark.parametrize("name", ["register", "allocation"])
def test_the_risk_register_does_not_grow_with_rows(world, client_for, name):
    client = client_for(world.coordinator)
    add_risks(world, 2)

    def get():
        assert client.get(url(world, name)).status_code == 200

    small = count_queries(get)
    add_risks(world, 20)
    assert count_queries(get) == small
