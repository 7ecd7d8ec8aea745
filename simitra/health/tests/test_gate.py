"""The Reviewing gate asks for a completed health-check round."""

import pytest
from django.utils import translation

from simitra.health import services
from simitra.partnerships import gates
from simitra.partnerships.models import Phase

from .conftest import answer, answer_all, open_round

pytestmark = pytest.mark.django_db


def health_check(partnership):
    with translation.override("en"):
        result = gates.run_gate(partnership, Phase.REVIEWING)
        check = next(c for c in result.checks if c.code == "health_check_completed")
        return check.passed, str(check.message)


def test_it_is_registered_on_the_reviewing_gate():
    assert "health_check_completed" in gates.registered_checks(Phase.REVIEWING)


def test_it_fails_without_a_round(reviewing):
    passed, message = health_check(reviewing.partnership)
    assert not passed
    assert message == (
        "A completed health-check round: every confirmed partner answered before it was closed "
        "(now no round yet)."
    )


def test_it_fails_while_the_round_is_open(reviewing):
    health_round = open_round(reviewing)
    answer_all(reviewing, health_round)
    passed, message = health_check(reviewing.partnership)
    assert not passed and "now a round is open" in message


def test_it_fails_when_a_partner_did_not_answer_before_closing(reviewing):
    health_round = open_round(reviewing)
    answer(health_round, reviewing.partner_user, reviewing.partner_a)
    services.close_round(health_round=health_round, closed_by=reviewing.coordinator)
    passed, message = health_check(reviewing.partnership)
    assert not passed and "a partner did not answer before closing" in message


def test_it_passes_with_a_completed_round(reviewing):
    health_round = open_round(reviewing)
    answer_all(reviewing, health_round)
    services.close_round(health_round=health_round, closed_by=reviewing.coordinator)
    open_round(reviewing, title="Berikutnya")
    passed, message = health_check(reviewing.partnership)
    assert passed and "now 1 completed round" in message


def test_it_speaks_indonesian_by_default(reviewing):
    result = gates.run_gate(reviewing.partnership, Phase.REVIEWING)
    check = next(c for c in result.checks if c.code == "health_check_completed")
    assert "Putaran cek kesehatan yang selesai" in str(check.message)
