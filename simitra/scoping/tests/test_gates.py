"""The gates of Scoping and Identifying refuse with messages that say what is missing."""

import pytest
from django.urls import reverse

from simitra.partnerships import gates
from simitra.partnerships.models import Phase, PhaseTransition
from simitra.partnerships.testing import build_world

from .helpers import (
    answer_suitability,
    in_english,
    make_assessment,
    make_evidence,
    make_need,
    make_problem,
    make_tie,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def broker(world):
    return world.partnership.partners.get(organisation=world.broker)


def check(partnership, code, phase=None):
    return next(c for c in gates.run_gate(partnership, phase).checks if c.code == code)


def advance(world, client_for):
    return client_for(world.coordinator).post(
        reverse("partnerships:advance", args=[world.partnership.code]),
        {"from_phase": world.partnership.phase},
    )


def test_the_scoping_gate_refuses_with_each_message(world, client_for):
    in_english(world.coordinator)
    response = advance(world, client_for)
    body = response.content.decode()
    assert response.status_code == 409
    assert "A problem statement (now: none)." in body
    assert (
        "At least one need backed by evidence and not flagged as a wish (now 0 of 0 needs)." in body
    )
    assert "The suitability check answered (now: not answered)." in body
    world.partnership.refresh_from_db()
    assert world.partnership.phase == Phase.SCOPING and not PhaseTransition.objects.exists()


def test_a_need_backed_by_evidence_but_declared_a_wish_does_not_pass(world):
    source = make_evidence(world.partnership)
    make_need(world.partnership, evidence=[source], driven_by_ambition=True, driver_note="Ambisi")
    make_need(world.partnership)
    assert not check(world.partnership, "evidence_backed_need").passed
    make_need(world.partnership, evidence=[source])
    assert check(world.partnership, "evidence_backed_need").passed


def test_the_scoping_gate_passes_and_the_partnership_moves_on(world, client_for):
    make_problem(world.partnership)
    make_need(world.partnership, evidence=[make_evidence(world.partnership)])
    answer_suitability(world.partnership, world.coordinator, contract_enough="yes")
    result = gates.run_gate(world.partnership)
    assert result.passed, [c.message for c in result.failed]
    assert advance(world, client_for).status_code == 302
    world.partnership.refresh_from_db()
    assert world.partnership.phase == Phase.IDENTIFYING
    assert {r["code"] for r in PhaseTransition.objects.get().gate_results} >= {
        "problem_statement",
        "evidence_backed_need",
        "suitability_answered",
    }


def test_an_empty_statement_is_no_statement(world):
    make_problem(world.partnership, statement="   ")
    assert not check(world.partnership, "problem_statement").passed


@pytest.fixture
def identifying(db):
    return build_world(phase=Phase.IDENTIFYING)


def test_the_identifying_gate_names_the_partners_without_an_unconflicted_assessment(
    identifying, client_for
):
    world = identifying
    in_english(world.coordinator)
    make_assessment(world.partner_a, world.coordinator)
    make_assessment(
        world.partner_b, world.coordinator, conflict_note="Saya pernah menjadi konsultannya"
    )
    make_assessment(broker(world), world.partner_user, submitted=False)
    response = advance(world, client_for)
    body = response.content.decode()
    assert response.status_code == 409
    assert (
        "Each confirmed partner assessed by an assessor without a conflict of interest (not yet:"
        in body
    )
    message = str(check(world.partnership, "assessed_without_conflict").message)
    assert "Dinas Kesehatan" in message and "Sekretariat Kemitraan" in message
    assert "PT Mitra Usaha" not in message
    world.partnership.refresh_from_db()
    assert world.partnership.phase == Phase.IDENTIFYING


def test_a_tie_in_the_register_makes_an_assessment_not_count(identifying):
    world = identifying
    make_assessment(world.partner_a, world.partner_b_user)
    make_assessment(world.partner_b, world.partner_user)
    make_assessment(broker(world), world.partner_b_user)
    assert check(world.partnership, "assessed_without_conflict").passed
    make_tie(world.partnership, world.partner_b_user, world.org_a, kind="financial")
    result = check(world.partnership, "assessed_without_conflict")
    assert not result.passed and "PT Mitra Usaha" in str(result.message)


def test_the_identifying_gate_passes_when_every_partner_is_assessed_without_conflict(
    identifying, client_for
):
    world = identifying
    make_assessment(world.partner_a, world.coordinator)
    make_assessment(world.partner_b, world.coordinator)
    make_assessment(broker(world), world.partner_user)
    result = gates.run_gate(world.partnership)
    assert result.passed, [c.message for c in result.failed]
    assert advance(world, client_for).status_code == 302
    world.partnership.refresh_from_db()
    assert world.partnership.phase == Phase.BUILDING


def test_without_confirmed_partners_the_check_says_so(world):
    world.partnership.partners.update(status="candidate")
    result = check(world.partnership, "assessed_without_conflict", Phase.IDENTIFYING)
    assert not result.passed and "no confirmed partner" in str(result.message)


def test_the_refusal_speaks_indonesian_by_default(world, client_for):
    body = advance(world, client_for).content.decode()
    assert "Rumusan masalah (sekarang: belum ada)." in body
