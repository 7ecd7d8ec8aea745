"""Rendering a report's files in the background: a preview of a draft, or the finalisation.

`start_render` records a `RenderJob` (one at a time per report) and queues `tasks.render_report`
for the worker (`manage.py db_worker`); `run_job` renders, telling the job each step (every
section gathered, then each document written), and ends it done or failed with its message.
The report page polls the job and shows the steps as a progress bar.

The finalisation keeps the report's row lock from its checks to its stored files, inside one
transaction, whose writes no other connection reads before it commits. So `Progress` writes the
steps taken inside it through a connection of its own (PostgreSQL), committed at once, which
the polling page reads. SQLite has one writer at a time and the finalisation holds it: there the
bar shows the checking step until the report is final (a preview shows every step on both).
"""

import datetime as dt
import logging

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import documents, services
from .content import report_content
from .models import RenderJob, Report

logger = logging.getLogger(__name__)

# A job queued or rendering for longer than this was lost (its worker stopped): the next start
# marks it failed, so it no longer blocks the report.
STALE_AFTER = dt.timedelta(minutes=30)


def busy_message() -> str:
    return _("This report is being rendered already; wait for it to finish.")


def start_render(*, report: Report, user, kind: str) -> RenderJob:
    """Queue the rendering of `report`'s files; refused (`ReportRefused`) when the report is
    final, when a finalisation's checks fail, or while another rendering is queued or under way
    (the constraint decides between two starts at once)."""
    if report.is_final:
        raise services.ReportRefused(_("The report is final: nothing in it changes any more."))
    if kind == RenderJob.Kind.FINALISE:
        failed = services.finalise_checks(report)
        if failed:
            raise services.ReportRefused(" ".join(failed))
    _fail_stale(report)
    try:
        with transaction.atomic():
            job = RenderJob.objects.create(
                report=report,
                kind=kind,
                requested_by=user,
                language=translation.get_language() or "id",
                total=report.sections.count() + len(services.DOCUMENTS),
            )
    except IntegrityError:
        raise services.ReportRefused(busy_message()) from None
    from .tasks import render_report

    try:
        result = render_report.enqueue(job.pk)
    except Exception:
        RenderJob.objects.filter(pk=job.pk).update(
            status=RenderJob.Status.FAILED, finished_at=timezone.now()
        )
        raise
    RenderJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    return job


def _fail_stale(report: Report) -> None:
    RenderJob.objects.filter(
        report=report,
        status__in=RenderJob.ACTIVE,
        created_at__lt=timezone.now() - STALE_AFTER,
    ).update(
        status=RenderJob.Status.FAILED,
        message=_("The rendering stopped without finishing; start it again."),
        finished_at=timezone.now(),
    )


# The progress written aside (PostgreSQL only; the job's table and columns, see RenderJob).
_PROGRESS_SQL = 'UPDATE "reports_renderjob" SET "step" = %s, "done" = %s WHERE "id" = %s'


class Progress:
    """`progress(step, done)`: the job's step and the steps done, written where the polling
    page reads them (see the module's note)."""

    def __init__(self, job: RenderJob):
        self.job = job
        # Run inside a transaction already (the tests' immediate queue, in a request): no other
        # connection could read the job before it ends, so the task's own connection writes.
        self.outer_atomic = connection.in_atomic_block
        self._aside = None

    def __call__(self, step: str, done: int) -> None:
        self.job.step, self.job.done = step, min(done, self.job.total)
        if connection.in_atomic_block and not self.outer_atomic:
            self._write_aside()
        else:
            RenderJob.objects.filter(pk=self.job.pk).update(step=step, done=self.job.done)

    def _write_aside(self) -> None:
        if connection.vendor != "postgresql":
            return  # SQLite: the transaction holds the only writer's lock
        if self._aside is None:
            self._aside = connections.create_connection(DEFAULT_DB_ALIAS)
        with self._aside.cursor() as cursor:
            cursor.execute(_PROGRESS_SQL, [self.job.step, self.job.done, self.job.pk])

    def close(self) -> None:
        if self._aside is not None:
            self._aside.close()
            self._aside = None


def run_job(job_id: int) -> str:
    """Render the job's files (the task's body); a job another worker took, or already over,
    is left alone."""
    claimed = RenderJob.objects.filter(pk=job_id, status=RenderJob.Status.QUEUED).update(
        status=RenderJob.Status.RENDERING,
        step=RenderJob.Step.CHECKING,
        started_at=timezone.now(),
    )
    if not claimed:
        return "gone"
    job = RenderJob.objects.select_related(
        "report__partnership", "report__template", "requested_by"
    ).get(pk=job_id)
    progress = Progress(job)
    with translation.override(job.language):
        try:
            if job.kind == RenderJob.Kind.FINALISE:
                services.finalise_report(
                    report=job.report, user=job.requested_by, progress=progress
                )
            else:
                _preview(job, progress)
        except services.ReportRefused as refusal:
            message = str(refusal)
        except documents.TemplateRefused as refusal:
            message = str(refusal)
        except Exception:
            logger.exception("Rendering of report %s failed (job %s)", job.report_id, job.pk)
            message = _("An error stopped the rendering; no file was kept. Try again.")
        else:
            _finish(job, RenderJob.Status.DONE)
            return job.status
        finally:
            progress.close()
    job.message = message
    _finish(job, RenderJob.Status.FAILED)
    return job.status


def _preview(job: RenderJob, progress: Progress) -> None:
    report = job.report
    content = report_content(report, progress=lambda n: progress("sections", n))
    files = services.render_files(content, services.word_template(report), progress)
    services.store_files(job, files, lambda extension: documents.file_name(report, extension))


def _finish(job: RenderJob, status: str) -> None:
    job.status, job.finished_at = status, timezone.now()
    if status == RenderJob.Status.DONE:
        job.done = job.total
    job.save(
        update_fields=["status", "message", "finished_at", "done", "step", "pdf", "docx", "xlsx"]
    )
    if status == RenderJob.Status.DONE:
        _prune(job)


def _prune(job: RenderJob) -> None:
    """The newest rendering replaces those before it: their preview files go."""
    older = RenderJob.objects.filter(report_id=job.report_id, created_at__lte=job.created_at)
    older = older.exclude(pk=job.pk).exclude(status__in=RenderJob.ACTIVE)
    for previous in older:
        for extension in services.DOCUMENTS:
            getattr(previous, extension).delete(save=False)
    older.delete()


def latest_job(report: Report) -> RenderJob | None:
    return report.render_jobs.first()


def latest_preview(report: Report) -> RenderJob | None:
    return (
        report.render_jobs.filter(kind=RenderJob.Kind.PREVIEW, status=RenderJob.Status.DONE)
        .exclude(pdf="")
        .first()
    )
