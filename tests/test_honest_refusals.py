"""A page the user may not read answers with a refusal's status, not 200 with a sentence.

For a stranger to a published partnership (who may read its page, not its reviews), the health
check, evaluation and early-warning pages answer 403 with the styled page that says why; the
same panels fetched by htmx inside the partnership's page say it in the panel. For a private
partnership they answer 404, as for one that does not exist.
"""

import pytest
from django.urls import reverse

from simitra.partnerships.models import Partnership

pytestmark = pytest.mark.django_db

PAGES = {
    "health:panel": "Health checks are shared only with the partners",
    "evaluations:evaluations": "Evaluations are shared only with the partners",
    "early_warning:warning": "Early warnings are shared only with the partners",
}


@pytest.mark.parametrize("name", PAGES)
def test_a_stranger_to_a_published_partnership_is_refused_with_403(world, client_for, name):
    world.partnership.visibility = Partnership.Visibility.PUBLIC
    world.partnership.save()
    client = client_for(world.outsider)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    url = reverse(name, args=[world.partnership.code])
    page = client.get(url)
    assert page.status_code == 403
    assert "<html" in page.content.decode()
    assert PAGES[name] in page.content.decode()
    panel = client.get(url, HTTP_HX_REQUEST="true")
    assert panel.status_code == 200
    assert "<html" not in panel.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_a_private_partnership_is_not_found(world, client_for, name):
    client = client_for(world.outsider)
    assert client.get(reverse(name, args=[world.partnership.code])).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_its_partners_read_the_page(world, client_for, name):
    client = client_for(world.partner_user)
    assert client.get(reverse(name, args=[world.partnership.code])).status_code == 200
