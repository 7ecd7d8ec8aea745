"""Writes to the action plan. Every edit that changes the plan records the next plan version."""

from django.db import transaction
from django.db.models import Max

from simitra.accounts.models import User
from simitra.partnerships import recompute
from simitra.partnerships.models import Partnership

from .models import Activity, Milestone, PlanVersion
from .versions import content_hash, snapshot


@transaction.atomic
def record_plan_version(
    *, partnership: Partnership, made_by: User | None, note: str = ""
) -> PlanVersion | None:
    """The plan's current version: a new one if the plan differs from the latest version,
    else the latest. None while the plan is empty and has never had a version."""
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    content = snapshot(partnership)
    digest = content_hash(content)
    latest = partnership.plan_versions.order_by("-number").first()
    if latest is not None and latest.content_hash == digest:
        return latest
    if latest is None and not content["activities"] and not content["milestones"]:
        return None
    number = (partnership.plan_versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return PlanVersion.objects.create(
        partnership=partnership,
        number=number,
        content=content,
        content_hash=digest,
        note=note[:250],
        created_by=made_by,
    )


def latest_version(partnership: Partnership) -> PlanVersion | None:
    return partnership.plan_versions.order_by("-number").first()


@transaction.atomic
def save_activity(*, form, partnership: Partnership, saved_by: User) -> Activity:
    """Save an activity form (with its partners, funding and dependencies)."""
    activity = form.save(commit=False)
    activity.partnership = partnership
    activity.save()
    form.save_m2m()
    record_plan_version(partnership=partnership, made_by=saved_by)
    recompute.inputs_changed(partnership.pk)
    return activity


@transaction.atomic
def delete_activity(*, activity: Activity, deleted_by: User) -> None:
    partnership = activity.partnership
    activity.delete()
    record_plan_version(partnership=partnership, made_by=deleted_by)
    recompute.inputs_changed(partnership.pk)


@transaction.atomic
def save_milestone(*, milestone: Milestone, saved_by: User) -> Milestone:
    milestone.save()
    record_plan_version(partnership=milestone.partnership, made_by=saved_by)
    return milestone


@transaction.atomic
def delete_milestone(*, milestone: Milestone, deleted_by: User) -> None:
    partnership = milestone.partnership
    milestone.delete()
    record_plan_version(partnership=partnership, made_by=deleted_by)
