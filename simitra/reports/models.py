"""Report templates per audience, the reports made from them, their narrative and their files."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from simitra.lib.uploads import private_storage
from simitra.organisations.models import Organisation
from simitra.partnerships.models import Partner, Partnership


class SectionKind(models.TextChoices):
    """The fixed list of what a report section can show (its data comes from the cycle apps)."""

    COVER = "cover", _("Cover and summary")
    ACTIVITIES = "activities", _("Activities against the plan")
    RESULTS = "results", _("Results and indicators")
    BENEFICIARIES = "beneficiaries", _("Beneficiaries reached")
    CONTRIBUTIONS = "contributions", _("Contributions pledged and delivered")
    RISKS = "risks", _("Risks")
    GOVERNANCE = "governance", _("Governance: meetings and decisions")
    HEALTH = "health", _("Partnership health check")
    WARNINGS = "warnings", _("Early-warning signals")
    NARRATIVE = "narrative", _("Narrative")
    ANNEX = "annex", _("Annex: evidence list")


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Quarter")
    SEMESTER = "semester", _("Semester")
    YEAR = "year", _("Year")
    WHOLE = "whole", _("Whole partnership")


class Language(models.TextChoices):
    INDONESIAN = "id", "Bahasa Indonesia"
    ENGLISH = "en", "English"


class ReportTemplateQuerySet(models.QuerySet):
    def usable_by(self, user):
        """Built-in templates and those of the user's organisations."""
        return self.filter(
            models.Q(organisation__isnull=True)
            | models.Q(organisation_id__in=user.organisation_ids())
        )


def template_path(instance, filename: str) -> str:
    from simitra.lib.uploads import unguessable_name

    return unguessable_name("reports/templates", filename)


class ReportTemplate(models.Model):
    """Which sections a report shows, in which order, for which period, in which language.

    Built-in templates have a `key` and no organisation; a copy belongs to an organisation, and
    may carry the organisation's own Word file (`docx`), checked on upload."""

    key = models.SlugField(max_length=40, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_templates",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.INDONESIAN
    )
    period_kind = models.CharField(
        _("period"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.QUARTER
    )
    docx = models.FileField(
        _("Word template"),
        upload_to=template_path,
        storage=private_storage,
        blank=True,
        max_length=250,
    )
    docx_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReportTemplateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["organisation_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(organisation__isnull=True) & ~models.Q(key=""),
                name="unique_builtin_report_template",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_builtin(self) -> bool:
        return self.organisation_id is None


class TemplateSection(models.Model):
    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("kind"), max_length=20, choices=SectionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("template section")
        verbose_name_plural = _("template sections")
        ordering = ["template", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class ReportQuerySet(models.QuerySet):
    def finalised(self):
        return self.filter(status=Report.Status.FINAL)


def report_file_path(instance, filename: str) -> str:
    from simitra.lib.uploads import unguessable_name

    return unguessable_name(f"reports/{instance.partnership_id}", filename)


class Report(models.Model):
    """One report of a partnership for one period, made from a template.

    Draft while the partners write their narrative; final once the coordinator finalises it:
    then `snapshot` holds every figure as it was on `snapshot_at`, the files are stored with
    their SHA-256, and nothing of it changes again."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reports")
    template = models.ForeignKey(
        ReportTemplate,
        null=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("template"),
    )
    title = models.CharField(_("title"), max_length=250)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    snapshot_at = models.DateTimeField(_("data as of"), null=True, blank=True)
    snapshot = models.JSONField(_("content as finalised"), null=True, blank=True)
    pdf = models.FileField(
        upload_to=report_file_path, storage=private_storage, blank=True, max_length=250
    )
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    docx = models.FileField(
        upload_to=report_file_path, storage=private_storage, blank=True, max_length=250
    )
    docx_sha256 = models.CharField(max_length=64, blank=True)
    xlsx = models.FileField(
        upload_to=report_file_path, storage=private_storage, blank=True, max_length=250
    )
    xlsx_sha256 = models.CharField(max_length=64, blank=True)
    # A scheduled report: made by the nightly job, once per schedule and period.
    schedule = models.ForeignKey(
        "ReportSchedule", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    due_date = models.DateField(_("narrative due"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_period_in_order",
                violation_error_message=_("The period must end on or after its start."),
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(snapshot__isnull=False, finalised_at__isnull=False),
                name="final_report_has_snapshot",
            ),
            models.UniqueConstraint(
                fields=["schedule", "period_end"],
                condition=models.Q(schedule__isnull=False),
                name="one_report_per_schedule_period",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class ReportSection(models.Model):
    """A section of one report, copied from its template; a narrative one may be assigned to a
    partner, who drafts it; the coordinator approves or returns it."""

    class Status(models.TextChoices):
        MISSING = "missing", _("Not written yet")
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("kind"), max_length=20, choices=SectionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    assigned_to = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_sections",
        verbose_name=_("written by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.MISSING
    )
    text = models.TextField(_("text"), blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["report", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="returned", return_reason=""),
                name="returned_section_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def partnership(self):
        return self.report.partnership

    @property
    def partner(self):
        return self.assigned_to

    @property
    def is_narrative(self) -> bool:
        return self.kind == SectionKind.NARRATIVE


class NarrativeVersion(models.Model):
    """Every text a partner saved for a narrative section, kept in order."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="unique_narrative_version")
        ]

    def __str__(self) -> str:
        return f"{self.section} v{self.number}"


class Cadence(models.TextChoices):
    QUARTER = "quarter", _("End of each quarter")
    SEMESTER = "semester", _("End of each semester")


class ReportSchedule(models.Model):
    """A report made by itself: on the last day of each quarter (or semester) the nightly job
    makes the period's draft from `template`, assigns its narrative sections (as in the
    schedule's previous report, else to `writer`) and so asks the partners for their text;
    `remind_days` before the due date (`due_days` after the period's end) it reminds the
    coordinators of what is still open."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="report_schedules"
    )
    template = models.ForeignKey(
        ReportTemplate,
        on_delete=models.PROTECT,
        related_name="schedules",
        verbose_name=_("template"),
    )
    cadence = models.CharField(
        _("made at"), max_length=10, choices=Cadence.choices, default=Cadence.QUARTER
    )
    writer = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("narrative written by"),
    )
    due_days = models.PositiveSmallIntegerField(_("due, days after the period's end"), default=14)
    remind_days = models.PositiveSmallIntegerField(
        _("remind the coordinators, days before the due date"), default=3
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report schedule")
        verbose_name_plural = _("report schedules")
        ordering = ["partnership", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(remind_days__lte=models.F("due_days")),
                name="schedule_reminder_before_due",
                violation_error_message=_(
                    "The reminder must come on or after the period's end, before the due date."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} ({self.get_cadence_display()})"


class RenderJob(models.Model):
    """One rendering of a report's files by the background worker (`manage.py db_worker`): a
    preview of a draft for its coordinator, or the finalisation. The page polls it and shows
    its progress: the sections gathered, then the documents written, one step each.

    One job at a time per report (the constraint): a second start while one is queued or
    rendering is refused, so a double click does not render twice."""

    class Kind(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        FINALISE = "finalise", _("Finalisation")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RENDERING = "rendering", _("Rendering")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Step(models.TextChoices):
        CHECKING = "checking", _("Checking the report")
        SECTIONS = "sections", _("Gathering the figures")
        PDF = "pdf", _("Writing the PDF")
        DOCX = "docx", _("Writing the Word file")
        XLSX = "xlsx", _("Writing the Excel file")
        SAVING = "saving", _("Storing the files")

    ACTIVE = (Status.QUEUED, Status.RENDERING)

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="render_jobs")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    step = models.CharField(_("step"), max_length=10, choices=Step.choices, blank=True)
    # Steps done of all: one per section, then one per document (PDF, DOCX, Excel).
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(_("message"), blank=True)
    language = models.CharField(max_length=8, default="id")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # A preview's files (a finalisation stores its files on the report).
    pdf = models.FileField(
        upload_to=report_file_path, storage=private_storage, blank=True, max_length=250
    )
    docx = models.FileField(
        upload_to=report_file_path, storage=private_storage, blank=True, max_length=250
    )
    xlsx = models.FileField(
        upload_to=report_file_path, storage=private_storage, blank=True, max_length=250
    )

    class Meta:
        verbose_name = _("report rendering")
        verbose_name_plural = _("report renderings")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(status__in=["queued", "rendering"]),
                name="one_render_job_at_a_time",
                violation_error_message=_(
                    "This report is being rendered already; wait for it to finish."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.get_kind_display()} · {self.get_status_display()}"

    @property
    def partnership(self):
        return self.report.partnership

    @property
    def partnership_id(self):
        return self.report.partnership_id

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def sections_total(self) -> int:
        return max(0, self.total - len(RENDERED_DOCUMENTS))

    @property
    def step_text(self) -> str:
        """The step in words, in the reader's language: the section being gathered by number."""
        if self.step == self.Step.SECTIONS:
            return _("Gathering the figures: section %(done)d of %(total)d") % {
                "done": min(self.done + 1, self.sections_total),
                "total": self.sections_total,
            }
        return str(self.get_step_display()) if self.step else ""


# The documents each rendering writes, one progress step each (after one a section).
RENDERED_DOCUMENTS = ("pdf", "docx", "xlsx")
