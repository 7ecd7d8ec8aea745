"""Evaluations of a partnership and their revision actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simitra.early_warning.conf import warning_thresholds
from simitra.lib.pagination import paginate
from simitra.lib.views import refused
from simitra.partnerships.access import get_partnership, get_record

from . import services
from .evaluation import evaluation_facts, sentences, share
from .forms import ActionFollowUpForm, EvaluationForm, RevisionActionForm
from .models import OPEN_ACTION_STATUSES, Evaluation, RevisionAction
from .selectors import evaluation_input


def _evaluation(partnership, pk) -> Evaluation:
    return get_record(
        partnership,
        Evaluation.objects.select_related("plan_version", "created_by", "completed_by"),
        pk=pk,
    )


@login_required
def evaluation_list(request, code):
    """The partnership's evaluations (the panel of phase tab 6, or a page)."""
    partnership = get_partnership(request.user, code)
    context = {"partnership": partnership, "can_view": False}
    if request.user.has_perm("evaluations.view_evaluation", partnership):
        today = timezone.localdate()
        evaluations = partnership.evaluations.order_by("-evaluated_on", "-pk").annotate(
            action_count=Count("actions"),
            open_actions=Count("actions", filter=Q(actions__status__in=OPEN_ACTION_STATUSES)),
            overdue_actions=Count(
                "actions",
                filter=Q(actions__status__in=OPEN_ACTION_STATUSES, actions__due_date__lt=today),
            ),
        )
        page = paginate(request, evaluations, per_page=10)
        context.update(
            can_view=True,
            page=page,
            evaluations=page.object_list,
            can_manage=request.user.has_perm("evaluations.manage_evaluation", partnership),
        )
    template = (
        "evaluations/evaluations.html#panel" if request.htmx else "evaluations/evaluations.html"
    )
    # A full page the user may not read says so with 403 (a panel inside a page they may read,
    # fetched by htmx, says it in the panel).
    status = 200 if context["can_view"] or request.htmx else 403
    return render(request, template, context, status=status)


@login_required
def evaluation_form(request, code, pk=None):
    partnership = get_partnership(request.user, code, "evaluations.manage_evaluation")
    evaluation = _evaluation(partnership, pk) if pk else Evaluation(partnership=partnership)
    if evaluation.is_completed:
        messages.error(request, _("This evaluation is completed: it can no longer be changed."))
        return redirect(evaluation)
    form = EvaluationForm(request.POST or None, instance=evaluation, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.save_evaluation(
                evaluation=form.save(commit=False), saved_by=request.user
            )
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Evaluation saved."))
            return redirect(evaluation)
    return render(
        request,
        "evaluations/evaluation_form.html",
        {"partnership": partnership, "form": form, "evaluation": evaluation if pk else None},
    )


def _facts(evaluation: Evaluation) -> dict:
    if evaluation.is_completed and evaluation.facts:
        return evaluation.facts
    return evaluation_facts(
        evaluation_input(evaluation.partnership, evaluation.plan_version, evaluation.evaluated_on),
        grace_days=warning_thresholds().grace_days,
    )


@login_required
def evaluation_detail(request, code, pk):
    partnership = get_partnership(request.user, code, "evaluations.view_evaluation")
    evaluation = _evaluation(partnership, pk)
    facts = _facts(evaluation)
    actions = list(
        evaluation.actions.select_related("owner__organisation", "plan_version", "amendment")
    )
    today = timezone.localdate()
    rows = []
    for action in actions:
        action.evaluation = evaluation
        rows.append(
            {
                "action": action,
                "overdue": action.is_overdue(today),
                "can_follow_up": not partnership.is_closed
                and request.user.has_perm("evaluations.follow_up_action", action),
            }
        )
    can_manage = request.user.has_perm("evaluations.manage_evaluation", partnership)
    return render(
        request,
        "evaluations/evaluation.html",
        {
            "partnership": partnership,
            "evaluation": evaluation,
            "facts": facts,
            "sentences": sentences(facts),
            "shares": {
                "work": share(facts["budget"]["work_done"], facts["budget"]["current"]),
                "delivered": share(facts["budget"]["delivered"], facts["budget"]["pledged"]),
            },
            "rows": rows,
            "can_manage": can_manage and not partnership.is_closed,
            "follow_up_form": ActionFollowUpForm(),
        },
    )


@login_required
@require_POST
def evaluation_complete(request, code, pk):
    partnership = get_partnership(request.user, code, "evaluations.manage_evaluation")
    evaluation = _evaluation(partnership, pk)
    try:
        services.complete_evaluation(evaluation=evaluation, completed_by=request.user)
    except services.ReviewError as error:  # completed meanwhile, or not complete enough yet
        return refused(request, str(error), evaluation.get_absolute_url())
    messages.success(request, _("Evaluation completed: its facts are kept as they are now."))
    return redirect(evaluation)


@login_required
def action_form(request, code, pk, action_id=None):
    partnership = get_partnership(request.user, code, "evaluations.manage_evaluation")
    evaluation = _evaluation(partnership, pk)
    if action_id:
        action = get_object_or_404(RevisionAction, pk=action_id, evaluation=evaluation)
    else:
        if evaluation.is_completed:
            messages.error(
                request,
                _("The evaluation is completed: its recommendations are fixed. Follow them up."),
            )
            return redirect(evaluation)
        action = RevisionAction(evaluation=evaluation)
    form = RevisionActionForm(
        request.POST or None,
        instance=action,
        partnership=partnership,
        recommendation_fixed=evaluation.is_completed,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_revision_action(action=form.save(commit=False), saved_by=request.user)
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Revision action saved."))
            return redirect(evaluation)
    return render(
        request,
        "evaluations/action_form.html",
        {
            "partnership": partnership,
            "evaluation": evaluation,
            "form": form,
            "action": action if action_id else None,
        },
    )


@login_required
@require_POST
def action_follow_up(request, code, pk, action_id):
    """The owner (or a coordinator) says how an action stands."""
    partnership = get_partnership(request.user, code, "evaluations.view_evaluation")
    evaluation = _evaluation(partnership, pk)
    action = get_object_or_404(RevisionAction, pk=action_id, evaluation=evaluation)
    action.evaluation = evaluation
    if not request.user.has_perm("evaluations.follow_up_action", action):
        raise PermissionDenied
    form = ActionFollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect(evaluation)
    try:
        services.update_action_status(
            action=action,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            updated_by=request.user,
        )
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Revision action updated."))
    return redirect(evaluation)
