"""Writes of scoping and partner selection that span several records or carry a rule."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simitra.accounts.models import User
from simitra.organisations.models import Organisation
from simitra.partnerships import services as partnership_services
from simitra.partnerships.models import Partner, Partnership, PartnerStatus, PersonRole

from . import suitability
from .assessment import CRITERIA
from .matching import Match
from .models import Assessment, Candidacy, Score, SuitabilityCheck


class SelectionError(Exception):
    """A write refused for a reason the person can act on; the message says which."""


@transaction.atomic
def save_suitability(
    *, partnership: Partnership, answers: dict[str, str], notes: str, answered_by: User
) -> SuitabilityCheck:
    """Keep the answers with the recommendation they give."""
    result = suitability.recommend(answers)
    check, _created = SuitabilityCheck.objects.update_or_create(
        partnership=partnership,
        defaults={
            **answers,
            "notes": notes,
            "recommendation": result.recommendation,
            "answered_by": answered_by,
        },
    )
    return check


@transaction.atomic
def add_candidate(
    *,
    partnership: Partnership,
    organisation: Organisation,
    rationale: str,
    added_by: User,
    match: Match | None = None,
) -> Partner:
    """Put an organisation forward as a candidate partner, with why."""
    if Partner.objects.filter(partnership=partnership, organisation=organisation).exists():
        raise SelectionError(
            _("%(organisation)s is already in this partnership.")
            % {"organisation": organisation.name}
        )
    if not rationale.strip():
        raise SelectionError(_("Say why this organisation is a candidate."))
    partner = Partner.objects.create(
        partnership=partnership, organisation=organisation, status=PartnerStatus.CANDIDATE
    )
    Candidacy.objects.create(
        partner=partner,
        rationale=rationale.strip(),
        match_score=Decimal(str(round(match.score, 3))) if match else None,
        match_details=match.as_details() if match else {},
        added_by=added_by,
    )
    return partner


@transaction.atomic
def declare_conflict(
    *, partner: Partner, assessor: User, conflicted: bool, note: str = ""
) -> Assessment:
    """The declaration that opens an assessment: nobody scores before declaring."""
    if partner.status in PartnerStatus.not_taking_part():
        raise SelectionError(_("This candidate has been withdrawn and is no longer assessed."))
    if Assessment.objects.filter(partner=partner, assessor=assessor).exists():
        raise SelectionError(_("You have already declared for this candidate."))
    if conflicted and not note.strip():
        raise SelectionError(_("Describe the conflict of interest."))
    return Assessment.objects.create(
        partner=partner,
        assessor=assessor,
        declared_conflict=conflicted,
        conflict_note=note.strip() if conflicted else "",
        declared_at=timezone.now(),
    )


@transaction.atomic
def save_scores(
    *, assessment: Assessment, scores: dict[str, tuple[int, str]], submit: bool
) -> Assessment:
    """Save the assessor's scores (criterion → (score 1–5, evidence)); `submit` makes them
    final and visible to the other assessors. A submitted assessment no longer changes."""
    assessment = (
        Assessment.objects.select_for_update().select_related("partner").get(pk=assessment.pk)
    )
    if assessment.partner.status in PartnerStatus.not_taking_part():
        raise SelectionError(_("This candidate has been withdrawn and is no longer assessed."))
    if assessment.is_submitted:
        raise SelectionError(_("This assessment has been submitted and can no longer change."))
    for criterion, (score, evidence) in scores.items():
        if criterion not in CRITERIA:
            raise SelectionError(_("Unknown criterion."))
        if not 1 <= int(score) <= 5 or not evidence.strip():
            raise SelectionError(_("Each score runs from 1 to 5 and needs its evidence."))
    if submit and set(scores) != set(CRITERIA):
        raise SelectionError(_("Score all four criteria, each with its evidence, to submit."))
    for criterion, (score, evidence) in scores.items():
        Score.objects.update_or_create(
            assessment=assessment,
            criterion=criterion,
            defaults={"score": int(score), "evidence": evidence.strip()},
        )
    Score.objects.filter(assessment=assessment).exclude(criterion__in=list(scores)).delete()
    if submit:
        assessment.submitted_at = timezone.now()
        assessment.save(update_fields=["submitted_at", "updated_at"])
    return assessment


@transaction.atomic
def decide_candidate(*, partner: Partner, confirm: bool, reason: str, decided_by: User) -> Partner:
    """The coordinator selects a candidate (it is invited, and becomes a confirmed partner when
    one of its members accepts) or rejects it (it is rejected, and not listed among the
    partners); either way with a reason that is kept."""
    reason = reason.strip()
    if not reason:
        raise SelectionError(_("Give the reason for the decision."))
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    candidacy, _created = Candidacy.objects.get_or_create(partner=partner)
    if candidacy.decision != Candidacy.Decision.PENDING:
        # Decided meanwhile (by another request, or from a page left open): not decided twice.
        raise SelectionError(_("This candidate has already been decided."))
    candidacy.decision = Candidacy.Decision.CONFIRMED if confirm else Candidacy.Decision.REJECTED
    candidacy.decision_reason = reason
    candidacy.decided_by = decided_by
    candidacy.decided_at = timezone.now()
    candidacy.save()
    if confirm:
        # Selected by the coordinator; the organisation itself accepts or declines its role.
        if partner.status in (PartnerStatus.CANDIDATE, PartnerStatus.DECLINED):
            return partnership_services.invite_partner(partner=partner, invited_by=decided_by)
        return partner
    partner.status = PartnerStatus.REJECTED
    partner.save(update_fields=["status"])
    return partner


@transaction.atomic
def change_person_role(
    *,
    role: PersonRole,
    level: str,
    title: str,
    changed_on: dt.date,
    changed_by: User,
    responsibilities: str = "",
) -> PersonRole:
    """End the current role the day before `changed_on` and start the new one on that day,
    linked to it: the history keeps both, from–to."""
    role = PersonRole.objects.select_for_update().get(pk=role.pk)
    if role.ended_on is not None:
        raise SelectionError(_("This role has already ended."))
    if changed_on <= role.started_on:
        raise SelectionError(_("The change must come after the role started."))
    role.ended_on = changed_on - dt.timedelta(days=1)
    role.save(update_fields=["ended_on"])
    return PersonRole.objects.create(
        partner=role.partner,
        person_name=role.person_name,
        user=role.user,
        level=level,
        title=title,
        responsibilities=responsibilities,
        started_on=changed_on,
        previous=role,
        created_by=changed_by,
    )


@transaction.atomic
def end_person_role(*, role: PersonRole, ended_on: dt.date) -> PersonRole:
    role = PersonRole.objects.select_for_update().get(pk=role.pk)
    if role.ended_on is not None:
        raise SelectionError(_("This role has already ended."))
    if ended_on < role.started_on:
        raise SelectionError(_("A role cannot end before it started."))
    role.ended_on = ended_on
    role.save(update_fields=["ended_on"])
    return role
