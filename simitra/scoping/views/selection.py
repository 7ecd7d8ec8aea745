"""Phase 2: finding candidates, assessing them blind, deciding, and the register of special
relationships."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simitra.lib.pagination import paginate
from simitra.lib.views import refused
from simitra.organisations.models import Organisation
from simitra.partnerships.access import get_partnership, get_record
from simitra.partnerships.models import Partner, PartnerStatus

from .. import services
from ..forms import (
    CandidateForm,
    DecisionForm,
    DeclarationForm,
    RelationshipForm,
    ScoresForm,
    SearchForm,
)
from ..models import Relationship
from ..search import Criteria, region_names, search_candidates
from ..selectors import (
    assessments_with_conflicts,
    conflict_before_declaring,
    in_criteria_order,
    may_see_results,
    result_of,
    selection_partners,
)
from .common import delete_record, edit_record, render_panel

SEARCH_PAGE_SIZE = 20


def _candidate_rows(request, partnership, partners):
    """Each partner with its assessments summarised as far as this user may see."""
    assessed = assessments_with_conflicts(partners)
    can_assess = request.user.has_perm("scoping.assess_candidate", partnership)
    can_decide = request.user.has_perm("scoping.decide_candidate", partnership)
    rows = []
    for partner in partners:
        items = assessed.get(partner.pk, [])
        own = next(
            (i.assessment for i in items if i.assessment.assessor_id == request.user.pk), None
        )
        visible = may_see_results(own=own, can_assess=can_assess, can_decide=can_decide)
        rows.append(
            {
                "partner": partner,
                "candidacy": getattr(partner, "candidacy", None),
                "own": own,
                "submitted": sum(1 for i in items if i.assessment.is_submitted),
                "result": result_of(items) if visible else None,
            }
        )
    return rows


@login_required
def candidates(request, code):
    partnership = get_partnership(request.user, code, "scoping.view_scoping")
    context = {"partnership": partnership}
    if request.user.has_perm("scoping.view_candidates", partnership):
        partners = list(selection_partners(partnership))
        context |= {
            "rows": _candidate_rows(request, partnership, partners),
            "can_search": request.user.has_perm("scoping.search_candidates", partnership),
            "can_see": True,
        }
    elif not request.htmx:
        raise PermissionDenied
    return render_panel(request, "scoping/candidates.html", context)


@login_required
def candidate_search(request, code):
    partnership = get_partnership(request.user, code, "scoping.search_candidates")
    form = SearchForm(request.GET or None)
    matches, page = [], None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        criteria = Criteria(
            text=data["q"],
            sector=data["sector"],
            capability=data["capability"].strip(),
            region=data["region"],
            sdg=data["sdg"].number if data["sdg"] else None,
        )
    elif not form.is_bound:
        criteria = Criteria()
    else:
        criteria = None
    if criteria is not None:
        matches = search_candidates(partnership, criteria)
        page = Paginator(matches, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        on_page = list(page.object_list)
        organisations = Organisation.objects.in_bulk([m.organisation_id for m in on_page])
        statuses = dict(
            Partner.objects.filter(partnership=partnership).values_list("organisation_id", "status")
        )
        names = region_names(code for m in on_page for code in m.regions)
        rows = [
            {
                "match": m,
                "organisation": organisations[m.organisation_id],
                "status": statuses.get(m.organisation_id),
                "status_label": PartnerStatus(statuses[m.organisation_id]).label
                if m.organisation_id in statuses
                else None,
                "regions": [(c, names.get(c, c)) for c in m.regions],
                "percent": round(m.score * 100),
            }
            for m in on_page
        ]
    else:
        rows = []
    return render(
        request,
        "scoping/search.html",
        {
            "partnership": partnership,
            "form": form,
            "page": page,
            "rows": rows,
            "total": len(matches),
        },
    )


@login_required
@require_POST
def candidate_add(request, code):
    partnership = get_partnership(request.user, code, "scoping.add_candidate")
    form = CandidateForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("scoping:search", code=code)
    organisation = form.cleaned_data["organisation"]
    # The score kept with the candidacy is recomputed here, never taken from the form.
    match = next(
        (
            m
            for m in search_candidates(partnership, Criteria(text=request.POST.get("q", "")))
            if m.organisation_id == organisation.pk
        ),
        None,
    )
    try:
        services.add_candidate(
            partnership=partnership,
            organisation=organisation,
            rationale=form.cleaned_data["rationale"],
            added_by=request.user,
            match=match,
        )
    except services.SelectionError as error:
        messages.error(request, str(error))
        return redirect(reverse("scoping:search", args=[code]))
    messages.success(
        request, _("%(organisation)s added as a candidate.") % {"organisation": organisation.name}
    )
    return redirect(
        "scoping:candidate", code=code, partner_id=_partner_id(partnership, organisation)
    )


def _partner_id(partnership, organisation) -> int:
    return Partner.objects.only("pk").get(partnership=partnership, organisation=organisation).pk


def _candidate(request, code, partner_id, perm="scoping.view_candidates"):
    partnership = get_partnership(request.user, code, perm)
    partner = get_record(
        partnership,
        Partner.objects.select_related("organisation", "candidacy__added_by"),
        pk=partner_id,
    )
    return partnership, partner


@login_required
def candidate_detail(
    request,
    code,
    partner_id,
    *,
    scores_form=None,
    declaration_form=None,
    decision_form=None,
    status=200,
):
    """The assessment page: the declaration, then the scoring form; the others' scores and the
    result only once this user may see them (blind scoring)."""
    partnership, partner = _candidate(request, code, partner_id)
    assessed = assessments_with_conflicts([partner]).get(partner.pk, [])
    own_item = next((i for i in assessed if i.assessment.assessor_id == request.user.pk), None)
    own = own_item.assessment if own_item else None
    can_assess = request.user.has_perm("scoping.assess_candidate", partnership)
    can_decide = request.user.has_perm("scoping.decide_candidate", partnership)
    visible = may_see_results(own=own, can_assess=can_assess, can_decide=can_decide)
    context = {
        "partnership": partnership,
        "partner": partner,
        "organisation": partner.organisation,
        "candidacy": getattr(partner, "candidacy", None),
        "own": own,
        "own_conflict": own_item.conflict if own_item else None,
        "own_scores": {s.criterion: s for s in in_criteria_order(own.scores.all())} if own else {},
        "can_assess": can_assess and partner.status not in PartnerStatus.not_taking_part(),
        "can_decide": can_decide,
        "show_results": visible,
        "submitted_count": sum(1 for i in assessed if i.assessment.is_submitted),
    }
    if visible:
        # Only now do the others' scores enter the page at all.
        context["assessed"] = [i for i in assessed if i.assessment.is_submitted]
        context["result"] = result_of(assessed)
    if context["can_assess"]:
        if own is None:
            context["declaration_form"] = declaration_form or DeclarationForm()
            context["known_conflict"] = conflict_before_declaring(partner, request.user)
        elif not own.is_submitted:
            context["scores_form"] = scores_form or ScoresForm(scores=context["own_scores"])
    if can_decide:
        context["decision_form"] = decision_form or DecisionForm()
    return render(request, "scoping/candidate.html", context, status=status)


@login_required
@require_POST
def candidate_declare(request, code, partner_id):
    partnership, partner = _candidate(request, code, partner_id, "scoping.assess_candidate")
    form = DeclarationForm(request.POST)
    if form.is_valid():
        try:
            services.declare_conflict(
                partner=partner,
                assessor=request.user,
                conflicted=form.cleaned_data["conflicted"],
                note=form.cleaned_data["note"],
            )
        except services.SelectionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Declaration recorded. You may now score."))
        return redirect("scoping:candidate", code=code, partner_id=partner.pk)
    return candidate_detail(request, code, partner_id, declaration_form=form, status=400)


@login_required
@require_POST
def candidate_score(request, code, partner_id):
    partnership, partner = _candidate(request, code, partner_id, "scoping.assess_candidate")
    own = partner.assessments.filter(assessor=request.user).first()
    if own is None:
        messages.error(request, _("Declare any conflict of interest before scoring."))
        return redirect("scoping:candidate", code=code, partner_id=partner.pk)
    form = ScoresForm(request.POST)
    if not form.is_valid():
        return candidate_detail(request, code, partner_id, scores_form=form, status=400)
    submit = "submit" in request.POST
    try:
        services.save_scores(assessment=own, scores=form.scores, submit=submit)
    except services.SelectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Assessment submitted. The other assessors' scores are now shown.")
            if submit
            else _("Draft saved. Nobody else sees it until you submit."),
        )
    return redirect("scoping:candidate", code=code, partner_id=partner.pk)


@login_required
@require_POST
def candidate_decide(request, code, partner_id):
    partnership, partner = _candidate(request, code, partner_id, "scoping.decide_candidate")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return candidate_detail(request, code, partner_id, decision_form=form, status=400)
    confirm = form.cleaned_data["decision"] == "confirm"
    try:
        services.decide_candidate(
            partner=partner,
            confirm=confirm,
            reason=form.cleaned_data["reason"],
            decided_by=request.user,
        )
    except services.SelectionError as error:  # decided meanwhile (another request, an old page)
        return refused(request, str(error), reverse("scoping:candidate", args=[code, partner.pk]))
    messages.success(
        request,
        (
            _("%(organisation)s selected and invited; it becomes a partner when it accepts.")
            if confirm
            else _("%(organisation)s rejected.")
        )
        % {"organisation": partner.organisation.name},
    )
    return redirect("scoping:candidate", code=code, partner_id=partner.pk)


@login_required
def relationships(request, code):
    partnership = get_partnership(request.user, code, "scoping.view_relationships")
    ties = Relationship.objects.filter(partnership=partnership).select_related(
        "person", "organisation"
    )
    page = paginate(request, ties)
    return render_panel(
        request,
        "scoping/relationships.html",
        {
            "partnership": partnership,
            "page": page,
            "ties": page.object_list,
            "can_edit": request.user.has_perm("scoping.change_relationships", partnership),
        },
    )


@login_required
def relationship_edit(request, code, relationship_id=None):
    partnership = get_partnership(request.user, code, "scoping.change_relationships")
    tie = (
        get_record(partnership, Relationship.objects, pk=relationship_id)
        if relationship_id
        else None
    )
    return edit_record(
        request,
        partnership=partnership,
        form_class=RelationshipForm,
        instance=tie,
        template="scoping/form.html",
        back=reverse("scoping:relationships", args=[partnership.code]),
        title=_("Edit special relationship") if tie else _("Register a special relationship"),
        saved=_("Relationship registered. Assessments by this person are checked against it."),
        before_save=lambda record: (
            record.recorded_by_id or setattr(record, "recorded_by", request.user)
        ),
    )


@login_required
@require_POST
def relationship_delete(request, code, relationship_id):
    partnership = get_partnership(request.user, code, "scoping.change_relationships")
    tie = get_record(partnership, Relationship.objects, pk=relationship_id)
    return delete_record(
        request,
        record=tie,
        back=reverse("scoping:relationships", args=[partnership.code]),
        deleted=_("Relationship removed from the register."),
    )
