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


def test_four_finalisations_at_once_freeze_the_report_once(reference, figures):
    world = build_world()
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
