"""Separation of duties on values (the seed: objectivity and shared responsibility): where the
partnership asks for it — on by default — the person who submitted a value does not approve it."""

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from simitra.partnerships.testing import make_user
from simitra.results.models import IndicatorValue
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_value(world):
    """A value of the broker's indicator, submitted by the coordinator, who works for it."""
    broker = world.partnership.partners.get(organisation=world.broker)
    indicator = make_indicator(world.partnership, broker)
    return make_value(
        indicator.periods.first(),
        status=IndicatorValue.Status.SUBMITTED,
        submitted_by=world.coordinator,
    )


def approve_url(world, value):
    return reverse("results:value_approve", args=[world.partnership.code, value.pk])


def indicator_url(world, value):
    return reverse("results:indicator", args=[world.partnership.code, value.period.indicator_id])


def test_the_setting_is_on_by_default(world):
    assert world.partnership.separate_value_approval is True


def test_a_coordinator_does_not_approve_a_value_she_submitted(world, own_value, client_for):
    client = client_for(world.coordinator)
    page = client.get(indicator_url(world, own_value)).content.decode()
    assert "Anda sendiri yang mengirim nilai ini" in page
    assert approve_url(world, own_value) not in page
    response = client.post(approve_url(world, own_value))
    assert response.status_code == 403
    assert "Anda sendiri yang mengirim nilai ini" in response.content.decode()
    own_value.refresh_from_db()
    assert own_value.status == "submitted" and own_value.reviewed_by is None


def test_another_coordinator_approves_it(world, own_value, client_for):
    second = make_user("coord2")
    world.partnership.coordinators.add(second)
    page = client_for(second).get(indicator_url(world, own_value)).content.decode()
    assert approve_url(world, own_value) in page
    assert client_for(second).post(approve_url(world, own_value)).status_code == 302
    own_value.refresh_from_db()
    assert own_value.status == "approved" and own_value.reviewed_by == second
    assert own_value.submitted_by == world.coordinator


def test_with_the_setting_off_the_submitter_may_approve(world, own_value, client_for):
    world.partnership.separate_value_approval = False
    world.partnership.save(update_fields=["separate_value_approval"])
    assert client_for(world.coordinator).post(approve_url(world, own_value)).status_code == 302
    own_value.refresh_from_db()
    assert own_value.status == "approved"


def test_the_api_refuses_it_with_the_reason(world, own_value):
    client = APIClient()
    client.force_login(world.coordinator)
    response = client.post(
        f"/api/v1/indicator-values/{own_value.pk}/approve/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403, response.content
    assert response.json()["detail"].startswith("You submitted this value yourself")
    own_value.refresh_from_db()
    assert own_value.status == "submitted"


def test_the_coordinator_turns_it_off_in_the_partnership_form(world, client_for):
    form_url = reverse("partnerships:edit", args=[world.partnership.code])
    page = client_for(world.coordinator).get(form_url).content.decode()
    checkbox = re.search(r'<input[^>]*name="separate_value_approval"[^>]*>', page).group(0)
    assert "checked" in checkbox
    response = client_for(world.coordinator).post(
        form_url,
        {
            "title": world.partnership.title,
            "code": world.partnership.code,
            "currency": "IDR",
            "visibility": "private",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    world.partnership.refresh_from_db()
    assert world.partnership.separate_value_approval is False
