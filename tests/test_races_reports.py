"""Finalising a report, raced: exactly one request freezes it; the others are refused with 409,
never a 500, and the stored files are those of the one that won (the style of test_races.py;
PostgreSQL only)."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from simitra.lib.testing import at_once
from simitra.partnerships.testing import build_world
from simitra.reports import services
from simitra.reports.builtin import load_builtin_templates
from simitra.reports.models import Report, ReportTemplate, TemplateSection

# Skipped by a mark, before the fixtures (as in test_races.py): no database flush for nothing.
pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="races need PostgreSQL's row locks (CI runs them there)",
    ),
    pytest.mark.django_db(transaction=True),
]

THREADS = 4


def _approved_report(world):
    load_builtin_templates(ReportTemplate, TemplateSection)
    report = services.create_report(
        partnership=world.partnership,
        template=ReportTemplate.objects.get(key="donor-semester"),
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 6, 30),
        user=world.coordinator,
    )
    section = report.sections.get(kind="narrative")
    section.assigned_to = world.partner_a
    section.save()
    services.save_narrative(section=section, text="Story", user=world.partner_user, submit=True)
    services.review_narrative(section=section, approve=True)
    return report


def test_four_finalisations_at_once_freeze_the_report_once(reference, figures, settings):
    # The queue runs the finalisation in the request that queues it: the requests race both
    # for the one job a report may have at a time and for the report's row lock.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    world = build_world()
    report = _approved_report(world)
    clients = []
    for _ in range(THREADS):
        client = Client()
        client.force_login(world.coordinator)
        clients.append(client)
    url = reverse("reports:finalise", args=[world.partnership.code, report.pk])

    responses = at_once(THREADS, lambda n: clients[n].post(url))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [302] + [409] * (THREADS - 1), statuses
    report.refresh_from_db()
    assert report.status == Report.Status.FINAL
    assert report.history.filter(status=Report.Status.FINAL).count() == 1
    figures(f"race: finalise a report: {THREADS} requests at once, one change")


def test_four_renderings_started_at_once_queue_one(reference, figures, settings):
    from django_tasks.signals import task_enqueued

    from simitra.reports.models import RenderJob

    queued = []  # the queue's backend is per thread: count its signal, sent from every thread

    def record(sender, task_result, **kwargs):
        queued.append(task_result.args)

    task_enqueued.connect(record)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    world = build_world()
    report = _approved_report(world)
    clients = []
    for _ in range(THREADS):
        client = Client()
        client.force_login(world.coordinator)
        clients.append(client)
    urls = [
        reverse(name, args=[world.partnership.code, report.pk])
        for name in ("reports:preview", "reports:finalise")
    ]

    try:
        responses = at_once(THREADS, lambda n: clients[n].post(urls[n % 2]))
    finally:
        task_enqueued.disconnect(record)
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [302] + [409] * (THREADS - 1), statuses
    assert RenderJob.objects.count() == 1
    job = RenderJob.objects.get()
    assert job.status == RenderJob.Status.QUEUED and job.task_id
    assert queued == [[job.pk]]
    figures(f"race: start rendering a report: {THREADS} requests at once, one job queued")


def test_four_finalisations_at_once_in_the_service_freeze_once(reference, figures):
    """Below the one-job rule, the row lock alone lets one finalisation through (two workers
    given two jobs, should they ever be)."""
    world = build_world()
    report = _approved_report(world)

    def finalise(n):
        try:
            services.finalise_report(
                report=Report.objects.get(pk=report.pk), user=world.coordinator
            )
        except services.ReportRefused:
            return "refused"
        return "final"

    results = at_once(THREADS, finalise)
    assert sorted(results) == ["final"] + ["refused"] * (THREADS - 1), results
    assert Report.objects.get(pk=report.pk).history.filter(status="final").count() == 1
    figures(f"race: finalise_report {THREADS} times at once, one change")


def test_a_finalisation_in_the_worker_shows_its_steps_while_it_holds_the_lock(reference, settings):
    """The progress inside the finalisation's transaction is read by another connection (the
    polling page) before the transaction commits."""
    import threading

    from simitra.reports import documents, rendering
    from simitra.reports.models import RenderJob

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    world = build_world()
    report = _approved_report(world)
    job = rendering.start_render(report=report, user=world.coordinator, kind="finalise")
    writing, seen = threading.Event(), threading.Event()
    original = documents.render_docx
    observed = {}

    def slow_docx(content, template=None):
        writing.set()
        assert seen.wait(20)
        return original(content, template)

    def look():
        assert writing.wait(60)
        try:
            fresh = RenderJob.objects.get(pk=job.pk)
            observed.update(step=fresh.step, done=fresh.done, status=fresh.status)
            observed["final"] = Report.objects.get(pk=report.pk).status
        finally:
            connection.close()
            seen.set()

    documents.render_docx = slow_docx
    watcher = threading.Thread(target=look)
    watcher.start()
    try:
        assert rendering.run_job(job.pk) == "done"
    finally:
        documents.render_docx = original
        watcher.join()
    sections = report.sections.count()
    assert observed == {
        "step": "docx",
        "done": sections + 1,
        "status": "rendering",
        "final": "draft",
    }
    assert Report.objects.get(pk=report.pk).status == Report.Status.FINAL


def test_four_nightly_jobs_at_once_make_the_scheduled_draft_once(reference, figures):
    import time_machine

    from simitra.notifications.models import Kind, Notification
    from simitra.reports import schedules
    from simitra.reports.models import Cadence, ReportSchedule

    world = build_world()
    load_builtin_templates(ReportTemplate, TemplateSection)
    with time_machine.travel(dt.datetime(2025, 2, 10, 9, tzinfo=dt.UTC), tick=False):
        schedule = ReportSchedule.objects.create(
            partnership=world.partnership,
            template=ReportTemplate.objects.get(key="triwulan"),
            cadence=Cadence.QUARTER,
            writer=world.partner_a,
        )
    with time_machine.travel(dt.datetime(2025, 3, 31, 16, 30, tzinfo=dt.UTC), tick=False):
        results = at_once(THREADS, lambda n: schedules.run_schedules())
    assert sorted(r["made"] for r in results) == [0] * (THREADS - 1) + [1], results
    assert Report.objects.filter(schedule=schedule).count() == 1
    asked = Notification.objects.filter(recipient=world.partner_user, kind=Kind.NARRATIVE_REQUESTED)
    assert asked.count() == 1
    with time_machine.travel(dt.datetime(2025, 4, 11, 16, 30, tzinfo=dt.UTC), tick=False):
        results = at_once(THREADS, lambda n: schedules.run_schedules())
    assert sorted(r["reminded"] for r in results) == [0] * (THREADS - 1) + [1], results
    reminders = Notification.objects.filter(
        recipient=world.coordinator, kind=Kind.NARRATIVE_REQUESTED
    )
    assert reminders.count() == 1
    figures(f"race: the scheduled reports job {THREADS} times at once, one draft, one reminder")
