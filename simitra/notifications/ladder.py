"""The reminder ladder for what partners owe: contributions pledged with a due date and
decisions with one. Every night each thing still owed gets the latest step of the ladder it
has reached for each audience (`conf.reminder_steps`: before the due date, on the day and
overdue to the partner that owes it; escalated to the coordinators), each step once per thing
and due date (`Reminder` keeps what was sent). It stops
by itself: a contribution delivered in full or cancelled, a decision done or dropped, or a
partnership that has ended is no longer owed, so nothing more is sent.

Indicator values have no due date of their own (a period has a start and an end only), so the
ladder does not chase them. What is still owed 30 days on shows on the warning panel through the
early warning's existing signals (contributions past due, decisions overdue).

Other apps add what they chase without this app knowing them (they sit above it): a reminder
source registered at their `ready()` (`register_source`) yields `Owed` items, each with its own
kind; the ladder sends them the same steps, once each (e.g. the regional app's CSR reports due).
An item without a partnership is told to the owing organisation's people about the organisation
(`services.notify_organisation`), and its escalated step is skipped (nobody coordinates it)."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from simitra.governance.models import Decision
from simitra.partnerships.models import Partnership
from simitra.resources.models import OPEN_PLEDGE_STATUSES, Pledge

from . import services
from .conf import COORDINATORS, Step, reminder_steps
from .models import Kind, Reminder


@dataclass(frozen=True)
class Owed:
    """One thing owed by a due date, as a reminder source yields it."""

    item: str  # the source's key, kept in `Reminder.item` (at most 10 characters)
    pk: int
    due_date: dt.date
    kind: str  # a `Kind`
    what: str  # a short description for the message
    url: str
    owner_id: int  # the organisation that owes it: its people get the owner's steps
    owner_name: str
    partnership: Partnership | None = None  # its coordinators get the escalated step
    # Told about the organisation rather than the partnership (the owner's people need not be
    # able to read the partnership, e.g. a company's own CSR report).
    about_organisation: bool = False


Source = Callable[[dt.date, dt.date], Iterable[Owed]]
_sources: dict[str, Source] = {}


def register_source(key: str, source: Source) -> None:
    """Add what the ladder chases: `source(today, horizon)` yields the `Owed` items still owed
    whose due date is on or before `horizon` (the earliest step's reach). `key` is the items'
    `Owed.item`; registering a key again replaces its source."""
    if len(key) > 10:
        raise ValueError(f"A reminder source's key has at most 10 characters: {key!r}")
    _sources[key] = source


def sources() -> dict[str, Source]:
    return dict(_sources)


def _reached(due: dt.date, today: dt.date, steps: tuple[Step, ...]) -> list[Step]:
    """The latest step reached for each audience (the partner that owes it, the coordinators):
    a step passed over (the job did not run, the thing was recorded late) is not sent after
    the next one of the same audience."""
    latest: dict[str, Step] = {}
    for step in steps:
        if due + dt.timedelta(days=step.offset) <= today:
            latest[step.audience] = step
    return list(latest.values())


def short(text: str, length: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _owed_pledges(today: dt.date, horizon: dt.date):
    pledges = (
        Pledge.objects.filter(
            status__in=OPEN_PLEDGE_STATUSES,
            due_date__isnull=False,
            due_date__lte=horizon,
            partnership__status=Partnership.Status.ACTIVE,
        )
        .select_related("partnership", "partner__organisation")
        .order_by("pk")
    )
    for pledge in pledges:
        yield Owed(
            item=Reminder.Item.PLEDGE,
            pk=pledge.pk,
            due_date=pledge.due_date,
            kind=Kind.PLEDGE_DUE,
            what=short(pledge.description),
            url=reverse("resources:pledge", args=[pledge.partnership.code, pledge.pk]),
            owner_id=pledge.partner.organisation_id,
            owner_name=pledge.partner.organisation.name,
            partnership=pledge.partnership,
        )


def _owed_decisions(today: dt.date, horizon: dt.date):
    decisions = (
        Decision.objects.filter(
            status__in=Decision.OPEN_STATUSES,
            due_date__lte=horizon,
            partnership__status=Partnership.Status.ACTIVE,
        )
        .select_related("partnership", "owner__organisation")
        .order_by("pk")
    )
    for decision in decisions:
        yield Owed(
            item=Reminder.Item.DECISION,
            pk=decision.pk,
            due_date=decision.due_date,
            kind=Kind.DECISION_DUE,
            what=short(decision.text),
            url=reverse("governance:decisions", args=[decision.partnership.code]),
            owner_id=decision.owner.organisation_id,
            owner_name=decision.owner.organisation.name,
            partnership=decision.partnership,
        )


register_source(Reminder.Item.PLEDGE, _owed_pledges)
register_source(Reminder.Item.DECISION, _owed_decisions)


def _owed(today: dt.date, horizon: dt.date):
    for source in _sources.values():
        yield from source(today, horizon)


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
    for thing in owed:
        for step in _reached(thing.due_date, today, steps):
            if (thing.item, thing.pk, thing.due_date, step.key) in sent:
                continue
            if step.audience == COORDINATORS and thing.partnership is None:
                continue  # nobody coordinates it
            made = _send(thing, step, today)
            if made is None:  # another run sent this step meanwhile
                continue
            result["steps"] += 1
            result["notifications"] += made
    return result


def _send(thing: Owed, step: Step, today) -> int | None:
    params = {
        "step": step.key,
        "what": thing.what,
        "partner": thing.owner_name,
        "due_date": thing.due_date.isoformat(),
        "days": abs((today - thing.due_date).days),
    }
    try:
        with transaction.atomic():
            Reminder.objects.create(
                item=thing.item,
                item_pk=thing.pk,
                due_date=thing.due_date,
                step=step.key,
                sent_on=today,
            )
            if step.audience == COORDINATORS:
                made = services.notify(
                    users=services.coordinators_of(thing.partnership),
                    kind=thing.kind,
                    partnership=thing.partnership,
                    url=thing.url,
                    params=params,
                )
            elif thing.about_organisation or thing.partnership is None:
                made = services.notify_organisation(
                    users=services.representatives_of([thing.owner_id]),
                    kind=thing.kind,
                    organisation_id=thing.owner_id,
                    url=thing.url,
                    params=params,
                )
            else:
                made = services.notify(
                    users=services.representatives_of([thing.owner_id]),
                    kind=thing.kind,
                    partnership=thing.partnership,
                    url=thing.url,
                    params=params,
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
