"""Writes that span the partnership and its related records."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simitra.accounts.models import User
from simitra.organisations.models import Organisation

from . import gates
from .models import Partner, Partnership, PartnerStatus, Phase, PhaseTransition


class GateRefused(Exception):
    """Advancing was refused: the gate failed and no reason to override it was given."""

    def __init__(self, result: gates.GateResult):
        self.result = result
        super().__init__(_("The gate of this phase has failed checks."))


class TransitionError(Exception):
    pass


def _check_expected_phase(partnership: Partnership, expected_phase: int | None) -> None:
    """A move names the phase it leaves; when another request moved the partnership first,
    this one is refused instead of moving it a second step."""
    if expected_phase is not None and partnership.phase != expected_phase:
        raise TransitionError(
            _(
                "This partnership was moved meanwhile: it is now in %(phase)s. Nothing was "
                "changed; look at it again before moving it."
            )
            % {"phase": partnership.phase_label}
        )


@transaction.atomic
def create_partnership(
    *, partnership: Partnership, created_by: User, lead_organisation: Organisation | None = None
) -> Partnership:
    """Save a new partnership; its creator coordinates it, and their organisation (if given)
    joins as the confirmed coordinating partner."""
    partnership.created_by = created_by
    partnership.save()
    partnership.coordinators.add(created_by)
    if lead_organisation is not None:
        Partner.objects.create(
            partnership=partnership,
            organisation=lead_organisation,
            status=PartnerStatus.CONFIRMED,
            local_role=Partner.LocalRole.COORDINATOR,
            joined_on=timezone.localdate(),
        )
    return partnership


@transaction.atomic
def advance_phase(
    *,
    partnership: Partnership,
    moved_by: User,
    override_reason: str = "",
    expected_phase: int | None = None,
) -> PhaseTransition:
    """Move to the next phase if the gate passes; a failed gate needs a written reason.
    `expected_phase` is the phase the request leaves (pages and API always give it): the
    partnership's row is locked and the phase checked under the lock, so two requests at once
    move it one step, never two."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if partnership.is_closed:
        raise TransitionError(_("This partnership is closed."))
    _check_expected_phase(partnership, expected_phase)
    if partnership.phase >= Phase.SUSTAINING:
        raise TransitionError(_("Sustaining is the last phase; the partnership ends from there."))
    result = gates.run_gate(partnership)
    override_reason = override_reason.strip()
    if not result.passed and not override_reason:
        raise GateRefused(result)
    transition = PhaseTransition.objects.create(
        partnership=partnership,
        from_phase=partnership.phase,
        to_phase=partnership.phase + 1,
        moved_by=moved_by,
        gate_passed=result.passed,
        overridden=not result.passed,
        reason=override_reason if not result.passed else "",
        gate_results=[check.as_dict() for check in result.checks],
    )
    partnership.phase += 1
    partnership.save(update_fields=["phase", "updated_at"])
    return transition


@transaction.atomic
def revert_phase(
    *,
    partnership: Partnership,
    moved_by: User,
    to_phase: int,
    reason: str = "",
    expected_phase: int | None = None,
) -> PhaseTransition:
    """Go back to an earlier phase to revise it: always allowed, and logged (`expected_phase`
    as for `advance_phase`)."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if partnership.is_closed:
        raise TransitionError(_("This partnership is closed."))
    _check_expected_phase(partnership, expected_phase)
    if not 1 <= to_phase < partnership.phase:
        raise TransitionError(_("Choose an earlier phase to go back to."))
    result = gates.run_gate(partnership)
    transition = PhaseTransition.objects.create(
        partnership=partnership,
        from_phase=partnership.phase,
        to_phase=to_phase,
        moved_by=moved_by,
        gate_passed=result.passed,
        reason=reason.strip(),
        gate_results=[check.as_dict() for check in result.checks],
    )
    partnership.phase = to_phase
    partnership.save(update_fields=["phase", "updated_at"])
    return transition


def add_partner(*, partnership: Partnership, organisation: Organisation, **fields) -> Partner:
    if Partner.objects.filter(partnership=partnership, organisation=organisation).exists():
        raise TransitionError(
            _("%(organisation)s is already in this partnership.")
            % {"organisation": organisation.name}
        )
    return Partner.objects.create(partnership=partnership, organisation=organisation, **fields)
