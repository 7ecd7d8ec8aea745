"""The results framework: results, their indicators, and the joint agreement on the set."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from simitra.partnerships.models import Partner, Partnership


class Dimension(models.Model):
    """A way of breaking values down (sex, age group, region …), configured per partnership."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="result_dimensions"
    )
    name = models.CharField(_("name"), max_length=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("disaggregation")
        verbose_name_plural = _("disaggregations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="unique_dimension_name")
        ]

    def __str__(self) -> str:
        return self.name


class DimensionCategory(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("category"), max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("disaggregation category")
        verbose_name_plural = _("disaggregation categories")
        ordering = ["dimension", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "name"], name="unique_category_name")
        ]

    def __str__(self) -> str:
        return f"{self.dimension.name}: {self.name}"


class Result(models.Model):
    """A change the partnership works toward; measured by its indicators."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="results")
    title = models.CharField(_("result"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The version an edit form and the API carry (`lib.forms.SeenVersionMixin`).
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    class Type(models.TextChoices):
        OUTPUT = "output", _("Output")
        OUTCOME = "outcome", _("Outcome")
        IMPACT = "impact", _("Impact")

    class Measure(models.TextChoices):
        # In context: the MoU's "Number" column is a "Nomor", a count is a "Jumlah".
        NUMBER = "number", pgettext_lazy("indicator measure", "Number")
        PERCENTAGE = "percentage", _("Percentage")
        QUALITATIVE = "qualitative", _("Qualitative")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Accumulation(models.TextChoices):
        # How a number's values add up over time (see `results/rollup.py`).
        CUMULATIVE = "cumulative", _("Cumulative: each value is the level reached so far")
        INCREMENTAL = "incremental", _("Incremental: each value is what the period added")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        YEARLY = "yearly", _("Yearly")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="indicators"
    )
    result = models.ForeignKey(
        Result, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("result")
    )
    type = models.CharField(_("type"), max_length=10, choices=Type.choices)
    title = models.CharField(_("title"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    measure = models.CharField(
        _("measure"), max_length=12, choices=Measure.choices, default=Measure.NUMBER
    )
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    accumulation = models.CharField(
        _("values over time"),
        max_length=12,
        choices=Accumulation.choices,
        default=Accumulation.CUMULATIVE,
    )
    frequency = models.CharField(
        _("reporting frequency"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.QUARTERLY,
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    code = models.CharField(
        _("SDG or national indicator code"),
        max_length=40,
        blank=True,
        help_text=_("Free text, e.g. 2.2.1 or 10.1.1.(f)."),
    )
    means_of_verification = models.TextField(_("means of verification"), blank=True)
    responsible_partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("responsible partner"),
    )
    dimensions = models.ManyToManyField(
        Dimension, blank=True, related_name="indicators", verbose_name=_("disaggregations")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The version an edit form and the API carry (`lib.forms.SeenVersionMixin`).
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[dimensions])

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["result__order", "result_id", "order", "pk"]
        indexes = [models.Index(fields=["partnership", "type"])]

    def __str__(self) -> str:
        return self.title

    @property
    def partner(self) -> Partner:
        """The partner whose representatives enter and submit this indicator's values."""
        return self.responsible_partner

    @property
    def is_qualitative(self) -> bool:
        return self.measure == self.Measure.QUALITATIVE


class FrameworkProposal(models.Model):
    """One version of the indicator set put to the partners by the coordinator.

    `snapshot` keeps the set exactly as proposed, so who approved what stays on record after
    the set changes. A change to the set supersedes the live proposal: approval starts again.
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="framework_proposals"
    )
    version = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("indicator set as proposed"))
    fingerprint = models.CharField(max_length=64)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    superseded_reason = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = _("indicator set proposal")
        verbose_name_plural = _("indicator set proposals")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "version"], name="unique_framework_version"
            ),
            models.UniqueConstraint(
                fields=["partnership"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_live_framework_proposal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership.code} v{self.version}"

    @property
    def is_live(self) -> bool:
        return self.superseded_at is None


class FrameworkApproval(models.Model):
    """A confirmed partner's approval of one proposal, and who gave it."""

    proposal = models.ForeignKey(
        FrameworkProposal, on_delete=models.CASCADE, related_name="approvals"
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("indicator set approval")
        verbose_name_plural = _("indicator set approvals")
        ordering = ["approved_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "partner"], name="unique_framework_approval"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal} ✓ {self.partner_id}"


class BeneficiaryGroup(models.Model):
    """A target group of people the partnership serves, with planned and reached counts."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="beneficiary_groups"
    )
    name = models.CharField(_("target group"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    planned = models.PositiveIntegerField(_("planned"), validators=[MinValueValidator(0)])
    reached = models.PositiveIntegerField(
        _("reached"), default=0, validators=[MinValueValidator(0)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beneficiary group")
        verbose_name_plural = _("beneficiary groups")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned__gte=0, reached__gte=0),
                name="beneficiary_counts_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.name


class BeneficiaryCount(models.Model):
    """Planned and reached people of one group in one disaggregation category."""

    group = models.ForeignKey(BeneficiaryGroup, on_delete=models.CASCADE, related_name="counts")
    category = models.ForeignKey(DimensionCategory, on_delete=models.CASCADE, related_name="+")
    planned = models.PositiveIntegerField(_("planned"), default=0)
    reached = models.PositiveIntegerField(_("reached"), default=0)

    class Meta:
        ordering = ["category__dimension__name", "category__order", "category__name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "category"], name="unique_beneficiary_count"),
            models.CheckConstraint(
                condition=models.Q(planned__gte=0, reached__gte=0),
                name="beneficiary_category_counts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.reached}/{self.planned}"
