from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simitra.lib.access import require_perm
from simitra.lib.pagination import paginate
from simitra.lib.uploads import file_response
from simitra.lib.views import edit_conflict, refused
from simitra.partnerships.access import get_partnership, get_record
from simitra.planning.services import latest_version

from . import documents, services
from .content import content_of
from .drafting import default_title
from .forms import (
    AgreementForm,
    InForceForm,
    RelationshipForm,
    SectionForm,
    SignForm,
    TerminateForm,
)
from .models import SECTION_ORDER, Agreement, AgreementParty, AgreementStatus, SectionKey
from .relationship import suggest_relationship


def _relationships(partnership) -> list[dict]:
    return [
        {"partner": partner, "facts": facts, "suggestion": suggest_relationship(facts)}
        for partner, facts in services.relationship_facts(partnership)
    ]


@login_required
def agreement_list(request, code):
    partnership = get_partnership(request.user, code, "agreements.view_agreement")
    agreements = (
        Agreement.objects.filter(partnership=partnership)
        .annotate(
            party_count=Count("parties"),
            approved_count=Count("parties", filter=Q(parties__approved_at__isnull=False)),
            signed_count=Count("parties", filter=Q(parties__signed_on__isnull=False)),
        )
        .order_by("kind", "-version", "-pk")
    )
    page = paginate(request, agreements)
    signed, missing = services.mou_signed_by_all(partnership)
    context = {
        "partnership": partnership,
        "page": page,
        "agreements": page.object_list,
        "relationships": _relationships(partnership),
        "relationship_choices": RelationshipForm().fields["relationship"].choices,
        "mou_signed": signed,
        "mou_missing": missing,
    }
    template = "agreements/list.html"
    if request.htmx:
        template += "#agreements-panel"
    return render(request, template, context)


@login_required
def agreement_create(request, code):
    partnership = get_partnership(request.user, code, "agreements.change_agreement")
    form = AgreementForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        parties = list(data["parties"])
        agreement = services.create_agreement(
            partnership=partnership,
            kind=data["kind"],
            title=data["title"].strip()
            or default_title(
                data["kind"],
                partnership.title,
                [p.organisation.name for p in parties],
                data["language"],
            ),
            language=data["language"],
            parties=parties,
            number=data["number"],
            place=data["place"],
            created_by=request.user,
        )
        messages.success(request, _("Agreement drafted from the data. Review each section."))
        return redirect(agreement)
    return render(
        request, "agreements/agreement_form.html", {"partnership": partnership, "form": form}
    )


def _get_agreement(partnership, agreement_id) -> Agreement:
    return get_record(
        partnership, Agreement.objects.select_related("plan_version", "amends"), pk=agreement_id
    )


def _get_party(agreement, party_id) -> AgreementParty:
    party = get_object_or_404(
        AgreementParty.objects.select_related("partner__organisation"),
        pk=party_id,
        agreement=agreement,
    )
    party.agreement = agreement
    return party


@login_required
def agreement_edit(request, code, agreement_id):
    partnership = get_partnership(request.user, code, "agreements.change_agreement")
    agreement = _get_agreement(partnership, agreement_id)
    if not agreement.is_draft:
        messages.error(request, _("Only a draft can be changed; return it to draft first."))
        return redirect(agreement)
    old_language = agreement.language
    form = AgreementForm(request.POST or None, instance=agreement, partnership=partnership)
    context = {"partnership": partnership, "form": form, "agreement": agreement}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, "agreements/agreement_form.html", context):
                return conflict
            try:
                redrafted = _save_agreement(form, partnership, old_language)
            except services.WorkflowError as error:  # sent for review since the form was read
                return refused(request, str(error), agreement.get_absolute_url())
        messages.success(request, _("Agreement saved."))
        if redrafted:
            messages.info(
                request,
                _("%(n)d sections not edited by hand were drafted again.") % {"n": redrafted},
            )
        return redirect(agreement)
    return render(request, "agreements/agreement_form.html", context)


def _save_agreement(form, partnership, old_language) -> int:
    agreement = form.save(commit=False)
    if not agreement.title.strip():
        agreement.title = default_title(
            agreement.kind,
            partnership.title,
            [p.organisation.name for p in form.cleaned_data["parties"]],
            agreement.language,
        )
    return services.update_agreement(
        agreement=agreement,
        parties=list(form.cleaned_data["parties"]),
        language_changed=agreement.language != old_language,
    )


def _detail_context(request, partnership, agreement) -> dict:
    sections = sorted(agreement.sections.all(), key=lambda s: SECTION_ORDER.index(s.key))
    parties = list(agreement.parties.select_related("partner__organisation", "plan_version"))
    for party in parties:
        party.agreement = agreement
    content = content_of(agreement)
    completeness = services.completeness_of(agreement, content)
    current = latest_version(partnership)
    blockers = []
    if agreement.status in (AgreementStatus.IN_REVIEW, AgreementStatus.APPROVED):
        blockers = services.approval_blockers(agreement)
    out_of_date = services.out_of_date_changes(agreement)
    amendments = list(agreement.amendments.all())
    return {
        "partnership": partnership,
        "agreement": agreement,
        "sections": [{"section": s, "missing": completeness.for_section(s.key)} for s in sections],
        "parties": parties,
        "contributions": content["contributions"],
        "completeness": completeness,
        "completeness_percent": round(completeness.score * 100),
        "current_version": current,
        "plan_changed": bool(
            agreement.plan_version_id and current and current.pk != agreement.plan_version_id
        ),
        "blockers": blockers,
        "out_of_date": out_of_date,
        "amendments": amendments,
        "amendment_under_way": any(
            a.status not in (AgreementStatus.TERMINATED, AgreementStatus.SUPERSEDED)
            for a in amendments
        ),
        "in_force_form": InForceForm(initial={"effective_date": timezone.localdate()}),
        "terminate_form": TerminateForm(initial={"on": timezone.localdate()}),
        "is_published_copy": _is_published_copy(partnership, agreement),
    }


def _is_published_copy(partnership, agreement) -> bool:
    """Whether this agreement is the MoU the public reads (see `public_mou`)."""
    if not (agreement.is_mou and agreement.is_binding and partnership.is_public):
        return False
    published = services.published_mou(partnership)
    return published is not None and published.pk == agreement.pk


@login_required
def agreement_detail(request, code, agreement_id):
    partnership = get_partnership(request.user, code, "agreements.view_agreement")
    agreement = _get_agreement(partnership, agreement_id)
    services.refresh_draft(agreement=agreement)
    return render(
        request, "agreements/detail.html", _detail_context(request, partnership, agreement)
    )


def _refused(request, partnership, agreement, refusal):
    context = _detail_context(request, partnership, agreement)
    context.update({"refusal": refusal})
    return render(request, "agreements/detail.html", context, status=409)


@login_required
def section_edit(request, code, agreement_id, key):
    partnership = get_partnership(request.user, code, "agreements.change_agreement")
    agreement = _get_agreement(partnership, agreement_id)
    if key not in SectionKey.values:
        return redirect(agreement)
    section = get_object_or_404(agreement.sections, key=key)
    section.agreement = agreement
    if not agreement.is_draft:
        messages.error(request, _("Only a draft can be changed; return it to draft first."))
        return redirect(agreement)
    form = SectionForm(request.POST or None, instance=section)
    context = {"partnership": partnership, "agreement": agreement, "section": section, "form": form}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, "agreements/section_form.html", context):
                return conflict
            try:
                services.save_section(section=section, body=form.cleaned_data["body"])
            except services.WorkflowError as error:  # sent for review since the form was read
                return refused(request, str(error), agreement.get_absolute_url())
        messages.success(request, _("Section saved."))
        return redirect(f"{agreement.get_absolute_url()}#section-{key}")
    return render(request, "agreements/section_form.html", context)


def _workflow_step(request, code, agreement_id, step, success):
    """Run a coordinator's workflow step; a refusal (the state does not allow it, for instance
    because another request took the step first) answers 409 and says why."""
    partnership = get_partnership(request.user, code, "agreements.change_agreement")
    agreement = _get_agreement(partnership, agreement_id)
    try:
        result = step(agreement)
    except services.WorkflowError as error:
        return refused(request, str(error), agreement.get_absolute_url())
    messages.success(request, success)
    return redirect(result if isinstance(result, Agreement) else agreement)


@login_required
@require_POST
def section_redraft(request, code, agreement_id, key):
    partnership = get_partnership(request.user, code, "agreements.change_agreement")
    agreement = _get_agreement(partnership, agreement_id)
    section = get_object_or_404(agreement.sections, key=key)
    section.agreement = agreement
    try:
        services.redraft_section(section=section)
    except services.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Section drafted again from the data."))
    return redirect(f"{agreement.get_absolute_url()}#section-{key}")


@login_required
@require_POST
def submit(request, code, agreement_id):
    response = _workflow_step(
        request,
        code,
        agreement_id,
        lambda a: services.submit_for_review(agreement=a, submitted_by=request.user),
        _("Sent for review. Each party now approves it."),
    )
    if response.status_code == 302:
        _warn_hand_edited(request, Agreement.objects.get(pk=agreement_id))
    return response


def _warn_hand_edited(request, agreement) -> None:
    """The sections edited by hand are not drafted again: say so, so their figures (a plan
    version, a contribution) are checked against the data."""
    edited = services.hand_edited_sections(agreement)
    if edited:
        messages.warning(
            request,
            _(
                "Drafted again from the current data, except the sections edited by hand: "
                "%(sections)s. Check that they still match the data."
            )
            % {"sections": ", ".join(edited)},
        )


@login_required
@require_POST
def to_draft(request, code, agreement_id):
    return _workflow_step(
        request,
        code,
        agreement_id,
        lambda a: services.return_to_draft(agreement=a),
        _("Back to draft; approvals have been withdrawn. The text follows the current data again."),
    )


@login_required
@require_POST
def amend(request, code, agreement_id):
    return _workflow_step(
        request,
        code,
        agreement_id,
        lambda a: services.amend(agreement=a, created_by=request.user),
        _("Amendment started as a new draft version."),
    )


@login_required
@require_POST
def delete(request, code, agreement_id):
    partnership = get_partnership(request.user, code, "agreements.change_agreement")
    agreement = _get_agreement(partnership, agreement_id)
    try:
        services.delete_draft(agreement=agreement)
    except services.WorkflowError as error:
        return refused(request, str(error), agreement.get_absolute_url())
    messages.success(request, _("Draft deleted."))
    return redirect("agreements:list", code=partnership.code)


@login_required
@require_POST
def in_force(request, code, agreement_id):
    form = InForceForm(request.POST)
    if not form.is_valid():
        partnership = get_partnership(request.user, code, "agreements.change_agreement")
        messages.error(request, _("Give the date it comes into force."))
        return redirect(_get_agreement(partnership, agreement_id))
    return _workflow_step(
        request,
        code,
        agreement_id,
        lambda a: services.enter_into_force(
            agreement=a, effective_date=form.cleaned_data["effective_date"]
        ),
        _("The agreement is in force."),
    )


@login_required
@require_POST
def terminate(request, code, agreement_id):
    form = TerminateForm(request.POST)
    if not form.is_valid():
        partnership = get_partnership(request.user, code, "agreements.change_agreement")
        messages.error(request, _("Say why the agreement is terminated, and since when."))
        return redirect(_get_agreement(partnership, agreement_id))
    return _workflow_step(
        request,
        code,
        agreement_id,
        lambda a: services.terminate(
            agreement=a, reason=form.cleaned_data["reason"], on=form.cleaned_data["on"]
        ),
        _("The agreement is terminated; the reason has been kept."),
    )


@login_required
@require_POST
def approve(request, code, agreement_id, party_id):
    partnership = get_partnership(request.user, code, "agreements.view_agreement")
    agreement = _get_agreement(partnership, agreement_id)
    party = _get_party(agreement, party_id)
    require_perm(request.user, "agreements.approve_for_party", party)
    try:
        services.approve_for_party(party=party, approved_by=request.user)
    except services.AgreementRefused as refusal:
        return _refused(request, partnership, agreement, refusal)
    except services.WorkflowError as error:
        return refused(request, str(error), agreement.get_absolute_url())
    messages.success(
        request,
        _("Approved for %(party)s.") % {"party": party.partner.organisation.name},
    )
    return redirect(agreement)


@login_required
def sign(request, code, agreement_id, party_id):
    partnership = get_partnership(request.user, code, "agreements.view_agreement")
    agreement = _get_agreement(partnership, agreement_id)
    party = _get_party(agreement, party_id)
    require_perm(request.user, "agreements.sign_for_party", party)
    form = SignForm(
        request.POST or None,
        request.FILES or None,
        initial={"signed_on": timezone.localdate()},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.sign_for_party(
                party=party,
                signatory_name=data["signatory_name"],
                signatory_title=data["signatory_title"],
                signed_on=data["signed_on"],
                scan=data["scan"],
                recorded_by=request.user,
            )
        except services.AgreementRefused as refusal:
            return _refused(request, partnership, agreement, refusal)
        except services.WorkflowError as error:
            form.add_error(None, str(error))
            status = 409
        else:
            messages.success(
                request,
                _("Signature recorded for %(party)s.") % {"party": party.partner.organisation.name},
            )
            return redirect(agreement)
    return render(
        request,
        "agreements/sign_form.html",
        {
            "partnership": partnership,
            "agreement": agreement,
            "party": party,
            "form": form,
            "out_of_date": services.out_of_date_changes(agreement),
        },
        status=status,
    )


@login_required
def scan(request, code, agreement_id, party_id):
    partnership = get_partnership(request.user, code, "agreements.view_scan")
    agreement = _get_agreement(partnership, agreement_id)
    party = _get_party(agreement, party_id)
    return file_response(party.scan, party.scan_name or "scan")


@login_required
def download_docx(request, code, agreement_id):
    partnership = get_partnership(request.user, code, "agreements.view_agreement")
    agreement = _get_agreement(partnership, agreement_id)
    services.refresh_draft(agreement=agreement)
    response = HttpResponse(
        documents.render_docx(agreement),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{documents.file_name(agreement, "docx")}"'
    )
    return response


@login_required
def download_pdf(request, code, agreement_id):
    partnership = get_partnership(request.user, code, "agreements.view_agreement")
    agreement = _get_agreement(partnership, agreement_id)
    services.refresh_draft(agreement=agreement)
    response = HttpResponse(documents.render_pdf(agreement), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{documents.file_name(agreement, "pdf")}"'
    )
    return response


# How long a rendered public MoU is kept. The key names the agreement's last change, so a
# new status (terminated, replaced) is never served from an old copy.
PUBLIC_PDF_SECONDS = 24 * 60 * 60


@require_GET
def public_mou(request, code):
    """The signed MoU of a published partnership, for anyone (the link in its IATI file and
    on its public page). A private partnership, or one without a binding MoU, has none: 404
    for everyone, members included, so the address says nothing about it."""
    partnership = get_partnership(request.user, code)
    if not request.user.has_perm("agreements.view_published_mou", partnership):
        raise Http404
    agreement = services.published_mou(partnership)
    if agreement is None:
        raise Http404
    key = f"agreements:public-mou:{agreement.pk}:{agreement.updated_at.timestamp()}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = documents.render_pdf(agreement)
        cache.set(key, pdf, PUBLIC_PDF_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{documents.file_name(agreement, "pdf")}"'
    return response


@login_required
@require_POST
def relationship(request, code, partner_id):
    partnership = get_partnership(request.user, code, "agreements.mark_relationship")
    partner = get_object_or_404(partnership.partners, pk=partner_id)
    form = RelationshipForm(request.POST)
    if form.is_valid():
        services.mark_relationship(partner=partner, relationship=form.cleaned_data["relationship"])
        messages.success(request, _("Relationship saved."))
    else:
        messages.error(request, _("Choose transactional, collaborative or not yet determined."))
    return redirect("agreements:list", code=partnership.code)
