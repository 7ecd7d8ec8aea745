"""The regional development plan (RPJMD, RKPD) in the government's programme codes, its
indicators and yearly targets, and the alignment of partnerships with it."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import codes


class Plan(models.Model):
    """One plan of one region: the five-year RPJMD or a yearly RKPD."""

    class Kind(models.TextChoices):
        RPJMD = "rpjmd", _("RPJMD (five-year regional medium-term plan)")
        RKPD = "rkpd", _("RKPD (yearly regional work plan)")

    region = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    kind = models.CharField(_("kind of plan"), max_length=5, choices=Kind.choices)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    title = models.CharField(_("title"), max_length=250)
    source = models.CharField(_("source"), max_length=400, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("regional plan")
        verbose_name_plural = _("regional plans")
        ordering = ["region_id", "-start_year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind", "start_year"], name="regional_plan_unique_period"
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="regional_plan_years_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.region.name} {self.start_year}–{self.end_year}"

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class PlanItem(models.Model):
    """One node of the plan's nomenclature: urusan, bidang urusan, program, kegiatan or
    sub kegiatan. A programme is a priority of the plan unless the planners say otherwise."""

    class Level(models.IntegerChoices):
        URUSAN = codes.URUSAN, _("affair (urusan)")
        BIDANG = codes.BIDANG, _("field of affair (bidang urusan)")
        PROGRAM = codes.PROGRAM, _("programme")
        KEGIATAN = codes.KEGIATAN, _("activity (kegiatan)")
        SUB_KEGIATAN = codes.SUB_KEGIATAN, _("sub-activity (sub kegiatan)")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=20)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    name = models.CharField(_("name"), max_length=400)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    is_priority = models.BooleanField(_("plan priority"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan programme")
        verbose_name_plural = _("plan programmes")
        ordering = ["plan_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="regional_item_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PlanIndicator(models.Model):
    """An indicator of the plan attached to one of its items, matched with partnership
    indicators by code."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("indicator code"), max_length=40)
    name = models.CharField(_("indicator"), max_length=400)
    unit = models.CharField(_("unit"), max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan indicator")
        verbose_name_plural = _("plan indicators")
        ordering = ["item_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["item", "code"], name="regional_indicator_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PlanTarget(models.Model):
    indicator = models.ForeignKey(PlanIndicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan target")
        verbose_name_plural = _("plan targets")
        ordering = ["indicator_id", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="regional_target_unique_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value}"


class Alignment(models.Model):
    """A partnership (or one of its activities or indicators) supporting a plan item, in a
    district and a year where the coordinator says so, with the amount it puts in."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="plan_alignments"
    )
    item = models.ForeignKey(
        PlanItem,
        on_delete=models.CASCADE,
        related_name="alignments",
        verbose_name=_("plan programme"),
    )
    activity = models.ForeignKey(
        "planning.Activity",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("activity"),
    )
    indicator = models.ForeignKey(
        "results.Indicator",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("indicator"),
    )
    district = models.ForeignKey(
        "reference.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("district"),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    amount = models.DecimalField(
        _("amount"),
        max_digits=18,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("What the partnership puts into this item in that year, in its currency."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan alignment")
        verbose_name_plural = _("plan alignments")
        ordering = ["item__code", "year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="regional_alignment_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership_id} → {self.item}"


class CsrCommitment(models.Model):
    """A company's CSR (TJSL) commitment for one year in one region, optionally through a
    partnership and towards a plan programme; its report is due by `report_due`."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="csr_commitments",
        verbose_name=_("company"),
    )
    region = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(
        _("amount committed"),
        max_digits=18,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("through the partnership"),
    )
    item = models.ForeignKey(
        PlanItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("plan programme"),
    )
    report_due = models.DateField(_("realisation report due"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("CSR commitment")
        verbose_name_plural = _("CSR commitments")
        ordering = ["-year", "organisation_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="regional_csr_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year} {self.region_id}"


class CsrRealisation(models.Model):
    """What the company reports it has realised of a commitment."""

    commitment = models.ForeignKey(
        CsrCommitment, on_delete=models.CASCADE, related_name="realisations"
    )
    amount = models.DecimalField(
        _("amount realised"),
        max_digits=18,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    programme = models.CharField(_("programme"), max_length=250)
    district = models.ForeignKey(
        "reference.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("district"),
    )
    beneficiaries = models.PositiveIntegerField(_("beneficiaries"), default=0)
    reported_on = models.DateField(_("reported on"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("CSR realisation")
        verbose_name_plural = _("CSR realisations")
        ordering = ["commitment_id", "reported_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="regional_realisation_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.amount}"
