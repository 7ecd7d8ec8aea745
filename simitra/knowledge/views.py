from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from simitra.agreements.services import published_mou
from simitra.lib.pagination import paginate
from simitra.lib.views import edit_conflict
from simitra.partnerships.access import get_partnership
from simitra.partnerships.models import PartnerStatus, Phase
from simitra.partnerships.panels import public_documents
from simitra.portfolio.mapdata import area_figures
from simitra.reference.models import CodelistItem, Region

from . import search, services
from .forms import CloseForm, LessonForm, PortalFilterForm, PracticeForm, SustainabilityPlanForm
from .models import Lesson, Practice, SustainabilityPlan
from .pdf import case_study_pdf

# The partnership's own pages (tab 7) ------------------------------------------------------


def _sustaining_tab(partnership) -> str:
    return partnership.tab_url(Phase.SUSTAINING)


def _panel(request, template: str, context: dict):
    """A panel of tab 7: the named partial for htmx, the whole page otherwise."""
    return render(request, f"{template}#panel" if request.htmx else template, context)


def _perms(request, partnership) -> dict:
    return {
        "can_read": request.user.has_perm("knowledge.view_private_knowledge", partnership),
        "can_manage": request.user.has_perm("knowledge.manage_knowledge", partnership),
    }


@login_required
def sustainability(request, code):
    partnership = get_partnership(request.user, code)
    context = {"partnership": partnership, **_perms(request, partnership)}
    if context["can_read"]:
        context["plan"] = SustainabilityPlan.objects.filter(partnership=partnership).first()
    return _panel(request, "knowledge/sustainability.html", context)


@login_required
def sustainability_edit(request, code):
    partnership = get_partnership(request.user, code, "knowledge.manage_knowledge")
    plan = SustainabilityPlan.objects.filter(partnership=partnership).first()
    form = SustainabilityPlanForm(
        request.POST or None, instance=plan or SustainabilityPlan(partnership=partnership)
    )
    context = {
        "partnership": partnership,
        "form": form,
        "heading": _("Sustainability and exit plan"),
        "section": _("Sustainability and exit plan"),
        "section_url": reverse("knowledge:sustainability", args=[partnership.code]),
        "intro": _(
            "What continues after the partnership, who carries it, how it is paid for, how "
            "the beneficiaries avoid depending on it, and when the partners may leave."
        ),
    }
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, "knowledge/form.html", context):
                return conflict
            services.save_sustainability_plan(plan=form.save(commit=False), updated_by=request.user)
        messages.success(request, _("Sustainability plan saved."))
        return redirect(_sustaining_tab(partnership))
    return render(request, "knowledge/form.html", context)


# Lazy: the words are read in the language of each request, not of the import.
KINDS = {
    "lesson": {
        "model": Lesson,
        "form": LessonForm,
        "panel": "knowledge/lessons.html",
        "heading_new": gettext_lazy("New lesson learned"),
        "section": gettext_lazy("Lessons learned"),
        "list": "knowledge:lessons",
        "heading_edit": gettext_lazy("Edit the lesson"),
        "saved": gettext_lazy("Lesson saved."),
        "deleted": gettext_lazy("Lesson deleted."),
    },
    "practice": {
        "model": Practice,
        "form": PracticeForm,
        "panel": "knowledge/practices.html",
        "heading_new": gettext_lazy("New replicable practice"),
        "section": gettext_lazy("Replicable practices"),
        "list": "knowledge:practices",
        "heading_edit": gettext_lazy("Edit the practice"),
        "saved": gettext_lazy("Practice saved."),
        "deleted": gettext_lazy("Practice deleted."),
    },
}


def _items_panel(request, code, kind):
    partnership = get_partnership(request.user, code)
    perms = _perms(request, partnership)
    model = KINDS[kind]["model"]
    items = model.objects.filter(partnership=partnership)
    if not perms["can_read"]:
        items = items.public()  # a published partnership's visitors see what is published
    items = (
        items.select_related("partnership").prefetch_related("tags").order_by("-updated_at", "-pk")
    )
    page = paginate(request, items, per_page=20)
    return _panel(
        request,
        KINDS[kind]["panel"],
        {"partnership": partnership, "page": page, "items": page.object_list, **perms},
    )


@login_required
def lessons(request, code):
    return _items_panel(request, code, "lesson")


@login_required
def practices(request, code):
    return _items_panel(request, code, "practice")


def _item_form(request, code, kind, pk=None):
    partnership = get_partnership(request.user, code, "knowledge.manage_knowledge")
    spec = KINDS[kind]
    model = spec["model"]
    if pk:
        item = get_object_or_404(
            model.objects.prefetch_related("tags"), pk=pk, partnership=partnership
        )
    else:
        item = model(partnership=partnership)
        if model is Lesson:
            item.phase = partnership.phase  # a sensible default: lessons of the current phase
    form = spec["form"](request.POST or None, instance=item)
    context = {
        "partnership": partnership,
        "form": form,
        "item": item if pk else None,
        "heading": spec["heading_edit"] if pk else spec["heading_new"],
        "section": spec["section"],
        "section_url": reverse(spec["list"], args=[partnership.code]),
    }
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if conflict := edit_conflict(request, form, "knowledge/form.html", context):
                return conflict
            services.save_knowledge_item(
                item=form.save(commit=False),
                tag_names=form.cleaned_data["tags"],
                saved_by=request.user,
            )
        messages.success(request, spec["saved"])
        return redirect(_sustaining_tab(partnership))
    return render(request, "knowledge/form.html", context)


@login_required
def lesson_create(request, code):
    return _item_form(request, code, "lesson")


@login_required
def lesson_edit(request, code, pk):
    return _item_form(request, code, "lesson", pk)


@login_required
def practice_create(request, code):
    return _item_form(request, code, "practice")


@login_required
def practice_edit(request, code, pk):
    return _item_form(request, code, "practice", pk)


def _item_delete(request, code, kind, pk):
    partnership = get_partnership(request.user, code, "knowledge.manage_knowledge")
    get_object_or_404(KINDS[kind]["model"], pk=pk, partnership=partnership).delete()
    messages.success(request, KINDS[kind]["deleted"])
    return redirect(_sustaining_tab(partnership))


@login_required
@require_POST
def lesson_delete(request, code, pk):
    return _item_delete(request, code, "lesson", pk)


@login_required
@require_POST
def practice_delete(request, code, pk):
    return _item_delete(request, code, "practice", pk)


def _closing_context(request, partnership, form=None) -> dict:
    return {
        "partnership": partnership,
        "can_close": request.user.has_perm("knowledge.close_partnership", partnership),
        "has_plan": SustainabilityPlan.objects.filter(partnership=partnership).exists(),
        "in_sustaining": partnership.phase == Phase.SUSTAINING,
        "form": form or CloseForm(),
    }


@login_required
def closing(request, code):
    partnership = get_partnership(request.user, code)
    return _panel(request, "knowledge/closing.html", _closing_context(request, partnership))


@login_required
@require_POST
def close(request, code):
    partnership = get_partnership(request.user, code, "knowledge.close_partnership")
    form = CloseForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            services.close_partnership(
                partnership=partnership,
                closed_by=request.user,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
        except services.ClosingRefused as refusal:
            # The partnership's state does not allow it (ended meanwhile, no plan yet, …).
            form.add_error(None, str(refusal))
            status = 409
        else:
            messages.success(request, _("The partnership has ended. Its records stay readable."))
            return redirect(_sustaining_tab(partnership))
    return render(
        request,
        "knowledge/closing.html",
        _closing_context(request, partnership, form),
        status=status,
    )


# The public knowledge portal (no login) -----------------------------------------------------


def _portal_filters(request) -> tuple[PortalFilterForm, dict]:
    """The portal's filter form and what it keeps: a bad value drops that one filter (the select
    shows it), not the rest."""
    themes = sorted(
        set(
            search.public_partnerships().exclude(dac_sector="").values_list("dac_sector", flat=True)
        )
    )
    form = PortalFilterForm(request.GET or None, themes=themes)
    filters = {}
    if form.is_bound:
        form.is_valid()
        filters = form.cleaned_data
    return form, filters


def portal(request):
    form, filters = _portal_filters(request)
    querysets = search.portal_querysets(filters)
    counts = {kind: queryset.count() for kind, queryset in querysets.items()}
    kind = filters.get("kind") or "practices"
    if kind == "partnerships":
        listing = querysets[kind].order_by("title", "pk").prefetch_related("regions", "sdg_targets")
    else:
        listing = (
            querysets[kind]
            .order_by("-published_at", "title", "pk")
            .select_related("partnership")
            .prefetch_related("tags", "partnership__sdg_targets")
        )
    page = paginate(request, listing, per_page=12)
    return render(
        request,
        "knowledge/portal.html",
        {
            "form": form,
            "kind": kind,
            "kinds": PortalFilterForm.KINDS,
            "counts": counts,
            "page": page,
            "items": page.object_list,
            "searching": bool(filters.get("q")),
            "regency": Region.objects.filter(code=filters["regency"]).first()
            if filters.get("regency")
            else None,
        },
    )


def portal_map_data(request):
    """The portal map's figures (JSON): published partnerships per province and regency under
    the portal's filters other than the area, counts only (warnings and contributions are not
    published)."""
    _form, filters = _portal_filters(request)
    partnerships = search.portal_querysets({**filters, "province": None, "regency": None})[
        "partnerships"
    ]
    return JsonResponse(area_figures(partnerships, private=False))


def public_partnership(request, code):
    partnership = get_object_or_404(
        search.public_partnerships().prefetch_related("regions", "sdg_targets__goal"), code=code
    )
    theme = CodelistItem.objects.dac_sector(partnership.dac_sector)
    return render(
        request,
        "knowledge/public_partnership.html",
        {
            "partnership": partnership,
            "theme": theme,
            "partners": partnership.partners.filter(status=PartnerStatus.CONFIRMED)
            .select_related("organisation")
            .order_by("organisation__name"),
            "practices": search.public_practices()
            .filter(partnership=partnership)
            .prefetch_related("tags"),
            "lessons": search.public_lessons()
            .filter(partnership=partnership)
            .prefetch_related("tags"),
            "mou": published_mou(partnership),
            "documents": public_documents(partnership),
        },
    )


def _public_item(queryset, slug):
    return get_object_or_404(
        queryset.select_related("partnership").prefetch_related(
            "tags", "partnership__sdg_targets__goal", "partnership__regions"
        ),
        slug=slug,
    )


def public_practice(request, slug):
    practice = _public_item(search.public_practices(), slug)
    return render(request, "knowledge/public_practice.html", {"practice": practice})


def public_lesson(request, slug):
    lesson = _public_item(search.public_lessons(), slug)
    return render(request, "knowledge/public_lesson.html", {"lesson": lesson})


def practice_pdf(request, slug):
    practice = _public_item(search.public_practices(), slug)
    if not practice.is_public:  # the queryset already says so; never print a private one
        raise Http404
    pdf = case_study_pdf(
        practice,
        {
            "public_url": request.build_absolute_uri(practice.get_absolute_url()),
            "partnership_url": request.build_absolute_uri(
                reverse("knowledge:partnership_public", args=[practice.partnership.code])
            ),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{practice.slug}.pdf"'
    return response
