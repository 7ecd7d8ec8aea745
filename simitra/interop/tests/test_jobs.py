"""Background jobs through the real database queue: enqueue, run the worker, see the result."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from lxml import etree

from simitra.interop import jobs
from simitra.interop.models import IatiProfile, Job
from simitra.partnerships.models import Partner, Partnership

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    """The worker of `manage.py db_worker --batch`, in this process: runs what is queued."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def _exportable(world):
    Partnership.objects.filter(pk=world.partnership.pk).update(
        summary="Ringkasan.", start_date="2024-01-01"
    )
    Partner.objects.filter(pk=world.partner_a.pk).update(iati_role=1)


def test_an_export_job_runs_through_the_queue(reference, world, client_for, official_schema):
    _exportable(world)
    client = client_for(world.coordinator)
    response = client.post(reverse("interop:iati_export"), {})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == "queued"
    queued = DBTaskResult.objects.get(pk=job.task_id)
    assert queued.status == "READY"
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in page  # the page polls while the job waits

    run_worker()

    job.refresh_from_db()
    assert job.status == "succeeded", job.message
    assert job.done == job.total == 1 and job.percent == 100
    assert DBTaskResult.objects.get(pk=job.task_id).status == "SUCCESSFUL"
    page = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert page.status_code == 286  # tells htmx to stop polling
    assert "hx-trigger" not in page.content.decode()
    download = client.get(reverse("interop:job_download", args=[job.pk]))
    assert download.status_code == 200
    document = etree.fromstring(b"".join(download.streaming_content))
    assert official_schema.validate(document)
    assert document.findtext("iati-activity/iati-identifier").endswith(world.partnership.code)


def test_only_the_owner_sees_a_job_and_its_file(reference, world, client_for):
    _exportable(world)
    client_for(world.coordinator).post(reverse("interop:iati_export"), {})
    run_worker()
    job = Job.objects.get()
    for other in (world.partner_user, world.admin):
        client = client_for(other)
        assert client.get(job.get_absolute_url()).status_code == 404
        assert client.get(reverse("interop:job_download", args=[job.pk])).status_code == 404
        assert job.title not in client.get(reverse("interop:jobs")).content.decode()
    assert client_for(None).get(job.get_absolute_url()).status_code == 302


def test_an_export_covers_only_what_the_owner_may_see(reference, world, client_for):
    _exportable(world)
    client_for(world.outsider).post(reverse("interop:iati_export"), {})
    run_worker()
    job = Job.objects.get()
    assert job.status == "failed"
    assert world.partnership.code not in job.message + str(job.report)
    assert not job.result


def test_an_invalid_export_is_a_failed_job_naming_the_element(reference, world, client_for):
    client_for(world.coordinator).post(reverse("interop:iati_export"), {})
    run_worker()
    job = Job.objects.get()
    assert job.status == "failed" and not job.result
    elements = {p["element"] for p in job.report["problems"]}
    assert {"description", "participating-org", "activity-date"} <= elements


def test_an_import_job_imports_and_reports(reference, world, client_for):
    data = (
        b'<?xml version="1.0"?><iati-activities version="2.03"><iati-activity>'
        b'<iati-identifier>XX-1-JOB</iati-identifier><reporting-org ref="XX-1" type="10">'
        b"<narrative>R</narrative></reporting-org><title><narrative>Kemitraan Tugas</narrative>"
        b"</title><description><narrative>D</narrative></description>"
        b'<participating-org role="1" type="70"><narrative>PT Tugas</narrative></participating-org>'
        b'<activity-status code="1"/><activity-date type="1" iso-date="2025-01-01"/>'
        b"</iati-activity></iati-activities>"
    )
    client = client_for(world.partner_user)
    response = client.post(
        reverse("interop:iati_import"),
        {"file": SimpleUploadedFile("a.xml", data, content_type="application/xml")},
    )
    assert response.status_code == 302
    run_worker()
    job = Job.objects.get()
    assert job.status == "succeeded", (job.message, job.report)
    assert job.report["created"] == ["JOB"]
    assert Partnership.objects.get(code="JOB").coordinators.get() == world.partner_user


def test_the_import_page_can_take_the_activities_over(reference, world, client_for, settings):
    settings.SIMITRA_IATI_REPORTING_ORG_REF = "ID-BAPPEDA-5300"
    data = (Path(__file__).parent / "data" / "bilateral-donor-2.03.xml").read_bytes()
    client = client_for(world.coordinator)
    response = client.post(
        reverse("interop:iati_import"),
        {
            "file": SimpleUploadedFile("d.xml", data, content_type="application/xml"),
            "take_over": "on",
        },
    )
    assert response.status_code == 302
    run_worker()
    job = Job.objects.get()
    assert job.status == "succeeded", (job.message, job.report)
    identifiers = set(IatiProfile.objects.values_list("iati_identifier", flat=True))
    assert identifiers == {"ID-BAPPEDA-5300-2020-2020000056", "ID-BAPPEDA-5300-2021000112"}
    assert any("recipient-country ET" in line for line in job.report["records"])


def test_a_refused_import_saves_nothing_and_says_why(reference, world, client_for):
    client = client_for(world.coordinator)
    client.post(
        reverse("interop:iati_import"),
        {"file": SimpleUploadedFile("b.xml", b"<iati-activities version='2.03'/>")},
    )
    run_worker()
    job = Job.objects.get()
    assert job.status == "failed"
    assert job.report["problems"][0]["element"] == "iati-activities"
    assert Partnership.objects.count() == 1


def test_an_unexpected_error_fails_the_job_cleanly(reference, world, monkeypatch):
    def broken(job, progress):
        raise RuntimeError("boom")

    monkeypatch.setitem(jobs._RUNNERS, Job.Kind.EXCEL_EXPORT, broken)
    with translation.override("id"):
        job = jobs.start_job(
            owner=world.coordinator, kind=Job.Kind.EXCEL_EXPORT, title="x", params={}
        )
    run_worker()
    job.refresh_from_db()
    assert job.status == "failed"
    assert "tak terduga" in job.message  # in the language the job was started in


def test_old_finished_jobs_are_pruned_with_their_files(reference, world, job_files):
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    _exportable(world)
    old = jobs.start_job(owner=world.coordinator, kind=Job.Kind.IATI_EXPORT, title="old")
    run_worker()
    # Not finished (never picked up): kept however old.
    waiting = Job.objects.create(
        owner=world.coordinator, kind=Job.Kind.IATI_EXPORT, title="waiting"
    )
    Job.objects.filter(pk__in=[old.pk, waiting.pk]).update(
        created_at=timezone.now() - dt.timedelta(days=40)
    )
    fresh = jobs.start_job(owner=world.coordinator, kind=Job.Kind.IATI_EXPORT, title="fresh")
    run_worker()
    assert (job_files / str(old.pk)).is_dir()
    call_command("prune_jobs", "--days", "30", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Job.objects.values_list("title", flat=True)) == {"waiting", "fresh"}
    assert not (job_files / str(old.pk)).exists()
    assert (job_files / str(fresh.pk)).is_dir()
