"""Phase 2: the stakeholder map and people's roles in the partnership."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from simitra.partnerships.access import get_partnership
from simitra.partnerships.models import PartnerStatus, PersonRole, RoleLevel

from .. import services
from ..diagrams import QUADRANTS, GridPoint, quadrant, stakeholder_grid
from ..forms import PersonRoleForm, RoleChangeForm, RoleEndForm, StakeholderForm
from ..models import Stakeholder
from .common import delete_record, edit_record, render_panel


@login_required
def stakeholders(request, code):
    partnership = get_partnership(request.user, code, "scoping.view_scoping")
    rows = list(Stakeholder.objects.filter(partnership=partnership).select_related("organisation"))
    partner_orgs = set(
        partnership.partners.exclude(status__in=PartnerStatus.not_taking_part()).values_list(
            "organisation_id", flat=True
        )
    )
    entries = []
    for number, stakeholder in enumerate(rows, start=1):
        kind = quadrant(stakeholder.interest, stakeholder.influence)
        entries.append(
            {
                "number": number,
                "stakeholder": stakeholder,
                "is_partner": stakeholder.organisation_id in partner_orgs,
                "quadrant": kind,
                "quadrant_label": QUADRANTS[kind],
            }
        )
    grid = stakeholder_grid(
        GridPoint(
            number=e["number"],
            name=e["stakeholder"].name,
            interest=e["stakeholder"].interest,
            influence=e["stakeholder"].influence,
            is_partner=e["is_partner"],
        )
        for e in entries
    )
    return render_panel(
        request,
        "scoping/stakeholders.html",
        {
            "partnership": partnership,
            "entries": entries,
            "grid": grid,
            "quadrants": QUADRANTS,
            "can_edit": request.user.has_perm("scoping.change_scoping", partnership),
        },
    )


@login_required
def stakeholder_edit(request, code, stakeholder_id=None):
    partnership = get_partnership(request.user, code, "scoping.change_scoping")
    stakeholder = (
        get_object_or_404(Stakeholder, pk=stakeholder_id, partnership=partnership)
        if stakeholder_id
        else None
    )
    return edit_record(
        request,
        partnership=partnership,
        form_class=StakeholderForm,
        instance=stakeholder,
        template="scoping/form.html",
        back=reverse("scoping:stakeholders", args=[partnership.code]),
        title=_("Edit stakeholder") if stakeholder else _("Add a stakeholder"),
        saved=_("Stakeholder saved."),
    )


@login_required
@require_POST
def stakeholder_delete(request, code, stakeholder_id):
    partnership = get_partnership(request.user, code, "scoping.change_scoping")
    stakeholder = get_object_or_404(Stakeholder, pk=stakeholder_id, partnership=partnership)
    return delete_record(
        request,
        record=stakeholder,
        back=reverse("scoping:stakeholders", args=[partnership.code]),
        deleted=_("Stakeholder removed from the map."),
    )


# The levels as this page explains them (the model's labels, with what each level does).
LEVELS = [
    (
        RoleLevel.STEERING,
        gettext_lazy("Steering"),
        gettext_lazy("Sets the direction and takes the major decisions."),
    ),
    (
        RoleLevel.MANAGEMENT,
        gettext_lazy("Management"),
        gettext_lazy("Runs the partnership day to day."),
    ),
    (
        RoleLevel.TECHNICAL,
        gettext_lazy("Technical"),
        gettext_lazy("Brings the expertise the work needs."),
    ),
    (
        RoleLevel.FIELD,
        gettext_lazy("Field"),
        gettext_lazy("Works with the beneficiaries on the ground."),
    ),
]


@login_required
def roles(request, code):
    partnership = get_partnership(request.user, code, "scoping.view_scoping")
    today = timezone.localdate()
    all_roles = list(
        PersonRole.objects.of_partnership(partnership)
        .select_related("partner__organisation")
        .order_by("level", "partner__organisation__name", "person_name", "-started_on")
    )
    current = [
        r
        for r in all_roles
        if r.started_on <= today and (r.ended_on is None or r.ended_on >= today)
    ]
    levels = [
        {
            "value": value,
            "label": label,
            "description": description,
            "roles": [r for r in current if r.level == value],
        }
        for value, label, description in LEVELS
    ]
    history = sorted(
        (r for r in all_roles if r not in current),
        key=lambda r: (r.person_name, r.started_on),
    )
    return render_panel(
        request,
        "scoping/roles.html",
        {
            "partnership": partnership,
            "levels": levels,
            "current_count": len(current),
            "history": history,
            "can_edit": request.user.has_perm("scoping.change_scoping", partnership),
        },
    )


@login_required
def role_add(request, code):
    partnership = get_partnership(request.user, code, "scoping.change_scoping")
    form = PersonRoleForm(request.POST or None, partnership=partnership)
    back = reverse("scoping:roles", args=[partnership.code])
    if request.method == "POST" and form.is_valid():
        role = form.save(commit=False)
        role.created_by = request.user
        role.save()
        messages.success(request, _("Role added."))
        return redirect(back)
    return render(
        request,
        "scoping/form.html",
        {
            "partnership": partnership,
            "form": form,
            "title": _("Place a person in a role"),
            "back": back,
        },
    )


def _role(request, code, role_id):
    partnership = get_partnership(request.user, code, "scoping.change_scoping")
    role = get_object_or_404(
        PersonRole.objects.select_related("partner__organisation"),
        pk=role_id,
        partner__partnership=partnership,
    )
    return partnership, role


@login_required
def role_change(request, code, role_id):
    partnership, role = _role(request, code, role_id)
    form = RoleChangeForm(
        request.POST or None,
        initial={
            "level": role.level,
            "title": role.title,
            "responsibilities": role.responsibilities,
        },
    )
    back = reverse("scoping:roles", args=[partnership.code])
    if request.method == "POST" and form.is_valid():
        try:
            services.change_person_role(
                role=role,
                changed_by=request.user,
                **form.cleaned_data,
            )
        except services.SelectionError as error:
            form.add_error("changed_on", str(error))
        else:
            messages.success(request, _("Role changed; the earlier role is kept in the history."))
            return redirect(back)
    return render(
        request,
        "scoping/form.html",
        {
            "partnership": partnership,
            "form": form,
            "title": _("Change the role of %(person)s") % {"person": role.person_name},
            "back": back,
        },
    )


@login_required
def role_end(request, code, role_id):
    partnership, role = _role(request, code, role_id)
    form = RoleEndForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    back = reverse("scoping:roles", args=[partnership.code])
    if request.method == "POST" and form.is_valid():
        try:
            services.end_person_role(role=role, ended_on=form.cleaned_data["ended_on"])
        except services.SelectionError as error:
            form.add_error("ended_on", str(error))
        else:
            messages.success(request, _("Role ended; it stays in the history."))
            return redirect(back)
    return render(
        request,
        "scoping/form.html",
        {
            "partnership": partnership,
            "form": form,
            "title": _("End the role of %(person)s") % {"person": role.person_name},
            "back": back,
        },
    )
