import pytest
from django.urls import reverse

from simitra.partnerships import gates
from simitra.partnerships.models import Phase
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def managing(world):
    world.partnership.phase = Phase.MANAGING
    world.partnership.save()
    return world


def check(partnership):
    return next(
        c for c in gates.run_gate(partnership).checks if c.code == "approved_indicator_values"
    )


def test_leaving_managing_needs_a_period_with_approved_values(managing, client_for):
    indicator = make_indicator(managing.partnership, managing.partner_a)
    first, second = indicator.periods.all()
    make_value(first, status="submitted")
    make_value(second, status="returned")
    assert not check(managing.partnership).passed
    client = client_for(managing.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.post(
        reverse("partnerships:advance", args=[managing.partnership.code]),
        {"from_phase": managing.partnership.phase},
    )
    assert response.status_code == 409
    assert (
        "At least one reporting period with approved indicator values" in response.content.decode()
    )
    managing.partnership.refresh_from_db()
    assert managing.partnership.phase == Phase.MANAGING


def test_an_approved_value_opens_the_gate(managing, client_for):
    indicator = make_indicator(managing.partnership, managing.partner_a)
    make_value(indicator.periods.first(), status="approved")
    assert check(managing.partnership).passed
    client_for(managing.coordinator).post(
        reverse("partnerships:advance", args=[managing.partnership.code]),
        {"from_phase": managing.partnership.phase},
    )
    managing.partnership.refresh_from_db()
    assert managing.partnership.phase == Phase.REVIEWING


def test_the_phase_tab_shows_the_panels(managing, client_for):
    response = client_for(managing.partner_user).get(
        managing.partnership.get_absolute_url(), {"tab": 5}
    )
    body = response.content.decode()
    assert "Hasil dan indikator" in body and "Risiko bersama" in body  # Indonesian by default
    for name in (
        "results:page",
        "results:beneficiaries",
        "risks:register",
    ):
        assert reverse(name, args=[managing.partnership.code]) in body


def test_both_languages_render_the_panels(managing, client_for):
    client = client_for(managing.coordinator)
    url = reverse("results:page", args=[managing.partnership.code])
    assert "Belum ada indikator." in client.get(url).content.decode()
    client.post(reverse("accounts:set_language"), {"language": "en"})
    assert "No indicators yet." in client.get(url).content.decode()
