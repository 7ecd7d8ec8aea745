"""Rendering a report in the background: a preview or the finalisation is queued as a job, its
steps (one a section, one a document) shown as a progress bar the page polls until it is over;
a failure keeps no file and says why; a second start while one runs is refused."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from simitra.reports import documents, rendering, services
from simitra.reports.models import RenderJob, Report

from .conftest import narrative

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def queue_only(settings):
    """Tasks are queued and never run (the test runs the job itself, or not at all)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def approved(world, report):
    section = narrative(report)
    services.save_narrative(section=section, text="Cerita", user=world.partner_user, submit=True)
    services.review_narrative(section=section, approve=True)
    return report


def preview_url(report):
    return reverse("reports:preview", args=[report.partnership.code, report.pk])


def finalise_url(report):
    return reverse("reports:finalise", args=[report.partnership.code, report.pk])


def status_url(job):
    return reverse(
        "reports:render_status", args=[job.report.partnership.code, job.report_id, job.pk]
    )


def detail_url(report):
    return reverse("reports:detail", args=[report.partnership.code, report.pk])


@pytest.fixture
def steps(monkeypatch):
    """Every (step, done) the rendering tells its job, in order."""
    seen = []
    original = rendering.Progress.__call__

    def record(self, step, done):
        seen.append((step, done))
        original(self, step, done)

    monkeypatch.setattr(rendering.Progress, "__call__", record)
    return seen


def stored_files(settings) -> list[Path]:
    root = Path(settings.SIMITRA_PRIVATE_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_preview_is_queued_then_rendered_step_by_step(
    world, report, client_for, queue_only, steps
):
    from django_tasks import default_task_backend

    client = client_for(world.coordinator)
    response = client.post(preview_url(report))
    assert response.status_code == 302
    job = RenderJob.objects.get()
    assert (job.kind, job.status, job.percent) == ("preview", "queued", 0)
    sections = report.sections.count()
    assert job.total == sections + 3
    assert [r.args for r in default_task_backend.results] == [[job.pk]]
    page = client.get(detail_url(report)).content.decode()
    assert f'hx-get="{status_url(job)}"' in page and 'hx-trigger="every 1s"' in page
    assert 'aria-valuenow="0"' in page

    assert rendering.run_job(job.pk) == "done"
    assert steps == [("sections", n) for n in range(1, sections + 1)] + [
        ("pdf", sections),
        ("docx", sections + 1),
        ("xlsx", sections + 2),
        ("saving", sections + 3),
    ]
    job.refresh_from_db()
    assert (job.status, job.percent, job.done) == ("done", 100, job.total)
    assert job.pdf and job.docx and job.xlsx
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT  # a preview changes nothing of the report
    download = client.get(
        reverse("reports:download", args=[report.partnership.code, report.pk, "pdf"])
    )
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # Run again (a second worker took the same task): left alone.
    assert rendering.run_job(job.pk) == "gone"


def test_the_status_shows_the_step_and_stops_polling_when_done(world, report, client_for):
    job = RenderJob.objects.create(
        report=report, kind="preview", status="rendering", step="pdf", done=10, total=13
    )
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.get(status_url(job), **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'role="progressbar"' in body and 'aria-valuenow="76"' in body
    assert "Writing the PDF" in body and "step 10 of 13" in body
    client.post(reverse("accounts:set_language"), {"language": "id"})
    body = client.get(status_url(job), **HTMX).content.decode()
    assert "Menulis PDF" in body and "langkah 10 dari 13" in body

    RenderJob.objects.filter(pk=job.pk).update(step="sections", done=3)
    body = client.get(status_url(job), **HTMX).content.decode()
    assert "bagian 4 dari 10" in body

    RenderJob.objects.filter(pk=job.pk).update(status="done", finished_at=timezone.now())
    response = client.get(status_url(job), **HTMX)
    assert response.status_code == 286  # htmx stops polling
    assert "HX-Refresh" not in response  # a preview: the page stays
    assert 'aria-valuenow="100"' in response.content.decode()
    page = client.get(detail_url(report)).content.decode()
    assert "hx-trigger" not in page and "Unduh PDF" in page


def test_a_finalisation_through_the_queue_freezes_the_report(
    world, approved, client_for, immediate_tasks, steps
):
    client = client_for(world.coordinator)
    assert client.post(finalise_url(approved)).status_code == 302
    approved.refresh_from_db()
    assert approved.status == Report.Status.FINAL and approved.pdf_sha256
    job = RenderJob.objects.get()
    assert (job.kind, job.status, job.percent) == ("finalise", "done", 100)
    sections = approved.sections.count()
    assert steps[0] == ("checking", 0) and steps[-1] == ("saving", sections + 3)
    response = client.get(status_url(job), **HTMX)
    assert response.status_code == 286 and response["HX-Refresh"] == "true"
    page = client.get(detail_url(approved)).content.decode()  # reloaded: final, no bar
    assert 'id="render-status"' not in page and approved.pdf_sha256 in page
    # Final now: neither a second finalisation nor a preview is queued.
    assert client.post(finalise_url(approved)).status_code == 409
    assert client.post(preview_url(approved)).status_code == 409
    assert RenderJob.objects.count() == 1


def test_a_second_start_while_one_is_queued_is_refused(world, approved, client_for, queue_only):
    from django_tasks import default_task_backend

    client = client_for(world.coordinator)
    assert client.post(preview_url(approved)).status_code == 302
    second = client.post(preview_url(approved))
    assert second.status_code == 409
    assert "being rendered already" in second.content.decode() or "sedang dibuat" in (
        second.content.decode()
    )
    RenderJob.objects.update(status="rendering")
    assert client.post(finalise_url(approved)).status_code == 409
    assert RenderJob.objects.count() == 1
    assert len(default_task_backend.results) == 1


def test_a_lost_job_no_longer_blocks_the_report(world, report, client_for, queue_only):
    lost = RenderJob.objects.create(report=report, kind="preview", status="rendering")
    RenderJob.objects.filter(pk=lost.pk).update(
        created_at=timezone.now() - rendering.STALE_AFTER - dt.timedelta(minutes=1)
    )
    assert client_for(world.coordinator).post(preview_url(report)).status_code == 302
    lost.refresh_from_db()
    assert lost.status == "failed" and lost.message
    assert RenderJob.objects.filter(status="queued").count() == 1


def test_a_failing_preview_keeps_no_file_and_says_why(
    world, report, client_for, immediate_tasks, monkeypatch, settings
):
    def broken(content, template=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr(documents, "render_docx", broken)
    before = stored_files(settings)
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    assert client.post(preview_url(report)).status_code == 302
    job = RenderJob.objects.get()
    assert (job.status, job.step) == ("failed", "docx")
    assert "no file was kept" in job.message
    assert not (job.pdf or job.docx or job.xlsx)
    assert stored_files(settings) == before
    page = client.get(detail_url(report)).content.decode()
    assert "Writing the Word file:" in page and "no file was kept" in page
    assert "Try again" in page and preview_url(report) in page
    assert "hx-trigger" not in page
    # The retry, once the cause is gone, renders.
    monkeypatch.undo()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert client.post(preview_url(report)).status_code == 302
    assert RenderJob.objects.get().status == "done"  # the failed job is replaced


def test_a_failing_finalisation_leaves_a_draft_without_files(
    world, approved, client_for, immediate_tasks, monkeypatch, settings
):
    def broken(content):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(documents, "render_xlsx", broken)
    before = stored_files(settings)
    assert client_for(world.coordinator).post(finalise_url(approved)).status_code == 302
    job = RenderJob.objects.get()
    assert (job.status, job.step) == ("failed", "xlsx") and job.message
    approved.refresh_from_db()
    assert approved.status == Report.Status.DRAFT
    assert not (approved.pdf or approved.docx or approved.xlsx or approved.snapshot)
    assert stored_files(settings) == before


def test_a_file_failing_to_store_removes_those_stored_before_it(
    world, approved, monkeypatch, settings
):
    from django.db.models.fields.files import FieldFile

    original = FieldFile.save

    def save(self, name, content, save=True):
        if name.endswith(".xlsx"):
            raise OSError("disk full")
        return original(self, name, content, save)

    monkeypatch.setattr(FieldFile, "save", save)
    with pytest.raises(OSError):
        services.finalise_report(report=approved, user=world.coordinator)
    assert stored_files(settings) == []
    approved.refresh_from_db()
    assert approved.status == Report.Status.DRAFT and not approved.pdf


def test_refusals_go_through_the_rules(world, approved, client_for, queue_only):
    job = RenderJob.objects.create(report=approved, kind="preview")
    outsider = client_for(world.outsider)
    assert outsider.post(preview_url(approved)).status_code == 404
    assert outsider.post(finalise_url(approved)).status_code == 404
    assert outsider.get(status_url(job), **HTMX).status_code == 404
    for reader in (world.observer, world.partner_user):
        client = client_for(reader)
        assert client.get(status_url(job), **HTMX).status_code == 200
        assert client.post(preview_url(approved)).status_code == 403
        assert client.post(finalise_url(approved)).status_code == 403
    assert client_for(world.coordinator).get(preview_url(approved)).status_code == 405
    assert RenderJob.objects.count() == 1
