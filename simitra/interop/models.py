"""A partnership's IATI details, and background jobs (imports, large exports) with progress."""

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class IatiProfile(models.Model):
    """What IATI needs of a partnership beyond its own fields: the identifier it is published
    under (once imported or fixed) and the English title and description."""

    partnership = models.OneToOneField(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="iati_profile",
        verbose_name=_("partnership"),
    )
    iati_identifier = models.CharField(
        _("IATI activity identifier"),
        max_length=150,
        blank=True,
        help_text=_(
            "Left empty, it is the reporting organisation's identifier followed by the "
            "partnership's code."
        ),
    )
    title_en = models.CharField(_("title in English"), max_length=250, blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    # The activity's `document-link`s as the last imported IATI file gave them (url, format,
    # titles, descriptions, categories, languages, date): written again on export. The
    # partnership's own public MoU is linked from the agreement itself, not from here.
    document_links = models.JSONField(
        _("documents from the IATI file"), default=list, blank=True, editable=False
    )

    # The activity as the last imported file wrote it, and what Simitra would have written of
    # each of its parts right after that import (iati/kept.py): parts unchanged since are
    # written again as the publisher wrote them.
    source_identifier = models.CharField(
        _("identifier in the imported file"), max_length=150, blank=True, editable=False
    )
    source_activity = models.TextField(_("activity as imported"), blank=True, editable=False)
    source_fingerprints = models.JSONField(default=dict, blank=True, editable=False)
    narrative_language = models.CharField(
        _("language of the title and summary"), max_length=8, blank=True, editable=False
    )
    taken_over = models.BooleanField(
        _("published by this deployment"),
        default=False,
        editable=False,
        help_text=_(
            "Imported with a new identifier of this deployment; the publisher's identifier is "
            "kept as a previous identifier."
        ),
    )

    # The kept file is large and says only what the import said: not copied into each
    # history row.
    history = HistoricalRecords(excluded_fields=["source_activity", "source_fingerprints"])

    class Meta:
        verbose_name = _("IATI profile")
        verbose_name_plural = _("IATI profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~models.Q(iati_identifier=""),
                name="unique_iati_activity_identifier",
            )
        ]

    def __str__(self) -> str:
        return self.iati_identifier or str(self.partnership)


def job_files_dir() -> Path:
    """Where job files live: setting or environment SIMITRA_JOB_FILES_DIR, else
    <SIMITRA_DATA_DIR>/job-files (outside MEDIA_ROOT)."""
    configured = getattr(settings, "SIMITRA_JOB_FILES_DIR", None) or os.environ.get(
        "SIMITRA_JOB_FILES_DIR"
    )
    return Path(configured) if configured else Path(settings.DATA_DIR) / "job-files"


@deconstructible
class JobFileStorage(FileSystemStorage):
    """Uploaded and produced files of jobs: outside MEDIA_ROOT, so no URL ever serves them;
    they are downloaded only through the owner-checked view."""

    # Read at each use (not cached), so tests and deployments may move the folder.
    @property
    def base_location(self):
        return str(job_files_dir())

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise NotImplementedError("Job files have no URL; use the job's download view.")


def _job_path(job: "Job", filename: str) -> str:
    return f"{job.pk}/{Path(filename).name}"


class Job(models.Model):
    """One import or export run by the background worker (`manage.py db_worker`), seen only by
    the user who started it."""

    class Kind(models.TextChoices):
        IATI_EXPORT = "iati_export", _("IATI export")
        IATI_IMPORT = "iati_import", _("IATI import")
        EXCEL_IMPORT = "excel_import", _("Excel import")
        EXCEL_EXPORT = "excel_export", _("Excel export")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interop_jobs"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(max_length=8, default="id")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.TextField(_("message"), blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    source = models.FileField(
        _("uploaded file"), storage=JobFileStorage(), upload_to=_job_path, blank=True
    )
    result = models.FileField(
        _("result file"), storage=JobFileStorage(), upload_to=_job_path, blank=True
    )
    result_name = models.CharField(max_length=200, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("interop:job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.done * 100 / self.total))

    def set_progress(self, done: int, total: int | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        self.done = min(self.done, self.total) if self.total else 0
        Job.objects.filter(pk=self.pk).update(done=self.done, total=self.total)

    def mark_running(self) -> None:
        self.status, self.started_at = self.Status.RUNNING, timezone.now()
        self.save(update_fields=["status", "started_at"])

    def mark_finished(self, *, succeeded: bool, message: str = "", report=None) -> None:
        self.status = self.Status.SUCCEEDED if succeeded else self.Status.FAILED
        self.message = message
        if report is not None:
            self.report = report
        self.finished_at = timezone.now()
        if succeeded and self.total:
            self.done = self.total
        self.save(
            update_fields=[
                "status",
                "message",
                "report",
                "finished_at",
                "done",
                "result",
                "result_name",
            ]
        )
