import pytest
from django.urls import reverse

from simitra.lib.testing import count_queries
from simitra.organisations.models import Sector
from simitra.partnerships.testing import make_organisation, make_partner
from simitra.resources.testing import make_delivery, make_pledge

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("resources:contributions", args=[world.partnership.code])


def test_it_hides_the_page_from_an_outsider(world, client_for):
    make_pledge(world.partner_a, description="Dana rahasia")
    response = client_for(world.outsider).get(url(world))
    assert response.status_code == 404
    assert "Dana rahasia" not in response.content.decode()


@pytest.mark.parametrize("who", ["coordinator", "partner_user", "observer", "admin"])
def test_those_in_the_partnership_see_the_balance_chart_and_table(world, client_for, who):
    make_pledge(world.partner_a, value=900_000_000, description="Dana CSR")
    make_pledge(world.partner_b, value=100_000_000, category="endorsement")
    response = client_for(getattr(world, who)).get(url(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-chart="balance-chart"' in body
    chart = response.context["chart"]
    assert chart["type"] == "bar"
    # Partners by name: Dinas Kesehatan, PT Mitra Usaha, Sekretariat Kemitraan (in millions).
    assert chart["data"]["datasets"][0]["data"] == [100.0, 900.0, 0.0]
    assert '"indexAxis": "y"' in body
    assert "Dana CSR" in body
    assert "Rp900.000.000" in body
    # The broker pledged nothing: flagged, with its name.
    assert "Sekretariat Kemitraan" in body and "balance-index" in body
    assert "style=" not in body


def test_the_phase_tab_loads_the_panel_fragment(world, client_for):
    make_pledge(world.partner_a)
    response = client_for(world.partner_user).get(url(world), headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert 'data-chart="balance-chart"' in body


def test_the_add_button_shows_only_to_those_who_may_pledge(world, client_for):
    add = reverse("resources:pledge_create", args=[world.partnership.code])
    assert add in client_for(world.partner_user).get(url(world)).content.decode()
    assert add not in client_for(world.observer).get(url(world)).content.decode()


def _grow(world, n):
    for i in range(n):
        organisation = make_organisation(sector=Sector.DONOR)
        partner = make_partner(world.partnership, organisation)
        pledge = make_pledge(partner, value=10_000_000 + i, category="reach")
        make_delivery(pledge, amount=5_000_000)


def test_the_page_and_panel_run_the_same_queries_at_two_sizes(world, client_for):
    client = client_for(world.partner_user)

    def get(**headers):
        assert client.get(url(world), headers=headers).status_code == 200

    _grow(world, 2)
    small, small_panel = count_queries(get), count_queries(get, **{"HX-Request": "true"})
    _grow(world, 15)
    assert count_queries(get) == small
    assert count_queries(get, **{"HX-Request": "true"}) == small_panel


def test_the_partner_filter_leaves_out_rejected_candidates(world):
    from simitra.resources.forms import PledgeFilterForm

    rejected = make_partner(world.partnership, make_organisation("Yayasan Ditolak"), "rejected")
    choices = PledgeFilterForm(partnership=world.partnership).fields["partner"].queryset
    assert rejected not in choices and world.partner_a in choices


def test_the_panel_shows_a_table_that_fits_and_the_page_the_whole_one(world, client_for):
    """On the partnership page the panel is narrow: its table keeps the columns that fit (the
    participation last, never cut off) and links to the page with all of them (issue 18, 11)."""
    make_pledge(world.partner_a, value=900_000_000)
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    panel = client.get(url(world), headers={"HX-Request": "true"}).content.decode()
    table = panel[panel.index("<table") : panel.index("</table>")]
    assert "Participation" in table and "Share of value" in table
    assert "Fulfilment" not in table and "Categories" not in table
    assert "with the categories, the fulfilment" in panel
    page = client.get(url(world)).content.decode()
    table = page[page.index("<table") : page.index("</table>")]
    assert "Fulfilment" in table and "Categories" in table and "Participation" in table
