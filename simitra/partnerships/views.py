from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from simitra.accounts.forms import JoinForm
from simitra.lib.access import require_perm
from simitra.lib.forms import SEARCH_MAX
from simitra.lib.pagination import paginate
from simitra.lib.views import edit_conflict, refused
from simitra.organisations.forms import picker_value
from simitra.organisations.models import Organisation
from simitra.pagecache.pages import reusable_page
from simitra.reference.models import CodelistItem

from . import gates, invitations, recompute, services
from .access import get_partnership, get_record
from .forms import (
    AdvanceForm,
    CoordinatorForm,
    InvitationAnswerForm,
    InviteForm,
    PartnerForm,
    PartnershipFilterForm,
    PartnershipForm,
    RevertForm,
)
from .models import ObserverGrant, Partner, Partnership, PartnerStatus, Phase
from .panels import overview_cards, panels_for
from .phases import PHASE_GATE, PHASE_WORK


def home(request):
    if not request.user.is_authenticated:
        published = Partnership.objects.visible_to(request.user)
        return render(request, "partnerships/landing.html", {"published_count": published.count()})
    mine = (
        Partnership.objects.involving(request.user)
        .annotate(partner_count=Count("partners", filter=Q(partners__status="confirmed")))
        .prefetch_related("regions")
        .order_by("status", "phase", "title")
    )
    page = paginate(request, mine, per_page=12)
    invited = Partner.objects.filter(
        status=PartnerStatus.INVITED, organisation_id__in=request.user.organisation_ids()
    ).select_related("partnership", "organisation")
    return render(
        request,
        "partnerships/home.html",
        {"page": page, "partnerships": page.object_list, "invitations": invited[:20]},
    )


_STALE_PAGE = _lazy(
    "This request does not say which phase it leaves: open the partnership's page again and "
    "move it from there."
)


@login_required
@reusable_page
def partnership_list(request):
    form = PartnershipFilterForm(request.GET or None)
    partnerships = Partnership.objects.visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            partnerships = partnerships.filter(
                Q(title__icontains=data["q"])
                | Q(code__icontains=data["q"])
                | Q(summary__icontains=data["q"])
            )
        if data["phase"]:
            partnerships = partnerships.filter(phase=data["phase"])
        if data["status"]:
            partnerships = partnerships.filter(status=data["status"])
        if data["region"]:
            partnerships = partnerships.in_region(data["region"].strip())
        if data["sdg"]:
            partnerships = partnerships.with_sdg_goal(data["sdg"])
        if data["mine"]:
            partnerships = partnerships.filter(coordinators=request.user)
    partnerships = (
        partnerships.annotate(
            partner_count=Count("partners", filter=Q(partners__status="confirmed"))
        )
        .order_by("title")
        .prefetch_related("regions")
    )
    page = paginate(request, partnerships)
    return render(
        request,
        "partnerships/list.html",
        {"form": form, "page": page, "partnerships": page.object_list},
    )


@login_required
def partnership_create(request):
    require_perm(request.user, "partnerships.add_partnership")
    lead_organisations = Organisation.objects.filter(pk__in=request.user.organisation_ids())
    form = PartnershipForm(request.POST or None, lead_organisations=lead_organisations)
    if request.method == "POST" and form.is_valid():
        partnership = services.create_partnership(
            partnership=form.save(commit=False),
            created_by=request.user,
            lead_organisation=form.cleaned_data.get("lead_organisation"),
        )
        form.save_relations(partnership)
        messages.success(request, _("Partnership created. You coordinate it."))
        return redirect(partnership)
    return render(request, "partnerships/form.html", {"form": form})


@login_required
def partnership_edit(request, code):
    partnership = get_partnership(request.user, code, "partnerships.change_partnership")
    # The form works on its own copy: an invalid entry (a code no URL can carry) must not
    # reach the page's links, which are made from `partnership`.
    form = PartnershipForm(
        request.POST or None, instance=Partnership.objects.get(pk=partnership.pk)
    )
    context = {"form": form, "partnership": partnership}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, "partnerships/form.html", context):
                return conflict
            partnership = form.save()
            form.save_relations(partnership)
        messages.success(request, _("Partnership saved."))
        return redirect(partnership)
    return render(request, "partnerships/form.html", context)


def _stepper(partnership, gate):
    steps = []
    for phase in Phase:
        if phase < partnership.phase:
            state = "done"
        elif phase == partnership.phase:
            state = "current"
        else:
            state = "upcoming"
        steps.append({"phase": phase, "state": state})
    return steps


@login_required
@reusable_page
def partnership_detail(request, code):
    partnership = get_partnership(
        request.user,
        code,
        queryset=Partnership.objects.prefetch_related(
            "regions", "sdg_targets__goal", "coordinators"
        ),
    )
    tab = request.GET.get("tab", "overview")
    tab_phase = int(tab) if tab.isdigit() and int(tab) in Phase.values else None
    if tab_phase is None:
        tab = "overview"
    gate = gates.run_gate(partnership)
    context = {
        "partnership": partnership,
        "dac_sector": CodelistItem.objects.dac_sector(partnership.dac_sector),
        "tab": tab,
        "tab_phase": tab_phase,
        "phases": Phase,
        "steps": _stepper(partnership, gate),
        "gate": gate,
        "can_manage": request.user.has_perm("partnerships.change_partnership", partnership),
        "advance_form": AdvanceForm(initial={"from_phase": partnership.phase}),
    }
    if partnership.phase > Phase.SCOPING:
        context["revert_form"] = RevertForm(
            current_phase=partnership.phase, initial={"from_phase": partnership.phase}
        )
    if tab_phase is None:
        partners = list(
            partnership.partners.exclude(status=PartnerStatus.REJECTED)
            .select_related("organisation", "answered_by")
            .order_by("status", "organisation__name")
        )
        context["partners"] = partners
        context["my_invitations"] = [
            p
            for p in partners
            if p.status == PartnerStatus.INVITED
            and p.organisation_id in request.user.organisation_ids()
        ]
        context["transitions"] = partnership.transitions.select_related("moved_by")[:10]
        context["overview_cards"] = overview_cards()
    else:
        context["tab_gate"] = (
            gate if tab_phase == partnership.phase else gates.run_gate(partnership, tab_phase)
        )
        context["phase_work"] = PHASE_WORK[Phase(tab_phase)]
        context["phase_gate"] = PHASE_GATE[Phase(tab_phase)]
        context["panels"] = panels_for(tab_phase)
    return render(request, "partnerships/detail.html", context)


@login_required
def partnership_gate(request, code):
    """The current gate's checks as a fragment (htmx) or page."""
    partnership = get_partnership(request.user, code)
    return render(
        request,
        "partnerships/gate.html#gate-panel",
        {"partnership": partnership, "gate": gates.run_gate(partnership)},
    )


@login_required
@require_POST
def partnership_advance(request, code):
    partnership = get_partnership(request.user, code, "partnerships.move_phase")
    form = AdvanceForm(request.POST)
    if not form.is_valid() and "from_phase" in form.errors:
        return refused(request, _STALE_PAGE, partnership.get_absolute_url(), status=400)
    reason = form.cleaned_data.get("override_reason", "")
    if reason:
        require_perm(request.user, "partnerships.override_gate", partnership)
    try:
        transition = services.advance_phase(
            partnership=partnership,
            moved_by=request.user,
            override_reason=reason,
            expected_phase=form.cleaned_data["from_phase"],
        )
    except services.GateRefused as refusal:
        return render(
            request,
            "partnerships/gate.html",
            {
                "partnership": partnership,
                "gate": refusal.result,
                "refused": True,
                "advance_form": AdvanceForm(
                    initial={"from_phase": partnership.phase, "override_reason": reason}
                ),
            },
            status=409,
        )
    except services.TransitionError as error:
        return refused(request, str(error), partnership.get_absolute_url())
    if transition.overridden:
        messages.warning(
            request, _("Moved on with the gate overridden; your reason has been kept.")
        )
    else:
        messages.success(
            request, _("Moved on to: %(phase)s.") % {"phase": Phase(transition.to_phase).label}
        )
    return redirect(partnership)


@login_required
@require_POST
def partnership_revert(request, code):
    partnership = get_partnership(request.user, code, "partnerships.move_phase")
    form = RevertForm(request.POST, current_phase=partnership.phase)
    if not form.is_valid():
        if "from_phase" in form.errors:
            return refused(request, _STALE_PAGE, partnership.get_absolute_url(), status=400)
        try:
            # Moved meanwhile: the phases offered are no longer the page's, and the move is
            # refused as the service refuses a stale one (409), not sent back as a typing slip.
            services.check_expected_phase(partnership, form.cleaned_data["from_phase"])
        except services.TransitionError as error:
            return refused(request, str(error), partnership.get_absolute_url())
        messages.error(request, _("Choose an earlier phase to go back to."))
        return redirect(partnership)
    try:
        services.revert_phase(
            partnership=partnership,
            moved_by=request.user,
            to_phase=form.cleaned_data["to_phase"],
            reason=form.cleaned_data["reason"],
            expected_phase=form.cleaned_data["from_phase"],
        )
    except services.TransitionError as error:
        return refused(request, str(error), partnership.get_absolute_url())
    messages.success(
        request,
        _("Moved back to: %(phase)s.") % {"phase": Phase(form.cleaned_data["to_phase"]).label},
    )
    return redirect(partnership)


@login_required
def partnership_history(request, code):
    partnership = get_partnership(request.user, code)
    transitions = partnership.transitions.select_related("moved_by")
    page = paginate(request, transitions)
    return render(
        request,
        "partnerships/history.html",
        {"partnership": partnership, "page": page, "transitions": page.object_list},
    )


@login_required
def partner_add(request, code):
    partnership = get_partnership(request.user, code, "partnerships.manage_partners")
    form = PartnerForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        partner = form.save(commit=False)
        partner.partnership = partnership
        partner = services.save_new_partner(partner=partner, added_by=request.user)
        messages.success(
            request, _("%(organisation)s added.") % {"organisation": partner.organisation.name}
        )
        return redirect(partnership)
    return render(
        request, "partnerships/partner_form.html", {"partnership": partnership, "form": form}
    )


@login_required
def partner_edit(request, code, partner_id):
    partnership = get_partnership(request.user, code, "partnerships.manage_partners")
    partner = get_record(partnership, Partner.objects.select_related("organisation"), pk=partner_id)
    form = PartnerForm(request.POST or None, instance=partner, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        recompute.inputs_changed(partnership.pk)  # the early warning reads partners' dates
        messages.success(request, _("Partner saved."))
        return redirect(partnership)
    return render(
        request,
        "partnerships/partner_form.html",
        {"partnership": partnership, "form": form, "partner": partner},
    )


@login_required
def coordinators(request, code):
    partnership = get_partnership(request.user, code, "partnerships.manage_coordinators")
    form = CoordinatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["username"]
        if partnership.coordinators.filter(pk=user.pk).exists():
            form.add_error(
                "username",
                _("%(user)s already coordinates this partnership.") % {"user": user.username},
            )
        else:
            partnership.coordinators.add(user)
            messages.success(request, _("Coordinator added."))
            return redirect("partnerships:coordinators", code=partnership.code)
    return render(
        request,
        "partnerships/coordinators.html",
        {"partnership": partnership, "form": form, "coordinators": partnership.coordinators.all()},
    )


@login_required
@require_POST
def coordinator_remove(request, code, user_id):
    partnership = get_partnership(request.user, code, "partnerships.manage_coordinators")
    if partnership.coordinators.count() <= 1:
        messages.error(request, _("A partnership needs at least one coordinator."))
    else:
        partnership.coordinators.remove(user_id)
        messages.success(request, _("Coordinator removed."))
    return redirect("partnerships:coordinators", code=partnership.code)


@login_required
def observers(request, code):
    """Read-only observers of this partnership (e.g. a planning unit or a donor's office)."""
    partnership = get_partnership(request.user, code, "partnerships.grant_observer")
    form = CoordinatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["username"]
        if partnership.observer_grants.filter(user=user).exists():
            form.add_error(
                "username",
                _("%(user)s already observes this partnership.") % {"user": user.username},
            )
        else:
            ObserverGrant.objects.create(
                user=user, partnership=partnership, granted_by=request.user
            )
            messages.success(request, _("Observer added."))
            return redirect("partnerships:observers", code=partnership.code)
    grants = partnership.observer_grants.select_related("user", "granted_by")
    return render(
        request,
        "partnerships/observers.html",
        {"partnership": partnership, "form": form, "grants": grants},
    )


@login_required
@require_POST
def observer_remove(request, code, grant_id):
    partnership = get_partnership(request.user, code, "partnerships.grant_observer")
    get_record(partnership, ObserverGrant.objects, pk=grant_id).delete()
    messages.success(request, _("Observer removed."))
    return redirect("partnerships:observers", code=partnership.code)


@login_required
def organisation_options(request):
    """`<option>`s for the organisation picker (htmx), by name, short name or code."""
    query = request.GET.get("organisation", "").strip()
    organisations = Organisation.objects.none()
    if 2 <= len(query) <= SEARCH_MAX:
        organisations = Organisation.objects.filter(
            Q(name__icontains=query) | Q(acronym__icontains=query) | Q(slug__icontains=query)
        ).order_by("name")[:20]
    organisations = list(organisations)
    # The picker writes the name; the code is added only where two bear the same name.
    names = {organisation.name.lower() for organisation in organisations}
    alike = {
        row["lowered"]
        for row in Organisation.objects.annotate(lowered=Lower("name"))
        .filter(lowered__in=names)
        .values("lowered")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    }
    options = [
        {
            "value": picker_value(o, named_alike=o.name.lower() in alike),
            "label": " · ".join(filter(None, [o.acronym, o.get_sector_display()])),
        }
        for o in organisations
    ]
    return render(request, "partnerships/organisation_options.html", {"options": options})


# --- the invitation ---------------------------------------------------------------------------


@login_required
def partner_invite(request, code, partner_id):
    """The coordinator invites an organisation (or tells a pending invitation again, to more
    addresses): its members are told; it answers itself."""
    partnership = get_partnership(request.user, code, "partnerships.invite_partner")
    partner = get_record(partnership, Partner.objects.select_related("organisation"), pk=partner_id)
    form = InviteForm(
        request.POST or None,
        initial={"intent": "resend" if partner.status == PartnerStatus.INVITED else "invite"},
    )
    if request.method == "POST" and form.is_valid():
        addresses = form.cleaned_data["addresses"]
        try:
            if form.cleaned_data["intent"] == "resend":
                services.resend_invitation(partner=partner, addresses=addresses)
            else:
                services.invite_partner(
                    partner=partner, invited_by=request.user, addresses=addresses
                )
        except services.InvitationError as error:
            return refused(request, str(error), partnership.get_absolute_url())
        messages.success(
            request,
            _("%(organisation)s has been invited; its members are told and answer themselves.")
            % {"organisation": partner.organisation.name},
        )
        return redirect(partnership)
    return render(
        request,
        "partnerships/partner_invite.html",
        {"partnership": partnership, "partner": partner, "form": form},
        status=400 if form.errors else 200,
    )


def _invitations_for(user, partnership) -> list[Partner]:
    """The invited partners of this partnership the user may answer for, one per organisation."""
    partners = list(
        partnership.partners.filter(organisation_id__in=user.organisation_ids())
        .select_related("organisation", "invited_by", "answered_by")
        .order_by("organisation__name")
    )
    for partner in partners:
        partner.partnership = partnership
    return [p for p in partners if user.has_perm("partnerships.answer_invitation", p)]


@login_required
def invitation(request, code, forms_by_partner=None, status=200):
    """The invitation as the invited organisation's members see it: the partnership, the role
    proposed, and the answer (one form per organisation the user works for)."""
    partnership = get_partnership(
        request.user, code, queryset=Partnership.objects.prefetch_related("coordinators")
    )
    invited = _invitations_for(request.user, partnership)
    if not invited:  # the rule, asked of each partner, let this user answer for none
        raise PermissionDenied
    forms_by_partner = forms_by_partner or {}
    for partner in invited:
        partner.answer_form = forms_by_partner.get(partner.pk) or InvitationAnswerForm(
            prefix=f"p{partner.pk}"
        )
    return render(
        request,
        "partnerships/invitation.html",
        {"partnership": partnership, "invited": invited},
        status=status,
    )


@login_required
@require_POST
def invitation_answer(request, code, partner_id):
    partnership = get_partnership(request.user, code)
    partner = get_record(partnership, Partner.objects.select_related("organisation"), pk=partner_id)
    require_perm(request.user, "partnerships.answer_invitation", partner)
    form = InvitationAnswerForm(request.POST, prefix=f"p{partner.pk}")
    if not form.is_valid():
        return invitation(request, code, forms_by_partner={partner.pk: form}, status=400)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.answer_invitation(
            partner=partner,
            accept=accept,
            reason=form.cleaned_data["reason"],
            answered_by=request.user,
        )
    except services.InvitationError as error:
        return refused(request, str(error), reverse("partnerships:invitation", args=[code]))
    if accept:
        messages.success(
            request,
            _("%(organisation)s now takes part in this partnership.")
            % {"organisation": partner.organisation.name},
        )
        return redirect(partnership)
    messages.success(
        request,
        _("%(organisation)s declined; the coordinator sees your reason.")
        % {"organisation": partner.organisation.name},
    )
    return redirect("home")


def invitation_join(request, token):
    """Someone invited by e-mail without an account: make one as a member of the invited
    organisation, then see the invitation."""
    try:
        partner_id, address = invitations.read_token(token)
    except invitations.InvalidToken:
        return refused(request, str(_INVALID_LINK), reverse("home"), status=400)
    partner = (
        Partner.objects.select_related("organisation", "partnership").filter(pk=partner_id).first()
    )
    if partner is None or partner.status != PartnerStatus.INVITED:
        return refused(request, str(_ANSWERED_LINK), reverse("home"), status=409)
    if request.user.is_authenticated:
        if partner.organisation_id in request.user.organisation_ids():
            return redirect("partnerships:invitation", code=partner.partnership.code)
        return refused(request, str(_SIGNED_IN_LINK), reverse("home"), status=403)
    form = JoinForm(request.POST or None, email=address)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.join_by_invitation(partner=partner, user=form.save(commit=False))
        except services.InvitationError as error:
            return refused(request, str(error), reverse("home"))
        auth_login(request, user, backend="simitra.accounts.backends.SimitraModelBackend")
        messages.success(
            request,
            _("Your account is made; you are a member of %(organisation)s.")
            % {"organisation": partner.organisation.name},
        )
        return redirect("partnerships:invitation", code=partner.partnership.code)
    return render(
        request,
        "partnerships/invitation_join.html",
        {"partner": partner, "email": address, "form": form},
        status=400 if form.errors else 200,
    )


_INVALID_LINK = _lazy(
    "This invitation link is not valid or has expired. Ask the partnership's coordinator to "
    "send the invitation again."
)
_ANSWERED_LINK = _lazy(
    "This invitation has already been answered, or the organisation is no longer invited. "
    "Nothing was changed."
)
_SIGNED_IN_LINK = _lazy(
    "This link makes a new account for someone joining the invited organisation. You are "
    "signed in with another account: sign out first, or ask the organisation's admin to add you."
)
