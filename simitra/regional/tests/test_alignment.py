"""Aligning a partnership with the regional plan: the coordinator adds and removes; a partner
reads (403 on writes); an outsider gets 404; the Building gate warns (or blocks, by setting)."""

import pytest
from django.urls import reverse

from simitra.partnerships import gates
from simitra.partnerships.models import Phase
from simitra.partnerships.testing import build_world
from simitra.reference.models import Region
from simitra.regional.models import Alignment, PlanItem

from .helpers import make_plan

pytestmark = pytest.mark.django_db
CODE = "regional_plan_alignment"


@pytest.fixture
def world():
    world = build_world(phase=Phase.BUILDING)
    world.partnership.regions.add(Region.objects.get(code="53.02"))
    world.plan = make_plan("53.02")
    world.item = PlanItem.objects.get(plan=world.plan, code="1.02.02.2.02.0004")
    world.url = reverse("regional:alignment", args=[world.partnership.code])
    return world


def _data(world, **changes):
    data = {"item": world.item.pk, "district": "53.02.01", "year": 2026, "amount": "1000000"}
    data.update(changes)
    return data


def test_the_coordinator_aligns_the_partnership(world, client_for):
    client = client_for(world.coordinator)
    assert client.get(world.url).status_code == 200
    response = client.post(world.url, _data(world))
    assert response.status_code == 302
    alignment = Alignment.objects.get()
    assert (alignment.item, alignment.district_id, alignment.year) == (world.item, "53.02.01", 2026)
    assert alignment.created_by == world.coordinator
    card = client.get(world.url + "?overview=1").content.decode()
    assert "1.02.02.2.02.0004" in card and "Balita" in card


def test_it_refuses_a_district_outside_the_plan_and_a_year_outside_its_period(world, client_for):
    world.partnership.regions.add(Region.objects.get(code="53.01"))
    client = client_for(world.coordinator)
    response = client.post(world.url, _data(world, district="53.01.04", year=2031))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kecamatan ini tidak berada di wilayah rencana." in body
    assert "Tahun ini tidak berada dalam periode rencana." in body
    assert not Alignment.objects.exists()


def test_a_partner_reads_but_may_not_write(world, client_for):
    alignment = Alignment.objects.create(partnership=world.partnership, item=world.item)
    client = client_for(world.partner_user)
    assert client.get(world.url).status_code == 200
    assert client.post(world.url, _data(world)).status_code == 403
    delete = reverse("regional:alignment_delete", args=[world.partnership.code, alignment.pk])
    assert client.post(delete).status_code == 403
    assert Alignment.objects.count() == 1


def test_an_outsider_gets_404(world, client_for):
    alignment = Alignment.objects.create(partnership=world.partnership, item=world.item)
    client = client_for(world.outsider)
    assert client.get(world.url).status_code == 404
    assert client.post(world.url, _data(world)).status_code == 404
    delete = reverse("regional:alignment_delete", args=[world.partnership.code, alignment.pk])
    assert client.post(delete).status_code == 404
    assert Alignment.objects.count() == 1


def test_the_coordinator_removes_an_alignment(world, client_for):
    alignment = Alignment.objects.create(partnership=world.partnership, item=world.item)
    delete = reverse("regional:alignment_delete", args=[world.partnership.code, alignment.pk])
    assert client_for(world.coordinator).post(delete).status_code == 302
    assert not Alignment.objects.exists()


def _check(world):
    return next(c for c in gates.run_gate(world.partnership).checks if c.code == CODE)


def test_the_building_gate_warns_without_holding_the_gate(world):
    check = _check(world)
    assert not check.passed and check.warning
    assert CODE not in [c.code for c in gates.run_gate(world.partnership).failed]
    assert CODE in [c.code for c in gates.run_gate(world.partnership).warnings]
    Alignment.objects.create(partnership=world.partnership, item=world.item)
    assert _check(world).passed


def test_the_gate_blocks_when_the_deployment_says_so(world, settings):
    settings.SIMITRA_ALIGNMENT_GATE_BLOCKS = True
    check = _check(world)
    assert not check.passed and not check.warning
    assert CODE in [c.code for c in gates.run_gate(world.partnership).failed]


def test_without_a_government_partner_nothing_is_asked(world):
    world.partner_b.delete()  # the Dinas Kesehatan of build_world
    assert _check(world).passed


def test_the_partnership_page_loads_the_card(world, client_for):
    body = client_for(world.coordinator).get(world.partnership.get_absolute_url()).content.decode()
    assert world.url + "?overview=1" in body


def test_the_building_tab_loads_the_card_as_a_fragment(world, client_for):
    Alignment.objects.create(partnership=world.partnership, item=world.item, year=2026)
    response = client_for(world.partner_user).get(world.url, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "1.02.02.2.02.0004" in body
    assert "csrfmiddlewaretoken" not in body  # no form for a partner


def test_the_overview_card_is_empty_where_no_plan_concerns_the_partnership(client_for):
    world = build_world(phase=Phase.BUILDING)
    url = reverse("regional:alignment", args=[world.partnership.code])
    response = client_for(world.coordinator).get(url + "?overview=1")
    assert response.status_code == 200 and response.content == b""
