import pytest
from django.urls import reverse

from simitra.agreements.testing import approved_mou, make_mou
from simitra.lib.testing import count_queries
from simitra.organisations.models import Sector
from simitra.partnerships.testing import make_organisation, make_partner
from simitra.planning.models import Activity
from simitra.resources.testing import make_pledge

pytestmark = pytest.mark.django_db


def _grow(world, n):
    """More partners, each with a contribution and a part in the plan."""
    activity = Activity.objects.get(title="Sekretariat kemitraan")
    for _ in range(n):
        partner = make_partner(world.partnership, make_organisation(sector=Sector.DONOR))
        make_pledge(partner, value=25_000_000, description="Hibah")
        activity.supporting.add(partner)


def _get(client, url, **headers):
    assert client.get(url, headers=headers).status_code == 200


def test_the_agreement_list_and_panel_run_the_same_queries_at_two_sizes(ready, client_for):
    client = client_for(ready.partner_user)
    url = reverse("agreements:list", args=[ready.partnership.code])
    make_mou(ready)
    small = count_queries(_get, client, url)
    panel = count_queries(_get, client, url, **{"HX-Request": "true"})
    _grow(ready, 10)
    for _ in range(4):
        make_mou(ready)
    assert count_queries(_get, client, url) == small
    assert count_queries(_get, client, url, **{"HX-Request": "true"}) == panel


@pytest.mark.parametrize("reviewed", [False, True])
def test_the_agreement_page_runs_the_same_queries_at_two_sizes(ready, client_for, reviewed):
    client = client_for(ready.partner_user)

    def page():
        mou = approved_mou(ready) if reviewed else make_mou(ready)
        return reverse("agreements:detail", args=[ready.partnership.code, mou.pk])

    small = count_queries(_get, client, page())
    _grow(ready, 10)
    assert count_queries(_get, client, page()) == small


def test_the_panel_marks_relationships_and_the_coordinator_changes_them(ready, client_for):
    client = client_for(ready.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    body = client.get(
        reverse("agreements:list", args=[ready.partnership.code]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in body and "PT Mitra Usaha contributes of its own" in body
    url = reverse("agreements:relationship", args=[ready.partnership.code, ready.partner_a.pk])
    assert client.post(url, {"relationship": "transactional"}).status_code == 302
    ready.partner_a.refresh_from_db()
    assert ready.partner_a.relationship == "transactional"
    assert (
        client_for(ready.partner_user).post(url, {"relationship": "collaborative"}).status_code
        == 403
    )
    client.post(url, {"relationship": "nonsense"})
    ready.partner_a.refresh_from_db()
    assert ready.partner_a.relationship == "transactional"
