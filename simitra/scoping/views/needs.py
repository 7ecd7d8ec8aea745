"""Phase 1: needs told apart from wishes, solution options, the suitability check, and the
co-creation chart."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simitra.lib import charts
from simitra.organisations.models import Organisation
from simitra.partnerships.access import get_partnership
from simitra.partnerships.models import Partner, PartnerStatus

from .. import services, suitability
from ..cocreation import Idea, tally
from ..forms import NeedForm, SolutionOptionForm, SuitabilityForm
from ..models import Answer, Need, ProblemNode, ProblemStatement, SolutionOption, SuitabilityCheck
from ..wishes import NeedInput, need_status
from .common import delete_record, edit_record, render_panel


@login_required
def needs(request, code):
    partnership = get_partnership(request.user, code, "scoping.view_scoping")
    rows = (
        Need.objects.filter(partnership=partnership)
        .select_related("proposed_by")
        .prefetch_related("evidence")
    )
    verified, flagged = [], []
    for need in rows:
        status = need_status(
            NeedInput(evidence_count=len(need.evidence.all()), drivers=tuple(need.declared_drivers))
        )
        (verified if status.verified else flagged).append({"need": need, "status": status})
    return render_panel(
        request,
        "scoping/needs.html",
        {
            "partnership": partnership,
            "verified": verified,
            "flagged": flagged,
            "can_edit": request.user.has_perm("scoping.change_scoping", partnership),
        },
    )


@login_required
def need_edit(request, code, need_id=None):
    partnership = get_partnership(request.user, code, "scoping.change_scoping")
    need = get_object_or_404(Need, pk=need_id, partnership=partnership) if need_id else None
    return edit_record(
        request,
        partnership=partnership,
        form_class=NeedForm,
        instance=need,
        template="scoping/form.html",
        back=reverse("scoping:needs", args=[partnership.code]),
        title=_("Edit need") if need else _("Add a need"),
        saved=_("Need saved."),
        before_save=lambda record: setattr(record, "declared_by", request.user),
        user=request.user,
    )


@login_required
@require_POST
def need_delete(request, code, need_id):
    partnership = get_partnership(request.user, code, "scoping.change_scoping")
    need = get_object_or_404(Need, pk=need_id, partnership=partnership)
    return delete_record(
        request,
        record=need,
        back=reverse("scoping:needs", args=[partnership.code]),
        deleted=_("Need removed."),
    )


@login_required
def options(request, code):
    partnership = get_partnership(request.user, code, "scoping.view_scoping")
    rows = (
        SolutionOption.objects.filter(partnership=partnership)
        .select_related("proposed_by")
        .prefetch_related("causes")
    )
    return render_panel(
        request,
        "scoping/options.html",
        {
            "partnership": partnership,
            "options": rows,
            "can_edit": request.user.has_perm("scoping.change_scoping", partnership),
        },
    )


@login_required
def option_edit(request, code, option_id=None):
    partnership = get_partnership(request.user, code, "scoping.change_scoping")
    option = (
        get_object_or_404(SolutionOption, pk=option_id, partnership=partnership)
        if option_id
        else None
    )
    return edit_record(
        request,
        partnership=partnership,
        form_class=SolutionOptionForm,
        instance=option,
        template="scoping/form.html",
        back=reverse("scoping:options", args=[partnership.code]),
        title=_("Edit solution option") if option else _("Add a solution option"),
        saved=_("Solution option saved."),
        user=request.user,
    )


@login_required
@require_POST
def option_delete(request, code, option_id):
    partnership = get_partnership(request.user, code, "scoping.change_scoping")
    option = get_object_or_404(SolutionOption, pk=option_id, partnership=partnership)
    return delete_record(
        request,
        record=option,
        back=reverse("scoping:options", args=[partnership.code]),
        deleted=_("Solution option removed."),
    )


@login_required
def suitability_view(request, code):
    partnership = get_partnership(request.user, code, "scoping.view_scoping")
    check = SuitabilityCheck.objects.filter(partnership=partnership).first()
    result = suitability.recommend(check.answers) if check else None
    return render_panel(
        request,
        "scoping/suitability.html",
        {
            "partnership": partnership,
            "check": check,
            "result": result,
            "questions": [
                (suitability.QUESTION_TEXT[q], Answer(check.answers[q]).label)
                for q in suitability.QUESTIONS
            ]
            if check
            else [],
            "can_edit": request.user.has_perm("scoping.change_scoping", partnership),
        },
    )


@login_required
def suitability_edit(request, code):
    partnership = get_partnership(request.user, code, "scoping.change_scoping")
    check = SuitabilityCheck.objects.filter(partnership=partnership).first()
    initial = {**check.answers, "notes": check.notes} if check else None
    form = SuitabilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        check = services.save_suitability(
            partnership=partnership,
            answers={q: data[q] for q in suitability.QUESTIONS},
            notes=data["notes"],
            answered_by=request.user,
        )
        messages.success(
            request,
            _("Suitability check saved. Recommendation: %(recommendation)s.")
            % {"recommendation": check.get_recommendation_display()},
        )
        return redirect("scoping:suitability", code=partnership.code)
    return render(
        request,
        "scoping/form.html",
        {
            "partnership": partnership,
            "form": form,
            "title": _("Suitability check"),
            "back": reverse("scoping:suitability", args=[partnership.code]),
        },
    )


@login_required
def cocreation(request, code):
    partnership = get_partnership(request.user, code, "scoping.view_scoping")
    ideas = [
        Idea(org_id, "problem")
        for org_id in ProblemStatement.objects.filter(partnership=partnership).values_list(
            "proposed_by_id", flat=True
        )
    ]
    ideas += [
        Idea(org_id, kind)
        for org_id, kind in ProblemNode.objects.filter(partnership=partnership).values_list(
            "proposed_by_id", "kind"
        )
    ]
    ideas += [
        Idea(org_id, "need")
        for org_id in Need.objects.filter(partnership=partnership).values_list(
            "proposed_by_id", flat=True
        )
    ]
    ideas += [
        Idea(org_id, "option")
        for org_id in SolutionOption.objects.filter(partnership=partnership).values_list(
            "proposed_by_id", flat=True
        )
    ]
    partners = (
        Partner.objects.filter(partnership=partnership)
        .exclude(status__in=[*PartnerStatus.not_taking_part(), PartnerStatus.CANDIDATE])
        .values_list("organisation_id", "organisation__name")
        .order_by("organisation__name")
    )
    partner_ids = {org_id for org_id, _name in partners}
    other_ids = {i.organisation_id for i in ideas if i.organisation_id} - partner_ids
    others = dict(Organisation.objects.filter(pk__in=other_ids).values_list("pk", "name"))
    result = tally(ideas, list(partners), others)
    chart = charts.horizontal_bars(
        [row.name for row in result.rows],
        [charts.dataset(_("Ideas proposed"), [row.count for row in result.rows], charts.BRAND)],
        legend=False,
        x={"beginAtZero": True, "ticks": {"precision": 0}},
    )
    return render_panel(
        request,
        "scoping/cocreation.html",
        {"partnership": partnership, "result": result, "chart": chart},
    )
