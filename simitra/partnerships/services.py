"""Writes that span the partnership and its related records."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from simitra.accounts.models import Membership, User
from simitra.organisations.models import Organisation

from . import events, gates, recompute
from .models import Partner, Partnership, PartnerStatus, Phase, PhaseTransition
from .tasks import send_invitation_emails


class GateRefused(Exception):
    """Advancing was refused: the gate failed and no reason to override it was given."""

    def __init__(self, result: gates.GateResult):
        self.result = result
        super().__init__(_("The gate of this phase has failed checks."))


class TransitionError(Exception):
    pass


def check_expected_phase(partnership: Partnership, expected_phase: int | None) -> None:
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
            # The creator works for it and starts the partnership: its answer is theirs.
            answered_at=timezone.now(),
            answered_by=created_by,
        )
    return partnership


def _phase_changed(transition: PhaseTransition) -> None:
    recompute.inputs_changed(transition.partnership_id)  # the signals watched depend on phase
    events.emit(
        events.EventType.PHASE_CHANGED,
        partnership_id=transition.partnership_id,
        record_kind="partnership",
        record_pk=transition.partnership_id,
        data={"from_phase": transition.from_phase, "to_phase": transition.to_phase},
    )


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
    check_expected_phase(partnership, expected_phase)
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
    _phase_changed(transition)
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
    check_expected_phase(partnership, expected_phase)
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
    _phase_changed(transition)
    return transition


@transaction.atomic
def save_new_partner(*, partner: Partner, added_by: User) -> Partner:
    """Save a partner the coordinator adds; added as invited, it is a candidate invited at
    once (its members are told, and it answers itself)."""
    invite = partner.status == PartnerStatus.INVITED
    if invite:
        partner.status = PartnerStatus.CANDIDATE
    partner.save()
    if invite:
        partner = invite_partner(partner=partner, invited_by=added_by)
    return partner


def add_partner(*, partnership: Partnership, organisation: Organisation, **fields) -> Partner:
    if Partner.objects.filter(partnership=partnership, organisation=organisation).exists():
        raise TransitionError(
            _("%(organisation)s is already in this partnership.")
            % {"organisation": organisation.name}
        )
    return Partner.objects.create(partnership=partnership, organisation=organisation, **fields)


# --- the invitation: the organisation itself agrees to take part --------------------------------


class InvitationError(Exception):
    """An invitation step the partner's state does not allow now (another request came first,
    or the page was left open); the message says why. Pages and the API answer 409."""


def _locked_partner(partner: Partner) -> Partner:
    return (
        Partner.objects.select_for_update()
        .select_related("organisation", "partnership")
        .get(pk=partner.pk)
    )


@transaction.atomic
def invite_partner(*, partner: Partner, invited_by: User, addresses: list[str] = ()) -> Partner:
    """Invite a candidate (or an organisation that declined earlier) to take part: its
    members are told on their home page and by e-mail, and `addresses` of people without an
    account get a link to join the organisation too. The row is locked and its state checked
    under the lock, so two requests at once invite once; the later one is refused."""
    partner = _locked_partner(partner)
    if partner.partnership.is_closed:
        raise InvitationError(_("This partnership is closed."))
    if partner.status not in (PartnerStatus.CANDIDATE, PartnerStatus.DECLINED):
        raise InvitationError(
            _("%(organisation)s cannot be invited now: it is %(status)s. Nothing was changed.")
            % {"organisation": partner.organisation.name, "status": partner.get_status_display()}
        )
    partner.status = PartnerStatus.INVITED
    partner.invited_at, partner.invited_by = timezone.now(), invited_by
    partner.answered_at, partner.answered_by, partner.answer_reason = None, None, ""
    partner.save(
        update_fields=[
            "status",
            "invited_at",
            "invited_by",
            "answered_at",
            "answered_by",
            "answer_reason",
        ]
    )
    _send_after_commit(partner, addresses)
    return partner


def resend_invitation(*, partner: Partner, addresses: list[str] = ()) -> None:
    """Tell the members (and `addresses`) of a pending invitation again; nothing changes."""
    if partner.status != PartnerStatus.INVITED:
        raise InvitationError(_("This invitation has already been answered."))
    _send_after_commit(partner, addresses)


def _send_after_commit(partner: Partner, addresses) -> None:
    pk, addresses = partner.pk, list(addresses)
    transaction.on_commit(lambda: send_invitation_emails.enqueue(pk, addresses))


@transaction.atomic
def answer_invitation(*, partner: Partner, accept: bool, reason: str, answered_by: User) -> Partner:
    """The invited organisation's answer, given by one of its members: accepting makes it a
    confirmed partner; declining (with a reason) leaves it out, listed with its answer. Who
    may answer for the organisation is the caller's rule (`partnerships.answer_invitation`).
    Answered once: the row is locked and its state checked under the lock."""
    reason = reason.strip()
    if not accept and not reason:
        raise InvitationError(_("Say why your organisation declines."))
    partner = _locked_partner(partner)
    if partner.status != PartnerStatus.INVITED:
        raise InvitationError(
            _("This invitation has already been answered (now: %(status)s). Nothing was changed.")
            % {"status": partner.get_status_display()}
        )
    partner.status = PartnerStatus.CONFIRMED if accept else PartnerStatus.DECLINED
    partner.answered_at, partner.answered_by, partner.answer_reason = (
        timezone.now(),
        answered_by,
        reason,
    )
    if accept:
        partner.joined_on = partner.joined_on or timezone.localdate()
        partner.left_on = None
    partner.save(
        update_fields=[
            "status",
            "answered_at",
            "answered_by",
            "answer_reason",
            "joined_on",
            "left_on",
        ]
    )
    recompute.inputs_changed(partner.partnership_id)
    if accept:
        events.emit(
            events.EventType.PARTNER_CONFIRMED,
            partnership_id=partner.partnership_id,
            record_kind="partner",
            record_pk=partner.pk,
        )
    return partner


@transaction.atomic
def join_by_invitation(*, partner: Partner, user: User) -> User:
    """Someone invited by e-mail makes their account (`user`, unsaved, with the invited
    address): they join the invited organisation as a member and may then answer for it."""
    partner = _locked_partner(partner)
    if partner.status != PartnerStatus.INVITED:
        raise InvitationError(
            _("This invitation has already been answered (now: %(status)s). Nothing was changed.")
            % {"status": partner.get_status_display()}
        )
    user.language = translation.get_language() or user.language
    user.save()
    Membership.objects.create(user=user, organisation=partner.organisation)
    return user
