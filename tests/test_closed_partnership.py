"""A partnership that has ended (completed or terminated) keeps its records as they were: the
cycle's forms and the API's writes are refused (403) for its coordinators and partners (the
platform admin, who may do anything, can still correct it); its knowledge (lessons, practices, the sustainability plan) and its
own details (to publish it) can still be written; everything stays readable."""

import pytest
from django.urls import reverse

from simitra.partnerships.models import Partnership, Phase
from simitra.risks.models import RiskCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(world):
    Partnership.objects.filter(pk=world.partnership.pk).update(
        phase=Phase.SUSTAINING, status=Partnership.Status.COMPLETED
    )
    world.partnership.refresh_from_db()
    return world


def _pages(partnership, partner):
    code = partnership.code
    return [
        reverse("risks:risk_add", args=[code]),
        reverse("resources:pledge_create", args=[code]),
    ]


def test_the_cycles_forms_are_refused_once_it_has_ended(ended, client_for):
    client = client_for(ended.coordinator)
    for url in _pages(ended.partnership, ended.partner_a):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "Baru"}).status_code == 403, url


def test_a_partner_may_not_pledge_into_an_ended_partnership(ended, client_for):
    url = reverse("resources:pledge_create", args=[ended.partnership.code])
    assert client_for(ended.partner_user).get(url).status_code == 403


def test_an_outsider_still_gets_404(ended, client_for):
    url = reverse("risks:risk_add", args=[ended.partnership.code])
    assert client_for(ended.outsider).get(url).status_code == 404


def test_the_api_refuses_writes_into_an_ended_partnership(ended):
    from rest_framework.test import APIClient

    RiskCategory.ensure_builtins()
    client = APIClient()
    client.force_login(ended.coordinator)
    response = client.post(
        "/api/v1/risks/",
        {
            "partnership": ended.partnership.code,
            "title": "Risiko baru",
            "category": RiskCategory.objects.first().pk,
            "owner": ended.partner_a.pk,
            "likelihood": 2,
            "impact": 2,
        },
        format="json",
    )
    assert response.status_code == 403, response.content
    response = client.post(
        "/api/v1/contributions/",
        {
            "partnership": ended.partnership.code,
            "partner": ended.partner_a.pk,
            "category": "support",
            "description": "x",
            "estimated_value": "1.00",
        },
        format="json",
    )
    assert response.status_code == 403, response.content
    assert client.get(f"/api/v1/risks/?partnership={ended.partnership.code}").status_code == 200


def test_its_knowledge_and_details_can_still_be_written_and_it_stays_readable(ended, client_for):
    client = client_for(ended.coordinator)
    code = ended.partnership.code
    assert client.get(reverse("knowledge:lesson_create", args=[code])).status_code == 200
    assert client.get(reverse("partnerships:edit", args=[code])).status_code == 200
    assert client.get(reverse("risks:register", args=[code])).status_code == 200
    assert client.get(reverse("resources:contributions", args=[code])).status_code == 200
    page = client.get(ended.partnership.get_absolute_url())
    assert page.status_code == 200
    # The page offers no way to add to the ended partnership's register.
    assert (
        reverse("risks:risk_add", args=[code]).encode()
        not in client.get(reverse("risks:register", args=[code])).content
    )
