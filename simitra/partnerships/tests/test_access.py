import pytest
from django.urls import reverse

from simitra.partnerships.models import Partnership, PartnerStatus
from simitra.partnerships.testing import make_organisation, make_partner

pytestmark = pytest.mark.django_db


def detail_url(partnership):
    return reverse("partnerships:detail", args=[partnership.code])


def test_it_sends_anonymous_visitors_to_log_in(world, client_for):
    response = client_for(None).get(detail_url(world.partnership))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("who", ["coordinator", "partner_user", "observer", "admin"])
def test_it_shows_the_private_partnership_to_those_in_it(world, client_for, who):
    response = client_for(getattr(world, who)).get(detail_url(world.partnership))
    assert response.status_code == 200
    assert "Kemitraan Uji" in response.content.decode()


def test_it_hides_the_private_partnership_from_an_outsider(world, client_for):
    client = client_for(world.outsider)
    assert client.get(detail_url(world.partnership)).status_code == 404
    assert (
        client.get(reverse("partnerships:edit", args=[world.partnership.code])).status_code == 404
    )
    assert (
        client.post(
            reverse("partnerships:advance", args=[world.partnership.code]),
            {"from_phase": world.partnership.phase},
        ).status_code
        == 404
    )
    listing = client.get(reverse("partnerships:list"), {"q": "Uji"}).content.decode()
    assert "Kemitraan Uji" not in listing
    assert "0 kemitraan" in listing  # in the outsider's saved language, Indonesian


def test_it_refuses_edits_to_a_read_only_partner(world, client_for):
    client = client_for(world.partner_user)
    code = world.partnership.code
    assert client.get(reverse("partnerships:edit", args=[code])).status_code == 403
    assert client.post(reverse("partnerships:advance", args=[code])).status_code == 403
    assert (
        client.post(reverse("partnerships:revert", args=[code]), {"to_phase": 1}).status_code == 403
    )
    assert client.get(reverse("partnerships:partner_add", args=[code])).status_code == 403
    assert client.get(reverse("partnerships:coordinators", args=[code])).status_code == 403


def test_the_observer_reads_but_does_not_edit(world, client_for):
    client = client_for(world.observer)
    assert (
        client.get(reverse("partnerships:edit", args=[world.partnership.code])).status_code == 403
    )


def test_a_candidate_organisation_does_not_see_the_private_partnership(world, client_for):
    candidate_org = make_organisation("Calon Mitra")
    make_partner(world.partnership, candidate_org, status=PartnerStatus.CANDIDATE)
    world.outsider.memberships.create(organisation=candidate_org)
    assert client_for(world.outsider).get(detail_url(world.partnership)).status_code == 404


def test_a_published_partnership_is_visible_to_any_signed_in_user(world, client_for):
    world.partnership.visibility = Partnership.Visibility.PUBLIC
    world.partnership.save(update_fields=["visibility"])
    assert client_for(world.outsider).get(detail_url(world.partnership)).status_code == 200


def test_the_coordinator_edits_the_partnership(world, client_for):
    response = client_for(world.coordinator).post(
        reverse("partnerships:edit", args=[world.partnership.code]),
        {
            "title": "Kemitraan Baru",
            "code": world.partnership.code,
            "currency": "IDR",
            "visibility": "private",
        },
    )
    assert response.status_code == 302
    world.partnership.refresh_from_db()
    assert world.partnership.title == "Kemitraan Baru"
