"""Every list page of scoping runs the same number of queries at two data sizes."""

import datetime as dt

import pytest
from django.urls import reverse

from simitra.lib.testing import count_queries
from simitra.partnerships.models import PartnerStatus, PersonRole
from simitra.partnerships.testing import make_organisation, make_partner, make_user
from simitra.scoping.models import ProblemNode, SolutionOption, Stakeholder

from .helpers import make_assessment, make_evidence, make_need, make_node, make_problem, make_tie

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200


def grow_phase_one(world, n):
    for i in range(n):
        source = make_evidence(world.partnership, title=f"Sumber {i}", supports_problem=True)
        cause = make_node(world.partnership, f"Sebab {i}", proposed_by=world.org_a)
        cause.evidence.add(source)
        make_node(world.partnership, f"Sebab turunan {i}", parent=cause, proposed_by=world.org_b)
        make_node(world.partnership, f"Efek {i}", kind=ProblemNode.Kind.EFFECT)
        need = make_need(
            world.partnership, f"Kebutuhan {i}", evidence=[source], proposed_by=world.org_a
        )
        source.needs.add(need)
        option = SolutionOption.objects.create(
            partnership=world.partnership, title=f"Opsi {i}", proposed_by=world.org_b
        )
        option.causes.add(cause)


def grow_phase_two(world, n):
    for i in range(n):
        candidate = make_partner(
            world.partnership, make_organisation(f"Calon {i}"), status=PartnerStatus.CANDIDATE
        )
        assessor = make_user()
        make_assessment(candidate, assessor, (3, 4, 5, 2))
        make_assessment(candidate, world.coordinator, (4, 4, 4, 4))
        make_assessment(world.partner_a, assessor, (5, 5, 5, 5))
        make_tie(world.partnership, assessor, candidate.organisation)
        Stakeholder.objects.create(
            partnership=world.partnership,
            group_name=f"Kelompok {i}",
            interest=1 + i % 5,
            influence=1 + (i * 2) % 5,
            approach="x",
        )
        Stakeholder.objects.create(
            partnership=world.partnership,
            organisation=candidate.organisation,
            interest=3,
            influence=3,
            approach="y",
        )
        role = PersonRole.objects.create(
            partner=world.partner_a,
            person_name=f"Orang {i}",
            level="technical",
            title="Ahli",
            started_on=dt.date(2024, 1, 1),
            ended_on=dt.date(2024, 6, 30),
        )
        PersonRole.objects.create(
            partner=world.partner_a,
            person_name=f"Orang {i}",
            level="management",
            title="Manajer",
            started_on=dt.date(2024, 7, 1),
            previous=role,
        )


PHASE_ONE = [
    "scoping:problem",
    "scoping:needs",
    "scoping:evidence",
    "scoping:options",
    "scoping:cocreation",
]
PHASE_TWO = ["scoping:candidates", "scoping:stakeholders", "scoping:roles", "scoping:relationships"]


@pytest.mark.parametrize("name", PHASE_ONE)
def test_phase_one_pages_do_not_grow_with_rows(world, client_for, name):
    make_problem(world.partnership, proposed_by=world.org_a)
    client = client_for(world.coordinator)
    url = reverse(name, args=[world.partnership.code])
    grow_phase_one(world, 2)
    small = count_queries(get, client, url)
    grow_phase_one(world, 12)
    assert count_queries(get, client, url) == small
    assert count_queries(get, client, url, HTTP_HX_REQUEST="true") <= small


@pytest.mark.parametrize("name", PHASE_TWO)
def test_phase_two_pages_do_not_grow_with_rows(world, client_for, name):
    client = client_for(world.coordinator)
    url = reverse(name, args=[world.partnership.code])
    grow_phase_two(world, 2)
    small = count_queries(get, client, url)
    grow_phase_two(world, 12)
    assert count_queries(get, client, url) == small


def test_the_assessment_page_does_not_grow_with_assessments(world, client_for):
    client = client_for(world.coordinator)
    url = reverse("scoping:candidate", args=[world.partnership.code, world.partner_a.pk])
    grow_phase_two(world, 2)
    small = count_queries(get, client, url)
    grow_phase_two(world, 12)
    assert count_queries(get, client, url) == small


def test_the_identifying_gate_does_not_grow_with_partners(world):
    from simitra.partnerships import gates

    def run():
        gates.run_gate(world.partnership, 2)

    grow_phase_two(world, 2)
    world.partnership.partners.update(status=PartnerStatus.CONFIRMED)
    small = count_queries(run)
    grow_phase_two(world, 12)
    world.partnership.partners.update(status=PartnerStatus.CONFIRMED)
    assert count_queries(run) == small
