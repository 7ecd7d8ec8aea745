"""The scoping panels sit on the phase tabs 1 and 2 of the partnership page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("tab", "names"),
    [
        (1, ["problem", "needs", "evidence", "options", "suitability", "cocreation"]),
        (2, ["candidates", "stakeholders", "roles"]),
    ],
)
def test_each_phase_tab_loads_its_panels(world, client_for, tab, names):
    client = client_for(world.partner_user)
    page = client.get(reverse("partnerships:detail", args=[world.partnership.code]), {"tab": tab})
    body = page.content.decode()
    for name in names:
        url = reverse(f"scoping:{name}", args=[world.partnership.code])
        assert f'hx-get="{url}"' in body
        fragment = client.get(url, HTTP_HX_REQUEST="true")
        assert fragment.status_code == 200
        assert "<html" not in fragment.content.decode()


def test_the_register_is_not_a_panel_partners_would_be_refused(world, client_for):
    page = client_for(world.partner_user).get(
        reverse("partnerships:detail", args=[world.partnership.code]), {"tab": 2}
    )
    assert (
        reverse("scoping:relationships", args=[world.partnership.code]) not in page.content.decode()
    )
