"""The action plan: activities (who, when, budget, deliverable), milestones and plan versions."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


# Activities that are finished with: they can no longer be late.
CLOSED_ACTIVITY_STATUSES = (ActivityStatus.DONE, ActivityStatus.CANCELLED)


def activity_is_overdue(*, end: dt.date | None, status: str, on: dt.date) -> bool:
    """The one rule of an overdue activity: neither done nor cancelled, and its end date before
    `on` (the plan's pages pass today; the early warning today less its grace days)."""
    return end is not None and end < on and status not in CLOSED_ACTIVITY_STATUSES


class ActivityQuerySet(models.QuerySet):
    def current(self):
        return self.exclude(status=ActivityStatus.CANCELLED)

    def overdue(self, on):
        """`activity_is_overdue` in SQL."""
        return self.filter(end_date__lt=on).exclude(status__in=CLOSED_ACTIVITY_STATUSES)

    def for_plan(self):
        """With everything the plan page and the Gantt view show, in a fixed number of queries."""
        return self.select_related("responsible__organisation").prefetch_related(
            "supporting__organisation", "funded_by__partner__organisation", "depends_on"
        )


class Activity(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("partnership"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    responsible = models.ForeignKey(
        "partnerships.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_activities",
        verbose_name=_("responsible partner"),
    )
    supporting = models.ManyToManyField(
        "partnerships.Partner",
        blank=True,
        related_name="supported_activities",
        verbose_name=_("supporting partners"),
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("In the partnership's currency; 0 when the activity costs nothing."),
    )
    funded_by = models.ManyToManyField(
        "resources.Pledge",
        blank=True,
        related_name="funded_activities",
        verbose_name=_("funded by"),
        help_text=_("The contributions that pay for this activity."),
    )
    deliverable = models.CharField(_("deliverable"), max_length=250, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    depends_on = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="dependents",
        verbose_name=_("depends on"),
        help_text=_("Activities that must finish before this one starts."),
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[supporting, funded_by])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["position", "start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="activity_progress_percent"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="activity_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="activity_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("planning:activity_edit", args=[self.partnership.code, self.pk])

    def funder_names(self) -> list[str]:
        """Short names of the partners whose contributions fund this activity, once each
        (reads the prefetched pledges)."""
        names = []
        for pledge in self.funded_by.all():
            organisation = pledge.partner.organisation
            name = organisation.acronym or organisation.name
            if name not in names:
                names.append(name)
        return names


class Milestone(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("partnership"),
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("activity"),
    )
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("date"))
    done_on = models.DateField(_("reached on"), null=True, blank=True)
    # The version an edit form and the API carry (`lib.forms.SeenVersionMixin`).
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title


class PlanVersion(models.Model):
    """A frozen copy of the plan (what was agreed, not its progress). Each edit that changes
    the plan makes the next version; an agreement points to the version it was signed with."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="plan_versions",
        verbose_name=_("partnership"),
    )
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    content_hash = models.CharField(max_length=64)
    note = models.CharField(_("note"), max_length=250, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "number"], name="unique_plan_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership.code} v{self.number}"
