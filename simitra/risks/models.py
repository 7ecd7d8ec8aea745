"""The risk register of a partnership, each risk shared across partners, and the losses
carried together when a risk materialises (the seed's third element: shared loss)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from simitra.partnerships.models import Partner, Partnership

from .allocation import level_of
from .conf import high_risk_score

HUNDRED = Decimal(100)


class RiskCategory(models.Model):
    """The seed's five risks of joining a partnership are built in (no partnership); a
    partnership may add its own."""

    class BuiltIn(models.TextChoices):
        REPUTATION = "reputation", _("Reputation")
        AUTONOMY = "autonomy", _("Loss of institutional autonomy")
        CONFLICT = "conflict", _("Conflict of interest")
        RESOURCES = "resources", _("Resource shortage")
        SUSTAINABILITY = "sustainability", _("Sustainability and dependency")

    partnership = models.ForeignKey(
        Partnership,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="risk_categories",
    )
    code = models.CharField(max_length=20, blank=True, choices=BuiltIn.choices)
    name = models.CharField(_("name"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("risk category")
        verbose_name_plural = _("risk categories")
        ordering = ["partnership_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="unique_builtin_risk_category"
            ),
            models.CheckConstraint(
                condition=(models.Q(partnership__isnull=True) & ~models.Q(code=""))
                | (models.Q(partnership__isnull=False) & models.Q(code="") & ~models.Q(name="")),
                name="risk_category_builtin_or_custom",
            ),
        ]

    def __str__(self) -> str:
        return str(self.label)

    @classmethod
    def ensure_builtins(cls) -> None:
        """The five built-in categories exist (a migration makes them; this repairs a database
        that was flushed)."""
        if cls.objects.filter(partnership__isnull=True).count() < len(cls.BuiltIn):
            for code in cls.BuiltIn.values:
                cls.objects.get_or_create(code=code, partnership=None)

    @property
    def label(self):
        return self.BuiltIn(self.code).label if self.code else self.name

    @property
    def is_builtin(self) -> bool:
        return bool(self.code)


class RiskQuerySet(models.QuerySet):
    def with_score(self):
        return self.annotate(score_value=models.F("likelihood") * models.F("impact"))

    def active(self):
        return self.exclude(status=Risk.Status.CLOSED)


class Risk(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MONITORING = "monitoring", _("Being monitored")
        MATERIALISED = "materialised", _("Materialised")
        CLOSED = "closed", _("Closed")

    SCALE = [MinValueValidator(1), MaxValueValidator(5)]

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="risks")
    category = models.ForeignKey(
        RiskCategory, on_delete=models.PROTECT, related_name="risks", verbose_name=_("category")
    )
    title = models.CharField(_("risk"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    cause = models.TextField(_("cause"), blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1–5)"), validators=SCALE)
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), validators=SCALE)
    owner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="risks_owned",
        verbose_name=_("owner partner"),
    )
    mitigation = models.TextField(_("mitigation"), blank=True)
    contingency = models.TextField(_("contingency"), blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = RiskQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=5),
                name="risk_likelihood_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(impact__gte=1, impact__lte=5), name="risk_impact_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def level(self) -> str:
        """low (1–4), medium (5–9), high (10–16 unless the deployment moves it), extreme."""
        return level_of(self.score, high_risk_score())


class RiskShare(models.Model):
    """The part of a risk one partner carries; a risk's shares add up to exactly 100 %."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="shares")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="risk_shares")
    percent = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk share")
        verbose_name_plural = _("risk shares")
        ordering = ["risk", "-percent"]
        constraints = [
            models.UniqueConstraint(fields=["risk", "partner"], name="unique_risk_share"),
            models.CheckConstraint(
                condition=models.Q(percent__gt=0, percent__lte=100),
                name="risk_share_between_0_and_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id}: {self.percent}%"


class LossEvent(models.Model):
    """A risk that materialised: what was lost, morally and materially, and who carried it."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="losses")
    occurred_on = models.DateField(_("occurred on"))
    description = models.TextField(_("what happened"))
    moral_loss = models.TextField(
        _("moral loss"), blank=True, help_text=_("Reputation, trust, relationships.")
    )
    material_value = models.DecimalField(
        _("material loss (value)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    material_description = models.TextField(_("material loss"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("loss event")
        verbose_name_plural = _("loss events")
        ordering = ["-occurred_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(material_value__isnull=True) | models.Q(material_value__gte=0),
                name="loss_value_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.risk}: {self.occurred_on}"

    @property
    def partnership(self):
        return self.risk.partnership


class LossShare(models.Model):
    """How a loss was shared: each partner's part, in percent (adding up to 100 %)."""

    loss = models.ForeignKey(LossEvent, on_delete=models.CASCADE, related_name="shares")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="loss_shares")
    percent = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)
    note = models.CharField(_("what this partner carried"), max_length=250, blank=True)

    class Meta:
        ordering = ["loss", "-percent"]
        constraints = [
            models.UniqueConstraint(fields=["loss", "partner"], name="unique_loss_share"),
            models.CheckConstraint(
                condition=models.Q(percent__gt=0, percent__lte=100),
                name="loss_share_between_0_and_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id}: {self.percent}%"

    @property
    def amount(self):
        if self.loss.material_value is None:
            return None
        return (self.loss.material_value * self.percent / HUNDRED).quantize(Decimal("0.01"))
