"""The candidate search: organisations filtered in the database, then ranked by `matching`.

The number of queries is fixed — one for the organisations, one each for their regions, SDG
goals and capabilities, plus the partnership's own problem, regions and goals — whatever the
number of organisations.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from simitra.organisations.models import Organisation
from simitra.reference.models import Region

from . import matching
from .models import Need, ProblemNode, ProblemStatement


@dataclass(frozen=True)
class Criteria:
    text: str = ""  # empty: the partnership's problem, causes and needs
    sector: str = ""
    capability: str = ""
    region: str = ""
    sdg: int | None = None


def region_filter_codes(code: str) -> tuple[list[str], str]:
    """The region itself and its parents (exact codes), and the prefix of its children."""
    parts = code.split(".")
    ancestors = [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return ancestors, f"{code}."


def problem_text(partnership) -> str:
    problem = ProblemStatement.objects.filter(partnership=partnership).first()
    texts = [problem.text] if problem else []
    texts += ProblemNode.objects.filter(
        partnership=partnership, kind=ProblemNode.Kind.CAUSE
    ).values_list("text", flat=True)
    texts += Need.objects.filter(partnership=partnership).values_list("description", flat=True)
    return "\n".join(texts)


def partnership_query(partnership, text: str = "") -> matching.Query:
    text = text.strip() or problem_text(partnership)
    regions = tuple(partnership.regions.values_list("code", flat=True))
    goals = frozenset(partnership.sdg_targets.values_list("goal_id", flat=True))
    return matching.Query(stems=matching.stems(text), region_codes=regions, sdg_goals=goals)


def filtered_organisations(criteria: Criteria):
    organisations = Organisation.objects.all()
    if criteria.sector:
        organisations = organisations.filter(sector=criteria.sector)
    if criteria.capability:
        organisations = organisations.filter(
            pk__in=Organisation.capabilities.through.objects.filter(
                Q(capability__name__icontains=criteria.capability)
                | Q(capability__slug__icontains=criteria.capability)
            ).values("organisation_id")
        )
    if criteria.region:
        exact, children = region_filter_codes(criteria.region)
        organisations = organisations.filter(
            pk__in=Organisation.regions.through.objects.filter(
                Q(region_id__in=exact) | Q(region__code__startswith=children)
            ).values("organisation_id")
        )
    if criteria.sdg:
        organisations = organisations.filter(
            pk__in=Organisation.sdg_goals.through.objects.filter(sdggoal_id=criteria.sdg).values(
                "organisation_id"
            )
        )
    return organisations


def profiles(organisations) -> list[matching.Profile]:
    rows = list(organisations.values_list("id", "name", "acronym", "description", "expertise"))
    ids = organisations.values("id")
    regions = defaultdict(list)
    for org_id, code in Organisation.regions.through.objects.filter(
        organisation_id__in=ids
    ).values_list("organisation_id", "region_id"):
        regions[org_id].append(code)
    goals = defaultdict(set)
    for org_id, goal in Organisation.sdg_goals.through.objects.filter(
        organisation_id__in=ids
    ).values_list("organisation_id", "sdggoal_id"):
        goals[org_id].add(goal)
    capabilities = defaultdict(list)
    for org_id, name in Organisation.capabilities.through.objects.filter(
        organisation_id__in=ids
    ).values_list("organisation_id", "capability__name"):
        capabilities[org_id].append(name)
    return [
        matching.Profile(
            organisation_id=org_id,
            name=name,
            stems=matching.stems(f"{name}\n{acronym}\n{description}\n{expertise}")
            | matching.stems("\n".join(sorted(capabilities[org_id]))),
            region_codes=tuple(sorted(regions[org_id])),
            sdg_goals=frozenset(goals[org_id]),
        )
        for org_id, name, acronym, description, expertise in rows
    ]


def search_candidates(partnership, criteria: Criteria) -> list[matching.Match]:
    """Every organisation passing the filters, ranked by how well it matches the problem."""
    query = partnership_query(partnership, criteria.text)
    return matching.rank(profiles(filtered_organisations(criteria)), query)


def region_names(codes) -> dict[str, str]:
    return dict(Region.objects.filter(code__in=set(codes)).values_list("code", "name"))
