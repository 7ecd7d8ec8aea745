"""Health-check rounds: every confirmed partner rates the partnership process itself.

The tables keep the names they had in the `reviews` app, which these models come from
(`db_table`, and the history's `table_name`): the rows of existing databases stay where they are
and the initial migration adopts them (see `simitra.lib.migrations`).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from simitra.partnerships.models import Partner, Partnership

from .questionnaire import STATEMENTS, Dimension

MIN_SCORE, MAX_SCORE = 1, 5


class HealthCheckRoundQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)

    def closed(self):
        return self.filter(closed_at__isnull=False)

    def completed(self):
        return self.filter(completed=True)


class HealthCheckRound(models.Model):
    """One round of the health check, opened and closed by a coordinator.

    A round is *completed* when it was closed after every partner confirmed at that moment had
    answered at least once (`expected_partners` keeps who they were). Closing it earlier is
    allowed but leaves it incomplete; the Reviewing gate asks for a completed round.
    """

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="health_rounds",
        verbose_name=_("partnership"),
    )
    title = models.CharField(_("title"), max_length=120)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A few words to the partners: why this round, what happens with the results."),
    )
    anonymous = models.BooleanField(
        _("anonymous to other partners"),
        default=False,
        help_text=_(
            "Nobody sees which partner answered what: only results over all partners are shown, "
            "after the round is closed and only when enough partners answered."
        ),
    )
    due_date = models.DateField(_("answer by"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed = models.BooleanField(_("completed"), default=False, editable=False)
    expected_partners = models.ManyToManyField(
        Partner,
        blank=True,
        related_name="+",
        verbose_name=_("partners expected to answer"),
        help_text=_("The partners confirmed when the round was closed."),
    )

    objects = HealthCheckRoundQuerySet.as_manager()
    history = HistoricalRecords(table_name="reviews_historicalhealthcheckround")

    class Meta:
        db_table = "reviews_healthcheckround"
        verbose_name = _("health-check round")
        verbose_name_plural = _("health-check rounds")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_health_round_per_partnership",
            ),
            models.CheckConstraint(
                condition=~models.Q(completed=True, closed_at__isnull=True),
                name="health_round_completed_only_when_closed",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "completed"])]

    def __str__(self) -> str:
        return f"{self.partnership.code}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("health:round", args=[self.partnership.code, self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class HealthQuestion(models.Model):
    """A question of one round: a built-in dimension, or one the coordinator added."""

    round = models.ForeignKey(HealthCheckRound, on_delete=models.CASCADE, related_name="questions")
    dimension = models.CharField(
        _("dimension"), max_length=30, choices=Dimension.choices, blank=True
    )
    text = models.TextField(_("question"), blank=True, max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    history = HistoricalRecords(table_name="reviews_historicalhealthquestion")

    class Meta:
        db_table = "reviews_healthquestion"
        verbose_name = _("health-check question")
        verbose_name_plural = _("health-check questions")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "dimension"],
                condition=~models.Q(dimension=""),
                name="one_builtin_dimension_per_round",
            ),
            models.CheckConstraint(
                condition=~models.Q(dimension="", text=""), name="health_question_has_text"
            ),
        ]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def partnership(self) -> Partnership:
        return self.round.partnership

    @property
    def is_built_in(self) -> bool:
        return bool(self.dimension)

    @property
    def label(self) -> str:
        """A short name: the dimension, or the coordinator's question itself."""
        return Dimension(self.dimension).label if self.dimension else self.text

    @property
    def statement(self) -> str:
        return STATEMENTS[Dimension(self.dimension)] if self.dimension else self.text

    @property
    def key(self) -> str:
        """Compares the same question across rounds: built-ins by dimension, own questions by
        their wording (case and spacing ignored)."""
        if self.dimension:
            return self.dimension
        return "text:" + " ".join(self.text.casefold().split())


class HealthResponse(models.Model):
    """One representative's answers for their partner organisation in one round."""

    round = models.ForeignKey(HealthCheckRound, on_delete=models.CASCADE, related_name="responses")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="health_responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at"], table_name="reviews_historicalhealthresponse"
    )

    class Meta:
        db_table = "reviews_healthresponse"
        verbose_name = _("health-check response")
        verbose_name_plural = _("health-check responses")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "partner", "respondent"], name="one_response_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} — {self.partner.organisation}"

    @property
    def partnership(self) -> Partnership:
        return self.round.partnership


class HealthAnswer(models.Model):
    response = models.ForeignKey(HealthResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(HealthQuestion, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    history = HistoricalRecords(table_name="reviews_historicalhealthanswer")

    class Meta:
        db_table = "reviews_healthanswer"
        verbose_name = _("health-check answer")
        verbose_name_plural = _("health-check answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE),
                name="health_score_from_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.score}"
