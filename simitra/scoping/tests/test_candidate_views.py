"""Finding candidates and adding them with a rationale; the candidates panel."""

import pytest
from django.urls import reverse

from simitra.partnerships.models import Partner, Partnership, PartnerStatus
from simitra.partnerships.testing import make_organisation, make_partner
from simitra.scoping.models import Candidacy

from .helpers import in_english, make_assessment, make_problem

pytestmark = pytest.mark.django_db


def url(world, name, *args):
    return reverse(name, args=[world.partnership.code, *args])


@pytest.fixture
def gizi(world):
    make_problem(world.partnership, core="Penurunan stunting lambat")
    return make_organisation("Lembaga Gizi Desa", description="Menurunkan angka stunting di desa.")


def test_the_search_ranks_by_the_problem_and_offers_to_add(world, client_for, gizi):
    body = client_for(world.coordinator).get(url(world, "scoping:search")).content.decode()
    assert body.index("Lembaga Gizi Desa") < body.index("Koperasi Luar")
    assert 'name="rationale"' in body
    assert "turun" in body  # the shared stem is shown as the reason


def test_a_bad_region_code_is_explained(world, client_for):
    in_english(world.coordinator)
    response = client_for(world.coordinator).get(url(world, "scoping:search"), {"region": "99.99"})
    assert "Unknown region code: 99.99" in response.content.decode()


def test_adding_a_candidate_keeps_the_rationale_and_the_match(world, client_for, gizi):
    response = client_for(world.coordinator).post(
        url(world, "scoping:candidate_add"),
        {"organisation": gizi.pk, "rationale": "Pengalaman kelas ibu balita"},
    )
    partner = Partner.objects.get(partnership=world.partnership, organisation=gizi)
    assert response.status_code == 302 and response["Location"] == url(
        world, "scoping:candidate", partner.pk
    )
    assert partner.status == PartnerStatus.CANDIDATE
    candidacy = partner.candidacy
    assert (
        candidacy.rationale == "Pengalaman kelas ibu balita"
        and candidacy.added_by == world.coordinator
    )
    assert candidacy.match_score > 0 and "turun" in candidacy.match_details["words"]


def test_a_candidate_without_a_rationale_is_refused(world, client_for, gizi):
    client_for(world.coordinator).post(
        url(world, "scoping:candidate_add"), {"organisation": gizi.pk, "rationale": " "}
    )
    assert not Partner.objects.filter(organisation=gizi).exists()


def test_an_organisation_already_in_the_partnership_is_not_added_twice(world, client_for):
    client_for(world.coordinator).post(
        url(world, "scoping:candidate_add"), {"organisation": world.org_a.pk, "rationale": "lagi"}
    )
    assert Partner.objects.filter(organisation=world.org_a).count() == 1
    assert not Candidacy.objects.exists()


def test_only_the_coordinator_searches_and_adds(world, client_for, gizi):
    partner = client_for(world.partner_user)
    assert partner.get(url(world, "scoping:search")).status_code == 403
    assert (
        partner.post(
            url(world, "scoping:candidate_add"), {"organisation": gizi.pk, "rationale": "x"}
        ).status_code
        == 403
    )
    assert client_for(world.observer).get(url(world, "scoping:search")).status_code == 403
    assert client_for(world.outsider).get(url(world, "scoping:search")).status_code == 404
    assert not Partner.objects.filter(organisation=gizi).exists()


def test_the_panel_hides_results_from_an_assessor_who_has_not_submitted(world, client_for):
    make_assessment(world.partner_b, world.coordinator, (5, 1, 5, 1))
    make_assessment(world.partner_b, world.partner_user, (3, 3, 3, 3), submitted=False)
    panel = url(world, "scoping:candidates")
    hidden = client_for(world.partner_user).get(panel).content.decode()
    assert "3.0" not in hidden and "3,0" not in hidden
    shown = client_for(world.coordinator).get(panel).content.decode()
    assert "3,0" in shown  # (5+1+5+1)/4 in Indonesian notation


def test_candidates_stay_inside_a_published_partnership(world, client_for):
    world.partnership.visibility = Partnership.Visibility.PUBLIC
    world.partnership.save()
    outsider = client_for(world.outsider)
    assert outsider.get(url(world, "scoping:candidates")).status_code == 403
    fragment = outsider.get(url(world, "scoping:candidates"), HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "PT Mitra Usaha" not in fragment.content.decode()
    assert outsider.get(url(world, "scoping:candidate", world.partner_a.pk)).status_code == 403
    assert outsider.get(url(world, "scoping:problem")).status_code == 200


def test_a_candidate_of_another_partnership_is_not_found(world, client_for):
    from simitra.partnerships.testing import make_partnership

    other = make_partnership(coordinators=[world.coordinator])
    foreign = make_partner(other, world.org_a, status=PartnerStatus.CANDIDATE)
    assert (
        client_for(world.coordinator).get(url(world, "scoping:candidate", foreign.pk)).status_code
        == 404
    )
