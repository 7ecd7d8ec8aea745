"""Small factories for the scoping tests."""

from django.utils import timezone

from simitra.scoping import services
from simitra.scoping.assessment import CRITERIA
from simitra.scoping.models import (
    Assessment,
    Evidence,
    Need,
    ProblemNode,
    ProblemStatement,
    Relationship,
    Score,
)


def in_english(*users):
    for user in users:
        user.language = "en"
        user.save(update_fields=["language"])


def make_problem(
    partnership, core="Stunting balita tinggi", statement="Penurunan stunting lambat.", **fields
):
    return ProblemStatement.objects.create(
        partnership=partnership, core_problem=core, statement=statement, **fields
    )


def make_node(partnership, text, kind=ProblemNode.Kind.CAUSE, parent=None, **fields):
    return ProblemNode.objects.create(
        partnership=partnership, kind=kind, text=text, parent=parent, **fields
    )


def make_evidence(partnership, title="Survei Gizi 2024", **fields):
    fields.setdefault("url", "https://example.org/survei")
    return Evidence.objects.create(partnership=partnership, title=title, **fields)


def make_need(partnership, description="Makanan tambahan bergizi", evidence=(), **fields):
    fields.setdefault("affected_group", "Balita")
    need = Need.objects.create(partnership=partnership, description=description, **fields)
    need.evidence.set(evidence)
    return need


def make_assessment(partner, assessor, scores=(4, 4, 4, 4), *, submitted=True, conflict_note=""):
    assessment = Assessment.objects.create(
        partner=partner,
        assessor=assessor,
        declared_conflict=bool(conflict_note),
        conflict_note=conflict_note,
        declared_at=timezone.now(),
        submitted_at=timezone.now() if submitted else None,
    )
    for criterion, score in zip(CRITERIA, scores, strict=False):
        Score.objects.create(
            assessment=assessment,
            criterion=criterion,
            score=score,
            evidence=f"bukti {criterion} {score}",
        )
    return assessment


def make_tie(partnership, person, organisation, kind=Relationship.Kind.FAMILY, **fields):
    return Relationship.objects.create(
        partnership=partnership, person=person, organisation=organisation, kind=kind, **fields
    )


def answer_suitability(partnership, user, **answers):
    base = {
        "single_actor": "no",
        "shared_interest": "yes",
        "complementary": "yes",
        "contract_enough": "no",
    }
    return services.save_suitability(
        partnership=partnership, answers={**base, **answers}, notes="", answered_by=user
    )
