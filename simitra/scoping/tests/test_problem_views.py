"""The problem page: statement, tree diagram, elements; who may see and change them."""

import pytest
from django.urls import reverse

from simitra.scoping.models import ProblemNode, ProblemStatement

from .helpers import in_english, make_node, make_problem

pytestmark = pytest.mark.django_db


def url(world, name="scoping:problem", *args):
    return reverse(name, args=[world.partnership.code, *args])


def test_it_draws_the_tree_with_causes_core_and_effects(world, client_for):
    make_problem(world.partnership, core="Stunting tinggi <di desa>")
    cause = make_node(world.partnership, "Asupan gizi kurang", proposed_by=world.org_a)
    make_node(world.partnership, "Pangan mahal", parent=cause)
    make_node(world.partnership, "Belajar terhambat", kind=ProblemNode.Kind.EFFECT)
    body = client_for(world.partner_user).get(url(world)).content.decode()
    assert body.count('class="tree-node tree-cause"') == 2
    assert body.count('class="tree-node tree-effect"') == 1
    assert body.count('class="tree-node tree-core"') == 1
    assert body.count("<line ") == 3
    # Text inside the SVG is escaped, never raw markup.
    assert "&lt;di desa&gt;" in body and "<di desa>" not in body
    assert "PT Mitra Usaha" in body


def test_the_panel_fragment_is_served_to_htmx(world, client_for):
    make_problem(world.partnership)
    response = client_for(world.coordinator).get(url(world), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "problem-tree" in body


def test_an_empty_problem_says_what_comes_here(world, client_for):
    in_english(world.coordinator)
    body = client_for(world.coordinator).get(url(world)).content.decode()
    assert "No problem statement yet." in body
    assert "No causes yet." in body


def test_the_outsider_gets_404_and_the_partner_cannot_edit(world, client_for):
    make_problem(world.partnership)
    node = make_node(world.partnership, "x")
    outsider = client_for(world.outsider)
    assert outsider.get(url(world)).status_code == 404
    assert outsider.get(url(world, "scoping:statement_edit")).status_code == 404
    partner = client_for(world.partner_user)
    assert partner.get(url(world, "scoping:statement_edit")).status_code == 403
    assert (
        partner.post(url(world, "scoping:node_add"), {"kind": "cause", "text": "y"}).status_code
        == 403
    )
    assert partner.post(url(world, "scoping:node_delete", node.pk)).status_code == 403
    assert (
        client_for(world.observer).get(url(world, "scoping:node_edit", node.pk)).status_code == 403
    )
    assert ProblemNode.objects.count() == 1


def test_the_coordinator_writes_the_statement_with_its_proposer(world, client_for):
    response = client_for(world.coordinator).post(
        url(world, "scoping:statement_edit"),
        {
            "core_problem": "Stunting tinggi",
            "statement": "Sepertiga balita",
            "proposed_by": world.org_b.pk,
        },
    )
    assert response.status_code == 302
    problem = ProblemStatement.objects.get(partnership=world.partnership)
    assert problem.proposed_by == world.org_b and problem.updated_by == world.coordinator


def test_an_invalid_statement_keeps_what_was_typed_and_saves_nothing(world, client_for):
    in_english(world.coordinator)
    response = client_for(world.coordinator).post(
        url(world, "scoping:statement_edit"),
        {
            "core_problem": "Stunting tinggi sekali",
            "statement": "",
            "proposed_by": world.outside_org.pk,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in body
    assert "Select a valid choice" in body  # an organisation outside the partnership
    assert 'value="Stunting tinggi sekali"' in body
    assert not ProblemStatement.objects.exists()


def test_a_cause_hangs_only_on_a_cause(world, client_for):
    in_english(world.coordinator)
    effect = make_node(world.partnership, "Efek", kind=ProblemNode.Kind.EFFECT)
    response = client_for(world.coordinator).post(
        url(world, "scoping:node_add"),
        {"kind": "cause", "text": "Sebab", "parent": effect.pk, "position": 0},
    )
    assert "A cause hangs on a cause" in response.content.decode()
    assert ProblemNode.objects.count() == 1


def test_an_element_cannot_hang_on_its_own_branch(world, client_for):
    in_english(world.coordinator)
    top = make_node(world.partnership, "Atas")
    below = make_node(world.partnership, "Bawah", parent=top)
    response = client_for(world.coordinator).post(
        url(world, "scoping:node_edit", top.pk),
        {"kind": "cause", "text": "Atas", "parent": below.pk, "position": 0},
    )
    assert "its own branch" in response.content.decode()
    top.refresh_from_db()
    assert top.parent is None


def test_the_coordinator_adds_and_removes_tree_elements(world, client_for):
    client = client_for(world.coordinator)
    response = client.post(
        url(world, "scoping:node_add"),
        {"kind": "cause", "text": "Kader kurang", "position": 1, "proposed_by": world.org_a.pk},
    )
    assert response.status_code == 302
    node = ProblemNode.objects.get()
    assert node.kind == "cause" and node.proposed_by == world.org_a
    child = make_node(world.partnership, "Pelatihan jarang", parent=node)
    assert client.get(url(world, "scoping:node_delete", node.pk)).status_code == 405
    assert client.post(url(world, "scoping:node_delete", node.pk)).status_code == 302
    assert not ProblemNode.objects.filter(pk__in=[node.pk, child.pk]).exists()


def test_an_element_of_another_partnership_is_not_found(world, client_for):
    from simitra.partnerships.testing import make_partnership

    other = make_partnership(coordinators=[world.coordinator])
    node = make_node(other, "Milik kemitraan lain")
    response = client_for(world.coordinator).post(url(world, "scoping:node_delete", node.pk))
    assert response.status_code == 404
    assert ProblemNode.objects.filter(pk=node.pk).exists()
