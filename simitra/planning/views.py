from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simitra.lib.pagination import paginate
from simitra.lib.views import edit_conflict
from simitra.partnerships.access import get_partnership, get_record

from . import services
from .forms import ActivityForm, CompareForm, MilestoneForm
from .gantt import GanttActivity, GanttMilestone, gantt_layout
from .models import Activity, Milestone
from .selectors import plan_readiness_for
from .versions import diff_plans


def _gantt(partnership):
    activities = list(
        Activity.objects.filter(partnership=partnership)
        .current()
        .select_related("responsible__organisation")
        .prefetch_related("depends_on")
    )
    milestones = list(Milestone.objects.filter(partnership=partnership))
    return gantt_layout(
        [
            GanttActivity(
                id=a.pk,
                title=a.title,
                start=a.start_date,
                end=a.end_date,
                progress=a.progress,
                status=a.status,
                responsible=a.responsible.organisation.name if a.responsible else "",
                depends_on=tuple(d.pk for d in a.depends_on.all()),
            )
            for a in activities
        ],
        [
            GanttMilestone(
                title=m.title, date=m.due_date, activity_id=m.activity_id, done=bool(m.done_on)
            )
            for m in milestones
        ],
        today=timezone.localdate(),
        start=partnership.start_date,
        end=partnership.end_date,
        locale=(get_language() or "id")[:2],
    )


@login_required
def plan(request, code):
    """The plan with its readiness check; the phase tab loads the panel part."""
    partnership = get_partnership(request.user, code, "planning.view_plan")
    readiness = plan_readiness_for(partnership)
    version = services.latest_version(partnership)
    context = {"partnership": partnership, "readiness": readiness, "version": version}
    if request.htmx:
        activities = Activity.objects.filter(partnership=partnership).current()
        context["activity_count"] = activities.count()
        context["gantt"] = _gantt(partnership)
        return render(request, "planning/plan.html#plan-panel", context)
    activities = Activity.objects.filter(partnership=partnership).for_plan()
    page = paginate(request, activities)
    problems = {}
    for problem in readiness.problems:
        if problem.activity_id:
            problems.setdefault(problem.activity_id, []).append(problem.message)
    rows = [{"activity": a, "problems": problems.get(a.pk, [])} for a in page.object_list]
    context.update(
        {
            "page": page,
            "rows": rows,
            "milestones": Milestone.objects.filter(partnership=partnership).select_related(
                "activity"
            )[:50],
            "activity_count": page.paginator.count,
        }
    )
    return render(request, "planning/plan.html", context)


@login_required
def gantt(request, code):
    partnership = get_partnership(request.user, code, "planning.view_plan")
    return render(
        request,
        "planning/gantt.html",
        {"partnership": partnership, "gantt": _gantt(partnership)},
    )


def _get_activity(partnership, activity_id) -> Activity:
    return get_record(partnership, Activity.objects, pk=activity_id)


@login_required
def activity_form(request, code, activity_id=None):
    partnership = get_partnership(request.user, code, "planning.change_plan")
    activity = _get_activity(partnership, activity_id) if activity_id else None
    form = ActivityForm(request.POST or None, instance=activity, partnership=partnership)
    context = {"partnership": partnership, "form": form, "activity": activity}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, "planning/activity_form.html", context):
                return conflict
            services.save_activity(form=form, partnership=partnership, saved_by=request.user)
        messages.success(request, _("Activity saved."))
        return redirect("planning:plan", code=partnership.code)
    return render(request, "planning/activity_form.html", context)


@login_required
@require_POST
def activity_delete(request, code, activity_id):
    partnership = get_partnership(request.user, code, "planning.change_plan")
    activity = _get_activity(partnership, activity_id)
    services.delete_activity(activity=activity, deleted_by=request.user)
    messages.success(request, _("Activity deleted."))
    return redirect("planning:plan", code=partnership.code)


@login_required
def milestone_form(request, code, milestone_id=None):
    partnership = get_partnership(request.user, code, "planning.change_plan")
    milestone = (
        get_record(partnership, Milestone.objects, pk=milestone_id)
        if milestone_id
        else Milestone(partnership=partnership)
    )
    form = MilestoneForm(request.POST or None, instance=milestone, partnership=partnership)
    context = {"partnership": partnership, "form": form, "milestone": milestone}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, "planning/milestone_form.html", context):
                return conflict
            services.save_milestone(milestone=form.save(commit=False), saved_by=request.user)
        messages.success(request, _("Milestone saved."))
        return redirect("planning:plan", code=partnership.code)
    return render(request, "planning/milestone_form.html", context)


@login_required
@require_POST
def milestone_delete(request, code, milestone_id):
    partnership = get_partnership(request.user, code, "planning.change_plan")
    milestone = get_record(partnership, Milestone.objects, pk=milestone_id)
    services.delete_milestone(milestone=milestone, deleted_by=request.user)
    messages.success(request, _("Milestone deleted."))
    return redirect("planning:plan", code=partnership.code)


@login_required
def versions(request, code):
    """The plan's versions, and what changed between two of them."""
    partnership = get_partnership(request.user, code, "planning.view_plan")
    all_versions = partnership.plan_versions.select_related("created_by").defer("content")
    page = paginate(request, all_versions)
    context = {"partnership": partnership, "page": page, "versions": page.object_list}
    form = CompareForm(request.GET or None)
    latest = services.latest_version(partnership)
    if not request.GET and latest is not None and latest.number > 1:
        form = CompareForm({"old": latest.number - 1, "new": latest.number})
    if form.is_bound and form.is_valid():
        numbers = {form.cleaned_data["old"], form.cleaned_data["new"]}
        found = {v.number: v for v in partnership.plan_versions.filter(number__in=numbers)}
        if len(found) != len(numbers):
            form.add_error(None, _("There is no such version of this plan."))
        else:
            old, new = found[form.cleaned_data["old"]], found[form.cleaned_data["new"]]
            context.update({"old": old, "new": new, "diff": diff_plans(old.content, new.content)})
    context["form"] = form
    return render(request, "planning/versions.html", context)


@login_required
def version_detail(request, code, number):
    partnership = get_partnership(request.user, code, "planning.view_plan")
    version = get_object_or_404(partnership.plan_versions, number=number)
    return render(
        request,
        "planning/version_detail.html",
        {"partnership": partnership, "version": version},
    )
