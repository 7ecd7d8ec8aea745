"""The partners write their narrative, the coordinator approves or returns it; no final report
while a section is missing or returned."""

import pytest
from django.urls import reverse
from django.utils import translation

from simitra.reports.models import NarrativeVersion, Report, ReportSection

from .conftest import narrative

pytestmark = pytest.mark.django_db


def section_url(report, name="section_edit"):
    section = narrative(report)
    return reverse(f"reports:{name}", args=[report.partnership.code, report.pk, section.pk])


def test_the_partner_drafts_and_every_version_is_kept(world, report, client_for):
    client = client_for(world.partner_user)
    assert (
        client.post(section_url(report), {"text": "Cerita pertama", "save": "1"}).status_code == 302
    )
    assert (
        client.post(section_url(report), {"text": "Cerita kedua", "submit": "1"}).status_code == 302
    )
    section = narrative(report)
    assert (section.text, section.status) == ("Cerita kedua", ReportSection.Status.SUBMITTED)
    assert list(NarrativeVersion.objects.values_list("number", "text")) == [
        (2, "Cerita kedua"),
        (1, "Cerita pertama"),
    ]
    page = client.get(section_url(report)).content.decode()
    assert "Cerita pertama" in page  # the versions are listed


def test_another_partner_may_not_write_the_section(world, report, client_for):
    response = client_for(world.partner_b_user).post(section_url(report), {"text": "x"})
    assert response.status_code == 403
    assert not NarrativeVersion.objects.exists()


def test_the_read_only_observer_gets_403_on_writes(world, report, client_for):
    client = client_for(world.observer)
    assert (
        client.get(reverse("reports:detail", args=[world.partnership.code, report.pk])).status_code
        == 200
    )
    assert client.post(section_url(report), {"text": "x"}).status_code == 403
    assert client.post(section_url(report, "section_review"), {"approve": "1"}).status_code == 403
    finalise = reverse("reports:finalise", args=[world.partnership.code, report.pk])
    assert client.post(finalise).status_code == 403


def test_the_outsider_gets_404(world, report, client_for):
    client = client_for(world.outsider)
    assert (
        client.get(reverse("reports:detail", args=[world.partnership.code, report.pk])).status_code
        == 404
    )
    assert client.post(section_url(report), {"text": "x"}).status_code == 404


def test_a_returned_section_blocks_finalising_and_says_why(world, report, client_for):
    client_for(world.partner_user).post(section_url(report), {"text": "Cerita", "submit": "1"})
    coordinator = client_for(world.coordinator)
    coordinator.post(reverse("accounts:set_language"), {"language": "en"})
    coordinator.post(
        section_url(report, "section_review"), {"return": "1", "reason": "Tambah angka"}
    )
    assert narrative(report).status == ReportSection.Status.RETURNED
    finalise = reverse("reports:finalise", args=[world.partnership.code, report.pk])
    response = coordinator.post(finalise)
    assert response.status_code == 409
    assert "was returned to its writer" in response.content.decode()
    page = coordinator.get(reverse("reports:detail", args=[world.partnership.code, report.pk]))
    assert "was returned to its writer" in page.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT and not report.pdf


def test_a_missing_section_blocks_finalising(world, report, client_for):
    coordinator = client_for(world.coordinator)
    coordinator.post(reverse("accounts:set_language"), {"language": "en"})
    response = coordinator.post(
        reverse("reports:finalise", args=[world.partnership.code, report.pk])
    )
    assert response.status_code == 409
    assert "is not approved yet (Not written yet)" in response.content.decode()


def test_returning_needs_a_reason(world, report, client_for):
    client_for(world.partner_user).post(section_url(report), {"text": "Cerita", "submit": "1"})
    response = client_for(world.coordinator).post(
        section_url(report, "section_review"), {"return": "1"}
    )
    assert response.status_code == 409
    assert narrative(report).status == ReportSection.Status.SUBMITTED


def test_assigning_a_section_asks_the_partners_representatives_in_their_language(
    world, report, client_for
):
    from simitra.notifications.messages import render
    from simitra.notifications.models import Kind, Notification

    url = section_url(report, "section_assign")
    client = client_for(world.coordinator)
    assert client.post(url, {"partner": world.partner_b.pk}).status_code == 302
    asked = Notification.objects.filter(kind=Kind.NARRATIVE_REQUESTED)
    assert list(asked.values_list("recipient", flat=True)) == [world.partner_b_user.pk]
    with translation.override("id"):
        assert render(asked.get()) == (
            f"Mohon tulis bagian “{narrative(report).title}” dari laporan “{report.title}”."
        )
    # Unassigning asks nobody.
    assert client.post(url, {"partner": ""}).status_code == 302
    assert asked.count() == 1
