"""Needs told apart from wishes: the declaration, the flags, the two lists."""

import pytest
from django.urls import reverse

from simitra.scoping.models import Need

from .helpers import in_english, make_evidence, make_need

pytestmark = pytest.mark.django_db


def url(world, name="scoping:needs", *args):
    return reverse(name, args=[world.partnership.code, *args])


def test_verified_needs_are_shown_apart_from_flagged_ones(world, client_for):
    in_english(world.partner_user)
    source = make_evidence(world.partnership, title="Survei Gizi")
    make_need(world.partnership, "Makanan tambahan", evidence=[source])
    make_need(
        world.partnership,
        "Gedung baru",
        evidence=[source],
        driven_by_institution=True,
        driver_note="Target dinas",
    )
    make_need(world.partnership, "Menara air")
    body = client_for(world.partner_user).get(url(world)).content.decode()
    verified, flagged = body.split("needs-flagged")
    assert "Makanan tambahan" in verified and "Gedung baru" not in verified
    assert "Gedung baru" in flagged and "Menara air" in flagged
    assert "institutional interest" in flagged
    assert "No evidence source backs this need yet." in flagged


def test_the_coordinator_adds_a_need_with_evidence_and_declaration(world, client_for):
    source = make_evidence(world.partnership)
    response = client_for(world.coordinator).post(
        url(world, "scoping:need_add"),
        {
            "description": "Pelatihan kader",
            "affected_group": "Kader posyandu",
            "affected_size": 350,
            "priority": 1,
            "evidence": [source.pk],
            "proposed_by": world.org_b.pk,
            "declaration": "on",
        },
    )
    assert response.status_code == 302
    need = Need.objects.get()
    assert list(need.evidence.all()) == [source]
    assert need.declared_by == world.coordinator and need.proposed_by == world.org_b
    assert need.declared_drivers == []


def test_a_need_is_not_saved_without_the_declaration(world, client_for):
    in_english(world.coordinator)
    response = client_for(world.coordinator).post(
        url(world, "scoping:need_add"),
        {"description": "Pelatihan kader", "affected_group": "Kader", "priority": 2},
    )
    body = response.content.decode()
    assert "Declare what drives this need before saving it." in body
    assert "Pelatihan kader" in body
    assert not Need.objects.exists()


def test_a_declared_driver_needs_an_explanation_and_flags_the_need(world, client_for):
    in_english(world.coordinator)
    client = client_for(world.coordinator)
    data = {
        "description": "Menara air",
        "affected_group": "Warga",
        "priority": 3,
        "driven_by_pressure": "on",
        "declaration": "on",
    }
    response = client.post(url(world, "scoping:need_add"), data)
    assert "Explain the driver you declared." in response.content.decode()
    assert not Need.objects.exists()
    response = client.post(
        url(world, "scoping:need_add"), {**data, "driver_note": "Diminta tokoh setempat"}
    )
    assert response.status_code == 302
    assert Need.objects.get().declared_drivers == ["pressure"]


def test_evidence_of_another_partnership_cannot_be_attached(world, client_for):
    from simitra.partnerships.testing import make_partnership

    foreign = make_evidence(make_partnership())
    response = client_for(world.coordinator).post(
        url(world, "scoping:need_add"),
        {
            "description": "x",
            "affected_group": "y",
            "priority": 2,
            "evidence": [foreign.pk],
            "declaration": "on",
        },
    )
    assert response.status_code == 200
    assert not Need.objects.exists()


def test_access_to_needs(world, client_for):
    need = make_need(world.partnership)
    assert client_for(world.outsider).get(url(world)).status_code == 404
    assert client_for(world.observer).get(url(world)).status_code == 200
    partner = client_for(world.partner_user)
    assert partner.get(url(world, "scoping:need_edit", need.pk)).status_code == 403
    assert partner.post(url(world, "scoping:need_delete", need.pk)).status_code == 403
    assert Need.objects.exists()
    assert (
        client_for(world.coordinator).post(url(world, "scoping:need_delete", need.pk)).status_code
        == 302
    )
    assert not Need.objects.exists()
