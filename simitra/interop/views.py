from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from simitra.agreements.services import published_mou
from simitra.lib.access import require_perm
from simitra.lib.pagination import paginate
from simitra.partnerships.access import get_partnership
from simitra.partnerships.models import Partnership
from simitra.reference.models import CodelistItem

from . import jobs
from .conf import reporting_org
from .excel import spec as sheets
from .excel import workbook
from .forms import ExcelUploadForm, IatiExportForm, IatiProfileForm, IatiUploadForm
from .iati import document_links
from .iati.export import ExportInvalid, activity_identifier, export_to_bytes
from .models import IatiProfile, Job

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def hub(request):
    """Data exchange: IATI, Excel, the API, and your recent jobs."""
    recent = Job.objects.filter(owner=request.user)[:5]
    return render(
        request,
        "interop/hub.html",
        {
            "jobs": recent,
            "importable": [s for s in sheets.sheets() if s.importable],
            "exportable": [s for s in sheets.sheets() if s.export_rows],
        },
    )


@login_required
def iati_export(request):
    form = IatiExportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        require_perm(request.user, "interop.start_job")
        job = jobs.start_job(
            owner=request.user,
            kind=Job.Kind.IATI_EXPORT,
            title=_("IATI export"),
            params=form.params(),
        )
        return redirect(job)
    return render(request, "interop/iati_export.html", {"form": form})


@login_required
def iati_import(request):
    form = IatiUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        require_perm(request.user, "interop.start_job")
        upload = form.cleaned_data["file"]
        job = jobs.start_job(
            owner=request.user,
            kind=Job.Kind.IATI_IMPORT,
            title=_("IATI import: %(name)s") % {"name": upload.name},
            params={"take_over": form.cleaned_data["take_over"]},
            upload=upload,
        )
        return redirect(job)
    return render(
        request,
        "interop/upload.html",
        {"form": form, "title": _("Import an IATI file"), "kind": "iati"},
    )


@login_required
def excel_template(request, sheet):
    spec = sheets.get_sheet(sheet)
    if spec is None or not spec.importable:
        raise Http404
    response = HttpResponse(workbook.build_template(spec), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="simitra-{spec.key}-template.xlsx"'
    return response


@login_required
def excel_import(request):
    form = ExcelUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        require_perm(request.user, "interop.start_job")
        spec = sheets.get_sheet(form.cleaned_data["sheet"])
        upload = form.cleaned_data["file"]
        job = jobs.start_job(
            owner=request.user,
            kind=Job.Kind.EXCEL_IMPORT,
            title=_("Excel import (%(sheet)s): %(name)s")
            % {"sheet": spec.title, "name": upload.name},
            params={"sheet": spec.key},
            upload=upload,
        )
        return redirect(job)
    return render(
        request,
        "interop/upload.html",
        {"form": form, "title": _("Import an Excel file"), "kind": "excel"},
    )


@login_required
@require_POST
def excel_export(request, sheet):
    spec = sheets.get_sheet(sheet)
    if spec is None or spec.export_rows is None:
        raise Http404
    require_perm(request.user, "interop.start_job")
    job = jobs.start_job(
        owner=request.user,
        kind=Job.Kind.EXCEL_EXPORT,
        title=_("Excel export: %(sheet)s") % {"sheet": spec.title},
        params={"sheet": spec.key},
    )
    return redirect(job)


def _own_job(request, job_id) -> Job:
    """The job if it is the user's own; 404 otherwise. Not a rules permission on purpose:
    a platform admin passes every permission, and a job is private even from them."""
    return get_object_or_404(Job, pk=job_id, owner=request.user)


@login_required
def job_list(request):
    page = paginate(request, Job.objects.filter(owner=request.user))
    return render(request, "interop/jobs.html", {"page": page, "jobs": page.object_list})


@login_required
def job_detail(request, job_id):
    job = _own_job(request, job_id)
    if request.htmx:
        # 286 tells htmx to stop polling once the job is over.
        status = 286 if job.is_finished else 200
        return render(request, "interop/job.html#job-status", {"job": job}, status=status)
    return render(request, "interop/job.html", {"job": job})


@login_required
def job_download(request, job_id):
    job = _own_job(request, job_id)
    if not job.result:
        raise Http404
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_iati(request, code):
    """A partnership's IATI page: its English texts and identifier, and whether its export
    is valid now (with the reasons when it is not)."""
    partnership = get_partnership(request.user, code, "interop.export_partnership")
    profile = IatiProfile.objects.filter(partnership=partnership).first() or IatiProfile(
        partnership=partnership
    )
    can_edit = request.user.has_perm("interop.change_iatiprofile", partnership)
    form = IatiProfileForm(request.POST or None, instance=profile)
    if request.method == "POST":
        require_perm(request.user, "interop.change_iatiprofile", partnership)
        if form.is_valid():
            form.save()
            messages.success(request, _("IATI details saved."))
            return redirect("interop:partnership_iati", code=partnership.code)
    problems = []
    try:
        export_to_bytes(Partnership.objects.filter(pk=partnership.pk))
    except ExportInvalid as invalid:
        problems = invalid.problems
    return render(
        request,
        "interop/partnership_iati.html",
        {
            "partnership": partnership,
            "form": form,
            "can_edit": can_edit,
            "problems": problems,
            "identifier": activity_identifier(partnership, reporting_org().ref),
            "documents": _documents(partnership, profile),
        },
    )


def _documents(partnership, profile) -> list[dict]:
    """The `document-link`s the export writes, with their categories' names."""
    reports = (
        partnership.reports.finalised().order_by("-period_end", "-pk")
        if partnership.is_public
        else []
    )
    links = document_links.links_of(
        partnership, profile.document_links, published_mou(partnership), reports
    )
    own = document_links.public_mou_url(partnership)
    codes = {code for link in links for code in link.categories}
    names = dict(
        CodelistItem.objects.filter(codelist="DocumentCategory", code__in=codes).values_list(
            "code", "name"
        )
    )
    return [
        {
            "link": link,
            "own": link.url == own,
            "categories": [(code, names.get(code, "")) for code in link.categories],
        }
        for link in links
    ]


@login_required
def partnership_iati_download(request, code):
    partnership = get_partnership(request.user, code, "interop.export_partnership")
    try:
        content = export_to_bytes(Partnership.objects.filter(pk=partnership.pk))
    except ExportInvalid:
        messages.error(
            request, _("This partnership cannot be exported to IATI yet; see why below.")
        )
        return redirect("interop:partnership_iati", code=partnership.code)
    response = HttpResponse(content, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="iati-{partnership.code}.xml"'
    return response
