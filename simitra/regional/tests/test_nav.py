"""The main navigation's entry for the regional plans: in the portfolio's menu for those who
may see regional plans (coordinators, observers of a region, platform admins), with the CSR page
for a company's people; absent for the others (whose bar keeps the portfolio as a plain link)."""

import pytest
from django.urls import reverse

from simitra.partnerships.models import ObserverGrant
from simitra.partnerships.panels import nav_for
from simitra.partnerships.testing import build_world
from simitra.reference.models import Region

pytestmark = pytest.mark.django_db


def _bar(user):
    return {entry.item.key: [child.key for child in entry.children] for entry in nav_for(user)}


@pytest.fixture
def cast(db):
    cast = build_world()
    ObserverGrant.objects.create(user=cast.partner_b_user, region=Region.objects.get(code="53"))
    return cast


def test_who_finds_the_regional_plans_in_the_portfolios_menu(cast):
    for user in (cast.coordinator, cast.partner_b_user):
        bar = _bar(user)
        assert bar["portfolio"] == ["portfolio", "regional_plans"], user
        assert "regional_plans" not in bar
    assert _bar(cast.admin)["portfolio"] == ["portfolio", "regional_plans", "csr"]
    # A company's people find its CSR page there; an observer of one partnership only and an
    # outsider find neither.
    assert _bar(cast.partner_user)["portfolio"] == ["portfolio", "csr"]  # PT Mitra Usaha
    for user in (cast.observer, cast.outsider):
        bar = _bar(user)
        assert bar["portfolio"] == [] and "regional_plans" not in bar, user


def test_the_bar_shows_the_menu(cast, client_for):
    plans = reverse("regional:plans")
    body = client_for(cast.coordinator).get(reverse("home")).content.decode()
    assert f'href="{plans}"' in body and "dropdown-toggle" in body
    body = client_for(cast.outsider).get(reverse("home")).content.decode()
    assert f'href="{plans}"' not in body and "dropdown-toggle" in body  # the user's menu only


def test_the_menu_is_marked_on_its_pages(cast, client_for):
    body = client_for(cast.coordinator).get(reverse("regional:plans")).content.decode()
    assert "nav-link dropdown-toggle active" in body
    assert (
        f'class="dropdown-item active" href="{reverse("regional:plans")}" aria-current="page"'
        in body
    )
