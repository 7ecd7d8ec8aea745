from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simitra.accounts.models import Membership
from simitra.lib.access import require_perm
from simitra.lib.pagination import paginate
from simitra.lib.views import edit_conflict

from . import services
from .forms import AddMemberForm, OrganisationFilterForm, OrganisationForm
from .models import Organisation
from .sections import sections_for


@login_required
def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    organisations = Organisation.objects.all()
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            organisations = organisations.search(data["q"])
        if data["sector"]:
            organisations = organisations.filter(sector=data["sector"])
        if data["region"]:
            organisations = organisations.in_region(data["region"].strip())
        if data["sdg"]:
            organisations = organisations.filter(sdg_goals=data["sdg"])
    organisations = organisations.order_by("name").prefetch_related("sdg_goals", "capabilities")
    page = paginate(request, organisations)
    return render(
        request,
        "organisations/list.html",
        {"form": form, "page": page, "organisations": page.object_list},
    )


@login_required
def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.prefetch_related("regions", "sdg_goals", "capabilities"), slug=slug
    )
    members = organisation.memberships.select_related("user")
    can_edit = request.user.has_perm("organisations.change_organisation", organisation)
    if not can_edit:
        members = members.filter(user__is_active=True)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "members": members,
            "can_edit": can_edit,
            "sections": sections_for(request, organisation),
            "member_count": organisation.memberships.aggregate(n=Count("pk"))["n"],
        },
    )


@login_required
def organisation_create(request):
    require_perm(request.user, "organisations.add_organisation")
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.create_organisation(
            organisation=form.save(commit=False), created_by=request.user
        )
        form.save_relations(organisation)
        messages.success(request, _("Organisation created. You are its organisation admin."))
        return redirect(organisation)
    return render(request, "organisations/form.html", {"form": form})


@login_required
def organisation_edit(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    require_perm(request.user, "organisations.change_organisation", organisation)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    context = {"form": form, "organisation": organisation}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, "organisations/form.html", context):
                return conflict
            organisation = form.save()
            form.save_relations(organisation)
        messages.success(request, _("Organisation saved."))
        return redirect(organisation)
    return render(request, "organisations/form.html", context)


@login_required
def organisation_members(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    require_perm(request.user, "organisations.manage_members", organisation)
    form = AddMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_member(
                organisation=organisation,
                user=form.cleaned_data["username"],
                is_admin=form.cleaned_data["is_admin"],
                position=form.cleaned_data["position"],
            )
        except services.MembershipError as error:
            form.add_error("username", str(error))
        else:
            messages.success(request, _("Member added."))
            return redirect("organisations:members", slug=organisation.slug)
    members = organisation.memberships.select_related("user")
    return render(
        request,
        "organisations/members.html",
        {"organisation": organisation, "form": form, "members": members},
    )


@login_required
@require_POST
def organisation_member_remove(request, slug, membership_id):
    organisation = get_object_or_404(Organisation, slug=slug)
    require_perm(request.user, "organisations.manage_members", organisation)
    membership = get_object_or_404(Membership, pk=membership_id, organisation=organisation)
    try:
        services.remove_member(membership=membership)
    except services.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Member removed."))
    return redirect("organisations:members", slug=organisation.slug)
