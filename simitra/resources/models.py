"""What each partner contributes: pledges in the seed's five categories, and their deliveries."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from simitra.lib.uploads import private_storage, unguessable_name

MONEY = {"max_digits": 18, "decimal_places": 2}
ZERO = Decimal("0")


class Category(models.TextChoices):
    """The seed's checklist of what a partner can bring."""

    SUPPORT = "support", _("Financial and non-financial support (expertise, skills, networks)")
    REACH = "reach", _("Geographic reach, numbers and greater influence")
    ENDORSEMENT = "endorsement", _("Regulation, recommendation, written or verbal endorsement")
    MANPOWER = "manpower", _("Moral support and manpower")
    OVERSIGHT = "oversight", _("Oversight, audit and reporting assistance")


CATEGORY_SHORT = {
    Category.SUPPORT: _("Support"),
    Category.REACH: _("Reach"),
    Category.ENDORSEMENT: _("Endorsement"),
    Category.MANPOWER: _("Manpower"),
    Category.OVERSIGHT: _("Oversight"),
}


class ValuationMethod(models.TextChoices):
    CASH = "cash", _("Cash amount")
    MARKET_PRICE = "market", _("Market price of the goods or services")
    STAFF_TIME = "time", _("Staff time at a daily rate")
    COST = "cost", _("Cost to the contributor")
    AGREED = "agreed", _("Value agreed by the partners")
    NOT_VALUED = "none", _("Not valued in money")


class PledgeStatus(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    PARTLY_DELIVERED = "partly", _("Partly delivered")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


def _delivered_expression():
    return Coalesce(Sum("deliveries__amount"), Value(ZERO), output_field=DecimalField(**MONEY))


# Pledges still owed (in part or whole): the ones that can be past due.
OPEN_PLEDGE_STATUSES = (PledgeStatus.PLEDGED, PledgeStatus.PARTLY_DELIVERED)


class PledgeQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=PledgeStatus.CANCELLED)

    def past_due(self, today):
        """Pledges whose due date has passed and that are not yet fully delivered."""
        return self.filter(due_date__lt=today, status__in=OPEN_PLEDGE_STATUSES)

    def with_delivered(self):
        """Each pledge with the amount delivered against it: a subquery of each row (not a
        GROUP BY of every pledge), so a list cut into pages sums the deliveries of its page."""
        delivered = (
            Delivery.objects.filter(pledge=OuterRef("pk"))
            .order_by()
            .values("pledge")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        money = DecimalField(**MONEY)
        return self.annotate(
            delivered_amount=Coalesce(
                Subquery(delivered, output_field=money), Value(ZERO), output_field=money
            )
        )

    def confirmed_partner_counts(self, partnership) -> dict[int, int]:
        """Active pledges per partner of this partnership, in one query."""
        rows = (
            self.active()
            .filter(partnership=partnership)
            .values("partner_id")
            .annotate(n=Count("pk"))
        )
        return {row["partner_id"]: row["n"] for row in rows}


class Pledge(models.Model):
    """A contribution one partner commits to the partnership, valued even when in kind."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="pledges",
        verbose_name=_("partnership"),
    )
    partner = models.ForeignKey(
        "partnerships.Partner",
        on_delete=models.PROTECT,
        related_name="pledges",
        verbose_name=_("partner"),
    )
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    description = models.TextField(_("description"))
    unit = models.CharField(
        _("unit"), max_length=60, blank=True, help_text=_("e.g. person-days, packages, villages")
    )
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )
    estimated_value = models.DecimalField(
        _("estimated value"),
        **MONEY,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
        help_text=_("What the contribution is worth, in money, even when given in kind."),
    )
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    exchange_rate = models.DecimalField(
        _("exchange rate"),
        max_digits=14,
        decimal_places=4,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.0001"))],
        help_text=_(
            "Units of the partnership's currency per unit of this currency; 1 when they are the same."
        ),
    )
    valuation_method = models.CharField(
        _("valuation method"),
        max_length=8,
        choices=ValuationMethod.choices,
        default=ValuationMethod.CASH,
    )
    valuation_note = models.CharField(
        _("how it was valued"),
        max_length=250,
        blank=True,
        help_text=_("e.g. 120 person-days × Rp750.000, the rate of the provincial wage standard"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    paid_to = models.ForeignKey(
        "partnerships.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payments_received",
        verbose_name=_("pays for the services of"),
        help_text=_(
            "When this money pays another partner for work it does (a sub-contract), that partner."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PledgeStatus.choices, default=PledgeStatus.PLEDGED
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PledgeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["partner__organisation__name", "category", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_value__gte=0), name="pledge_value_not_negative"
            ),
            models.CheckConstraint(condition=Q(exchange_rate__gt=0), name="pledge_rate_positive"),
            models.CheckConstraint(
                condition=~Q(status="cancelled", cancel_reason=""),
                name="pledge_cancel_needs_reason",
            ),
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="pledge_category_known"
            ),
        ]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("resources:pledge", args=[self.partnership.code, self.pk])

    @property
    def base_value(self) -> Decimal:
        """The value in the partnership's currency."""
        return self.estimated_value * self.exchange_rate

    @property
    def category_short(self) -> str:
        return CATEGORY_SHORT[Category(self.category)]

    @property
    def is_cancelled(self) -> bool:
        return self.status == PledgeStatus.CANCELLED

    def status_for(self, delivered_amount: Decimal, delivered_quantity: Decimal, count: int) -> str:
        """The status that follows from what has been delivered: by value when the pledge has
        one, else by quantity, else any delivery completes it."""
        if self.is_cancelled:
            return PledgeStatus.CANCELLED
        if count == 0:
            return PledgeStatus.PLEDGED
        if self.estimated_value > 0:
            done = delivered_amount >= self.estimated_value
        elif self.quantity:
            done = delivered_quantity >= self.quantity
        else:
            done = True
        return PledgeStatus.DELIVERED if done else PledgeStatus.PARTLY_DELIVERED


def evidence_path(instance, filename: str) -> str:
    return unguessable_name(f"evidence/{instance.pledge.partnership_id}", filename)


class Delivery(models.Model):
    """Part (or all) of a pledge actually given, with its evidence."""

    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("contribution")
    )
    delivered_on = models.DateField(_("date delivered"))
    amount = models.DecimalField(
        _("value delivered"),
        **MONEY,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
        help_text=_("In the contribution's currency; 0 when it is not valued in money."),
    )
    quantity = models.DecimalField(
        _("quantity delivered"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )
    note = models.TextField(_("note"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"),
        upload_to=evidence_path,
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-delivered_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="delivery_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.pledge} — {self.delivered_on}"

    # The access rules find a record's partnership and owner through these.
    @property
    def partnership(self):
        return self.pledge.partnership

    @property
    def partner(self):
        return self.pledge.partner

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_file or self.evidence_url)


def delivered_totals(pledge: Pledge) -> tuple[Decimal, Decimal, int]:
    totals = pledge.deliveries.aggregate(
        amount=Coalesce(Sum("amount"), Value(ZERO), output_field=DecimalField(**MONEY)),
        quantity=Coalesce(Sum("quantity"), Value(ZERO), output_field=DecimalField(**MONEY)),
        n=Count("pk"),
    )
    return totals["amount"], totals["quantity"], totals["n"]
