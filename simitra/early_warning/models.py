"""The early warning as last computed for each partnership, and the alerts it raised.

The tables keep the names they had in the `reviews` app, which these models come from
(`db_table`, and the history's `table_name`): the rows of existing databases stay where they are
and the initial migration adopts them (see `simitra.lib.migrations`).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from simitra.partnerships.models import Partnership, PartnershipRecordQuerySet

from . import warning


class Level(models.TextChoices):
    RED = warning.RED, _("Red")
    AMBER = warning.AMBER, _("Amber")
    GREEN = warning.GREEN, _("Green")
    UNKNOWN = warning.UNKNOWN, _("Not assessed")


class Severity(models.TextChoices):
    AMBER = warning.AMBER, _("Amber")
    RED = warning.RED, _("Red")


SEVERITY_RANK = {"": 0, Severity.AMBER: 1, Severity.RED: 2}


class PartnershipWarning(models.Model):
    """The signals of one partnership as last recomputed (a derived record: recomputing
    rewrites it, so it keeps no history; the alerts keep what happened)."""

    partnership = models.OneToOneField(
        Partnership,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="warning_state",
        verbose_name=_("partnership"),
    )
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    rank = models.PositiveSmallIntegerField(default=0)  # warning.LEVEL_RANK: for ordering
    red_count = models.PositiveSmallIntegerField(default=0)
    amber_count = models.PositiveSmallIntegerField(default=0)
    signals = models.JSONField(default=list)  # [Signal.as_dict(), …]
    fingerprint = models.CharField(max_length=64)
    health_mean = models.FloatField(null=True, blank=True)
    health_previous = models.FloatField(null=True, blank=True)
    computed_at = models.DateTimeField(_("computed"))
    changed_at = models.DateTimeField(_("level or signals last changed"))

    class Meta:
        db_table = "reviews_partnershipwarning"
        verbose_name = _("early-warning state")
        verbose_name_plural = _("early-warning states")
        indexes = [models.Index(fields=["-rank", "-red_count", "-amber_count"])]

    def __str__(self) -> str:
        return f"{self.partnership_id}: {self.level}"

    def signal_list(self) -> list[warning.Signal]:
        return [warning.Signal.from_dict(item) for item in self.signals]

    def raised(self) -> list[warning.Signal]:
        return warning.Warning(self.level, tuple(self.signal_list())).raised

    def reasons(self) -> list[str]:
        return warning.level_reasons(self.level, self.signal_list())


class AlertQuerySet(PartnershipRecordQuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Alert(models.Model):
    """One crossing of a signal's threshold: raised when the signal goes from ok to amber or
    red, escalated when it reaches red, resolved when it is back below its amber threshold.
    At most one open alert per partnership and signal, so a crossing is never raised (nor
    e-mailed) twice; after it is resolved, a new crossing raises a new alert."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("partnership")
    )
    signal = models.CharField(
        _("signal"),
        max_length=24,
        choices=[(code, label) for code, label in warning.LABELS.items()],
    )
    severity = models.CharField(_("severity"), max_length=6, choices=Severity.choices)
    value = models.FloatField(_("value"), null=True, blank=True)
    details = models.JSONField(default=dict)  # the signal as raised (Signal.as_dict())
    raised_at = models.DateTimeField(_("raised"))
    escalated_at = models.DateTimeField(_("turned red"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    # The severity the coordinators have been e-mailed about ("" = not yet).
    notified_severity = models.CharField(max_length=6, blank=True, choices=Severity.choices)
    notified_at = models.DateTimeField(null=True, blank=True)

    objects = AlertQuerySet.as_manager()
    history = HistoricalRecords(table_name="reviews_historicalalert")

    class Meta:
        db_table = "reviews_alert"
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "signal"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_alert_per_signal",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.partnership_id}: {self.signal} ({self.severity})"

    def get_absolute_url(self) -> str:
        return reverse("early_warning:warning", args=[self.partnership.code])

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def as_signal(self) -> warning.Signal:
        return warning.Signal.from_dict(self.details)

    @property
    def label(self) -> str:
        return str(warning.LABELS[self.signal])

    @property
    def message(self) -> str:
        """The signal's sentence as it was when raised (or turned red), in the active language."""
        return self.as_signal.message if self.details else self.label
