"""Plan versions: the frozen content of a plan, and the differences between two versions.

`snapshot(partnership)` reads the plan (a fixed number of queries); `diff_plans(old, new)` is
pure. Progress and status are left out: they change as the work goes on, not the plan.
"""

import hashlib
import json
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Activity, Milestone

ACTIVITY_FIELDS = [
    ("title", _("title")),
    ("description", _("description")),
    ("responsible", _("responsible partner")),
    ("supporting", _("supporting partners")),
    ("start", _("start")),
    ("end", _("end")),
    ("budget", _("budget")),
    ("funded_by", _("funded by")),
    ("deliverable", _("deliverable")),
    ("depends_on", _("depends on")),
]
MILESTONE_FIELDS = [("title", _("title")), ("date", _("date")), ("activity", _("activity"))]


def _name(partner) -> str:
    return partner.organisation.name if partner else ""


def snapshot(partnership) -> dict:
    activities = Activity.objects.filter(partnership=partnership).current().for_plan()
    titles = {}
    rows = []
    for activity in activities:
        titles[activity.pk] = activity.title
        rows.append(activity)
    content = {
        "currency": partnership.currency,
        "activities": [
            {
                "id": a.pk,
                "title": a.title,
                "description": a.description,
                "responsible": _name(a.responsible),
                "supporting": sorted(_name(p) for p in a.supporting.all()),
                "start": a.start_date.isoformat() if a.start_date else None,
                "end": a.end_date.isoformat() if a.end_date else None,
                "budget": None if a.budget is None else f"{a.budget:.2f}",
                "funded_by": sorted(
                    f"{_name(p.partner)}: {p.description[:60]}" for p in a.funded_by.all()
                ),
                "deliverable": a.deliverable,
                "depends_on": sorted(titles.get(d.pk, d.title) for d in a.depends_on.all()),
            }
            for a in rows
        ],
        "milestones": [
            {
                "id": m.pk,
                "title": m.title,
                "date": m.due_date.isoformat(),
                "activity": m.activity.title if m.activity else "",
            }
            for m in Milestone.objects.filter(partnership=partnership).select_related("activity")
        ],
    }
    return content


def content_hash(content: dict) -> str:
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def _text(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: object
    new: object

    @property
    def old_text(self) -> str:
        return _text(self.old)

    @property
    def new_text(self) -> str:
        return _text(self.new)


@dataclass(frozen=True)
class ItemDiff:
    kind: str  # "activity" or "milestone"
    title: str
    state: str  # "added", "removed", "changed"
    changes: tuple[Change, ...] = ()


def _diff_items(kind, old_items, new_items, fields) -> list[ItemDiff]:
    old = {item["id"]: item for item in old_items}
    new = {item["id"]: item for item in new_items}
    result = []
    for key, item in new.items():
        if key not in old:
            result.append(ItemDiff(kind, item["title"], "added"))
            continue
        changes = tuple(
            Change(name, str(label), old[key].get(name), item.get(name))
            for name, label in fields
            if old[key].get(name) != item.get(name)
        )
        if changes:
            result.append(ItemDiff(kind, item["title"], "changed", changes))
    for key, item in old.items():
        if key not in new:
            result.append(ItemDiff(kind, item["title"], "removed"))
    return result


def diff_plans(old: dict, new: dict) -> list[ItemDiff]:
    """What changed from `old` to `new`: activities and milestones added, removed or changed
    (field by field). Items are matched by their id, so a renamed activity is a change."""
    return _diff_items(
        "activity", old.get("activities", []), new.get("activities", []), ACTIVITY_FIELDS
    ) + _diff_items(
        "milestone", old.get("milestones", []), new.get("milestones", []), MILESTONE_FIELDS
    )
