"""Writes of the sustaining phase: the plan, lessons and practices, and ending the partnership."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simitra.accounts.models import User
from simitra.early_warning.alerting import recompute_warnings
from simitra.lib.stemming import index_text
from simitra.partnerships import gates
from simitra.partnerships.models import Partnership, Phase, PhaseTransition

from .models import Lesson, Practice, SustainabilityPlan, Tag, Visibility


class ClosingRefused(Exception):
    """The partnership cannot end this way now; the message says what is missing."""


@transaction.atomic
def save_sustainability_plan(*, plan: SustainabilityPlan, updated_by: User) -> SustainabilityPlan:
    plan.updated_by = updated_by
    plan.save()
    return plan


@transaction.atomic
def save_knowledge_item(
    *, item: Lesson | Practice, tag_names: list[str], saved_by: User
) -> Lesson | Practice:
    """Save a lesson or practice with its tags; keep its search stems and publication date."""
    if item.pk is None:
        item.created_by = saved_by
    item.assign_slug()
    item.search_stems = index_text(*item.index_texts(tag_names))
    if item.visibility == Visibility.PUBLISHED and item.published_at is None:
        item.published_at = timezone.now()
    elif item.visibility == Visibility.PRIVATE:
        item.published_at = None
    item.save()
    item.tags.set(Tag.from_names(tag_names))
    return item


@transaction.atomic
def close_partnership(
    *, partnership: Partnership, closed_by: User, outcome: str, reason: str = ""
) -> Partnership:
    """End the partnership: *completed* from Sustaining with a sustainability plan, or
    *terminated* from any phase with a written reason. Either way it is kept, read-only: the
    ending is an entry of its cycle history and its open alerts are resolved (an ended
    partnership is no longer watched)."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    reason = reason.strip()
    if partnership.is_closed:
        raise ClosingRefused(_("This partnership has already ended."))
    if outcome == Partnership.Status.COMPLETED:
        if partnership.phase != Phase.SUSTAINING:
            raise ClosingRefused(
                _("A partnership is completed from the Sustaining phase; it is in %(phase)s.")
                % {"phase": partnership.phase_label}
            )
        if not SustainabilityPlan.objects.filter(partnership=partnership).exists():
            raise ClosingRefused(
                _("Write the sustainability plan before completing the partnership.")
            )
    elif outcome == Partnership.Status.TERMINATED:
        if not reason:
            raise ClosingRefused(_("Say why the partnership is terminated."))
    else:
        raise ClosingRefused(_("Choose how the partnership ends."))
    partnership.status = outcome
    partnership.closing_reason = reason
    partnership._change_reason = f"{outcome} by {closed_by.username}"
    partnership.save(update_fields=["status", "closing_reason", "updated_at"])
    result = gates.run_gate(partnership)
    PhaseTransition.objects.create(
        partnership=partnership,
        from_phase=partnership.phase,
        to_phase=partnership.phase,
        outcome=outcome,
        moved_by=closed_by,
        gate_passed=result.passed,
        reason=reason,
        gate_results=[check.as_dict() for check in result.checks],
    )
    recompute_warnings(partnership, notify=False)
    return partnership
