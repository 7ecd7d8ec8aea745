"""Is the action plan detailed and clear enough to sign an agreement on? (the seed: before the
MoU, the action plan must be made in detail and clearly).

A pure function over plain facts: `plan_readiness(activities=…, partners=…, start=…, end=…)`.
The plan is ready when there are no problems. Problems, each with its reason:

* ``no_activities`` — the plan has no (non-cancelled) activity;
* ``no_partnership_dates`` — the partnership has no start or end date to check against;
* per activity: ``no_responsible`` (no responsible partner), ``responsible_not_confirmed``
  (the responsible partner is not a confirmed partner), ``no_dates`` (start or end missing),
  ``dates_reversed`` (end before start), ``before_partnership`` / ``after_partnership``
  (outside the partnership's dates), ``no_deliverable``, ``no_budget`` (no budget line),
  ``unfunded`` (a budget above zero that no contribution funds);
* ``dependency_backwards`` — an activity starts before an activity it depends on ends;
* ``dependency_cycle`` — activities that depend on each other in a circle;
* ``partner_without_part`` — a confirmed partner neither leads nor supports any activity.

Score (shown beside the list): the share of activities without a problem of their own.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ActivityFact:
    id: int
    title: str
    responsible_id: int | None = None
    supporting_ids: frozenset[int] = field(default_factory=frozenset)
    start: dt.date | None = None
    end: dt.date | None = None
    deliverable: str = ""
    budget: Decimal | None = None
    funding_count: int = 0
    depends_on: tuple[int, ...] = ()


@dataclass(frozen=True)
class PartnerFact:
    id: int
    name: str


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    activity_id: int | None = None
    partner_id: int | None = None


@dataclass(frozen=True)
class Readiness:
    problems: tuple[Problem, ...]
    activity_count: int
    activities_without_problems: int

    @property
    def ready(self) -> bool:
        return not self.problems

    @property
    def score(self) -> float:
        if not self.activity_count:
            return 0.0
        return self.activities_without_problems / self.activity_count

    def for_activity(self, activity_id: int) -> list[Problem]:
        return [p for p in self.problems if p.activity_id == activity_id]


def _day(value: dt.date) -> str:
    return date_format(value)


def _cycles(activities: Sequence[ActivityFact]) -> set[int]:
    """Activities that lie on a dependency cycle."""
    graph = {a.id: [d for d in a.depends_on if d != a.id] for a in activities}
    on_cycle: set[int] = set()
    for start in graph:
        stack = [(start, iter(graph.get(start, ())))]
        path = [start]
        seen = {start}
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                continue
            if child == start:
                on_cycle.update(path)
            elif child not in seen and child in graph:
                seen.add(child)
                path.append(child)
                stack.append((child, iter(graph[child])))
    return on_cycle


def plan_readiness(
    *,
    activities: Sequence[ActivityFact],
    partners: Sequence[PartnerFact],
    start: dt.date | None,
    end: dt.date | None,
) -> Readiness:
    problems: list[Problem] = []
    if not activities:
        problems.append(Problem("no_activities", _("The plan has no activities yet.")))
    if start is None or end is None:
        problems.append(
            Problem(
                "no_partnership_dates",
                _("The partnership has no start and end dates to check the activities against."),
            )
        )
    confirmed = {p.id for p in partners}
    by_id = {a.id: a for a in activities}
    with_problems: set[int] = set()

    def add(code: str, message: str, activity: ActivityFact) -> None:
        problems.append(Problem(code, message, activity_id=activity.id))
        with_problems.add(activity.id)

    for activity in activities:
        name = {"title": activity.title}
        if activity.responsible_id is None:
            add("no_responsible", _("“%(title)s” has no responsible partner.") % name, activity)
        elif activity.responsible_id not in confirmed:
            add(
                "responsible_not_confirmed",
                _("“%(title)s” is led by a partner that is not confirmed.") % name,
                activity,
            )
        if activity.start is None or activity.end is None:
            add("no_dates", _("“%(title)s” needs a start and an end date.") % name, activity)
        else:
            if activity.end < activity.start:
                add("dates_reversed", _("“%(title)s” ends before it starts.") % name, activity)
            if start is not None and activity.start < start:
                add(
                    "before_partnership",
                    _("“%(title)s” starts (%(day)s) before the partnership does (%(start)s).")
                    % {**name, "day": _day(activity.start), "start": _day(start)},
                    activity,
                )
            if end is not None and activity.end > end:
                add(
                    "after_partnership",
                    _("“%(title)s” ends (%(day)s) after the partnership does (%(end)s).")
                    % {**name, "day": _day(activity.end), "end": _day(end)},
                    activity,
                )
        if not activity.deliverable.strip():
            add("no_deliverable", _("“%(title)s” has no deliverable.") % name, activity)
        if activity.budget is None:
            add("no_budget", _("“%(title)s” has no budget line.") % name, activity)
        elif activity.budget > 0 and activity.funding_count == 0:
            add(
                "unfunded",
                _("“%(title)s” has a budget but no contribution funding it.") % name,
                activity,
            )
        for required_id in activity.depends_on:
            required = by_id.get(required_id)
            if required is None or required.end is None or activity.start is None:
                continue
            if required.end > activity.start:
                add(
                    "dependency_backwards",
                    _(
                        "“%(title)s” starts (%(start)s) before “%(required)s”, which it depends "
                        "on, ends (%(end)s)."
                    )
                    % {
                        **name,
                        "required": required.title,
                        "start": _day(activity.start),
                        "end": _day(required.end),
                    },
                    activity,
                )
    for activity_id in sorted(_cycles(activities)):
        add(
            "dependency_cycle",
            _("“%(title)s” depends, through other activities, on itself.")
            % {"title": by_id[activity_id].title},
            by_id[activity_id],
        )
    taking_part = set()
    for activity in activities:
        if activity.responsible_id is not None:
            taking_part.add(activity.responsible_id)
        taking_part.update(activity.supporting_ids)
    for partner in partners:
        if partner.id not in taking_part:
            problems.append(
                Problem(
                    "partner_without_part",
                    _(
                        "%(name)s has no part in the plan (it neither leads nor supports an activity)."
                    )
                    % {"name": partner.name},
                    partner_id=partner.id,
                )
            )
    return Readiness(
        problems=tuple(problems),
        activity_count=len(activities),
        activities_without_problems=len(activities) - len(with_problems),
    )
