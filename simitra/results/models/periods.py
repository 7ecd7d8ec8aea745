"""Reporting periods with their targets, and the actual values reported for them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from simitra.lib.uploads import private_storage

from .framework import DimensionCategory, Indicator


class Period(models.Model):
    """One reporting period of an indicator; `target` is the level to reach by its end."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    target = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    target_text = models.CharField(_("target (qualitative)"), max_length=300, blank=True)
    # A closed period takes no new value and no change to its values: the coordinator closes it
    # once its values are reviewed, and may reopen it.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("closed by"),
    )

    history = HistoricalRecords()

    CLOSED_MESSAGE = _("This period is closed: its values can no longer be entered or changed.")

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["indicator", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="period_dates_in_order"
            ),
            models.UniqueConstraint(fields=["indicator", "start"], name="unique_period_start"),
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"

    @property
    def partnership(self):
        return self.indicator.partnership

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class ValueQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=IndicatorValue.Status.APPROVED)

    def totals(self):
        """Values for the whole population, not one disaggregation category."""
        return self.filter(category__isnull=True)


def evidence_path(instance, filename: str) -> str:
    # A random folder makes the path unguessable while the file keeps its own name for download.
    return f"results/{instance.period.indicator.partnership_id}/{uuid.uuid4().hex}/{filename}"


class IndicatorValue(models.Model):
    """An actual value for one period (and optionally one disaggregation category).

    Flow: draft → submitted (by the responsible partner) → approved or returned with a reason
    (by the coordinator). A returned value goes back to its partner to correct and resubmit.
    Only approved values count in progress.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="values")
    category = models.ForeignKey(
        DimensionCategory,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("disaggregation category"),
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("qualitative value"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    evidence = models.FileField(
        _("evidence"), upload_to=evidence_path, storage=private_storage, blank=True, max_length=250
    )
    evidence_content_type = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ValueQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["period__start", "category__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["period"],
                condition=models.Q(category__isnull=True),
                name="one_total_value_per_period",
                violation_error_message=_("This period already has a value; open it to change it."),
            ),
            models.UniqueConstraint(
                fields=["period", "category"],
                condition=models.Q(category__isnull=False),
                name="one_value_per_period_category",
                violation_error_message=_(
                    "This period already has a value for this category; open it to change it."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="returned", return_reason=""),
                name="returned_value_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.period}: {self.value if self.value is not None else self.text[:40]}"

    @property
    def indicator(self) -> Indicator:
        return self.period.indicator

    @property
    def partnership(self):
        return self.period.indicator.partnership

    @property
    def partner(self):
        return self.period.indicator.responsible_partner

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES
