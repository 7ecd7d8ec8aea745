import pytest
from django.utils import translation

from simitra.partnerships import gates
from simitra.partnerships.models import Phase
from simitra.resources.models import PledgeStatus
from simitra.resources.testing import make_pledge

pytestmark = pytest.mark.django_db


def check(world):
    result = gates.run_gate(world.partnership, Phase.BUILDING)
    return next(c for c in result.checks if c.code == "every_partner_contributes")


def test_it_fails_until_every_confirmed_partner_contributes(world):
    make_pledge(world.partner_a)
    with translation.override("id"):
        outcome = check(world)
    assert not outcome.passed
    assert "1 dari 3" in outcome.message
    assert "Dinas Kesehatan" in outcome.message and "Sekretariat Kemitraan" in outcome.message


def test_a_cancelled_pledge_does_not_count(world):
    for partner in world.partnership.confirmed_partners():
        make_pledge(partner)
    assert check(world).passed
    pledge = world.partner_b.pledges.get()
    pledge.status, pledge.cancel_reason = PledgeStatus.CANCELLED, "Batal"
    pledge.save()
    assert not check(world).passed
