import pytest
from django.urls import reverse
from django.utils import translation

from simitra.partnerships import gates, services
from simitra.partnerships.models import Phase, PhaseTransition
from simitra.partnerships.testing import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def identifying():
    return build_world(phase=Phase.IDENTIFYING)


def test_two_partners_from_two_sectors_pass_the_identifying_check(identifying):
    result = gates.run_gate(identifying.partnership)
    check = next(c for c in result.checks if c.code == "two_partners_two_sectors")
    assert check.passed


def test_the_check_fails_with_partners_of_one_sector(identifying):
    identifying.partner_b.status = "withdrawn"
    identifying.partner_b.save()
    identifying.org_a.sector = "ngo"
    identifying.org_a.save()
    result = gates.run_gate(identifying.partnership)
    check = next(c for c in result.checks if c.code == "two_partners_two_sectors")
    assert not check.passed
    with translation.override("id"):
        assert "2 mitra" in str(check.message)


def _break_gate(world):
    world.partner_a.status = "withdrawn"
    world.partner_a.save()
    world.partner_b.status = "withdrawn"
    world.partner_b.save()


def test_it_refuses_to_advance_through_a_failed_gate_with_each_message(identifying, client_for):
    _break_gate(identifying)
    client = client_for(identifying.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.post(
        reverse("partnerships:advance", args=[identifying.partnership.code]),
        {"from_phase": identifying.partnership.phase},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "At least 2 confirmed partners from at least 2 sectors" in body
    assert "now 1 confirmed partner" in body
    identifying.partnership.refresh_from_db()
    assert identifying.partnership.phase == Phase.IDENTIFYING
    assert not PhaseTransition.objects.exists()


def test_the_refusal_speaks_indonesian_by_default(identifying, client_for):
    _break_gate(identifying)
    response = client_for(identifying.coordinator).post(
        reverse("partnerships:advance", args=[identifying.partnership.code]),
        {"from_phase": identifying.partnership.phase},
    )
    assert "Minimal 2 mitra terkonfirmasi dari minimal 2 sektor" in response.content.decode()


def test_an_override_without_a_reason_is_refused(identifying):
    _break_gate(identifying)
    with pytest.raises(services.GateRefused) as refusal:
        services.advance_phase(
            partnership=identifying.partnership,
            moved_by=identifying.coordinator,
            override_reason="  ",
        )
    assert refusal.value.result.failed
    identifying.partnership.refresh_from_db()
    assert identifying.partnership.phase == Phase.IDENTIFYING


def test_an_override_with_a_reason_moves_on_and_is_logged(identifying, client_for):
    _break_gate(identifying)
    response = client_for(identifying.coordinator).post(
        reverse("partnerships:advance", args=[identifying.partnership.code]),
        {
            "from_phase": identifying.partnership.phase,
            "override_reason": "Mitra kedua menandatangani surat minat; konfirmasi menyusul.",
        },
    )
    assert response.status_code == 302
    identifying.partnership.refresh_from_db()
    assert identifying.partnership.phase == Phase.BUILDING
    transition = PhaseTransition.objects.get()
    assert transition.overridden and not transition.gate_passed
    assert transition.moved_by == identifying.coordinator
    assert "surat minat" in transition.reason
    assert transition.gate_results[0]["code"] == "two_partners_two_sectors"
    assert transition.gate_results[0]["passed"] is False


def test_a_passing_gate_moves_on_and_logs_the_results(identifying, monkeypatch):
    # Cycle apps add checks of their own to this gate; this test is about the framework, so it
    # runs with the foundation's own check only.
    own = gates._REGISTRY[Phase.IDENTIFYING]["two_partners_two_sectors"]
    monkeypatch.setitem(gates._REGISTRY, Phase.IDENTIFYING, {"two_partners_two_sectors": own})
    transition = services.advance_phase(
        partnership=identifying.partnership, moved_by=identifying.coordinator
    )
    assert transition.gate_passed and not transition.overridden
    assert transition.to_phase == Phase.BUILDING
    assert all(result["passed"] for result in transition.gate_results)


def test_going_back_is_always_allowed_and_logged(identifying, client_for):
    _break_gate(identifying)
    response = client_for(identifying.coordinator).post(
        reverse("partnerships:revert", args=[identifying.partnership.code]),
        {
            "from_phase": identifying.partnership.phase,
            "to_phase": Phase.SCOPING,
            "reason": "Masalah perlu dirumuskan ulang",
        },
    )
    assert response.status_code == 302
    identifying.partnership.refresh_from_db()
    assert identifying.partnership.phase == Phase.SCOPING
    transition = PhaseTransition.objects.get()
    assert transition.to_phase == Phase.SCOPING and transition.from_phase == Phase.IDENTIFYING


def test_it_cannot_go_back_to_a_later_phase(identifying):
    with pytest.raises(services.TransitionError):
        services.revert_phase(
            partnership=identifying.partnership,
            moved_by=identifying.coordinator,
            to_phase=Phase.MANAGING,
        )


def test_sustaining_has_no_next_phase(world):
    world.partnership.phase = Phase.SUSTAINING
    world.partnership.save()
    with pytest.raises(services.TransitionError):
        services.advance_phase(partnership=world.partnership, moved_by=world.coordinator)


def test_registered_checks_run_in_order():
    calls = []

    @gates.check(Phase.REVIEWING, "zz_test_check", order=999)
    def _check(partnership):
        calls.append(partnership)
        return gates.Check(passed=False, message="test")

    try:
        assert gates.registered_checks(Phase.REVIEWING)[-1] == "zz_test_check"
    finally:
        gates._REGISTRY[Phase.REVIEWING].pop("zz_test_check")


def test_a_closed_partnership_cannot_go_back(identifying, client_for):
    identifying.partnership.status = "terminated"
    identifying.partnership.save()
    client_for(identifying.coordinator).post(
        reverse("partnerships:revert", args=[identifying.partnership.code]),
        {"from_phase": identifying.partnership.phase, "to_phase": Phase.SCOPING},
    )
    identifying.partnership.refresh_from_db()
    assert identifying.partnership.phase == Phase.IDENTIFYING
    assert not PhaseTransition.objects.exists()


def test_a_move_back_from_a_page_left_open_is_refused_as_stale(world, client_for):
    """The second of two moves back from one page: the phases it offered are gone (the
    partnership is in the first phase), and it is refused with 409, not taken for a slip."""
    client = client_for(world.coordinator)
    world.partnership.phase = Phase.MANAGING
    world.partnership.save()
    url = reverse("partnerships:revert", args=[world.partnership.code])
    back = {"from_phase": Phase.MANAGING, "to_phase": Phase.SCOPING, "reason": "Revisi."}
    assert client.post(url, back).status_code == 302
    second = client.post(url, back)
    assert second.status_code == 409
    assert "dipindahkan" in second.content.decode()
    assert world.partnership.transitions.count() == 1


def test_a_phase_page_left_open_does_not_move_it_again(world, client_for):
    client = client_for(world.coordinator)
    url = reverse("partnerships:advance", args=[world.partnership.code])
    moving = {"from_phase": Phase.SCOPING, "override_reason": "Mitra menyusul."}
    assert client.post(url, moving).status_code == 302
    second = client.post(url, moving)
    assert second.status_code == 409
    assert "Partnership was moved meanwhile" not in second.content.decode()
    assert "dipindahkan" in second.content.decode()
    assert world.partnership.transitions.count() == 1
    # Without the phase it leaves, a move is not guessed at.
    assert client.post(url, {"override_reason": "x"}).status_code == 400
    assert world.partnership.transitions.count() == 1


def test_moves_are_numbered_and_one_step_is_kept_once(identifying):
    # Back and forward again leaves Identifying twice, rightly; each move has its own number,
    # and a second move written for a number already taken (two moves made from the same
    # state, past the row lock) is refused by the database.
    from django.db import IntegrityError, transaction

    partnership = identifying.partnership
    coordinator = identifying.coordinator
    services.revert_phase(partnership=partnership, moved_by=coordinator, to_phase=Phase.SCOPING)
    services.advance_phase(partnership=partnership, moved_by=coordinator, override_reason="x")
    services.advance_phase(partnership=partnership, moved_by=coordinator, override_reason="x")
    moves = list(partnership.transitions.order_by("number"))
    assert [(m.number, m.from_phase) for m in moves] == [
        (1, Phase.IDENTIFYING),
        (2, Phase.SCOPING),
        (3, Phase.IDENTIFYING),
    ]
    twin = PhaseTransition(
        partnership=partnership,
        from_phase=Phase.IDENTIFYING,
        to_phase=Phase.IDENTIFYING + 1,
        gate_passed=True,
        number=3,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
    assert partnership.transitions.count() == 3
