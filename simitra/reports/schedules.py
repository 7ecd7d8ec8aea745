"""Scheduled reports: the nightly job makes each schedule's draft on its period's last day and
reminds the coordinators before the narrative is due.

Once per schedule and period, whoever runs the job and however often: the draft's row is unique
on (schedule, period end), so of two jobs at once one inserts and the other's insert fails and
is rolled back before it notifies anyone; the reminder is claimed by a conditional update of
`reminded_at`. A period missed (the job did not run on its last day) is made on the next run,
but only the latest one that has ended, and never one that ended before the schedule was made.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from simitra.lib.dates import add_months
from simitra.notifications.models import Kind
from simitra.notifications.services import notify
from simitra.partnerships.models import Partnership, PartnerStatus

from . import services
from .models import Cadence, Report, ReportSchedule, ReportSection, SectionKind

MONTHS = {Cadence.QUARTER: 3, Cadence.SEMESTER: 6}


def latest_ended_period(cadence: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The latest quarter (or semester) whose last day is on or before `today`: the current one
    on its last day, else the one before it."""
    months = MONTHS[cadence]
    start = dt.date(today.year, (today.month - 1) // months * months + 1, 1)
    end = add_months(start, months) - dt.timedelta(days=1)
    if end > today:
        start = add_months(start, -months)
        end = add_months(start, months) - dt.timedelta(days=1)
    return start, end


def make_due_report(schedule: ReportSchedule, today: dt.date) -> Report | None:
    """The schedule's draft for its latest ended period, made now if it is not made yet."""
    start, end = latest_ended_period(schedule.cadence, today)
    if end < timezone.localdate(schedule.created_at):
        return None
    if Report.objects.filter(schedule=schedule, period_end=end).exists():
        return None
    try:
        with transaction.atomic():
            report = services.create_report(
                partnership=schedule.partnership,
                template=schedule.template,
                period_start=start,
                period_end=end,
                user=None,
                schedule=schedule,
                due_date=end + dt.timedelta(days=schedule.due_days),
            )
            _assign_narrative(schedule, report)
    except IntegrityError:
        return None  # made at the same moment by another run of the job
    return report


def _assign_narrative(schedule: ReportSchedule, report: Report) -> None:
    """Each narrative section to the partner that wrote it in the schedule's previous report,
    else to the schedule's writer; assigning asks the partner for the text."""
    previous = (
        Report.objects.filter(schedule=schedule, period_end__lt=report.period_end)
        .order_by("-period_end")
        .first()
    )
    before = {}
    if previous is not None:
        before = {
            (s.order, s.title): s.assigned_to
            for s in previous.sections.filter(
                kind=SectionKind.NARRATIVE, assigned_to__status=PartnerStatus.CONFIRMED
            ).select_related("assigned_to")
        }
    for section in report.sections.filter(kind=SectionKind.NARRATIVE).select_related("report"):
        partner = before.get((section.order, section.title)) or schedule.writer
        if partner is not None:
            services.assign_section(section=section, partner=partner)


def remind(report: Report, today: dt.date) -> bool:
    """Remind the coordinators of a scheduled draft whose due date is near, once."""
    with transaction.atomic():
        claimed = Report.objects.filter(
            pk=report.pk, reminded_at__isnull=True, status=Report.Status.DRAFT
        ).update(reminded_at=timezone.now())
        if not claimed:
            return False
        still_open = report.sections.filter(kind=SectionKind.NARRATIVE).exclude(
            status=ReportSection.Status.APPROVED
        )
        notify(
            users=report.partnership.coordinators.all(),
            kind=Kind.NARRATIVE_REQUESTED,
            partnership=report.partnership,
            url=reverse("reports:detail", args=[report.partnership.code, report.pk]),
            params={
                "report": report.title,
                "due_date": report.due_date.isoformat(),
                "open": still_open.count(),
            },
        )
    return True


def run_schedules(today: dt.date | None = None) -> dict:
    """The nightly job: make the drafts due, then send the reminders due."""
    today = today or timezone.localdate()
    made = 0
    schedules = ReportSchedule.objects.filter(
        is_active=True, partnership__status=Partnership.Status.ACTIVE
    ).select_related("partnership", "template", "writer")
    for schedule in schedules.order_by("pk"):
        made += make_due_report(schedule, today) is not None
    reminded = 0
    due = (
        Report.objects.filter(
            schedule__isnull=False,
            status=Report.Status.DRAFT,
            reminded_at__isnull=True,
            due_date__isnull=False,
            partnership__status=Partnership.Status.ACTIVE,
        )
        .filter(due_date__gte=today)
        .select_related("partnership", "schedule")
    )
    for report in due.order_by("pk"):
        if report.due_date - dt.timedelta(days=report.schedule.remind_days) <= today:
            reminded += remind(report, today)
    return {"made": made, "reminded": reminded}
