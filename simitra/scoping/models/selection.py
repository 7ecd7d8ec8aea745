"""Phase 2: candidates, their objective assessment, the register of special relationships that
exposes conflicts of interest, and the wider stakeholders."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from simitra.partnerships.models import Partner, Partnership


class Candidacy(models.Model):
    """Why an organisation was put forward as a candidate, and the coordinator's decision."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Pending")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    partner = models.OneToOneField(
        Partner, on_delete=models.CASCADE, related_name="candidacy", verbose_name=_("candidate")
    )
    rationale = models.TextField(_("why this candidate"), blank=True)
    match_score = models.DecimalField(
        _("profile match"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    match_details = models.JSONField(_("match details"), default=dict, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision="pending") | ~models.Q(decision_reason=""),
                name="candidate_decision_has_reason",
            )
        ]

    def __str__(self) -> str:
        return str(self.partner)

    @property
    def partnership(self) -> Partnership:
        return self.partner.partnership


class Criterion(models.TextChoices):
    """The seed's four grounds for choosing a partner."""

    CAPACITY = "capacity", _("Capacity")
    QUALITY = "quality", _("Quality")
    INTEGRITY = "integrity", _("Integrity")
    COMMITMENT = "commitment", _("Commitment")


class Assessment(models.Model):
    """One assessor's assessment of one candidate. The conflict-of-interest declaration comes
    first; the scores are hidden from the others until `submitted_at` is set."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("candidate")
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="candidate_assessments",
        verbose_name=_("assessor"),
    )
    declared_conflict = models.BooleanField(_("declared a conflict of interest"), default=False)
    conflict_note = models.TextField(_("the conflict of interest"), blank=True)
    declared_at = models.DateTimeField(_("declared at"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "assessor"], name="one_assessment_each"),
            models.CheckConstraint(
                condition=models.Q(declared_conflict=False) | ~models.Q(conflict_note=""),
                name="declared_conflict_is_described",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessor} → {self.partner}"

    @property
    def partnership(self) -> Partnership:
        return self.partner.partnership

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Score(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment")
    )
    criterion = models.CharField(_("criterion"), max_length=12, choices=Criterion.choices)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    evidence = models.TextField(_("evidence"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="one_score_each"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="score_from_1_to_5"
            ),
            models.CheckConstraint(condition=~models.Q(evidence=""), name="score_has_evidence"),
        ]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()}: {self.score}"


class Relationship(models.Model):
    """A special relationship: a person's tie to an organisation. An assessor tied to the
    candidate they assess is flagged automatically (see `assessment.detect_conflict`)."""

    class Kind(models.TextChoices):
        EMPLOYMENT = "employment", _("Employment")
        FAMILY = "family", _("Family")
        BOARD = "board", _("Board seat")
        FINANCIAL = "financial", _("Financial")
        OTHER = "other", _("Other")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="relationships",
        verbose_name=_("partnership"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="registered_ties",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind of tie"), max_length=12, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    started_on = models.DateField(_("since"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # The version an edit form (and the API) carries (`lib.forms.SeenVersionMixin`).
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("special relationship")
        verbose_name_plural = _("special relationships")
        ordering = ["person__username", "organisation__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="relationship_dates_in_order",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="other", description=""),
                name="other_relationship_is_described",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.organisation} ({self.get_kind_display()})"


def _level(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class Stakeholder(models.Model):
    """A wider stakeholder (an organisation, or a named group such as "fishers of Bima Bay")
    placed on the interest × influence grid."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="stakeholders",
        verbose_name=_("partnership"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    group_name = models.CharField(_("or a named group"), max_length=200, blank=True)
    interest = _level(_("interest (1–5)"))
    influence = _level(_("influence (1–5)"))
    approach = models.TextField(_("engagement approach"))
    created_at = models.DateTimeField(auto_now_add=True)

    # The version an edit form (and the API) carries (`lib.forms.SeenVersionMixin`).
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["-influence", "-interest", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(organisation__isnull=False) & models.Q(group_name=""))
                | (models.Q(organisation__isnull=True) & ~models.Q(group_name="")),
                name="stakeholder_is_organisation_or_group",
            ),
            models.CheckConstraint(
                condition=models.Q(interest__gte=1, interest__lte=5)
                & models.Q(influence__gte=1, influence__lte=5),
                name="stakeholder_levels_from_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.organisation.name if self.organisation_id else self.group_name
