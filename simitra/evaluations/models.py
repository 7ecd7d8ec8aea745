"""Evaluations of a partnership against its initial plan, and the revision actions they lead to.

The tables keep the names they had in the `reviews` app, which these models come from
(`db_table`, and the history's `table_name`): the rows of existing databases stay where they are
and the initial migration adopts them (see `simitra.lib.migrations`).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from simitra.partnerships.models import Partner, Partnership


class EvaluationQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(status=Evaluation.Status.COMPLETED)


class Evaluation(models.Model):
    """The evaluator's judgement — impact on the beneficiaries, findings — beside the facts the
    data gives (activities on time, budget, indicators, people reached; see `evaluation.py`).

    The facts are computed live while the evaluation is a draft and frozen in `facts` when it is
    completed, so a completed evaluation keeps saying what it said.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMPLETED = "completed", _("Completed")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name=_("partnership"),
    )
    title = models.CharField(_("title"), max_length=200)
    evaluator = models.CharField(
        _("evaluator"),
        max_length=200,
        blank=True,
        help_text=_("Who evaluated: a person, a team or an independent evaluator."),
    )
    evaluated_on = models.DateField(
        _("facts as of"),
        default=timezone.localdate,
        help_text=_("The day the facts are counted to (activities due, periods ended, …)."),
    )
    plan_version = models.ForeignKey(
        "planning.PlanVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("initial plan"),
        help_text=_("The plan version the partnership is evaluated against."),
    )
    impact_narrative = models.TextField(
        _("impact on the target beneficiaries"),
        blank=True,
        help_text=_("What changed for the people the partnership serves, and how you know."),
    )
    findings = models.TextField(
        _("findings"),
        blank=True,
        help_text=_("What worked, what did not, and why."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    facts = models.JSONField(_("facts when completed"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EvaluationQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["facts"], table_name="reviews_historicalevaluation"
    )

    class Meta:
        db_table = "reviews_evaluation"
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-evaluated_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="completed", completed_at__isnull=True),
                name="evaluation_completed_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="completed", impact_narrative="")
                & ~models.Q(status="completed", findings=""),
                name="evaluation_completed_has_narrative_and_findings",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluations:evaluation", args=[self.partnership.code, self.pk])

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class RevisionAction(models.Model):
    """A recommendation of an evaluation, turned into a tracked action: who, by when, and the
    plan version or agreement amendment it led to."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="actions", verbose_name=_("evaluation")
    )
    recommendation = models.TextField(_("recommendation"), max_length=2000)
    owner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="revision_actions",
        verbose_name=_("owner"),
        help_text=_("The partner that carries the action out."),
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    plan_version = models.ForeignKey(
        "planning.PlanVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revision_actions",
        verbose_name=_("led to plan version"),
    )
    amendment = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revision_actions",
        verbose_name=_("led to agreement amendment"),
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(table_name="reviews_historicalrevisionaction")

    class Meta:
        db_table = "reviews_revisionaction"
        verbose_name = _("revision action")
        verbose_name_plural = _("revision actions")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="done", done_on__isnull=True),
                name="revision_action_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.recommendation[:80]

    # The access rules find the partnership and the owning partner through these.
    @property
    def partnership(self) -> Partnership:
        return self.evaluation.partnership

    @property
    def partner(self) -> Partner:
        return self.owner

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())
