"""Background jobs: imports and large exports run by the worker (`manage.py db_worker`, the
django-tasks database queue), reporting progress on their `Job` record.

`start_job` records the job and enqueues `run_job`; a runner per kind does the work with the
owner's permissions (the rules are asked as for the pages) and keeps the result file.
"""

import logging
import time
from collections.abc import Callable
from pathlib import Path

from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from simitra.partnerships.models import Partnership

from .excel import spec as sheets
from .excel import workbook
from .iati.export import ExportInvalid, export_to_file
from .iati.importer import ImportRefused, import_iati
from .models import Job

logger = logging.getLogger(__name__)

_RUNNERS: dict[str, Callable[[Job, "Progress"], None]] = {}


class JobFailed(Exception):
    def __init__(self, message: str, report: dict | None = None):
        self.message, self.report = message, report or {}
        super().__init__(message)


def runner(kind: str):
    def register(function):
        _RUNNERS[kind] = function
        return function

    return register


class Progress:
    """`progress(done, total)`: saved at most twice a second, and always at the end."""

    def __init__(self, job: Job, interval: float = 0.5):
        self.job, self.interval, self.last = job, interval, 0.0

    def __call__(self, done: int, total: int | None = None) -> None:
        now = time.monotonic()
        finished = total is not None and done >= total
        if finished or now - self.last >= self.interval:
            self.job.set_progress(done, total)
            self.last = now


def start_job(*, owner, kind: str, title: str, params: dict | None = None, upload=None) -> Job:
    job = Job.objects.create(
        owner=owner,
        kind=kind,
        title=title[:200],
        params=params or {},
        language=translation.get_language() or "id",
    )
    if upload is not None:
        job.source.save(Path(upload.name).name or "upload", upload, save=True)
    result = run_job.enqueue(str(job.pk))
    job.task_id = str(result.id)
    job.save(update_fields=["task_id"])
    return job


@task()
def run_job(job_id: str) -> str:
    job = Job.objects.select_related("owner").filter(pk=job_id).first()
    if job is None or job.is_finished:
        return "gone" if job is None else job.status
    with translation.override(job.language):
        job.mark_running()
        try:
            _RUNNERS[job.kind](job, Progress(job))
        except JobFailed as failure:
            job.mark_finished(succeeded=False, message=failure.message, report=failure.report)
        except Exception:
            logger.exception("Job %s failed", job.pk)
            job.mark_finished(
                succeeded=False,
                message=_("An unexpected error stopped the job; nothing was saved."),
            )
    return job.status


def _stamp(job: Job) -> str:
    return f"{timezone.localtime(job.created_at):%Y%m%d-%H%M}"


def _result_path(job: Job, filename: str) -> Path:
    path = Path(job.result.storage.path(f"{job.pk}/{filename}"))
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _problem_report(problems) -> dict:
    return {"problems": [p.as_dict() for p in problems[:500]], "problem_count": len(problems)}


def selected_partnerships(user, params: dict):
    """The partnerships an export job covers: visible to its owner, then narrowed by the
    filters of the partnership list and, optionally, explicit codes."""
    partnerships = Partnership.objects.visible_to(user)
    if params.get("published_only"):
        partnerships = partnerships.filter(visibility=Partnership.Visibility.PUBLIC)
    if params.get("mine"):  # as on the partnership list: those the user coordinates
        partnerships = partnerships.filter(coordinators=user)
    if params.get("phase"):
        partnerships = partnerships.filter(phase=params["phase"])
    if params.get("status"):
        partnerships = partnerships.filter(status=params["status"])
    if params.get("region"):
        partnerships = partnerships.in_region(params["region"])
    if params.get("q"):
        q = params["q"]
        partnerships = partnerships.filter(
            Q(title__icontains=q) | Q(code__icontains=q) | Q(summary__icontains=q)
        )
    if params.get("sdg"):
        partnerships = partnerships.with_sdg_goal(params["sdg"])
    if params.get("codes"):
        partnerships = partnerships.filter(code__in=params["codes"])
    return partnerships


@runner(Job.Kind.IATI_EXPORT)
def _iati_export(job: Job, progress: Progress) -> None:
    partnerships = selected_partnerships(job.owner, job.params)
    total = partnerships.count()
    if total == 0:
        raise JobFailed(_("No partnership matches this selection."))
    progress(0, total)
    filename = f"iati-activities-{_stamp(job)}.xml"
    try:
        result = export_to_file(
            partnerships, _result_path(job, filename), progress=lambda n: progress(n, total)
        )
    except ExportInvalid as invalid:
        raise JobFailed(
            _("The export is not valid IATI, so no file is offered. Fix these and try again."),
            _problem_report(invalid.problems),
        ) from None
    job.result.name = f"{job.pk}/{filename}"
    job.result_name = filename
    job.mark_finished(
        succeeded=True,
        message=ngettext(
            "%(n)d activity exported and validated against the IATI 2.03 schema.",
            "%(n)d activities exported and validated against the IATI 2.03 schema.",
            result.activities,
        )
        % {"n": result.activities},
        report={"activities": result.activities},
    )


@runner(Job.Kind.IATI_IMPORT)
def _iati_import(job: Job, progress: Progress) -> None:
    with job.source.open("rb") as handle:
        data = handle.read()
    try:
        report = import_iati(
            data=data,
            user=job.owner,
            progress=progress,
            take_over=bool(job.params.get("take_over")),
        )
    except ImportRefused as refused:
        raise JobFailed(
            _("The file was refused; nothing was saved."), _problem_report(refused.problems)
        ) from None
    if report.nothing_importable:
        message = _("The file is valid IATI 2.03, but it has nothing Simitra can import.")
    else:
        message = _(
            "Imported: %(created)d partnerships created, %(updated)d updated, "
            "%(organisations)d organisations registered."
        ) % {
            "created": len(report.created),
            "updated": len(report.updated),
            "organisations": len(report.organisations_created),
        }
    job.mark_finished(succeeded=True, message=message, report=report.as_dict())


@runner(Job.Kind.EXCEL_IMPORT)
def _excel_import(job: Job, progress: Progress) -> None:
    spec = sheets.get_sheet(job.params.get("sheet", ""))
    if spec is None or not spec.importable:
        raise JobFailed(_("This kind of sheet cannot be imported."))
    with job.source.open("rb") as handle:
        data = handle.read()
    try:
        outcome = workbook.import_workbook(spec, data, job.owner, progress)
    except workbook.WorkbookUnreadable as unreadable:
        raise JobFailed(str(unreadable)) from None
    except workbook.ImportInvalid as invalid:
        suffix = _("errors")  # in the file's name: contoh-kesalahan.xlsx
        filename = f"{Path(job.source.name).stem}-{suffix}.xlsx"
        job.result.save(
            f"{job.pk}/{filename}",
            ContentFile(workbook.mark_errors(data, invalid.errors)),
            save=False,
        )
        job.result_name = filename
        raise JobFailed(
            ngettext(
                "%(n)d cell is wrong; nothing was saved. Correct it and import the file again.",
                "%(n)d cells are wrong; nothing was saved. Correct them and import the file again.",
                len(invalid.errors),
            )
            % {"n": len(invalid.errors)},
            {
                "errors": [e.as_dict() for e in invalid.errors[:1000]],
                "error_count": len(invalid.errors),
            },
        ) from None
    job.mark_finished(
        succeeded=True,
        message=_("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
        % {"created": outcome.created, "updated": outcome.updated, "unchanged": outcome.unchanged},
        report={
            "created": outcome.created,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
        },
    )


@runner(Job.Kind.EXCEL_EXPORT)
def _excel_export(job: Job, progress: Progress) -> None:
    spec = sheets.get_sheet(job.params.get("sheet", ""))
    if spec is None or spec.export_rows is None:
        raise JobFailed(_("This list cannot be exported."))
    total = spec.export_count(job.owner)
    progress(0, total)
    filename = f"{spec.key}-{_stamp(job)}.xlsx"
    path = _result_path(job, filename)
    count = workbook.write_list(
        spec, spec.export_rows(job.owner), path, progress=progress, total=total
    )
    job.result.name = f"{job.pk}/{filename}"
    job.result_name = filename
    job.mark_finished(
        succeeded=True,
        message=ngettext("%(n)d row exported.", "%(n)d rows exported.", count) % {"n": count},
        report={"rows": count},
    )
