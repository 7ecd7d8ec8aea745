"""People's roles in the partnership: levels, and history kept across changes."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from simitra.partnerships.models import PersonRole, RoleLevel
from simitra.scoping import services

from .helpers import in_english

pytestmark = pytest.mark.django_db


def url(world, name="scoping:roles", *args):
    return reverse(name, args=[world.partnership.code, *args])


def make_role(world, **fields):
    fields.setdefault("partner", world.partner_a)
    fields.setdefault("person_name", "Budi")
    fields.setdefault("level", RoleLevel.TECHNICAL)
    fields.setdefault("title", "Koordinator Teknis")
    fields.setdefault("started_on", dt.date(2025, 1, 1))
    return PersonRole.objects.create(**fields)


def test_the_coordinator_places_a_person_at_a_level(world, client_for):
    response = client_for(world.coordinator).post(
        url(world, "scoping:role_add"),
        {
            "partner": world.partner_b.pk,
            "person_name": "dr. Maria",
            "level": "steering",
            "title": "Ketua Komite Pengarah",
            "started_on": "2025-01-01",
        },
    )
    assert response.status_code == 302
    role = PersonRole.objects.get()
    assert (
        role.partner == world.partner_b
        and role.level == "steering"
        and role.created_by == world.coordinator
    )


def test_a_partner_of_another_partnership_cannot_be_chosen(world, client_for):
    from simitra.partnerships.testing import make_partner, make_partnership

    foreign = make_partner(make_partnership(), world.org_a)
    response = client_for(world.coordinator).post(
        url(world, "scoping:role_add"),
        {
            "partner": foreign.pk,
            "person_name": "X",
            "level": "field",
            "title": "Y",
            "started_on": "2025-01-01",
        },
    )
    assert response.status_code == 200
    assert not PersonRole.objects.exists()


@time_machine.travel(dt.datetime(2025, 9, 1, 12, tzinfo=dt.UTC))
def test_a_role_change_keeps_the_earlier_role_in_the_history(world, client_for):
    in_english(world.partner_user)
    role = make_role(world)
    response = client_for(world.coordinator).post(
        url(world, "scoping:role_change", role.pk),
        {"level": "management", "title": "Anggota Tim Pengelola", "changed_on": "2025-07-01"},
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.ended_on == dt.date(2025, 6, 30)
    new = PersonRole.objects.get(previous=role)
    assert (
        new.level == "management" and new.started_on == dt.date(2025, 7, 1) and new.ended_on is None
    )
    body = client_for(world.partner_user).get(url(world)).content.decode()
    current, history = body.split("Earlier roles")
    assert "Anggota Tim Pengelola" in current and "Koordinator Teknis" not in current
    assert "Koordinator Teknis" in history and "30 Jun 2025" in history


def test_a_change_before_the_role_started_is_refused(world, client_for):
    in_english(world.coordinator)
    role = make_role(world)
    response = client_for(world.coordinator).post(
        url(world, "scoping:role_change", role.pk),
        {"level": "field", "title": "X", "changed_on": "2024-12-01"},
    )
    assert "The change must come after the role started." in response.content.decode()
    assert PersonRole.objects.count() == 1
    role.refresh_from_db()
    assert role.ended_on is None


def test_ending_a_role(world, client_for):
    role = make_role(world)
    client_for(world.coordinator).post(
        url(world, "scoping:role_end", role.pk), {"ended_on": "2025-03-31"}
    )
    role.refresh_from_db()
    assert role.ended_on == dt.date(2025, 3, 31)
    with pytest.raises(services.SelectionError):
        services.end_person_role(role=role, ended_on=dt.date(2025, 4, 30))


def test_access_to_roles(world, client_for):
    role = make_role(world)
    assert client_for(world.outsider).get(url(world)).status_code == 404
    assert client_for(world.observer).get(url(world)).status_code == 200
    partner = client_for(world.partner_user)
    assert partner.get(url(world, "scoping:role_add")).status_code == 403
    assert (
        partner.post(
            url(world, "scoping:role_end", role.pk), {"ended_on": "2025-03-31"}
        ).status_code
        == 403
    )
    role.refresh_from_db()
    assert role.ended_on is None


def test_current_and_past_roles_by_date(world):
    role = make_role(world, ended_on=dt.date(2025, 6, 30))
    assert list(PersonRole.objects.current(on=dt.date(2025, 6, 30))) == [role]
    assert list(PersonRole.objects.past(on=dt.date(2025, 7, 1))) == [role]
    assert list(PersonRole.objects.of_partnership(world.partnership)) == [role]
