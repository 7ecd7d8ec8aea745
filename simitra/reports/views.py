from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simitra.lib.access import require_perm
from simitra.lib.uploads import file_response
from simitra.lib.views import refused
from simitra.partnerships.access import get_partnership, get_record

from . import documents, portfolio, rendering, services
from .forms import (
    AssignForm,
    NarrativeForm,
    ReportForm,
    ReturnForm,
    ScheduleForm,
    SectionFormSet,
    TemplateCopyForm,
    TemplateForm,
    TemplateUploadForm,
)
from .models import RenderJob, Report, ReportSchedule, ReportTemplate

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _readable_partnership(user, code, perm="reports.view_report"):
    """The partnership if the user may read its reports; 404 otherwise, so an outsider learns
    nothing of them even on a public partnership. `perm` then 403s the read-only."""
    partnership = get_partnership(user, code)
    if not user.has_perm("reports.view_report", partnership):
        raise Http404
    if perm != "reports.view_report":
        require_perm(user, perm, partnership)
    return partnership


def _report(partnership, report_id) -> Report:
    return get_record(partnership, Report.objects.select_related("template"), pk=report_id)


def report_list(request, code):
    """The partnership's reports; `?overview=1` is the small card on its overview."""
    partnership = get_partnership(request.user, code)
    can_view = request.user.has_perm("reports.view_report", partnership)
    overview = request.GET.get("overview") == "1"
    if overview and not can_view:
        return HttpResponse("")
    if not can_view:
        raise Http404
    reports = partnership.reports.annotate(
        narrative_open=Count(
            "sections", filter=Q(sections__kind="narrative") & ~Q(sections__status="approved")
        )
    ).order_by("-period_end", "-pk")
    if overview:
        reports = reports.filter(status=Report.Status.FINAL)[:5]
    can_manage = request.user.has_perm("reports.manage_report", partnership)
    context = {
        "partnership": partnership,
        "reports": reports,
        "can_manage": can_manage,
        "form": ReportForm(user=request.user) if can_manage else None,
        "schedules": partnership.report_schedules.filter(is_active=True).select_related(
            "template", "writer__organisation"
        ),
        "schedule_form": ScheduleForm(user=request.user, partnership=partnership)
        if can_manage
        else None,
    }
    if overview:
        return render(request, "reports/list.html#overview", context)
    return render(request, "reports/list.html", context)


@login_required
@require_POST
def report_create(request, code):
    partnership = _readable_partnership(request.user, code, "reports.manage_report")
    form = ReportForm(request.POST, user=request.user)
    if not form.is_valid():
        context = {"partnership": partnership, "reports": partnership.reports.all(), "form": form}
        context["can_manage"] = True
        return render(request, "reports/list.html", context, status=400)
    report = services.create_report(
        partnership=partnership,
        template=form.cleaned_data["template"],
        period_start=form.cleaned_data["period_start"],
        period_end=form.cleaned_data["period_end"],
        title=form.cleaned_data["title"],
        user=request.user,
    )
    messages.success(request, _("Report created as a draft."))
    return redirect("reports:detail", partnership.code, report.pk)


@login_required
@require_POST
def schedule_create(request, code):
    partnership = _readable_partnership(request.user, code, "reports.manage_report")
    form = ScheduleForm(request.POST, user=request.user, partnership=partnership)
    if not form.is_valid():
        context = {
            "partnership": partnership,
            "reports": partnership.reports.all(),
            "form": ReportForm(user=request.user),
            "schedules": partnership.report_schedules.filter(is_active=True),
            "schedule_form": form,
            "can_manage": True,
        }
        return render(request, "reports/list.html", context, status=400)
    schedule = form.save(commit=False)
    schedule.partnership, schedule.created_by = partnership, request.user
    schedule.save()
    messages.success(request, _("Report scheduled: its drafts are made at the end of each period."))
    return redirect("reports:list", partnership.code)


@login_required
@require_POST
def schedule_stop(request, code, schedule_id):
    partnership = _readable_partnership(request.user, code, "reports.manage_report")
    schedule = get_record(partnership, ReportSchedule.objects.all(), pk=schedule_id)
    ReportSchedule.objects.filter(pk=schedule.pk).update(is_active=False)
    messages.success(request, _("Schedule stopped; the reports made so far stay."))
    return redirect("reports:list", partnership.code)


def _detail_context(request, partnership, report) -> dict:
    sections = list(report.sections.select_related("assigned_to__organisation"))
    for section in sections:
        section.report = report
        section.can_write = request.user.has_perm("reports.write_section", section)
    can_manage = request.user.has_perm("reports.manage_report", partnership)
    job = rendering.latest_job(report) if can_manage else None
    if job and report.is_final and job.status == RenderJob.Status.DONE:
        job = None  # the page says it is final, with its files
    return {
        "partnership": partnership,
        "report": report,
        "sections": sections,
        "can_manage": can_manage,
        "checks": [] if report.is_final else services.finalise_checks(report),
        "assign_form": AssignForm(partnership=partnership) if can_manage else None,
        "job": job,
        "preview": rendering.latest_preview(report) if can_manage else None,
    }


@login_required
def report_detail(request, code, report_id):
    partnership = _readable_partnership(request.user, code)
    report = _report(partnership, report_id)
    return render(request, "reports/detail.html", _detail_context(request, partnership, report))


@login_required
def report_download(request, code, report_id, extension):
    """A final report's stored file; for a draft, its coordinator's latest preview (rendered
    in the background: `report_preview`)."""
    partnership = _readable_partnership(request.user, code)
    report = _report(partnership, report_id)
    if extension not in CONTENT_TYPES:
        raise Http404
    name = documents.file_name(report, extension)
    if report.is_final:
        return file_response(getattr(report, extension), name, CONTENT_TYPES[extension])
    require_perm(request.user, "reports.manage_report", partnership)
    preview = rendering.latest_preview(report)
    if preview is None:
        messages.info(request, _("Render the preview first; its files are offered when done."))
        return redirect(report_url(report))
    return file_response(getattr(preview, extension), name, CONTENT_TYPES[extension])


def _start_render(request, code, report_id, kind):
    partnership = _readable_partnership(request.user, code, "reports.manage_report")
    report = _report(partnership, report_id)
    try:
        rendering.start_render(report=report, user=request.user, kind=kind)
    except services.ReportRefused as error:
        return refused(request, str(error), report_url(report))
    return redirect(report_url(report) + "#render-status")


@login_required
@require_POST
def report_preview(request, code, report_id):
    """Queue the rendering of a draft's PDF, DOCX and Excel files; the page shows its progress."""
    return _start_render(request, code, report_id, RenderJob.Kind.PREVIEW)


@login_required
@require_GET
def render_status(request, code, report_id, job_id):
    """A rendering's progress, polled by the report page (htmx): 286 once it is over, which
    stops the polling; a finalisation that is done reloads the page, now final."""
    partnership = _readable_partnership(request.user, code)
    report = _report(partnership, report_id)
    job = get_object_or_404(report.render_jobs.all(), pk=job_id)
    job.report = report
    context = {
        "partnership": partnership,
        "report": report,
        "job": job,
        "can_manage": request.user.has_perm("reports.manage_report", partnership),
    }
    if not request.htmx:
        return redirect(report_url(report) + "#render-status")
    response = render(
        request,
        "reports/detail.html#render-status",
        context,
        status=286 if job.is_finished else 200,
    )
    if job.status == RenderJob.Status.DONE and job.kind == RenderJob.Kind.FINALISE:
        response["HX-Refresh"] = "true"
    return response


def _section(request, code, report_id, section_id, perm="reports.view_report"):
    partnership = _readable_partnership(request.user, code, perm)
    report = _report(partnership, report_id)
    section = get_object_or_404(
        report.sections.select_related("assigned_to__organisation"), pk=section_id
    )
    section.report = report
    return partnership, report, section


@login_required
def section_edit(request, code, report_id, section_id):
    partnership, report, section = _section(request, code, report_id, section_id)
    if not section.is_narrative:
        raise Http404
    require_perm(request.user, "reports.write_section", section)
    form = NarrativeForm(request.POST or None, initial={"text": section.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_narrative(
                section=section,
                text=form.cleaned_data["text"],
                user=request.user,
                submit="submit" in request.POST,
            )
        except services.ReportRefused as error:
            return refused(request, str(error), report_url(report))
        messages.success(request, _("Section saved."))
        return redirect(report_url(report))
    context = {
        "partnership": partnership,
        "report": report,
        "section": section,
        "form": form,
        "versions": section.versions.select_related("written_by"),
    }
    return render(request, "reports/section_form.html", context)


@login_required
@require_POST
def section_review(request, code, report_id, section_id):
    _partnership, report, section = _section(
        request, code, report_id, section_id, "reports.manage_report"
    )
    form = ReturnForm(request.POST)
    form.is_valid()
    try:
        services.review_narrative(
            section=section,
            approve="approve" in request.POST,
            reason=form.cleaned_data.get("reason", ""),
        )
    except services.ReportRefused as error:
        return refused(request, str(error), report_url(report))
    return redirect(report_url(report))


@login_required
@require_POST
def section_assign(request, code, report_id, section_id):
    partnership, report, section = _section(
        request, code, report_id, section_id, "reports.manage_report"
    )
    form = AssignForm(request.POST, partnership=partnership)
    if form.is_valid():
        try:
            services.assign_section(section=section, partner=form.cleaned_data["partner"])
        except services.ReportRefused as error:
            return refused(request, str(error), report_url(report))
    return redirect(report_url(report))


@login_required
@require_POST
def report_finalise(request, code, report_id):
    """Queue the finalisation (checked first, then rendered by the worker under the report's
    row lock); the page shows its progress and, once final, the stored files."""
    return _start_render(request, code, report_id, RenderJob.Kind.FINALISE)


def report_url(report) -> str:
    return reverse("reports:detail", args=[report.partnership.code, report.pk])


# --- templates ----------------------------------------------------------------------------


@login_required
def template_list(request):
    templates = (
        ReportTemplate.objects.usable_by(request.user)
        .select_related("organisation")
        .annotate(section_count=Count("sections"))
    )
    return render(
        request,
        "reports/templates.html",
        {"templates": templates, "copy_form": TemplateCopyForm(user=request.user)},
    )


def _template(request, template_id) -> ReportTemplate:
    return get_object_or_404(ReportTemplate.objects.usable_by(request.user), pk=template_id)


@login_required
@require_POST
def template_copy(request, template_id):
    template = _template(request, template_id)
    form = TemplateCopyForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a title and one of your organisations."))
        return redirect("reports:templates")
    require_perm(request.user, "reports.manage_templates", form.cleaned_data["organisation"])
    copy = services.copy_template(
        template=template,
        organisation=form.cleaned_data["organisation"],
        title=form.cleaned_data["title"],
    )
    return redirect("reports:template_edit", copy.pk)


def _own_template(request, template_id) -> ReportTemplate:
    """A template the user may change: an own organisation's copy (built-in ones: 403)."""
    template = _template(request, template_id)
    if template.is_builtin:
        raise PermissionDenied
    require_perm(request.user, "reports.manage_templates", template.organisation)
    return template


@login_required
def template_edit(request, template_id):
    template = _own_template(request, template_id)
    form = TemplateForm(request.POST or None, instance=template)
    formset = SectionFormSet(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        form.save()
        formset.save()
        messages.success(request, _("Template saved."))
        return redirect("reports:template_edit", template.pk)
    upload = TemplateUploadForm()
    context = {"template": template, "form": form, "formset": formset, "upload_form": upload}
    return render(request, "reports/template_form.html", context)


@login_required
@require_POST
def template_upload(request, template_id):
    template = _own_template(request, template_id)
    upload = TemplateUploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        context = {
            "template": template,
            "form": TemplateForm(instance=template),
            "formset": SectionFormSet(instance=template),
            "upload_form": upload,
        }
        return render(request, "reports/template_form.html", context, status=400)
    file = upload.cleaned_data["file"]
    template.docx.save(file.name, file, save=False)
    template.docx_name = file.name[:200]
    template.save(update_fields=["docx", "docx_name"])
    messages.success(request, _("Word template checked and stored."))
    return redirect("reports:template_edit", template.pk)


@login_required
def template_sample(request):
    """The sample Word template (the built-in one), to start an own template from."""
    response = HttpResponse(documents.build_builtin_template(), content_type=CONTENT_TYPES["docx"])
    response["Content-Disposition"] = 'attachment; filename="simitra-report-template.docx"'
    return response


def _portfolio_report(request):
    shown_in = "en" if (get_language() or "id").startswith("en") else "id"
    data = None
    if request.GET:
        data = request.GET.copy()
        data.setdefault("language", shown_in)
    form = portfolio.PortfolioReportForm(data, initial={"language": shown_in})
    start, end = portfolio.period_of(form, timezone.localdate())
    language = (form.is_bound and form.is_valid() and form.cleaned_data["language"]) or shown_in
    with translation.override(language):
        filters = portfolio.filter_summary(form)
    content = portfolio.portfolio_content(
        portfolio.filtered(request.user, form, start, end),
        language=language,
        start=start,
        end=end,
        filters=filters,
    )
    return form, content


@login_required
def portfolio_report(request):
    """The portfolio report over the partnerships the user may read, under the filters."""
    form, content = _portfolio_report(request)
    return render(
        request,
        "reports/portfolio.html",
        {"form": form, "report": content, "query": request.GET.urlencode()},
    )


@login_required
def portfolio_report_download(request, extension):
    if extension not in CONTENT_TYPES:
        raise Http404
    _form, content = _portfolio_report(request)
    if extension == "pdf":
        data = documents.render_pdf(content)
    elif extension == "docx":
        data = documents.render_docx(content)
    else:
        data = documents.render_xlsx(content)
    response = HttpResponse(data, content_type=CONTENT_TYPES[extension])
    name = f"portofolio-{timezone.localdate():%Y-%m-%d}-{content['language']}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def public_reports(partnership) -> list:
    """The final reports of a published partnership, newest first, as the knowledge portal's
    page links them (each to its public PDF, the address its IATI activity links); none for a
    partnership that is not published."""
    from django.contrib.auth.models import AnonymousUser

    from simitra.partnerships.panels import PublicDocument

    if not AnonymousUser().has_perm("reports.view_published_report", partnership):
        return []
    return [
        PublicDocument(
            title=report.title,
            url=reverse("reports:published", args=[partnership.code, report.pk]),
            date=report.period_end,
            kind="PDF",
        )
        for report in partnership.reports.finalised().order_by("-period_end", "-pk")
    ]


@require_GET
def published_report(request, code, report_id):
    """A final report's PDF of a published partnership, for anyone (the `document-link` of its
    IATI activity). A private partnership's, or a draft, answers 404 to everyone."""
    partnership = get_partnership(request.user, code)
    if not request.user.has_perm("reports.view_published_report", partnership):
        raise Http404
    report = get_record(partnership, Report.objects.finalised(), pk=report_id)
    return file_response(report.pdf, documents.file_name(report, "pdf"), CONTENT_TYPES["pdf"])
