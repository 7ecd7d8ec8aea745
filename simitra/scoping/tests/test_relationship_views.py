import pytest
from django.urls import reverse

from simitra.scoping.models import Relationship

from .helpers import in_english, make_tie

pytestmark = pytest.mark.django_db


def url(world, name="scoping:relationships", *args):
    return reverse(name, args=[world.partnership.code, *args])


def test_the_coordinator_registers_a_tie(world, client_for):
    response = client_for(world.coordinator).post(
        url(world, "scoping:relationship_add"),
        {
            "person": world.partner_user.email,
            "organisation": world.org_b.slug,
            "kind": "board",
            "started_on": "2024-01-01",
        },
    )
    assert response.status_code == 302
    tie = Relationship.objects.get()
    assert tie.person == world.partner_user and tie.organisation == world.org_b
    assert tie.recorded_by == world.coordinator


def test_an_unknown_person_or_organisation_is_refused(world, client_for):
    in_english(world.coordinator)
    response = client_for(world.coordinator).post(
        url(world, "scoping:relationship_add"),
        {"person": "nobody", "organisation": "no-such-org", "kind": "other", "description": ""},
    )
    body = response.content.decode()
    assert "No active user with this username or e-mail." in body
    assert "No organisation with this name." in body
    assert "Describe the tie." in body
    assert not Relationship.objects.exists()


def test_dates_must_be_in_order(world, client_for):
    in_english(world.coordinator)
    response = client_for(world.coordinator).post(
        url(world, "scoping:relationship_add"),
        {
            "person": world.partner_user.username,
            "organisation": world.org_b.slug,
            "kind": "employment",
            "started_on": "2024-05-01",
            "ended_on": "2023-01-01",
        },
    )
    assert "The end cannot come before the start." in response.content.decode()
    assert not Relationship.objects.exists()


def test_the_register_is_for_the_coordinator_and_observers_only(world, client_for):
    make_tie(world.partnership, world.partner_user, world.org_b, description="Ipar")
    assert "Ipar" in client_for(world.observer).get(url(world)).content.decode()
    assert "Ipar" in client_for(world.coordinator).get(url(world)).content.decode()
    assert client_for(world.partner_user).get(url(world)).status_code == 403
    assert client_for(world.outsider).get(url(world)).status_code == 404
    assert client_for(world.observer).get(url(world, "scoping:relationship_add")).status_code == 403


def test_removing_a_tie(world, client_for):
    tie = make_tie(world.partnership, world.partner_user, world.org_b)
    assert (
        client_for(world.partner_user)
        .post(url(world, "scoping:relationship_delete", tie.pk))
        .status_code
        == 403
    )
    assert (
        client_for(world.coordinator)
        .post(url(world, "scoping:relationship_delete", tie.pk))
        .status_code
        == 302
    )
    assert not Relationship.objects.exists()


def test_a_name_longer_than_any_user_is_refused_before_looking(world, client_for):
    response = client_for(world.coordinator).post(
        url(world, "scoping:relationship_add"),
        {"person": "x" * 60_000, "organisation": world.org_b.slug, "kind": "board"},
    )
    assert response.status_code == 200
    assert "Nama pengguna atau surel paling banyak 254 karakter." in response.content.decode()
    assert not Relationship.objects.exists()
