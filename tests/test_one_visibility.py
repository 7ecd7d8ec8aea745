"""Pages, the API, search, the portfolio and the exports all take their rows from
`Partnership.objects.visible_to`: hide one partnership there and it is gone from every list."""

import pytest
from django.urls import reverse

from simitra.interop.excel.partnerships import export_rows
from simitra.interop.jobs import selected_partnerships
from simitra.partnerships.models import Partnership
from simitra.partnerships.models.core import PartnershipQuerySet

pytestmark = pytest.mark.django_db

TITLE = "Kemitraan Air Bersih Teluk Kupang"


@pytest.fixture
def shown(world):
    """The world's partnership, published, so every surface (the public portal too) lists it
    for its coordinator."""
    partnership = world.partnership
    partnership.title = TITLE
    partnership.visibility = Partnership.Visibility.PUBLIC
    partnership.save(update_fields=["title", "visibility"])
    return partnership


@pytest.fixture
def hidden_by_visible_to(monkeypatch, shown):
    real = PartnershipQuerySet.visible_to

    def visible_to(self, user):
        return real(self, user).exclude(pk=shown.pk)

    monkeypatch.setattr(PartnershipQuerySet, "visible_to", visible_to)


def listings(client, user) -> dict[str, bool]:
    """Whether each surface lists the partnership."""

    def page(url, **params) -> bool:
        response = client.get(url, params)
        assert response.status_code == 200
        return TITLE in response.content.decode()

    api = client.get("/api/v1/partnerships/", {"page_size": 200}).json()
    return {
        "list page": page(reverse("partnerships:list")),
        "api": TITLE in [row["title"] for row in api["results"]],
        "portal": page(reverse("knowledge:portal"), kind="partnerships"),
        "portfolio": page(reverse("portfolio:portfolio")),
        "portfolio csv": page(reverse("portfolio:portfolio_export")),
        "excel export": TITLE in [row["title"] for row in export_rows(user)],
        "iati export": TITLE in [p.title for p in selected_partnerships(user, {})],
    }


def test_every_surface_lists_a_partnership_visible_to_the_user(world, client_for, shown):
    listed = listings(client_for(world.coordinator), world.coordinator)
    assert listed == dict.fromkeys(listed, True)


def test_every_surface_drops_it_when_visible_to_does(
    world, client_for, shown, hidden_by_visible_to
):
    listed = listings(client_for(world.coordinator), world.coordinator)
    assert listed == dict.fromkeys(listed, False)
