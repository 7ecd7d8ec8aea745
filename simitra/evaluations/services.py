"""Writes of the evaluations: an evaluation (saved as a draft, then completed with its facts
frozen) and its revision actions (added, changed, followed up by their owner)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simitra.accounts.models import User
from simitra.partnerships.models import Partnership

from .models import ActionStatus, Evaluation, RevisionAction


class ReviewError(Exception):
    """An evaluation action that is not allowed in the current state; the message says why."""


def _check_open_partnership(partnership: Partnership) -> None:
    if partnership.is_closed:
        raise ReviewError(_("This partnership is closed."))


def _check_links(partnership: Partnership, plan_version, amendment) -> None:
    if plan_version is not None and plan_version.partnership_id != partnership.pk:
        raise ReviewError(_("The plan version belongs to another partnership."))
    if amendment is not None and (
        amendment.partnership_id != partnership.pk or amendment.amends_id is None
    ):
        raise ReviewError(_("Choose an amendment of one of this partnership's agreements."))


@transaction.atomic
def save_evaluation(*, evaluation: Evaluation, saved_by: User) -> Evaluation:
    """Create or change a draft evaluation (a completed one no longer changes)."""
    _check_open_partnership(evaluation.partnership)
    if evaluation.pk:
        stored = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if stored.is_completed:
            raise ReviewError(_("This evaluation is completed: it can no longer be changed."))
    else:
        evaluation.created_by = saved_by
    _check_links(evaluation.partnership, evaluation.plan_version, None)
    evaluation.title = evaluation.title.strip()
    evaluation.save()
    return evaluation


@transaction.atomic
def complete_evaluation(*, evaluation: Evaluation, completed_by: User) -> Evaluation:
    """Mark the evaluation completed and freeze its facts as they stand now. It needs the
    evaluator's narrative of the impact and the findings."""
    from simitra.early_warning.conf import warning_thresholds

    from .evaluation import evaluation_facts
    from .selectors import evaluation_input

    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("partnership", "plan_version")
        .get(pk=evaluation.pk)
    )
    _check_open_partnership(evaluation.partnership)
    if evaluation.is_completed:
        raise ReviewError(_("This evaluation is already completed."))
    missing = []
    if not evaluation.impact_narrative.strip():
        missing.append(str(Evaluation._meta.get_field("impact_narrative").verbose_name))
    if not evaluation.findings.strip():
        missing.append(str(Evaluation._meta.get_field("findings").verbose_name))
    if missing:
        raise ReviewError(
            _("Before completing the evaluation, write: %(fields)s.")
            % {"fields": ", ".join(missing)}
        )
    evaluation.facts = evaluation_facts(
        evaluation_input(evaluation.partnership, evaluation.plan_version, evaluation.evaluated_on),
        grace_days=warning_thresholds().grace_days,
    )
    evaluation.status = Evaluation.Status.COMPLETED
    evaluation.completed_at = timezone.now()
    evaluation.completed_by = completed_by
    evaluation.save(update_fields=["facts", "status", "completed_at", "completed_by"])
    return evaluation


@transaction.atomic
def save_revision_action(*, action: RevisionAction, saved_by: User) -> RevisionAction:
    """Create or change a revision action. New recommendations are added while the evaluation
    is a draft; afterwards the actions are followed up (owner, date, status, links, note)."""
    evaluation = Evaluation.objects.select_for_update().get(pk=action.evaluation_id)
    partnership = evaluation.partnership
    _check_open_partnership(partnership)
    if action.pk is None and evaluation.is_completed:
        raise ReviewError(
            _("The evaluation is completed: its recommendations are fixed. Follow them up here.")
        )
    if action.owner.partnership_id != partnership.pk:
        raise ReviewError(_("The owner must be a partner of this partnership."))
    _check_links(partnership, action.plan_version, action.amendment)
    _settle_done(action)
    action.recommendation = action.recommendation.strip()
    action.save()
    return action


def _settle_done(action: RevisionAction) -> None:
    if action.status == ActionStatus.DONE and action.done_on is None:
        action.done_on = timezone.localdate()
    elif action.status != ActionStatus.DONE:
        action.done_on = None


@transaction.atomic
def update_action_status(
    *, action: RevisionAction, status: str, note: str, updated_by: User
) -> RevisionAction:
    """The owner's follow-up of an action: its status and a note."""
    action = RevisionAction.objects.select_for_update().get(pk=action.pk)
    _check_open_partnership(action.evaluation.partnership)
    if status not in ActionStatus.values:
        raise ReviewError(_("Choose a status."))
    action.status = status
    action.note = note.strip()
    _settle_done(action)
    action.save(update_fields=["status", "note", "done_on"])
    return action
