"""The reminder ladder for what partners owe: contributions pledged with a due date and
decisions with one. Every night each thing still owed gets the latest step of the ladder it
has reached for each audience (`conf.reminder_steps`: before the due date, on the day and
overdue to the partner that owes it; escalated to the coordinators), each step once per thing
and due date (`Reminder` keeps what was sent). It stops
by itself: a contribution delivered in full or cancelled, a decision done or dropped, or a
partnership that has ended is no longer owed, so nothing more is sent.

Indicator values have no due date of their own (a period has a start and an end only), so the
ladder does not chase them. What is still owed 30 days on shows on the warning panel through the
early warning's existing signals (contributions past due, decisions overdue)."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from simitra.governance.models import Decision
from simitra.partnerships.models import Partnership
from simitra.resources.models import OPEN_PLEDGE_STATUSES, Pledge

from . import services
from .conf import COORDINATORS, Step, reminder_steps
from .models import Kind, Reminder


def _reached(due: dt.date, today: dt.date, steps: tuple[Step, ...]) -> list[Step]:
    """The latest step reached for each audience (the partner that owes it, the coordinators):
    a step passed over (the job did not run, the thing was recorded late) is not sent after
    the next one of the same audience."""
    latest: dict[str, Step] = {}
    for step in steps:
        if due + dt.timedelta(days=step.offset) <= today:
            latest[step.audience] = step
    return list(latest.values())


def _short(text: str, length: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _owed(today: dt.date, horizon: dt.date):
    running = Partnership.Status.ACTIVE
    pledges = (
        Pledge.objects.filter(
            status__in=OPEN_PLEDGE_STATUSES,
            due_date__isnull=False,
            due_date__lte=horizon,
            partnership__status=running,
        )
        .select_related("partnership", "partner__organisation")
        .order_by("pk")
    )
    for pledge in pledges:
        yield (
            Reminder.Item.PLEDGE,
            pledge,
            pledge.partner,
            Kind.PLEDGE_DUE,
            _short(pledge.description),
            reverse("resources:pledge", args=[pledge.partnership.code, pledge.pk]),
        )
    decisions = (
        Decision.objects.filter(
            status__in=Decision.OPEN_STATUSES,
            due_date__lte=horizon,
            partnership__status=running,
        )
        .select_related("partnership", "owner__organisation")
        .order_by("pk")
    )
    for decision in decisions:
        yield (
            Reminder.Item.DECISION,
            decision,
            decision.owner,
            Kind.DECISION_DUE,
            _short(decision.text),
            reverse("governance:decisions", args=[decision.partnership.code]),
        )


def run_ladder(*, today: dt.date | None = None) -> dict:
    """Send tonight's reminders; returns how many steps were sent (and notifications made)."""
    today = today or timezone.localdate()
    steps = reminder_steps()
    result = {"steps": 0, "notifications": 0}
    if not steps:
        return result
    horizon = today - dt.timedelta(days=steps[0].offset)
    owed = list(_owed(today, horizon))
    sent = set(
        Reminder.objects.filter(due_date__lte=horizon).values_list(
            "item", "item_pk", "due_date", "step"
        )
    )
    for item, record, partner, kind, what, url in owed:
        for step in _reached(record.due_date, today, steps):
            if (item, record.pk, record.due_date, step.key) in sent:
                continue
            made = _send(item, record, partner, kind, what, url, step, today)
            if made is None:  # another run sent this step meanwhile
                continue
            result["steps"] += 1
            result["notifications"] += made
    return result


def _send(item, record, partner, kind, what, url, step: Step, today) -> int | None:
    partnership = record.partnership
    if step.audience == COORDINATORS:
        users = services.coordinators_of(partnership)
    else:
        users = services.representatives_of([partner.organisation_id])
    try:
        with transaction.atomic():
            Reminder.objects.create(
                item=item,
                item_pk=record.pk,
                due_date=record.due_date,
                step=step.key,
                sent_on=today,
            )
            made = services.notify(
                users=users,
                kind=kind,
                partnership=partnership,
                url=url,
                params={
                    "step": step.key,
                    "what": what,
                    "partner": partner.organisation.name,
                    "due_date": record.due_date.isoformat(),
                    "days": abs((today - record.due_date).days),
                },
            )
    except IntegrityError:
        return None
    return len(made)


def nightly(*, now: dt.datetime | None = None) -> dict:
    """The nightly run: the reminder ladder first (its reminders join tonight's digests), then
    the digests."""
    now = now or timezone.now()
    result = run_ladder(today=timezone.localdate(now))
    result["digests"] = services.send_digests(now=now)
    return result
