import pytest
from django.urls import reverse

from simitra.planning.models import Activity
from simitra.planning.services import record_plan_version
from simitra.planning.testing import make_ready_plan
from simitra.planning.versions import diff_plans

pytestmark = pytest.mark.django_db


def test_diff_reports_added_removed_and_changed_items():
    old = {
        "activities": [
            {"id": 1, "title": "Survei", "start": "2025-01-01", "supporting": ["A"]},
            {"id": 2, "title": "Pelatihan", "start": "2025-02-01"},
        ],
        "milestones": [],
    }
    new = {
        "activities": [
            {"id": 1, "title": "Survei awal", "start": "2025-01-15", "supporting": ["A", "B"]},
            {"id": 3, "title": "Evaluasi", "start": "2025-09-01"},
        ],
        "milestones": [{"id": 7, "title": "Rapat", "date": "2025-06-01", "activity": ""}],
    }
    diff = {(item.kind, item.title): item for item in diff_plans(old, new)}
    changed = diff[("activity", "Survei awal")]
    assert changed.state == "changed"
    assert {c.field: (c.old_text, c.new_text) for c in changed.changes} == {
        "title": ("Survei", "Survei awal"),
        "start": ("2025-01-01", "2025-01-15"),
        "supporting": ("A", "A; B"),
    }
    assert diff[("activity", "Pelatihan")].state == "removed"
    assert diff[("activity", "Evaluasi")].state == "added"
    assert diff[("milestone", "Rapat")].state == "added"
    assert diff_plans(new, new) == []


def test_a_version_is_only_made_when_the_plan_changes(world):
    make_ready_plan(world)
    first = world.partnership.plan_versions.get()
    assert record_plan_version(partnership=world.partnership, made_by=None) == first
    Activity.objects.filter(partnership=world.partnership).update(progress=70)
    assert record_plan_version(partnership=world.partnership, made_by=None) == first
    Activity.objects.filter(title="Sekretariat kemitraan").update(deliverable="Laporan bulanan")
    second = record_plan_version(partnership=world.partnership, made_by=None)
    assert second.number == 2


def test_the_versions_page_shows_what_changed(world, client_for):
    make_ready_plan(world)
    Activity.objects.filter(title="Sekretariat kemitraan").update(deliverable="Laporan bulanan")
    record_plan_version(partnership=world.partnership, made_by=world.coordinator)
    client = client_for(world.observer)
    response = client.get(reverse("planning:versions", args=[world.partnership.code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Laporan bulanan" in body and "Laporan kegiatan" in body
    assert 'class="diff-old"' in body and 'class="diff-new"' in body
    version = client.get(reverse("planning:version", args=[world.partnership.code, 1]))
    assert "Laporan kegiatan" in version.content.decode()
    missing = client.get(
        reverse("planning:versions", args=[world.partnership.code]), {"old": 1, "new": 9}
    )
    assert "diff" not in missing.context or missing.context.get("diff") is None
    assert missing.context["form"].non_field_errors()
