import pytest
from django.urls import reverse

from simitra.planning.models import Activity, PlanVersion
from simitra.planning.testing import make_ready_plan

pytestmark = pytest.mark.django_db


def form(world, pledges, **changes):
    data = {
        "title": "Pelatihan kader",
        "description": "",
        "responsible": world.partner_b.pk,
        "supporting": [world.partner_a.pk],
        "start_date": "2025-04-01",
        "end_date": "2025-08-31",
        "deliverable": "40 kader terlatih",
        "budget": "20000000",
        "funded_by": [pledges["a"].pk],
        "depends_on": [],
        "status": "planned",
        "progress": "0",
        "position": "3",
    }
    data.update(changes)
    return data


def test_the_coordinator_adds_an_activity_and_a_new_plan_version_is_made(world, client_for):
    pledges = make_ready_plan(world)
    assert PlanVersion.objects.count() == 1
    response = client_for(world.coordinator).post(
        reverse("planning:activity_create", args=[world.partnership.code]), form(world, pledges)
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Pelatihan kader")
    assert activity.responsible == world.partner_b
    assert list(activity.supporting.all()) == [world.partner_a]
    assert list(activity.funded_by.all()) == [pledges["a"]]
    latest = PlanVersion.objects.order_by("-number").first()
    assert latest.number == 2
    assert "Pelatihan kader" in [a["title"] for a in latest.content["activities"]]


def test_progress_alone_makes_no_new_version(world, client_for):
    pledges = make_ready_plan(world)
    client = client_for(world.coordinator)
    client.post(
        reverse("planning:activity_create", args=[world.partnership.code]), form(world, pledges)
    )
    activity = Activity.objects.get(title="Pelatihan kader")
    client.post(
        reverse("planning:activity_edit", args=[world.partnership.code, activity.pk]),
        form(world, pledges, status="progress", progress="40"),
    )
    activity.refresh_from_db()
    assert activity.progress == 40
    assert PlanVersion.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_date": "2025-01-01"}, "end_date"),
        ({"supporting": [], "responsible": ""}, None),
        ({"progress": "140"}, "progress"),
        ({"status": "done", "progress": "50"}, "progress"),
    ],
)
def test_bad_input_is_refused_and_saves_nothing(world, client_for, changes, field):
    pledges = make_ready_plan(world)
    client = client_for(world.coordinator)
    response = client.post(
        reverse("planning:activity_create", args=[world.partnership.code]),
        form(world, pledges, **changes),
    )
    if field is None:
        # Leaving out the responsible partner is allowed; the readiness check reports it.
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "Pelatihan kader" in response.content.decode()
    assert not Activity.objects.filter(title="Pelatihan kader").exists()
    assert PlanVersion.objects.count() == 1


def test_an_activity_cannot_depend_on_itself(world, client_for):
    pledges = make_ready_plan(world)
    activity = Activity.objects.first()
    response = client_for(world.coordinator).post(
        reverse("planning:activity_edit", args=[world.partnership.code, activity.pk]),
        form(world, pledges, depends_on=[activity.pk]),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["depends_on"]


def test_the_coordinator_deletes_an_activity_after_confirming(world, client_for):
    make_ready_plan(world)
    activity = Activity.objects.first()
    page = client_for(world.coordinator).get(
        reverse("planning:activity_edit", args=[world.partnership.code, activity.pk])
    )
    assert "data-confirm" in page.content.decode()
    client_for(world.coordinator).post(
        reverse("planning:activity_delete", args=[world.partnership.code, activity.pk])
    )
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert PlanVersion.objects.count() == 2


def test_milestones_are_added_and_show_on_the_gantt_chart(world, client_for):
    make_ready_plan(world)
    client = client_for(world.coordinator)
    response = client.post(
        reverse("planning:milestone_create", args=[world.partnership.code]),
        {"title": "Tinjauan bersama", "due_date": "2025-06-30", "activity": "", "done_on": ""},
    )
    assert response.status_code == 302
    gantt = client.get(reverse("planning:gantt", args=[world.partnership.code])).content.decode()
    assert "Tinjauan bersama" in gantt and "gantt-milestone" in gantt
    assert (
        client_for(world.partner_user)
        .get(reverse("planning:milestone_create", args=[world.partnership.code]))
        .status_code
        == 403
    )
