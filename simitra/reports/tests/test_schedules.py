"""Scheduled reports: the draft made on the period's last day by the nightly job, once; the
partners asked for their narrative; the coordinators reminded before the due date."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from simitra.notifications.messages import render
from simitra.notifications.models import Kind, Notification
from simitra.reports import schedules
from simitra.reports.models import Cadence, Report, ReportSchedule

pytestmark = pytest.mark.django_db

MADE_ON = dt.datetime(2025, 2, 10, 9, tzinfo=dt.UTC)


def _night(day: str):
    """The job's run on the evening of `day` (Jakarta time)."""
    return time_machine.travel(dt.datetime.fromisoformat(f"{day}T23:30:00+07:00"), tick=False)


@pytest.fixture
def schedule(world, builtin):
    with time_machine.travel(MADE_ON, tick=False):
        return ReportSchedule.objects.create(
            partnership=world.partnership,
            template=builtin["triwulan"],
            cadence=Cadence.QUARTER,
            writer=world.partner_a,
            due_days=14,
            remind_days=3,
            created_by=world.coordinator,
        )


def _requests(user):
    return Notification.objects.filter(recipient=user, kind=Kind.NARRATIVE_REQUESTED)


@pytest.mark.parametrize(
    ("cadence", "today", "period"),
    [
        (Cadence.QUARTER, "2025-03-31", ("2025-01-01", "2025-03-31")),
        (Cadence.QUARTER, "2025-03-30", ("2024-10-01", "2024-12-31")),
        (Cadence.QUARTER, "2025-04-01", ("2025-01-01", "2025-03-31")),
        (Cadence.QUARTER, "2025-12-31", ("2025-10-01", "2025-12-31")),
        (Cadence.SEMESTER, "2025-06-30", ("2025-01-01", "2025-06-30")),
        (Cadence.SEMESTER, "2025-06-29", ("2024-07-01", "2024-12-31")),
        (Cadence.SEMESTER, "2026-01-05", ("2025-07-01", "2025-12-31")),
    ],
)
def test_the_latest_ended_period(cadence, today, period):
    start, end = schedules.latest_ended_period(cadence, dt.date.fromisoformat(today))
    assert (start.isoformat(), end.isoformat()) == period


def test_nothing_is_made_before_the_periods_last_day(world, schedule):
    with _night("2025-03-30"):
        assert schedules.run_schedules() == {"made": 0, "reminded": 0}
    assert not Report.objects.exists()


def test_the_draft_is_made_on_the_last_day_and_the_partner_asked(world, schedule):
    with _night("2025-03-31"):
        assert schedules.run_schedules() == {"made": 1, "reminded": 0}
    report = Report.objects.get()
    assert (report.period_start, report.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert report.due_date == dt.date(2025, 4, 14)
    assert report.schedule == schedule and report.status == Report.Status.DRAFT
    assert report.sections.get(kind="narrative").assigned_to == world.partner_a
    asked = _requests(world.partner_user).get()
    assert f"laporan “{report.title}”" in render(asked)
    assert asked.url == reverse("reports:detail", args=[world.partnership.code, report.pk])


def test_running_twice_makes_it_once(world, schedule):
    with _night("2025-03-31"):
        schedules.run_schedules()
        assert schedules.run_schedules() == {"made": 0, "reminded": 0}
    with _night("2025-04-01"):
        assert schedules.run_schedules()["made"] == 0
    assert Report.objects.count() == 1
    assert _requests(world.partner_user).count() == 1


def test_a_missed_night_is_caught_up_but_not_an_older_period(world, schedule):
    with _night("2025-04-03"):
        assert schedules.run_schedules()["made"] == 1
    assert Report.objects.get().period_end == dt.date(2025, 3, 31)
    # The quarter before the schedule was made (Oct–Dec 2024) never is.
    assert not Report.objects.filter(period_end=dt.date(2024, 12, 31)).exists()


def test_the_next_report_keeps_the_previous_writers(world, schedule):
    with _night("2025-03-31"):
        schedules.run_schedules()
    first = Report.objects.get()
    first.sections.filter(kind="narrative").update(assigned_to=world.partner_b)
    with _night("2025-06-30"):
        schedules.run_schedules()
    second = Report.objects.get(period_end=dt.date(2025, 6, 30))
    assert second.sections.get(kind="narrative").assigned_to == world.partner_b
    assert _requests(world.partner_b_user).count() == 1


def test_the_coordinator_is_reminded_before_the_due_date_once(world, schedule):
    with _night("2025-03-31"):
        schedules.run_schedules()
    with _night("2025-04-10"):
        assert schedules.run_schedules()["reminded"] == 0
    with _night("2025-04-11"):
        assert schedules.run_schedules()["reminded"] == 1
        assert schedules.run_schedules()["reminded"] == 0
    with _night("2025-04-12"):
        assert schedules.run_schedules()["reminded"] == 0
    reminder = _requests(world.coordinator).get()
    text = render(reminder)
    assert "bertenggat 14 Apr 2025" in text
    assert "1 bagian narasi belum disetujui" in text


def test_an_inactive_schedule_or_an_ended_partnership_makes_nothing(world, schedule):
    schedule.is_active = False
    schedule.save(update_fields=["is_active"])
    with _night("2025-03-31"):
        assert schedules.run_schedules()["made"] == 0
    schedule.is_active = True
    schedule.save(update_fields=["is_active"])
    world.partnership.status = world.partnership.Status.COMPLETED
    world.partnership.save(update_fields=["status"])
    with _night("2025-03-31"):
        assert schedules.run_schedules()["made"] == 0


def test_the_command_runs_the_job_or_queues_it(world, schedule):
    out = io.StringIO()
    with _night("2025-03-31"):
        call_command("make_scheduled_reports", stdout=out)
    assert "made: 1" in out.getvalue()
    out = io.StringIO()
    call_command("make_scheduled_reports", "--enqueue", stdout=out)
    assert "Queued" in out.getvalue()


def _create_url(world):
    return reverse("reports:schedule_create", args=[world.partnership.code])


def _form(builtin, world, **changes):
    return {
        "template": builtin["triwulan"].pk,
        "cadence": Cadence.SEMESTER,
        "writer": world.partner_a.pk,
        "due_days": 10,
        "remind_days": 2,
        **changes,
    }


def test_the_coordinator_schedules_a_report_in_the_page(world, builtin, client_for):
    client = client_for(world.coordinator)
    response = client.post(_create_url(world), _form(builtin, world))
    assert response.status_code == 302
    schedule = ReportSchedule.objects.get()
    assert (schedule.cadence, schedule.writer, schedule.due_days) == (
        Cadence.SEMESTER,
        world.partner_a,
        10,
    )
    page = client.get(reverse("reports:list", args=[world.partnership.code])).content.decode()
    assert str(Cadence.SEMESTER.label) in page


def test_a_reminder_after_the_due_date_is_refused(world, builtin, client_for):
    response = client_for(world.coordinator).post(
        _create_url(world), _form(builtin, world, remind_days=20)
    )
    assert response.status_code == 400
    assert response.context["schedule_form"].errors["remind_days"]
    assert not ReportSchedule.objects.exists()


def test_only_the_coordinator_schedules(world, builtin, client_for):
    assert (
        client_for(world.observer).post(_create_url(world), _form(builtin, world)).status_code
        == 403
    )
    assert (
        client_for(world.outsider).post(_create_url(world), _form(builtin, world)).status_code
        == 404
    )
    assert not ReportSchedule.objects.exists()


def test_the_coordinator_stops_a_schedule(world, schedule, client_for):
    url = reverse("reports:schedule_stop", args=[world.partnership.code, schedule.pk])
    assert client_for(world.observer).post(url).status_code == 403
    assert client_for(world.coordinator).post(url).status_code == 302
    schedule.refresh_from_db()
    assert not schedule.is_active
