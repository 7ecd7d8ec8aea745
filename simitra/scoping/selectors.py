"""Reading candidates and their assessments out of the database for the pure measures
(`assessment.detect_conflict`, `assessment.aggregate`), in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from simitra.accounts.models import Membership
from simitra.partnerships.models import Partner

from .assessment import (
    CRITERIA,
    AssessmentInput,
    CandidateResult,
    Conflict,
    Tie,
    aggregate,
    detect_conflict,
)
from .models import Assessment, Relationship


@dataclass
class Assessed:
    """An assessment with its conflict worked out."""

    assessment: Assessment
    conflict: Conflict

    @property
    def scores(self) -> dict[str, int]:
        return {s.criterion: s.score for s in self.assessment.scores.all()}

    @property
    def ordered_scores(self) -> list:
        return in_criteria_order(self.assessment.scores.all())


def in_criteria_order(scores) -> list:
    """Scores in the seed's order: capacity, quality, integrity, commitment."""
    return sorted(scores, key=lambda score: CRITERIA.index(score.criterion))


def assessments_with_conflicts(partners) -> dict[int, list[Assessed]]:
    """Every assessment of these partners (drafts included), keyed by partner id, each with
    its conflict: declared, from the relationship register, or from membership."""
    partners = list(partners)
    by_partner: dict[int, list[Assessed]] = defaultdict(list)
    if not partners:
        return by_partner
    org_of = {p.pk: p.organisation_id for p in partners}
    assessments = list(
        Assessment.objects.filter(partner_id__in=org_of)
        .select_related("assessor")
        .prefetch_related("scores")
        .order_by("submitted_at", "pk")
    )
    assessor_ids = {a.assessor_id for a in assessments}
    ties = defaultdict(list)
    # A tie is a fact about a person and an organisation, whichever partnership's register
    # recorded it: every register is consulted.
    for row in Relationship.objects.filter(
        person_id__in=assessor_ids, organisation_id__in=set(org_of.values())
    ).values("person_id", "organisation_id", "kind", "ended_on", "description"):
        ties[row["person_id"]].append(
            Tie(
                organisation_id=row["organisation_id"],
                kind=row["kind"],
                ended_on=row["ended_on"],
                description=row["description"],
            )
        )
    members = defaultdict(set)
    for user_id, org_id in Membership.objects.filter(
        user_id__in=assessor_ids, organisation_id__in=set(org_of.values())
    ).values_list("user_id", "organisation_id"):
        members[user_id].add(org_id)
    today = timezone.localdate()
    for assessment in assessments:
        conflict = detect_conflict(
            candidate_organisation_id=org_of[assessment.partner_id],
            declared=assessment.declared_conflict,
            declared_note=assessment.conflict_note,
            ties=ties[assessment.assessor_id],
            member_of=members[assessment.assessor_id],
            today=today,
        )
        by_partner[assessment.partner_id].append(Assessed(assessment, conflict))
    return by_partner


def result_of(assessed: list[Assessed]) -> CandidateResult:
    """The aggregate over the submitted assessments only."""
    return aggregate(
        AssessmentInput(
            assessor=item.assessment.assessor.display_name,
            scores=item.scores,
            conflicted=item.conflict.conflicted,
            conflict_reasons=tuple(item.conflict.reasons),
        )
        for item in assessed
        if item.assessment.is_submitted
    )


def may_see_results(*, own: Assessment | None, can_assess: bool, can_decide: bool) -> bool:
    """Blind scoring: whoever may score a candidate sees the others' scores only after
    submitting their own. The coordinator, who decides, sees them without scoring (and scores
    first if they want to score at all); observers, who cannot score, read them."""
    if own is not None:
        return own.is_submitted
    if can_decide:
        return True
    return not can_assess


def selection_partners(partnership):
    """The partners that went through selection: every status, the organisation and candidacy
    fetched along."""
    return (
        Partner.objects.filter(partnership=partnership)
        .select_related("organisation", "candidacy")
        .order_by("status", "organisation__name")
    )


def conflict_before_declaring(partner, user) -> Conflict:
    """What the register and memberships already say about this user and this candidate, shown
    to them before they declare."""
    ties = [
        Tie(organisation_id=row["organisation_id"], kind=row["kind"], ended_on=row["ended_on"])
        for row in Relationship.objects.filter(
            person=user, organisation_id=partner.organisation_id
        ).values("organisation_id", "kind", "ended_on")
    ]
    return detect_conflict(
        candidate_organisation_id=partner.organisation_id,
        declared=False,
        ties=ties,
        member_of=user.organisation_ids(),
        today=timezone.localdate(),
    )
