from decimal import Decimal

import pytest

from simitra.resources.testing import make_pledge
from simitra.risks.contributions import contribution_shares

pytestmark = pytest.mark.django_db


def test_shares_follow_the_value_pledged(world):
    make_pledge(world.partner_a, value=300_000_000)
    make_pledge(world.partner_b, value=100_000_000)
    partners = list(world.partnership.confirmed_partners())
    shares, fallback = contribution_shares(world.partnership, partners)
    assert not fallback
    assert shares[world.partner_a.pk] == Decimal("0.75")
    assert shares[world.partner_b.pk] == Decimal("0.25")
    assert sum(shares.values()) == 1


def test_without_pledges_every_partner_gets_an_equal_share(world):
    partners = list(world.partnership.confirmed_partners())
    shares, fallback = contribution_shares(world.partnership, partners)
    assert fallback
    assert len(set(shares.values())) == 1
