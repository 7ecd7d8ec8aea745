import pytest
from django.urls import reverse

from simitra.lib.testing import count_queries
from simitra.planning.testing import make_activity, make_ready_plan
from simitra.resources.testing import make_pledge

pytestmark = pytest.mark.django_db


def url(world, name="planning:plan"):
    return reverse(name, args=[world.partnership.code])


def test_an_outsider_gets_404(world, client_for):
    make_ready_plan(world)
    client = client_for(world.outsider)
    for name in [
        "planning:plan",
        "planning:gantt",
        "planning:versions",
        "planning:activity_create",
    ]:
        assert client.get(url(world, name)).status_code == 404


def test_a_partner_reads_the_plan_but_cannot_change_it(world, client_for):
    make_ready_plan(world)
    client = client_for(world.partner_user)
    response = client.get(url(world))
    assert response.status_code == 200
    assert "Pemberian makanan tambahan" in response.content.decode()
    assert client.get(url(world, "planning:activity_create")).status_code == 403
    activity = world.partnership.activities.first()
    edit = reverse("planning:activity_edit", args=[world.partnership.code, activity.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"title": "Dibajak"}).status_code == 403
    delete = reverse("planning:activity_delete", args=[world.partnership.code, activity.pk])
    assert client.post(delete).status_code == 403
    activity.refresh_from_db()
    assert activity.title != "Dibajak"


def test_the_page_shows_the_readiness_result(world, client_for):
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    make_activity(world.partnership, title="Tanpa penanggung jawab", deliverable="")
    body = client.get(url(world)).content.decode()
    assert "The plan is not ready yet" in body
    assert "“Tanpa penanggung jawab” has no responsible partner." in body
    assert "“Tanpa penanggung jawab” has no deliverable." in body


def test_a_ready_plan_says_so(world, client_for):
    make_ready_plan(world)
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    assert "The plan is ready: every check passes." in client.get(url(world)).content.decode()


def test_the_phase_tab_gets_the_panel_with_the_gantt_chart(world, client_for):
    make_ready_plan(world)
    response = client_for(world.observer).get(url(world), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body and "<svg" in body and "gantt-today" in body


def _grow(world, n):
    pledge = make_pledge(world.partner_a)
    previous = None
    for i in range(n):
        activity = make_activity(
            world.partnership,
            title=f"Kegiatan {i}",
            responsible=world.partner_a,
            supporting=[world.partner_b],
            funded_by=[pledge],
        )
        if previous:
            activity.depends_on.set([previous])
        previous = activity


@pytest.mark.parametrize("name", ["planning:plan", "planning:gantt"])
def test_plan_pages_run_the_same_queries_at_two_sizes(world, client_for, name):
    client = client_for(world.partner_user)

    def get(**headers):
        assert client.get(url(world, name), headers=headers).status_code == 200

    _grow(world, 2)
    small, panel = count_queries(get), count_queries(get, **{"HX-Request": "true"})
    _grow(world, 12)
    assert count_queries(get) == small
    assert count_queries(get, **{"HX-Request": "true"}) == panel
